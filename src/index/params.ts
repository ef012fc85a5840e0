/**
 * HNSW parameters and what each one trades (hnswlib; Malkov & Yashunin 2016).
 *
 * - `M`: graph links per node on the upper layers (2·M on layer 0). More links give a better
 *   recall ceiling and keep recall up on high-dimensional text embeddings, at the cost of memory
 *   (≈ 8·M bytes per vector on layer 0, beside the 4·dim bytes of the vector) and slower build
 *   and search. 12–48 is the useful range; 16 suits 384–512-dimension sentence embeddings.
 * - `efConstruction`: candidate list size while inserting. Higher builds a better graph (recall
 *   at a given `ef`) and builds more slowly, about linearly; it costs nothing at query time or in
 *   memory. 200 is past the knee on our bench.
 * - `ef`: candidate list size at query time (hnswlib uses max(ef, k)). Higher gives more recall
 *   and fewer queries per second, roughly linearly above 64. It is not stored in the index file
 *   (hnswlib resets it to 10 on load; the wrapper sets it again). The default is the smallest `ef`
 *   of the bench sweep that reached recall@10 ≥ 0.98 on both 100k synthetic sets, one step up
 *   for margin (see bench/results/index.md).
 */
export interface HnswParams {
  M: number;
  efConstruction: number;
  ef: number;
  /** Seed of hnswlib's level generator: same seed + same insert order = same graph. */
  seed: number;
}

export const DEFAULT_PARAMS: Readonly<HnswParams> = Object.freeze({ M: 16, efConstruction: 200, ef: 64, seed: 100 });

/** The recall@10 the default `ef` is chosen to meet. */
export const RECALL_TARGET = 0.98;

/** Capacity grows by this factor (hnswlib resizeIndex) when the index is full. */
export const GROWTH_FACTOR = 1.5;

/** Smallest capacity allocated for a new index. */
export const MIN_CAPACITY = 1024;

/**
 * Compaction: when deleted slots exceed this share of all slots (deleted / (live + deleted)),
 * the index is rebuilt from the live vectors. Deleted slots still cost memory and search time
 * (hnswlib walks through them), and hnswlib never reuses them without `replaceDeleted`.
 */
export const DEFAULT_COMPACT_THRESHOLD = 0.2;

/**
 * Filtered-search planner (see planner.ts). Selectivity s = allowed / live count.
 *
 * - s < EXACT_MAX_SELECTIVITY, or allowed × dim ≤ EXACT_MAX_WORK: exact search over the allowed
 *   vectors (recall 1.0). The exact scan costs ≈ 0.3 µs per 384-d vector (0.4 µs at 512 d) over
 *   the in-memory copy; hnswlib's filter callback makes a JS call per visited node and slows
 *   down as s falls. Measured on 100k × 384 and × 512 (bench/results/index.md, 2026-12-05): exact
 *   wins at 5% (342 vs 159 QPS at 384 d), the callback wins at 10% (325 vs 108 QPS);
 *   log-interpolated crossover 6.6% (384 d) and 6.5% (512 d), hence 0.06. EXACT_MAX_WORK (≈ 1,000 vectors of
 *   384 d, about the cost of one unfiltered HNSW query at ef 64 on 100k) keeps small subsets of
 *   small indexes exact too. The crossover was measured at 100k vectors; in much larger indexes
 *   the exact scan of s·n vectors grows linearly while HNSW grows slowly: re-measure before
 *   going past ~1M.
 * - s ≥ OVERFETCH_MIN_SELECTIVITY: one unfiltered HNSW search for k / s · OVERFETCH_FACTOR
 *   results, then drop the ones not allowed (no JS callbacks); if fewer than k remain, fall back
 *   to the filter callback. Measured recall 1.000 at 20–50% and ~3× the callback's QPS at 20%;
 *   at 10% recall fell to 0.98, so below 20% the callback is used.
 * - in between: HNSW with hnswlib's filter callback.
 */
export const EXACT_MAX_SELECTIVITY = 0.06;
export const EXACT_MAX_WORK = 400_000;
export const OVERFETCH_MIN_SELECTIVITY = 0.2;
export const OVERFETCH_FACTOR = 2;
/** Labels tested to estimate the selectivity of a predicate filter. */
export const SELECTIVITY_SAMPLE = 256;
