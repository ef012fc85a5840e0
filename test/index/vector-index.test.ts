import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/index.js';
import { VectorIndex } from '../../src/index/index.js';
import { ID0, dataset, records, row } from './helpers.js';

const DIM = 32;

function build(n: number): { index: VectorIndex; data: ReturnType<typeof dataset> } {
  const data = dataset(n, DIM);
  const index = new VectorIndex({ name: 'test', dim: DIM, modelId: 'm1' });
  for (const r of records(data.base)) index.add(r.id, r.vector);
  return { index, data };
}

describe('VectorIndex add / search / remove / update', () => {
  it('finds a stored vector first, with cosine similarity as the score, best first', () => {
    const { index, data } = build(500);
    expect(index.count).toBe(500);
    const q = row(data.base, 42);
    const hits = index.search(q, 10);
    expect(hits).toHaveLength(10);
    expect(hits[0]!.id).toBe(ID0 + 42);
    expect(hits[0]!.score).toBeCloseTo(1, 5);
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
  });

  it('normalises inputs: a scaled query gives the same cosine scores', () => {
    const { index, data } = build(300);
    const q = Array.from(row(data.queries, 3));
    const a = index.search(q, 5);
    const b = index.search(q.map((x) => x * 17.5), 5);
    expect(b.map((h) => h.id)).toEqual(a.map((h) => h.id));
    b.forEach((h, i) => expect(h.score).toBeCloseTo(a[i]!.score, 5));
    // the score is the cosine with the stored (unnormalised) vector
    const v = Array.from(row(data.base, a[0]!.id - ID0)).map((x) => x * 3);
    index.add(a[0]!.id, v);
    const dotp = v.reduce((s, x, j) => s + x * q[j]!, 0);
    const cos = dotp / Math.hypot(...v) / Math.hypot(...q);
    expect(index.search(q, 1)[0]!.score).toBeCloseTo(cos, 5);
  });

  it('removes ids; removing again or removing an unknown id does not throw', () => {
    const { index, data } = build(400);
    const id = ID0 + 10;
    expect(index.remove(id)).toBe(true);
    expect(index.remove(id)).toBe(false);
    expect(index.remove(999_999)).toBe(false);
    expect(index.count).toBe(399);
    expect(index.deleted).toBe(1);
    expect(index.has(id)).toBe(false);
    const hits = index.search(row(data.base, 10), 50);
    expect(hits.map((h) => h.id)).not.toContain(id);
  });

  it('re-adding a deleted id revives it with its new vector; updating a live id replaces its vector', () => {
    const { index, data } = build(400);
    const id = ID0 + 20;
    index.remove(id);
    const newVec = row(data.base, 300);
    index.add(id, newVec);
    expect(index.has(id)).toBe(true);
    expect(index.count).toBe(400);
    expect(index.deleted).toBe(0);
    const top = index.search(newVec, 2).map((h) => h.id);
    expect(top).toContain(id);
    expect(top).toContain(ID0 + 300);

    const live = ID0 + 30;
    index.add(live, row(data.base, 350));
    expect(index.count).toBe(400);
    const hit = index.search(row(data.base, 350), 2).find((h) => h.id === live);
    expect(hit?.score).toBeCloseTo(1, 5);
    expect(index.search(row(data.base, 30), 1)[0]!.id).not.toBe(live);
  });

  it('grows past its initial capacity', () => {
    const data = dataset(2500, DIM);
    const index = new VectorIndex({ name: 'grow', dim: DIM, modelId: 'm1', capacity: 1024 });
    for (const r of records(data.base)) index.add(r.id, r.vector);
    expect(index.count).toBe(2500);
    expect(index.capacity).toBeGreaterThanOrEqual(2500);
    expect(index.search(row(data.base, 2400), 1)[0]!.id).toBe(ID0 + 2400);
  });

  it('returns at most the live count, and nothing for k = 0 or an empty index', () => {
    const { index, data } = build(5);
    expect(index.search(row(data.base, 0), 50)).toHaveLength(5);
    expect(index.search(row(data.base, 0), 0)).toEqual([]);
    const empty = new VectorIndex({ name: 'empty', dim: DIM, modelId: 'm1' });
    expect(empty.search(row(data.base, 0), 10)).toEqual([]);
  });

  it('rejects bad input with validation errors', () => {
    const { index } = build(10);
    const bad = (fn: () => unknown): void => {
      expect(fn).toThrow(AppError);
      try {
        fn();
      } catch (e) {
        expect((e as AppError).code).toBe('validation_failed');
      }
    };
    bad(() => index.add(1, new Float32Array(DIM - 1)));
    bad(() => index.add(1, new Float32Array(DIM)));
    bad(() => index.add(-1, new Float32Array(DIM).fill(1)));
    bad(() => index.add(1.5, new Float32Array(DIM).fill(1)));
    bad(() => index.search(new Float32Array(DIM + 1), 3));
    bad(() => index.search(new Float32Array(DIM).fill(1), -1));
    bad(() => new VectorIndex({ name: '../x', dim: DIM, modelId: 'm' }));
  });
});
