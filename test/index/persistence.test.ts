import { readFileSync, writeFileSync, existsSync, truncateSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openVectorIndex, pathsFor, VectorIndex, type OpenOptions, type VectorRecord } from '../../src/index/index.js';
import { parseHnswFile } from '../../src/index/hnsw-file.js';
import { createHash } from 'node:crypto';
import { ID0, dataset, records, row, tempDir } from './helpers.js';

const DIM = 32;
const N = 1500;
const data = dataset(N, DIM, 3);
const all = records(data.base);

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

function options(over: Partial<OpenOptions> = {}, rows: VectorRecord[] = all): OpenOptions {
  return {
    dir,
    name: 'cv-chunks',
    expect: { modelId: 'use-lite', dim: DIM, count: rows.length, lastSeq: 5 },
    source: () => rows,
    ...over,
  };
}

/** Builds, saves and returns the index that later opens should load. */
async function saved(): Promise<VectorIndex> {
  const first = await openVectorIndex(options());
  expect(first.status).toBe('rebuilt');
  expect(first.reason).toEqual({ kind: 'missing', file: 'index' });
  return first.index;
}

function ids(index: VectorIndex, i: number, ef?: number): number[] {
  return index.search(row(data.queries, i), 10, ef ? { ef } : undefined).map((h) => h.id);
}

describe('save and load', () => {
  it('round trip keeps results, ef, deletions and lastSeq', async () => {
    const a = await saved();
    a.setEf(40);
    a.remove(ID0 + 5);
    a.remove(ID0 + 6);
    await a.save(dir, { lastSeq: 9 });
    const manifest = JSON.parse(readFileSync(pathsFor(dir, 'cv-chunks').manifest, 'utf8')) as Record<string, unknown>;
    expect(manifest).toMatchObject({ name: 'cv-chunks', modelId: 'use-lite', dim: DIM, count: N - 2, deleted: 2, lastSeq: 9, ef: 40, M: 16, efConstruction: 200, space: 'ip' });

    const b = await openVectorIndex(options({ expect: { modelId: 'use-lite', dim: DIM, count: N - 2, lastSeq: 9 } }));
    expect(b.status).toBe('loaded');
    expect(b.reason).toBeUndefined();
    const idx = b.index;
    expect(idx.ef).toBe(40);
    expect(idx.count).toBe(N - 2);
    expect(idx.deleted).toBe(2);
    expect(idx.lastSeq).toBe(9);
    expect(idx.has(ID0 + 5)).toBe(false);
    let differsAtEf10 = false;
    for (let i = 0; i < 50; i++) {
      expect(ids(idx, i)).toEqual(ids(a, i));
      if (ids(a, i, 10).join() !== ids(a, i).join()) differsAtEf10 = true;
    }
    // hnswlib reloads with ef = 10; equal results at ef 40 prove ef was set again (ef 10 gives other results)
    expect(differsAtEf10).toBe(true);
    // exact search over the loaded copy of the vectors
    const allowed = [ID0 + 1, ID0 + 2, ID0 + 3, ID0 + 5];
    expect(idx.search(row(data.base, 2), 4, { allowed }).map((h) => h.id)).toEqual(a.search(row(data.base, 2), 4, { allowed }).map((h) => h.id));
    // and the loaded index keeps working: add, grow, remove
    idx.add(ID0 + 5, row(data.base, 5));
    expect(idx.search(row(data.base, 5), 1)[0]!.id).toBe(ID0 + 5);
  });

  it('the file parser recovers labels, deleted marks and vectors', async () => {
    const a = await saved();
    a.remove(ID0 + 100);
    await a.save(dir);
    const buf = readFileSync(pathsFor(dir, 'cv-chunks').index);
    const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
    const f = parseHnswFile(ab, DIM, { vectors: true });
    expect(f.header.count).toBe(N);
    expect(Array.from(f.labels.subarray(0, N))).toEqual(all.map((r) => r.id));
    expect(f.deletedCount).toBe(1);
    expect(f.deleted[100]).toBe(1);
    const sv = f.vectors!;
    const v = sv.data.subarray(sv.offset + 7 * sv.stride, sv.offset + 7 * sv.stride + DIM);
    const src = row(data.base, 7);
    for (let j = 0; j < DIM; j++) expect(v[j]).toBeCloseTo(src[j]!, 6);
  });
});

