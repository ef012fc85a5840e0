/**
 * The filtered-search planner: picks exact search, HNSW with hnswlib's filter callback, or an
 * over-fetching unfiltered HNSW search, from the number of allowed ids (selectivity = allowed /
 * live). The thresholds are measured constants (params.ts, bench/results/index.md).
 */
import {
  EXACT_MAX_SELECTIVITY,
  EXACT_MAX_WORK,
  OVERFETCH_FACTOR,
  OVERFETCH_MIN_SELECTIVITY,
} from './params.js';
import type { Plan } from './types.js';

export interface PlannerLimits {
  exactMaxSelectivity: number;
  /** allowed × dim at or below which exact search is always chosen. */
  exactMaxWork: number;
  overfetchMinSelectivity: number;
  overfetchFactor: number;
}

export const DEFAULT_LIMITS: Readonly<PlannerLimits> = Object.freeze({
  exactMaxSelectivity: EXACT_MAX_SELECTIVITY,
  exactMaxWork: EXACT_MAX_WORK,
  overfetchMinSelectivity: OVERFETCH_MIN_SELECTIVITY,
  overfetchFactor: OVERFETCH_FACTOR,
});

export interface PlanInput {
  /** Allowed ids (or the estimate for a predicate). */
  allowed: number;
  /** Live vectors in the index. */
  live: number;
  k: number;
  dim: number;
  /**
   * Cost of scoring one vector exactly, relative to a dot product over the in-memory copy (1);
   * e.g. reading points back from hnswlib with getPoint measured ~70× dearer.
   */
  exactCost?: number;
}

export function choosePlan(p: PlanInput, limits: PlannerLimits = DEFAULT_LIMITS): Exclude<Plan, 'hnsw'> {
  const { allowed, live, k, dim } = p;
  const cost = p.exactCost ?? 1;
  if (live <= 0 || allowed <= 0) return 'exact';
  const s = allowed / live;
  if (allowed <= k || allowed * dim * cost <= limits.exactMaxWork || s * cost < limits.exactMaxSelectivity) return 'exact';
  if (s >= limits.overfetchMinSelectivity) return 'overfetch';
  return 'hnsw-filter';
}

/** How many unfiltered results to fetch so that about k·factor of them are allowed. */
export function overfetchK(k: number, selectivity: number, live: number, limits: PlannerLimits = DEFAULT_LIMITS): number {
  const want = Math.ceil((k / Math.max(selectivity, 1e-9)) * limits.overfetchFactor);
  return Math.max(k, Math.min(live, want));
}
