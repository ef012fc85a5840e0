import fs from 'node:fs';
import path from 'node:path';

const held = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One alert sender per data folder: `<dataDir>/alerts.lock` holds the sender's pid. A lock left by
 * a process that died (crash, SIGKILL) is taken over, and only then are that process's in-flight
 * claims released, so no live sender's claim is ever released under it.
 */
export class SenderLock {
  private mine = false;
  readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'alerts.lock');
  }

  get isHeld(): boolean {
    return this.mine;
  }

  /** Takes the lock; false when another live sender holds it. */
  acquire(): boolean {
    if (this.mine) return true;
    if (held.has(this.file)) return false;
    try {
      fs.writeFileSync(this.file, String(process.pid), { flag: 'wx', mode: 0o600 });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(fs.readFileSync(this.file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) return false;
      fs.writeFileSync(this.file, String(process.pid), { mode: 0o600 });
    }
    held.add(this.file);
    this.mine = true;
    return true;
  }

  release(): void {
    if (!this.mine) return;
    this.mine = false;
    held.delete(this.file);
    try {
      if (fs.readFileSync(this.file, 'utf8').trim() === String(process.pid)) fs.unlinkSync(this.file);
    } catch {
      /* already gone */
    }
  }
}
