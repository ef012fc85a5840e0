import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Original uploaded files, content-addressed by sha256 under <dataDir>/files/ab/abcdef… */
export class FileStore {
  constructor(private readonly root: string) {
    fs.mkdirSync(root, { recursive: true });
  }

  static sha256(buf: Uint8Array): string {
    return crypto.createHash('sha256').update(buf).digest('hex');
  }

  pathOf(sha: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha)) throw new Error('not a sha256 hex digest');
    return path.join(this.root, sha.slice(0, 2), sha);
  }

  /** Writes the file once (atomically: temp file, fsync, rename); a second put of the same bytes is a no-op. */
  put(buf: Uint8Array): string {
    const sha = FileStore.sha256(buf);
    const dest = this.pathOf(sha);
    if (fs.existsSync(dest)) return sha;
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    const tmp = `${dest}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeSync(fd, buf);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, dest);
    return sha;
  }

  get(sha: string): Buffer | null {
    const p = this.pathOf(sha);
    return fs.existsSync(p) ? fs.readFileSync(p) : null;
  }

  has(sha: string): boolean {
    return fs.existsSync(this.pathOf(sha));
  }

  remove(sha: string): void {
    fs.rmSync(this.pathOf(sha), { force: true });
  }
}
