import { beforeAll, describe, expect, it } from 'vitest';
import { choosePlan, overfetchK, VectorIndex } from '../../src/index/index.js';
import { TopK } from '../../src/index/exact.js';
import { createRng, sampleDistinct } from '../../bench/lib/prng.js';
import { ID0, bruteForce, dataset, recall, records, row } from './helpers.js';

const DIM = 48;
const N = 3000;
const data = dataset(N, DIM, 5);
let index: VectorIndex;

function allowedIds(share: number, seed: number): number[] {
  const picks = sampleDistinct(createRng(seed), N, Math.max(1, Math.round(N * share)));
  return Array.from(picks, (i) => ID0 + i);
}

beforeAll(() => {
  index = new VectorIndex({ name: 'filter', dim: DIM, modelId: 'm' });
  for (const r of records(data.base)) index.add(r.id, r.vector);
});

describe('filtered search', () => {
  it('returns only allowed ids, for every way of giving them and every plan', () => {
    const ids = allowedIds(0.2, 1);
    const set = new Set(ids);
    const forms = { set, u32: Uint32Array.from(ids), arr: ids } as const;
    for (const plan of [undefined, 'exact', 'hnsw-filter', 'overfetch'] as const) {
      for (const [form, allowed] of Object.entries(forms)) {
        for (let i = 0; i < 10; i++) {
          const hits = index.search(row(data.queries, i), 10, { allowed, plan });
          expect(hits.length, `${plan} ${form}`).toBe(10);
          for (const h of hits) expect(set.has(h.id), `${plan} ${form} ${h.id}`).toBe(true);
        }
      }
      const viaFilter = index.search(row(data.queries, 0), 10, { filter: (id) => set.has(id), plan });
      expect(viaFilter.every((h) => set.has(h.id))).toBe(true);
    }
  });

  it('is exact (same ids and scores as brute force) at high selectivity, through the planner', () => {
    for (const share of [0.01, 0.03]) {
      const ids = allowedIds(share, 2);
      const set = new Set(ids);
      for (let i = 0; i < 20; i++) {
        const q = row(data.queries, i);
        const hits = index.search(q, 10, { allowed: Uint32Array.from(ids) });
        expect(index.lastPlan).toBe('exact');
        const truth = bruteForce(data.base, q, 10, (id) => set.has(id));
        expect(hits.map((h) => h.id)).toEqual(truth.map((h) => h.id));
        hits.forEach((h, j) => expect(h.score).toBeCloseTo(truth[j]!.score, 5));
      }
    }
  });

  it('a selective predicate (no id list) is also planned as exact and is exact', () => {
    const pred = (id: number): boolean => id % 97 === 0;
    const q = row(data.queries, 7);
    const hits = index.search(q, 5, { filter: pred });
    expect(index.lastPlan).toBe('exact');
    expect(hits.map((h) => h.id)).toEqual(bruteForce(data.base, q, 5, pred).map((h) => h.id));
  });

  it('the HNSW plans (filter callback, overfetch) keep high recall at low selectivity', () => {
    const ids = allowedIds(0.5, 3);
    const set = new Set(ids);
    for (const plan of ['hnsw-filter', 'overfetch'] as const) {
      let sum = 0;
      for (let i = 0; i < 30; i++) {
        const q = row(data.queries, i);
        sum += recall(index.search(q, 10, { allowed: set, plan }), bruteForce(data.base, q, 10, (id) => set.has(id)));
      }
      expect(sum / 30, plan).toBeGreaterThan(0.95);
    }
  });

  it('skips deleted and unknown ids in the allowed list; an empty list gives nothing', () => {
    const local = new VectorIndex({ name: 'filter-del', dim: DIM, modelId: 'm' });
    for (const r of records(data.base, 0, 500)) local.add(r.id, r.vector);
    const allowed = [ID0 + 1, ID0 + 2, ID0 + 3, 5_000_000];
    local.remove(ID0 + 2);
    for (const plan of ['exact', 'hnsw-filter', 'overfetch'] as const) {
      const ids = local.search(row(data.base, 2), 10, { allowed, plan }).map((h) => h.id).sort();
      expect(ids, plan).toEqual([ID0 + 1, ID0 + 3]);
    }
    expect(local.search(row(data.base, 2), 10, { allowed: [] })).toEqual([]);
  });

  it('handles sparse, very large ids (no bitset over 2^32 labels)', () => {
    const local = new VectorIndex({ name: 'sparse', dim: DIM, modelId: 'm' });
    const big = (i: number): number => 0xffffffff - i * 1_000_003;
    for (let i = 0; i < 400; i++) local.add(big(i), row(data.base, i));
    const allowed = Array.from({ length: 200 }, (_, i) => big(i * 2));
    const set = new Set(allowed);
    for (const plan of ['hnsw-filter', 'overfetch', 'exact'] as const) {
      const hits = local.search(row(data.base, 10), 10, { allowed, plan });
      expect(hits[0]!.id, plan).toBe(big(10));
      expect(hits.every((h) => set.has(h.id)), plan).toBe(true);
    }
  });

  it('exact search without the JS copy matches, via getPoint and via getVectors', () => {
    const byId = new Map(records(data.base, 0, 800).map((r) => [r.id, r.vector]));
    let calls = 0;
    const viaPoint = new VectorIndex({ name: 'nocopy', dim: DIM, modelId: 'm', keepVectors: false });
    const viaCaller = new VectorIndex({
      name: 'caller',
      dim: DIM,
      modelId: 'm',
      keepVectors: false,
      getVectors: (ids) => {
        calls++;
        return ids.map((id) => byId.get(id));
      },
    });
    for (const [id, v] of byId) {
      viaPoint.add(id, v);
      viaCaller.add(id, v);
    }
    const ids = Array.from(byId.keys()).filter((id) => id % 10 === 0);
    const set = new Set(ids);
    const q = row(data.queries, 1);
    const truth = bruteForce(data.base, q, 10, (id) => set.has(id) && byId.has(id)).map((h) => h.id);
    expect(viaPoint.search(q, 10, { allowed: ids, plan: 'exact' }).map((h) => h.id)).toEqual(truth);
    expect(viaCaller.search(q, 10, { allowed: ids, plan: 'exact' }).map((h) => h.id)).toEqual(truth);
    expect(calls).toBe(1);
  });
});

