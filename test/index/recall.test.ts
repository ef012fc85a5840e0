import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, RECALL_TARGET, VectorIndex } from '../../src/index/index.js';
import { bruteForce, dataset, recall, records, row } from './helpers.js';

describe('recall against brute force', () => {
  it(`reaches recall@10 ≥ ${RECALL_TARGET} at the default ef on 4,000 clustered 384-d vectors`, () => {
    const data = dataset(4000, 384, 11);
    const index = new VectorIndex({ name: 'recall', dim: 384, modelId: 'm' });
    for (const r of records(data.base)) index.add(r.id, r.vector);
    expect(index.ef).toBe(DEFAULT_PARAMS.ef);
    let sum = 0;
    const nq = data.queries.n;
    for (let i = 0; i < nq; i++) {
      const q = row(data.queries, i);
      sum += recall(index.search(q, 10), bruteForce(data.base, q, 10));
    }
    const r = sum / nq;
    expect(r).toBeGreaterThanOrEqual(RECALL_TARGET);
    // and a tiny ef is measurably worse, so the measurement can tell the difference
    let low = 0;
    for (let i = 0; i < nq; i++) {
      const q = row(data.queries, i);
      low += recall(index.search(q, 10, { ef: 1 }), bruteForce(data.base, q, 10));
    }
    expect(low / nq).toBeLessThan(r);
  });
});
