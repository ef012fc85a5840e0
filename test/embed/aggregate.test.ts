import { describe, expect, it } from 'vitest';
import {
  aggregateCandidates,
  aggregatorByName,
  aggregatorGrid,
  maxAggregator,
  meanTopKAggregator,
  ndcgAtK,
  rankAggregators,
  softmaxAggregator,
  weightedAggregator,
  type ChunkScore,
} from '../../src/embed/index.js';

const s = (kind: ChunkScore['kind'], ordinal: number, score: number): ChunkScore => ({ kind, ordinal, score });
const scores = [s('profile', 0, 0.6), s('role', 0, 0.9), s('role', 1, 0.5), s('skills', 0, 0.7)];

describe('aggregators', () => {
  it('max takes the best chunk and names it', () => {
    const a = maxAggregator()(scores);
    expect(a.score).toBeCloseTo(0.9);
    expect(a.parts).toEqual([{ name: 'max', weight: 1, value: 0.9, chunk: { kind: 'role', ordinal: 0 } }]);
  });

  it('mean-top-k averages the k best (or all, when fewer)', () => {
    expect(meanTopKAggregator(2)(scores).score).toBeCloseTo((0.9 + 0.7) / 2);
    expect(meanTopKAggregator(10)(scores).score).toBeCloseTo((0.6 + 0.9 + 0.5 + 0.7) / 4);
  });

  it('weighted = wMax·max + wProfile·profile + wTopK·mean-top-k, and the parts sum to the score', () => {
    const a = weightedAggregator({ max: 0.5, profile: 0.3, topK: 0.2, k: 2 })(scores);
    expect(a.score).toBeCloseTo(0.5 * 0.9 + 0.3 * 0.6 + 0.2 * 0.8);
    expect(a.parts.map((p) => p.name)).toEqual(['max', 'profile', 'mean-top-2']);
    expect(a.parts.reduce((sum, p) => sum + p.weight * p.value, 0)).toBeCloseTo(a.score);
    expect(a.parts[1]?.chunk).toEqual({ kind: 'profile', ordinal: 0 });
  });

  it('weighted spreads the profile weight over the other parts when there is no profile score', () => {
    const noProfile = scores.filter((x) => x.kind !== 'profile');
    const a = weightedAggregator({ max: 0.5, profile: 0.3, topK: 0.2, k: 2 })(noProfile);
    expect(a.parts.map((p) => [p.name, p.weight])).toEqual([
      ['max', expect.closeTo(0.5 / 0.7)],
      ['mean-top-2', expect.closeTo(0.2 / 0.7)],
    ]);
    expect(a.score).toBeCloseTo((0.5 * 0.9 + 0.2 * 0.8) / 0.7);
    // Same chunk scores everywhere -> the same score, profile or not: one scale for all candidates.
    const flat = [s('role', 0, 0.4), s('skills', 0, 0.4)];
    expect(weightedAggregator({ max: 0.5, profile: 0.3, topK: 0.2, k: 2 })(flat).score).toBeCloseTo(0.4);
  });

  it('softmax lies between mean and max and tends to max as the temperature falls', () => {
    const mean = (0.6 + 0.9 + 0.5 + 0.7) / 4;
    const hot = softmaxAggregator(10)(scores).score;
    const cold = softmaxAggregator(0.001)(scores).score;
    expect(hot).toBeGreaterThan(mean - 1e-9);
    expect(hot).toBeLessThan(mean + 0.01);
    expect(cold).toBeCloseTo(0.9, 2);
    const mid = softmaxAggregator(0.1)(scores).score;
    expect(mid).toBeGreaterThan(mean);
    expect(mid).toBeLessThan(0.9);
  });

  it('returns -Infinity with no parts when there are no scores', () => {
    for (const { aggregate } of aggregatorGrid()) expect(aggregate([])).toEqual({ score: Number.NEGATIVE_INFINITY, parts: [] });
  });

  it('rejects bad parameters', () => {
    expect(() => meanTopKAggregator(0)).toThrow(RangeError);
    expect(() => weightedAggregator({ max: 0, profile: 0, topK: 0, k: 2 })).toThrow(RangeError);
    expect(() => softmaxAggregator(0)).toThrow(RangeError);
  });
});

