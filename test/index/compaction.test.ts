import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openVectorIndex, VectorIndex, type VectorRecord } from '../../src/index/index.js';
import { ID0, bruteForce, dataset, recall, records, row, tempDir } from './helpers.js';

const DIM = 32;
const N = 2000;
const data = dataset(N, DIM, 21);

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

function filled(opts: { source?: () => VectorRecord[] } = {}): VectorIndex {
  const index = new VectorIndex({ name: 'compact', dim: DIM, modelId: 'm', source: opts.source });
  for (const r of records(data.base)) index.add(r.id, r.vector);
  return index;
}

const removedIds = Array.from({ length: N }, (_, i) => ID0 + i).filter((id) => id % 3 === 0);

describe('compaction', () => {
  it('is due past the threshold and rebuilds without the deleted slots', async () => {
    const index = filled();
    for (const id of removedIds.slice(0, 300)) index.remove(id);
    expect(index.needsCompaction()).toBe(false); // 300 / 2000 = 15% < 20%
    for (const id of removedIds.slice(300)) index.remove(id);
    expect(index.needsCompaction()).toBe(true);
    expect(await index.compactIfNeeded()).toBe(true);
    expect(index.deleted).toBe(0);
    expect(index.count).toBe(N - removedIds.length);
    expect(index.needsCompaction()).toBe(false);
    const gone = new Set(removedIds);
    let r = 0;
    for (let i = 0; i < 30; i++) {
      const q = row(data.queries, i);
      const hits = index.search(q, 10);
      expect(hits.some((h) => gone.has(h.id))).toBe(false);
      r += recall(hits, bruteForce(data.base, q, 10, undefined, gone));
    }
    expect(r / 30).toBeGreaterThan(0.97);
    expect(await index.compactIfNeeded()).toBe(false);
  });

  it('reads live vectors from the source (the store) when one is given', async () => {
    const gone = new Set(removedIds);
    const live = records(data.base).filter((r) => !gone.has(r.id));
    let reads = 0;
    const index = filled({
      source: () => {
        reads++;
        return live;
      },
    });
    for (const id of removedIds) index.remove(id);
    await index.compact();
    expect(reads).toBe(1);
    expect(index.count).toBe(live.length);
  });

  it('adds and removes made while compacting survive the swap', async () => {
    const index = filled();
    for (const id of removedIds) index.remove(id);
    const running = index.compact();
    // compaction yields to the event loop between batches; these land mid-rebuild
    await new Promise((r) => setImmediate(r));
    index.add(ID0 + N + 1, row(data.queries, 0));
    index.remove(ID0 + 1);
    index.add(ID0 + 3, row(data.base, 3)); // revive one that was deleted before
    await running;
    expect(index.has(ID0 + N + 1)).toBe(true);
    expect(index.has(ID0 + 1)).toBe(false);
    expect(index.has(ID0 + 3)).toBe(true);
    expect(index.deleted).toBe(1);
    expect(index.search(row(data.queries, 0), 1)[0]!.id).toBe(ID0 + N + 1);
  });

  it('open() compacts a loaded index that is over the threshold', async () => {
    const rows = records(data.base);
    const first = await openVectorIndex({ dir, name: 'jobs', expect: { modelId: 'm', dim: DIM, count: N, lastSeq: 1 }, source: () => rows });
    for (const id of removedIds) first.index.remove(id, 2);
    await first.index.save(dir);
    const gone = new Set(removedIds);
    const live = rows.filter((r) => !gone.has(r.id));
    const again = await openVectorIndex({ dir, name: 'jobs', expect: { modelId: 'm', dim: DIM, count: live.length, lastSeq: 2 }, source: () => live });
    expect(again.status).toBe('loaded');
    expect(again.compacted).toBe(true);
    expect(again.index.deleted).toBe(0);
    expect(again.index.count).toBe(live.length);
  });
});