describe('planner', () => {
  it('chooses exact for small or selective sets, overfetch for broad ones, the filter between', () => {
    const plan = (allowed: number, live: number, dim = 384, exactCost = 1): string => choosePlan({ allowed, live, k: 10, dim, exactCost });
    expect(plan(0, 100_000)).toBe('exact');
    expect(plan(5, 100_000)).toBe('exact');
    expect(plan(1_000, 100_000)).toBe('exact'); // 1%
    expect(plan(4_000, 100_000)).toBe('exact'); // 4%
    expect(plan(10_000, 100_000)).toBe('hnsw-filter'); // 10%
    expect(plan(50_000, 100_000)).toBe('overfetch'); // 50%
    expect(plan(20_000, 100_000)).toBe('overfetch'); // 20%
    expect(plan(5_500, 100_000)).toBe('exact'); // 5.5%, below the measured crossover
    // small subsets stay exact in small indexes, by work (allowed × dim)
    expect(plan(1_000, 2_000)).toBe('exact');
    expect(plan(1_000, 2_000, 768)).toBe('overfetch');
    expect(plan(4_000, 1_000_000, 64)).toBe('exact');
    // dearer exact scoring (getPoint) moves the crossover down
    expect(plan(1_000, 100_000, 384, 70)).toBe('hnsw-filter');
    expect(plan(20, 100_000, 384, 70)).toBe('exact');
    expect(overfetchK(10, 0.5, 100_000)).toBe(40);
    expect(overfetchK(10, 0.5, 30)).toBe(30);
  });

  it('TopK keeps the k best, best first', () => {
    const rng = createRng(9);
    const top = new TopK();
    for (const k of [1, 3, 10, 50]) {
      const scores = Array.from({ length: 200 }, () => rng.next());
      top.reset(k);
      scores.forEach((s, i) => top.push(i, s));
      const want = scores.map((s, i) => ({ id: i, score: s })).sort((a, b) => b.score - a.score).slice(0, k);
      expect(top.drain()).toEqual(want);
    }
  });
});
