/** Public types of the vector index. Ids are the store's integer ids (e.g. a vector row's rowid). */

export interface Hit {
  id: number;
  /** Cosine similarity to the query (vectors are unit length, so the inner product). */
  score: number;
}

export interface VectorRecord {
  id: number;
  vector: Float32Array;
}

/**
 * Live vectors from the store (the source of truth), for rebuild and compaction. The index awaits
 * between batches while it reads, so a better-sqlite3 source should page by id
 * (`WHERE rowid > ? ORDER BY rowid LIMIT 1000`) rather than keep one `iterate()` open: the
 * connection refuses writes while a statement iterates.
 */
export type VectorSource = () => Iterable<VectorRecord> | AsyncIterable<VectorRecord>;

/**
 * Vectors of the given ids from the caller (undefined for an unknown id), for exact search when
 * the index keeps no copy in JS (`keepVectors: false`).
 */
export type GetVectors = (ids: readonly number[]) => ReadonlyArray<Float32Array | undefined>;

/** Allowed ids: a set, or a list (Uint32Array or number[]) of ids. */
export type AllowedIds = ReadonlySet<number> | Uint32Array | readonly number[];

export type Plan = 'hnsw' | 'exact' | 'hnsw-filter' | 'overfetch';

export interface SearchOptions {
  /** Keep only ids for which this returns true. */
  filter?: (id: number) => boolean;
  /** Keep only these ids (cheaper than `filter`: its size gives the selectivity for free). */
  allowed?: AllowedIds;
  /** Query-time candidate list size for this call (defaults to the index's `ef`). */
  ef?: number;
  /** Force a plan instead of letting the planner choose (for benches and tests). */
  plan?: Exclude<Plan, 'hnsw'>;
}

export type RebuildReason =
  | { kind: 'missing'; file: 'index' | 'manifest' }
  | { kind: 'manifest-mismatch'; field: string; expected: unknown; found: unknown }
  | { kind: 'checksum-mismatch'; expected: string; found: string }
  | { kind: 'read-error'; message: string };