describe('a loaded index keeps working', () => {
  it('adds past capacity, updates loaded slots, and stays exact over loaded and new vectors', async () => {
    await saved();
    const more = dataset(1000, DIM, 4);
    const { index } = await openVectorIndex(options());
    const cap = index.capacity;
    for (let i = 0; i < more.base.n; i++) index.add(ID0 + N + i, row(more.base, i));
    expect(index.capacity).toBeGreaterThan(cap);
    // overwrite a few loaded slots with vectors of the new set
    for (let i = 0; i < 20; i++) index.add(ID0 + i, row(more.base, 500 + i));
    const vecOf = (id: number): Float32Array => (id - ID0 < 20 ? row(more.base, 500 + id - ID0) : id - ID0 < N ? row(data.base, id - ID0) : row(more.base, id - ID0 - N));
    const allowed = Array.from({ length: N + 1000 }, (_, i) => ID0 + i).filter((id) => id % 9 === 0 || id - ID0 < 20);
    for (let qi = 0; qi < 10; qi++) {
      const q = row(data.queries, qi);
      const hits = index.search(q, 10, { allowed, plan: 'exact' });
      const truth = allowed
        .map((id) => {
          const v = vecOf(id);
          let d = 0;
          for (let j = 0; j < DIM; j++) d += q[j]! * v[j]!;
          return { id, score: d / Math.hypot(...v) / Math.hypot(...q) };
        })
        .sort((a, b) => b.score - a.score)
        .slice(0, 10);
      expect(hits.map((h) => h.id)).toEqual(truth.map((h) => h.id));
    }
    // compaction from the in-memory copy carries loaded and new vectors alike
    for (let i = 20; i < 600; i++) index.remove(ID0 + i);
    await index.compact('copy');
    expect(index.deleted).toBe(0);
    expect(index.count).toBe(N + 1000 - 580);
    expect(index.search(row(more.base, 503), 1)[0]!.id).toBe(ID0 + 3);
    expect(index.search(row(more.base, 900), 1)[0]!.id).toBe(ID0 + N + 900);
    expect(index.search(row(data.base, 1200), 1)[0]!.id).toBe(ID0 + 1200);
  });
});

describe('rebuild on mismatch', () => {
  const cases: [string, Partial<OpenOptions['expect']>][] = [
    ['modelId', { modelId: 'other-model' }],
    ['dim', { dim: DIM + 1 }],
    ['count', { count: N - 1 }],
    ['lastSeq', { lastSeq: 6 }],
  ];
  it.each(cases)('a different %s triggers a rebuild that names the field', async (field, change) => {
    await saved();
    const expectNow = { modelId: 'use-lite', dim: DIM, count: N, lastSeq: 5, ...change };
    const rows =
      field === 'dim' ? all.map((r) => ({ id: r.id, vector: Float32Array.from([...r.vector, 0.5]) }))
      : field === 'count' ? all.slice(0, N - 1)
      : all;
    const r = await openVectorIndex(options({ expect: expectNow }, rows));
    expect(r.status).toBe('rebuilt');
    expect(r.reason).toMatchObject({ kind: 'manifest-mismatch', field });
    expect(r.index.count).toBe(expectNow.count);
    expect(r.index.lastSeq).toBe(expectNow.lastSeq);
    // the rebuilt index was saved: the same expectation now loads
    const again = await openVectorIndex(options({ expect: expectNow }, rows));
    expect(again.status).toBe('loaded');
  });

  it('a different M is a mismatch too', async () => {
    await saved();
    const r = await openVectorIndex(options({ params: { M: 8 } }));
    expect(r.reason).toMatchObject({ kind: 'manifest-mismatch', field: 'M', expected: 8, found: 16 });
  });
});

