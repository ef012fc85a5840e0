/**
 * A saved index whose labels were changed and whose manifest was rewritten to match (checksum and
 * size) passes every file check; only comparing its labels with the store's ids shows it. With
 * `expectIds` it is rebuilt, not trusted.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openVectorIndex, pathsFor, type OpenOptions, type VectorRecord } from '../../src/index/index.js';

const DIM = 16;
const rows: VectorRecord[] = Array.from({ length: 300 }, (_, i) => {
  const v = new Float32Array(DIM).map((_, j) => Math.sin(i * 7 + j * 3) + (j === i % DIM ? 2 : 0));
  const n = Math.hypot(...v);
  return { id: 500 + i, vector: v.map((x) => x / n) };
});
let dir: string;
const options = (over: Partial<OpenOptions> = {}): OpenOptions => ({ dir, name: 'cv-chunks', expect: { modelId: 'm', dim: DIM, count: rows.length, lastSeq: 3 }, source: () => rows, ...over });

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-index-ids-'));
  expect((await openVectorIndex(options())).status).toBe('rebuilt');
  // Move every label to an id the store does not have, and forge the manifest to fit.
  const p = pathsFor(dir, 'cv-chunks');
  const buf = fs.readFileSync(p.index);
  const count = Number(buf.readBigUInt64LE(16));
  const sizePer = Number(buf.readBigUInt64LE(24));
  const labelOffset = Number(buf.readBigUInt64LE(32));
  for (let s = 0; s < count; s++) buf.writeBigUInt64LE(BigInt(90_000 + s), 96 + s * sizePer + labelOffset);
  fs.writeFileSync(p.index, buf);
  const m = JSON.parse(fs.readFileSync(p.manifest, 'utf8')) as Record<string, unknown>;
  fs.writeFileSync(p.manifest, JSON.stringify({ ...m, checksum: createHash('sha256').update(buf).digest('hex'), bytes: buf.byteLength }));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('without the store ids, a forged file passes the file checks (what the ids check is for)', async () => {
  const r = await openVectorIndex({ ...options(), saveAfterRebuild: false });
  expect(r.status).toBe('loaded');
  expect(r.index.has(500)).toBe(false);
});

it('with the store ids, labels that differ from them mean a rebuild from the store', async () => {
  const r = await openVectorIndex(options({ expectIds: () => rows.map((x) => x.id), saveAfterRebuild: false }));
  expect(r.status).toBe('rebuilt');
  expect(r.reason).toMatchObject({ kind: 'read-error' });
  expect(String((r.reason as { message: string }).message)).toMatch(/ids are not labels in the file/);
  expect(rows.every((x) => r.index.has(x.id))).toBe(true);
});

it('an intact file with the same ids still loads', async () => {
  const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-index-ids-ok-'));
  try {
    await openVectorIndex(options({ dir: fresh }));
    const r = await openVectorIndex(options({ dir: fresh, expectIds: () => rows.map((x) => x.id) }));
    expect(r.status).toBe('loaded');
  } finally {
    fs.rmSync(fresh, { recursive: true, force: true });
  }
});
