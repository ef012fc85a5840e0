/**
 * Embedding cache keyed by content hash: sha256(modelId, kind, text). A text embedded once
 * is never embedded again by the same model, whichever candidate or job it came from.
 */
import { createHash } from 'node:crypto';
import { toBatches } from './batch.js';
import { DEFAULT_BATCH_SIZE, type EmbedKind, type Embedder } from './types.js';

/** Where cached vectors live; the store backs it with SQLite, LruVectorCache keeps it in memory. */
export interface VectorCache {
  /** Vectors for the keys that are present (missing keys are simply absent from the map). */
  get(keys: readonly string[]): Map<string, Float32Array> | Promise<Map<string, Float32Array>>;
  set(entries: ReadonlyArray<readonly [string, Float32Array]>): void | Promise<void>;
}

/** Cache key: hex sha256 of model id, kind and text, NUL-separated so the parts cannot run together. */
export function cacheKey(modelId: string, kind: EmbedKind, text: string): string {
  return createHash('sha256').update(modelId).update('\0').update(kind).update('\0').update(text).digest('hex');
}

/** In-memory least-recently-used cache. Stores and hands out copies, so callers cannot corrupt it. */
export class LruVectorCache implements VectorCache {
  private readonly map = new Map<string, Float32Array>();

  constructor(readonly maxEntries = 10_000) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError('maxEntries must be a positive integer');
  }

  get size(): number {
    return this.map.size;
  }

  get(keys: readonly string[]): Map<string, Float32Array> {
    const out = new Map<string, Float32Array>();
    for (const k of keys) {
      const v = this.map.get(k);
      if (!v) continue;
      this.map.delete(k); // re-insert: Map order is recency order
      this.map.set(k, v);
      out.set(k, v.slice());
    }
    return out;
  }

  set(entries: ReadonlyArray<readonly [string, Float32Array]>): void {
    for (const [k, v] of entries) {
      this.map.delete(k);
      this.map.set(k, v.slice());
    }
    while (this.map.size > this.maxEntries) {
      const oldest = this.map.keys().next().value as string;
      this.map.delete(oldest);
    }
  }
}

export interface CacheStats {
  hits: number;
  misses: number;
}

/**
 * Wraps an embedder with a cache. Texts already cached are not embedded again; the rest are
 * de-duplicated and embedded in batches of `batchSize` (shortest first), each batch written to
 * the cache as soon as it is done, so an interrupted bulk run keeps its progress.
 * `stats.hits` counts texts served from the cache, `stats.misses` distinct texts embedded.
 */
export class CachedEmbedder implements Embedder {
  readonly id: string;
  readonly dimension: number;
  readonly stats: CacheStats = { hits: 0, misses: 0 };

  constructor(
    private readonly inner: Embedder,
    private readonly cache: VectorCache,
    private readonly batchSize = DEFAULT_BATCH_SIZE,
  ) {
    this.id = inner.id;
    this.dimension = inner.dimension;
    toBatches([], batchSize); // validates batchSize
  }

  async embed(texts: readonly string[], kind: EmbedKind = 'passage'): Promise<Float32Array[]> {
    const keys = texts.map((t) => cacheKey(this.id, kind, t));
    const found = await this.cache.get([...new Set(keys)]);
    const missing = new Map<string, string>(); // key -> text, de-duplicated
    keys.forEach((k, i) => {
      if (!found.has(k)) missing.set(k, texts[i] as string);
    });
    this.stats.hits += texts.length - keys.filter((k) => missing.has(k)).length;
    this.stats.misses += missing.size;

    // Similar lengths share a batch (see embedInBatches); each batch is cached as soon as it is done.
    const todo = [...missing].sort((a, b) => a[1].length - b[1].length);
    for (const batch of toBatches(todo, this.batchSize)) {
      const vectors = await this.inner.embed(
        batch.map(([, t]) => t),
        kind,
      );
      const entries = batch.map(([k], j) => [k, vectors[j] as Float32Array] as const);
      await this.cache.set(entries);
      for (const [k, v] of entries) found.set(k, v);
    }
    // A text repeated in one call gets its own copy, so the caller may mutate results freely.
    const handed = new Set<Float32Array>();
    return keys.map((k) => {
      const v = found.get(k) as Float32Array;
      if (handed.has(v)) return v.slice();
      handed.add(v);
      return v;
    });
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
