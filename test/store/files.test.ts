import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { FileStore } from '../../src/store/index.js';

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-files-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const list = (): string[] => (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(root, f)).isFile()).sort();

it('deletes temp files left by a killed write when it opens, and keeps stored files and temp files of a running writer', () => {
  const first = new FileStore(root);
  const sha = first.put(Buffer.from('a stored CV'));
  const dir = path.dirname(first.pathOf(sha));
  // A writer that has exited (its pid is free again), one with a name from elsewhere, and one that is still running (this process).
  const gone = spawnSync(process.execPath, ['-e', '']).pid;
  expect(gone).toBeGreaterThan(0);
  const dead = `${sha}.${gone}.0a1b2c3d.tmp`;
  const odd = 'half-written.tmp';
  const live = `${'b'.repeat(64)}.${process.pid}.deadbeef.tmp`;
  for (const f of [dead, odd, live]) fs.writeFileSync(path.join(dir, f), 'partial');
  fs.writeFileSync(path.join(root, 'not-a-shard.tmp'), 'outside the shard folders');

  const reopened = new FileStore(root);
  expect(reopened.removedTempFiles).toBe(2);
  expect(list()).toEqual([path.join(path.basename(dir), sha), path.join(path.basename(dir), live), 'not-a-shard.tmp'].sort());
  expect(reopened.get(sha)?.toString()).toBe('a stored CV');
});
