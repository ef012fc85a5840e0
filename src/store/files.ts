import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Original uploaded files, content-addressed by sha256 under <dataDir>/files/ab/abcdef… */
export class FileStore {
  /** Leftover temp files of interrupted writes removed when this store was opened. */
  readonly removedTempFiles: number;

  constructor(private readonly root: string) {
    fs.mkdirSync(root, { recursive: true });
    this.removedTempFiles = this.removeLeftovers();
  }

  /**
   * Deletes `*.tmp` files left by a write that was killed between creating and renaming its temp
   * file. A temp file whose writer (the pid in its name) is still running is left alone: another
   * process (the CLI, say) may be writing into the same store.
   */
  private removeLeftovers(): number {
    let removed = 0;
    for (const dir of fs.readdirSync(this.root, { withFileTypes: true })) {
      if (!dir.isDirectory() || !/^[0-9a-f]{2}$/.test(dir.name)) continue;
      const sub = path.join(this.root, dir.name);
      for (const name of fs.readdirSync(sub)) {
        if (!name.endsWith('.tmp')) continue;
        const pid = Number(/\.(\d+)\.[0-9a-f]+\.tmp$/.exec(name)?.[1]);
        if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) continue;
        fs.rmSync(path.join(sub, name), { force: true });
        removed++;
      }
    }
    return removed;
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

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, under another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
