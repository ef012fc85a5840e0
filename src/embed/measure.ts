/** Picking an aggregator by measurement on a relevance set (the lead runs it on fixtures). */
import type { NamedAggregator } from './aggregate.js';

/**
 * nDCG@k of a ranking: `ranked` ids best first, `gains` the graded relevance of each id
 * (missing = 0). 1 means the ideal order; 0 when nothing relevant is in the top k.
 */
export function ndcgAtK(ranked: readonly string[], gains: ReadonlyMap<string, number>, k: number): number {
  const dcg = (gs: number[]) => gs.slice(0, k).reduce((s, g, i) => s + (2 ** g - 1) / Math.log2(i + 2), 0);
  const ideal = dcg([...gains.values()].filter((g) => g > 0).sort((a, b) => b - a));
  return ideal === 0 ? 0 : dcg(ranked.map((id) => gains.get(id) ?? 0)) / ideal;
}

export interface AggregatorResult {
  name: string;
  metric: number;
}

/**
 * Scores each candidate aggregator with `evaluate` (e.g. mean nDCG@10 over a query set) and
 * returns all results best first; the first is the pick. Ties keep the grid order, so list
 * simpler aggregators first.
 */
export async function rankAggregators(
  candidates: readonly NamedAggregator[],
  evaluate: (a: NamedAggregator) => number | Promise<number>,
): Promise<AggregatorResult[]> {
  const results: AggregatorResult[] = [];
  for (const c of candidates) results.push({ name: c.name, metric: await evaluate(c) });
  return results.map((r, i) => ({ r, i })).sort((a, b) => b.r.metric - a.r.metric || a.i - b.i).map(({ r }) => r);
}
