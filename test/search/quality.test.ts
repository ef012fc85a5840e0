import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filterPrecision, loadCorpus, measureAggregators, measureAll, type Loaded } from '../../fixtures/relevance/evaluate.js';
import type { Services } from '../../src/services.js';
import { tempServices } from '../helpers/services.js';

let s: Services;
let cleanup: () => Promise<void>;
let loaded: Loaded;

beforeAll(async () => {
  ({ s, cleanup } = await tempServices());
  loaded = await loadCorpus(s);
}, 300_000);
afterAll(async () => cleanup?.());

describe('search quality on the relevance corpus (8 jobs × 12 CVs in en/nl/de/fr)', () => {
  it('ranks by fit: hybrid nDCG@10 ≥ 0.9, printed beside keyword-only and vector-only', async () => {
    const results = await measureAll(s, loaded);
    for (const r of results) console.log(`quality: ${r.mode.padEnd(16)} nDCG@10 ${r.ndcg10.toFixed(3)}`);
    const hybrid = results.find((r) => r.mode === 'hybrid-weighted')!;
    expect(hybrid.ndcg10).toBeGreaterThanOrEqual(0.9);
    // The hybrid must beat each single retriever, or it is not earning its complexity.
    for (const single of ['keyword-only', 'vector-only']) expect(hybrid.ndcg10).toBeGreaterThan(results.find((r) => r.mode === single)!.ndcg10);
  });

  it('compares chunk-score aggregation on vector-only ranking', async () => {
    const results = await measureAggregators(s, loaded, ['max', 'mean-top-2', 'weighted:0.5,0.3,0.2:2', 'softmax:0.1']);
    for (const r of results) console.log(`quality: ${r.mode.padEnd(34)} nDCG@10 ${r.ndcg10.toFixed(3)}`);
    expect(results.every((r) => r.ndcg10 > 0)).toBe(true);
  });

  it('applies hard filters exactly: years and must-have precision 1.0', async () => {
    const p = await filterPrecision(s, loaded);
    console.log(`quality: years-filter precision ${p.years.toFixed(3)}, must-have precision ${p.mustHave.toFixed(3)} over ${p.checked} results`);
    expect(p.checked).toBeGreaterThan(50);
    expect(p.years).toBe(1);
    expect(p.mustHave).toBe(1);
  });
});
