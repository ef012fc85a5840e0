import { median, percentile, recallAt } from '../stats.js';

export interface Measured {
  qps: number;
  p50Ms: number;
  p99Ms: number;
  recall: number;
  /** Queries timed per round. */
  queries: number;
  /** QPS of each round, in round order (for paired comparisons). */
  roundQps: number[];
}

export interface Contender {
  /** Runs query i; the result goes to `ids` (outside the timed part). */
  run: (i: number) => unknown;
  ids: (result: unknown) => ArrayLike<number>;
}

export interface ContenderOptions {
  rounds: number;
  /** At most this many queries per round. */
  maxQueries: number;
  /** At least this many queries per round, even for slow contenders. */
  minQueries: number;
  /** Aim for about this long per contender per round. */
  budgetMs: number;
}

/**
 * Times contenders over the same queries in alternating rounds, reversing the order every other
 * round (A B C, C B A, …) so that load from other processes and cache warmth hit all alike, and
 * reports each one's median round. Recall is taken from the
 * first round against `truth[i]` (true top-k ids of query i). Slow contenders run fewer queries
 * (the first n of the same list) to keep to the time budget.
 */
export function runContenders(contenders: Record<string, Contender>, truth: ArrayLike<number>[], k: number, o: ContenderOptions): Record<string, Measured> {
  const names = Object.keys(contenders);
  const counts: Record<string, number> = {};
  for (const name of names) {
    const c = contenders[name]!;
    const probe = Math.min(5, o.maxQueries);
    const t0 = performance.now();
    for (let i = 0; i < probe; i++) c.run(i);
    const per = (performance.now() - t0) / probe;
    counts[name] = Math.max(Math.min(o.minQueries, o.maxQueries), Math.min(o.maxQueries, Math.floor(o.budgetMs / Math.max(per, 1e-3))));
  }
  const rounds: Record<string, { qps: number; lat: Float64Array }[]> = {};
  const recall: Record<string, number> = {};
  for (const name of names) rounds[name] = [];
  for (let r = 0; r < o.rounds; r++) {
    for (const name of r % 2 === 0 ? names : [...names].reverse()) {
      const c = contenders[name]!;
      const n = counts[name]!;
      const lat = new Float64Array(n);
      let rsum = 0;
      const t0 = performance.now();
      for (let i = 0; i < n; i++) {
        const a = performance.now();
        const res = c.run(i);
        lat[i] = performance.now() - a;
        if (r === 0) rsum += recallAt(c.ids(res), truth[i]!, k);
      }
      const total = performance.now() - t0;
      if (r === 0) recall[name] = rsum / n;
      rounds[name]!.push({ qps: (n * 1000) / total, lat });
    }
  }
  const out: Record<string, Measured> = {};
  for (const name of names) {
    const sorted = [...rounds[name]!].sort((a, b) => a.qps - b.qps);
    const mid = sorted[Math.floor(sorted.length / 2)]!;
    out[name] = {
      qps: mid.qps,
      p50Ms: percentile(mid.lat, 50),
      p99Ms: percentile(mid.lat, 99),
      recall: recall[name]!,
      queries: counts[name]!,
      roundQps: rounds[name]!.map((x) => x.qps),
    };
  }
  return out;
}

/** Median over rounds of a's QPS / b's QPS in the same round: steadier than a ratio of medians. */
export function pairedRatio(a: Measured, b: Measured): number {
  const r = a.roundQps.map((q, i) => q / b.roundQps[i]!);
  return median(r);
}

/**
 * Two contenders compared query by query: each query runs on both, in alternating order (A B,
 * B A, …), for `rounds` passes. A query's cost is its fastest pass (the usual estimator on a
 * shared machine: descheduling only ever adds time), and QPS is queries over the sum of those
 * costs, so load from other processes falls on both alike. `ratio` is a's QPS / b's QPS.
 * p50 / p99 are over all passes.
 */
export function runPaired(a: Contender, b: Contender, truth: ArrayLike<number>[], k: number, count: number, rounds: number): { a: Measured; b: Measured; ratio: number } {
  const latA = new Float64Array(count * rounds);
  const latB = new Float64Array(count * rounds);
  const minA = new Float64Array(count).fill(Infinity);
  const minB = new Float64Array(count).fill(Infinity);
  let recA = 0;
  let recB = 0;
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < count; i++) {
      const aFirst = (i + r) % 2 === 0;
      const first = aFirst ? a : b;
      const second = aFirst ? b : a;
      const t0 = performance.now();
      const r1 = first.run(i);
      const t1 = performance.now();
      const r2 = second.run(i);
      const t2 = performance.now();
      const da = aFirst ? t1 - t0 : t2 - t1;
      const db = aFirst ? t2 - t1 : t1 - t0;
      latA[r * count + i] = da;
      latB[r * count + i] = db;
      if (da < minA[i]!) minA[i] = da;
      if (db < minB[i]!) minB[i] = db;
      if (r === 0) {
        recA += recallAt(a.ids(aFirst ? r1 : r2), truth[i]!, k);
        recB += recallAt(b.ids(aFirst ? r2 : r1), truth[i]!, k);
      }
    }
  }
  const sum = (x: Float64Array): number => x.reduce((s, v) => s + v, 0);
  const sumA = sum(minA);
  const sumB = sum(minB);
  const m = (lat: Float64Array, total: number, rec: number): Measured => ({
    qps: (count * 1000) / total,
    p50Ms: percentile(lat, 50),
    p99Ms: percentile(lat, 99),
    recall: rec / count,
    queries: count,
    roundQps: [],
  });
  return { a: m(latA, sumA, recA), b: m(latB, sumB, recB), ratio: sumB / sumA };
}