describe('corruption is detected and rebuilt, never trusted', () => {
  const indexPath = (): string => pathsFor(dir, 'cv-chunks').index;
  const manifestPath = (): string => pathsFor(dir, 'cv-chunks').manifest;

  async function expectRebuilt(kind: string): Promise<void> {
    const r = await openVectorIndex(options());
    expect(r.status).toBe('rebuilt');
    expect(r.reason?.kind).toBe(kind);
    expect(r.index.count).toBe(N);
    expect(r.index.search(row(data.base, 9), 1)[0]!.id).toBe(ID0 + 9);
    expect((await openVectorIndex(options())).status).toBe('loaded');
  }

  it('flipped bytes in the vectors, the links and the header', async () => {
    await saved();
    const size = readFileSync(indexPath()).byteLength;
    for (const at of [10, 200, Math.floor(size / 2), size - 3]) {
      const b = readFileSync(indexPath());
      b[at] = b[at]! ^ 0xff;
      writeFileSync(indexPath(), b);
      await expectRebuilt('checksum-mismatch');
    }
  });

  it('a truncated file', async () => {
    await saved();
    truncateSync(indexPath(), 4096);
    await expectRebuilt('checksum-mismatch');
    truncateSync(indexPath(), 0);
    await expectRebuilt('checksum-mismatch');
  });

  it('a damaged file whose manifest was rewritten to match is caught by the layout check', async () => {
    await saved();
    const b = readFileSync(indexPath());
    b.writeUInt32LE(0xffffff, 16); // element count in the header
    writeFileSync(indexPath(), b);
    const m = JSON.parse(readFileSync(manifestPath(), 'utf8')) as Record<string, unknown>;
    m.checksum = createHash('sha256').update(b).digest('hex');
    writeFileSync(manifestPath(), JSON.stringify(m));
    await expectRebuilt('read-error');
  });

  it('a garbled or missing manifest, a missing index file', async () => {
    await saved();
    writeFileSync(manifestPath(), '{"version": 1, "name": ');
    await expectRebuilt('read-error');
    writeFileSync(manifestPath(), JSON.stringify({ version: 1, name: 'cv-chunks' }));
    await expectRebuilt('read-error');
    writeFileSync(manifestPath(), '');
    await expectRebuilt('read-error');
    const { rmSync } = await import('node:fs');
    rmSync(manifestPath());
    const r = await openVectorIndex(options());
    expect(r.reason).toEqual({ kind: 'missing', file: 'manifest' });
    rmSync(indexPath());
    expect((await openVectorIndex(options())).reason).toEqual({ kind: 'missing', file: 'index' });
  });

  it('leaves no temp files behind', async () => {
    await saved();
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(dir).sort()).toEqual(['cv-chunks.hnsw', 'cv-chunks.manifest.json']);
  });
});

describe('named indexes', () => {
  it("'cv-chunks' and 'jobs' in one directory keep their own files and contents", async () => {
    const jobs = dataset(300, 16, 99);
    const jobRows = records(jobs.base).map((r) => ({ id: r.id - ID0 + 1, vector: r.vector }));
    const cv = await openVectorIndex(options());
    const jb = await openVectorIndex({
      dir,
      name: 'jobs',
      expect: { modelId: 'use-lite', dim: 16, count: 300, lastSeq: 2 },
      source: () => jobRows,
    });
    expect(existsSync(pathsFor(dir, 'jobs').index)).toBe(true);
    expect(existsSync(pathsFor(dir, 'cv-chunks').index)).toBe(true);
    const cv2 = await openVectorIndex(options());
    const jb2 = await openVectorIndex({ dir, name: 'jobs', expect: { modelId: 'use-lite', dim: 16, count: 300, lastSeq: 2 }, source: () => jobRows });
    expect([cv2.status, jb2.status]).toEqual(['loaded', 'loaded']);
    expect(cv2.index.count).toBe(N);
    expect(jb2.index.count).toBe(300);
    expect(jb2.index.dim).toBe(16);
    expect(jb2.index.search(row(jobs.base, 4), 1)[0]!.id).toBe(5);
    expect(cv2.index.search(row(data.base, 4), 1)[0]!.id).toBe(ID0 + 4);
    expect(cv.index.name).toBe('cv-chunks');
    expect(jb.index.name).toBe('jobs');
  });
});
