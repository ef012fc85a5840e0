/** File helpers for the index: paths, atomic writes (temp + fsync + rename), checksums. */
import { createHash } from 'node:crypto';
import { open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface IndexPaths {
  index: string;
  manifest: string;
}

/** Index names become file names: lower-case letters, digits and dashes only. */
export const NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

export function pathsFor(dir: string, name: string): IndexPaths {
  return { index: join(dir, `${name}.hnsw`), manifest: join(dir, `${name}.manifest.json`) };
}

export function tempPath(path: string): string {
  return `${path}.tmp-${process.pid}-${Date.now().toString(36)}`;
}

export async function fsyncFile(path: string): Promise<void> {
  const fh = await open(path, 'r+');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** fsync of the directory, so that a rename survives a crash (ignored where unsupported). */
export async function fsyncDir(dir: string): Promise<void> {
  let fh;
  try {
    fh = await open(dir, 'r');
    await fh.sync();
  } catch {
    /* some file systems refuse fsync on a directory */
  } finally {
    await fh?.close();
  }
}

/** Writes `text` to `path` atomically: temp file, fsync, rename. */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const tmp = tempPath(path);
  const fh = await open(tmp, 'w');
  try {
    await fh.writeFile(text);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, path);
}

/** Reads a whole file into a fresh (4-byte aligned) ArrayBuffer. */
export async function readWhole(path: string): Promise<ArrayBuffer> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const ab = new ArrayBuffer(size);
    const view = new Uint8Array(ab);
    let off = 0;
    while (off < size) {
      const { bytesRead } = await fh.read(view, off, Math.min(size - off, 1 << 26), off);
      if (bytesRead === 0) break;
      off += bytesRead;
    }
    if (off !== size) throw new Error(`short read: ${off} of ${size} bytes`);
    return ab;
  } finally {
    await fh.close();
  }
}

export function sha256(buf: ArrayBuffer): string {
  return createHash('sha256').update(new Uint8Array(buf)).digest('hex');
}

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

export async function removeQuietly(path: string): Promise<void> {
  await rm(path, { force: true });
}