describe('aggregatorByName / aggregatorGrid', () => {
  it('parses every family and round-trips the grid names', () => {
    expect(aggregatorByName('max')(scores).score).toBeCloseTo(0.9);
    expect(aggregatorByName('mean-top-3')(scores).score).toBeCloseTo((0.9 + 0.7 + 0.6) / 3);
    expect(aggregatorByName('weighted:0.5,0.3,0.2:2')(scores).score).toBeCloseTo(0.5 * 0.9 + 0.3 * 0.6 + 0.2 * 0.8);
    expect(aggregatorByName('softmax:0.05')(scores).score).toBeCloseTo(softmaxAggregator(0.05)(scores).score);
    const grid = aggregatorGrid();
    expect(new Set(grid.map((g) => g.name)).size).toBe(grid.length);
    for (const g of grid) expect(aggregatorByName(g.name)(scores).score).toBeCloseTo(g.aggregate(scores).score);
  });

  it('refuses unknown names with a validation error', () => {
    expect(() => aggregatorByName('median')).toThrow(expect.objectContaining({ code: 'validation_failed' }));
  });
});

describe('aggregateCandidates', () => {
  it('groups hits by candidate and ranks them; the family decides who wins', () => {
    const hits = [
      // A: one excellent role, weak elsewhere.  B: consistently good.
      { candidateId: 'A', ...s('role', 0, 0.95) },
      { candidateId: 'A', ...s('profile', 0, 0.3) },
      { candidateId: 'A', ...s('skills', 0, 0.3) },
      { candidateId: 'B', ...s('role', 0, 0.8) },
      { candidateId: 'B', ...s('profile', 0, 0.8) },
      { candidateId: 'B', ...s('skills', 0, 0.78) },
    ];
    expect(aggregateCandidates(hits, maxAggregator()).map((c) => c.candidateId)).toEqual(['A', 'B']);
    const weighted = aggregateCandidates(hits, aggregatorByName('weighted:0.5,0.3,0.2:2'));
    expect(weighted.map((c) => c.candidateId)).toEqual(['B', 'A']);
    expect(weighted[0]?.parts.length).toBe(3);
  });

  it('breaks ties by candidate id', () => {
    const hits = [
      { candidateId: 'z', ...s('role', 0, 0.5) },
      { candidateId: 'a', ...s('role', 0, 0.5) },
    ];
    expect(aggregateCandidates(hits, maxAggregator()).map((c) => c.candidateId)).toEqual(['a', 'z']);
  });
});

describe('measurement helpers', () => {
  it('ndcgAtK is 1 for the ideal order, lower otherwise, 0 with nothing relevant', () => {
    const gains = new Map([
      ['a', 3],
      ['b', 1],
    ]);
    expect(ndcgAtK(['a', 'b', 'c'], gains, 3)).toBeCloseTo(1);
    const swapped = ndcgAtK(['b', 'a', 'c'], gains, 3);
    expect(swapped).toBeLessThan(1);
    expect(swapped).toBeGreaterThan(0);
    expect(ndcgAtK(['c', 'd'], gains, 2)).toBe(0);
    expect(ndcgAtK(['a'], new Map(), 10)).toBe(0);
  });

  it('rankAggregators orders the grid by the metric, keeping grid order on ties', async () => {
    const grid = aggregatorGrid();
    const hits = [
      { candidateId: 'A', ...s('role', 0, 0.95) },
      { candidateId: 'A', ...s('profile', 0, 0.3) },
      { candidateId: 'B', ...s('role', 0, 0.8) },
      { candidateId: 'B', ...s('profile', 0, 0.8) },
    ];
    const gains = new Map([['B', 1]]); // B is the relevant one
    const results = await rankAggregators(grid, (g) => ndcgAtK(aggregateCandidates(hits, g.aggregate).map((c) => c.candidateId), gains, 2));
    expect(results).toHaveLength(grid.length);
    expect(results[0]?.metric).toBe(1);
    expect(results.at(-1)?.metric).toBeLessThan(1);
    expect(results.find((r) => r.name === 'max')?.metric).toBeLessThan(1);
  });
});
