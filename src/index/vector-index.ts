/**
 * VectorIndex: one named HNSW index (e.g. 'cv-chunks', 'jobs') over unit-length vectors, with
 * exact search for selective filters, compaction, and save with a manifest. Loading and rebuilding
 * at start-up live in open.ts. The store stays the source of truth; this is derived data.
 */
import { rename } from 'node:fs/promises';
import { AppError } from '../domain/index.js';
import { HnswCore } from './core.js';
import { dotAt, TopK } from './exact.js';
import { fsyncDir, fsyncFile, pathsFor, readWhole, removeQuietly, sha256, tempPath, writeFileAtomic, NAME_PATTERN } from './files.js';
import { validate } from './hnsw-file.js';
import { MANIFEST_VERSION, type Manifest } from './manifest.js';
import { DEFAULT_COMPACT_THRESHOLD, DEFAULT_PARAMS, MIN_CAPACITY, SELECTIVITY_SAMPLE, type HnswParams } from './params.js';
import { choosePlan, overfetchK } from './planner.js';
import type { AllowedIds, GetVectors, Hit, Plan, SearchOptions, VectorRecord, VectorSource } from './types.js';

export interface VectorIndexConfig {
  /** File-safe name, e.g. 'cv-chunks' or 'jobs'; each name has its own files. */
  name: string;
  dim: number;
  /** Embedding model id; a saved index built with another model is rebuilt. */
  modelId: string;
  params?: Partial<HnswParams>;
  /**
   * Keep a copy of the vectors in JS for exact search (default true). Costs 4·dim bytes per
   * vector; without it exact search reads vectors through `getVectors` or hnswlib's getPoint,
   * which the bench measured far slower (bench/results/index.md).
   */
  keepVectors?: boolean;
  /** Vectors from the caller for exact search when `keepVectors` is false. */
  getVectors?: GetVectors;
  /** Share of deleted slots above which `compactIfNeeded` rebuilds (default 0.2). */
  compactThreshold?: number;
  /** Live vectors from the store, used by compaction. */
  source?: VectorSource;
  /** Initial capacity (grows by ×1.5 when full). */
  capacity?: number;
}

type Op = { kind: 'add'; id: number; unit: Float32Array } | { kind: 'remove'; id: number };

/** Adds this many vectors between yields to the event loop while rebuilding. */
const REBUILD_BATCH = 500;

/**
 * Relative cost of scoring one vector in exact search, by where the vectors come from. Measured
 * at 1% of 100k × 384 / 512: JS copy 0.32 / 0.44 µs, SQLite BLOBs through getVectors 4.5 / 6.8 µs,
 * hnswlib getPoint 23 / 30 µs per vector.
 */
const EXACT_COST = { copy: 1, getVectors: 15, getPoint: 70 } as const;

export class VectorIndex {
  readonly name: string;
  readonly dim: number;
  readonly modelId: string;
  readonly params: Readonly<HnswParams>;
  readonly compactThreshold: number;
  /** The store change sequence this index reflects (saved in the manifest). */
  lastSeq = 0;
  /** The plan the last search used (for logs and benches). */
  lastPlan: Plan = 'hnsw';

  private core: HnswCore;
  private readonly keepVectors: boolean;
  private readonly getVectors: GetVectors | undefined;
  private readonly source: VectorSource | undefined;
  private efDefault: number;
  private readonly q: number[];
  private readonly qf: Float32Array;
  private readonly unit: Float32Array;
  private readonly top = new TopK();
  private bits = new Uint32Array(0);
  private readonly bitTest = (id: number): boolean => (this.bits[id >>> 5]! & (1 << (id & 31))) !== 0;
  private journal: Op[] | null = null;
  private compacting: Promise<void> | null = null;

  /** An empty in-memory index. Use `openVectorIndex` to load or rebuild a saved one. */
  constructor(config: VectorIndexConfig, core?: HnswCore) {
    if (!NAME_PATTERN.test(config.name)) throw new AppError('validation_failed', `invalid index name: ${config.name}`);
    if (!Number.isInteger(config.dim) || config.dim < 1) throw new AppError('validation_failed', `invalid dimension: ${config.dim}`);
    this.name = config.name;
    this.dim = config.dim;
    this.modelId = config.modelId;
    this.params = Object.freeze({ ...DEFAULT_PARAMS, ...config.params });
    this.compactThreshold = config.compactThreshold ?? DEFAULT_COMPACT_THRESHOLD;
    this.keepVectors = config.keepVectors ?? true;
    this.getVectors = config.getVectors;
    this.source = config.source;
    this.efDefault = this.params.ef;
    this.q = new Array<number>(config.dim).fill(0);
    this.qf = new Float32Array(config.dim);
    this.unit = new Float32Array(config.dim);
    this.core = core ?? HnswCore.create(config.dim, this.params, config.capacity ?? MIN_CAPACITY, this.keepVectors);
    this.core.setEf(this.efDefault);
  }

  /** Live (searchable) vectors. */
  get count(): number {
    return this.core.live;
  }

  /** Slots marked deleted and not yet compacted away. */
  get deleted(): number {
    return this.core.deletedCount;
  }

  get capacity(): number {
    return this.core.capacity;
  }

  get ef(): number {
    return this.efDefault;
  }

  /** Sets the default query-time ef (see params.ts for the trade-off). */
  setEf(ef: number): void {
    if (!Number.isInteger(ef) || ef < 1) throw new AppError('validation_failed', `invalid ef: ${ef}`);
    this.efDefault = ef;
    this.core.setEf(ef);
  }

  has(id: number): boolean {
    return this.core.has(id);
  }

  /** Whether this index keeps its own copy of the vectors for exact search. */
  get keepsVectors(): boolean {
    return this.keepVectors;
  }

  /** Adds a vector, or replaces the vector of an id already present (also a deleted one). */
  add(id: number, vector: ArrayLike<number>, seq?: number): void {
    checkId(id);
    this.toUnit(vector, this.unit, 'vector');
    this.core.add(id, this.unit);
    if (this.journal) this.journal.push({ kind: 'add', id, unit: this.unit.slice() });
    if (seq !== undefined) this.lastSeq = seq;
  }

  /** Marks an id deleted; returns false (and does not throw) when it is absent or already deleted. */
  remove(id: number, seq?: number): boolean {
    checkId(id);
    const removed = this.core.remove(id);
    if (this.journal) this.journal.push({ kind: 'remove', id });
    if (seq !== undefined) this.lastSeq = seq;
    return removed;
  }

  /**
   * The k nearest ids by cosine similarity, best first. With `allowed` or `filter`, only those
   * ids; the planner then chooses exact search, HNSW with a filter, or HNSW with over-fetching.
   */
  search(query: ArrayLike<number>, k: number, opts?: SearchOptions): Hit[] {
    const core = this.core;
    if (!Number.isInteger(k) || k < 0) throw new AppError('validation_failed', `invalid k: ${k}`);
    this.loadQuery(query);
    if (k === 0 || core.live === 0) return [];
    core.setEf(opts?.ef ?? this.efDefault);
    if (opts === undefined || (opts.allowed === undefined && opts.filter === undefined)) {
      this.lastPlan = 'hnsw';
      return this.knn(core, k, undefined);
    }
    return this.filtered(core, k, opts);
  }

  /**
   * Exact cosine similarities of a query with the stored vectors of `ids` (from the in-memory copy;
   * ids that are absent or deleted are left out). Null when no copy is kept: read the store then.
   */
  similarities(query: ArrayLike<number>, ids: readonly number[]): Hit[] | null {
    if (!this.keepVectors) return null;
    this.loadQuery(query);
    const core = this.core;
    const out: Hit[] = [];
    for (const id of ids) {
      const slot = core.slotOf.get(id);
      if (slot === undefined || !core.has(id)) continue;
      out.push({ id, score: core.dot(this.qf, slot) });
    }
    return out;
  }

  /** True when deleted slots exceed the compaction threshold. */
  needsCompaction(): boolean {
    const c = this.core;
    return c.size > 0 && c.deletedCount / c.size > this.compactThreshold;
  }

  async compactIfNeeded(): Promise<boolean> {
    if (!this.needsCompaction()) return false;
    await this.compact();
    return true;
  }

  /**
   * Rebuilds the index into a fresh graph from the live vectors: from `from` when given (a source,
   * or 'copy' for the in-memory copy), else from the store through the configured source, else
   * from the copy. Deleted slots are gone afterwards. Searches keep using the old graph
   * meanwhile; adds and removes made during the rebuild apply to both.
   */
  compact(from?: VectorSource | 'copy'): Promise<void> {
    if (this.compacting) return this.compacting;
    const src = from === 'copy' ? this.copySource() : (from ?? this.source ?? this.copySource());
    this.journal = [];
    this.compacting = (async () => {
      try {
        const fresh = await this.buildCore(src, Math.max(MIN_CAPACITY, Math.ceil(this.core.live * 1.25)));
        for (const op of this.journal ?? []) {
          if (op.kind === 'add') fresh.core.add(op.id, op.unit);
          else fresh.core.remove(op.id);
        }
        fresh.core.setEf(this.efDefault);
        this.core = fresh.core;
      } finally {
        this.journal = null;
        this.compacting = null;
      }
    })();
    return this.compacting;
  }

  /**
   * Fills this (empty) index from a source, yielding to the event loop between batches.
   * Vectors of zero length are skipped and counted.
   */
  async load(source: VectorSource): Promise<{ added: number; skipped: number }> {
    const built = await this.buildCore(source, Math.max(this.core.capacity, MIN_CAPACITY));
    built.core.setEf(this.efDefault);
    this.core = built.core;
    return { added: built.added, skipped: built.skipped };
  }

  /**
   * Saves the index file and then its manifest into `dir`, each atomically (temp file, fsync,
   * rename): a crash leaves either the old pair, or a new index with the old manifest, whose
   * checksum no longer matches and so forces a rebuild. hnswlib writes synchronously (≈ 0.4 s
   * for 100k × 384), so mutations cannot interleave with the write.
   */
  async save(dir: string, opts?: { lastSeq?: number }): Promise<Manifest> {
    if (this.compacting) await this.compacting;
    if (opts?.lastSeq !== undefined) this.lastSeq = opts.lastSeq;
    const paths = pathsFor(dir, this.name);
    const core = this.core;
    const snapshot = { count: core.live, deleted: core.deletedCount, maxElements: core.capacity, lastSeq: this.lastSeq };
    const tmp = tempPath(paths.index);
    try {
      core.hnsw.writeIndexSync(tmp);
      await fsyncFile(tmp);
      const buf = await readWhole(tmp);
      validate(buf, this.dim);
      const manifest: Manifest = {
        version: MANIFEST_VERSION,
        name: this.name,
        modelId: this.modelId,
        dim: this.dim,
        space: 'ip',
        M: this.params.M,
        efConstruction: this.params.efConstruction,
        ef: this.efDefault,
        ...snapshot,
        checksum: sha256(buf),
        bytes: buf.byteLength,
        savedAt: new Date().toISOString(),
      };
      await rename(tmp, paths.index);
      await writeFileAtomic(paths.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
      await fsyncDir(dir);
      return manifest;
    } catch (e) {
      await removeQuietly(tmp);
      throw new AppError('internal', `saving index ${this.name} failed: ${(e as Error).message}`);
    }
  }

  // ---- internals -------------------------------------------------------------------------

  private toUnit(v: ArrayLike<number>, out: Float32Array, what: string): void {
    const dim = this.dim;
    if (v.length !== dim) throw new AppError('validation_failed', `${what} has ${v.length} dimensions, index ${this.name} has ${dim}`);
    let s = 0;
    for (let j = 0; j < dim; j++) s += v[j]! * v[j]!;
    if (!(s > 0) || !Number.isFinite(s)) throw new AppError('validation_failed', `${what} is zero or not finite`);
    const inv = 1 / Math.sqrt(s);
    for (let j = 0; j < dim; j++) out[j] = v[j]! * inv;
  }

  /** Normalises the query into the reused Float32Array (exact search) and number[] (hnswlib). */
  private loadQuery(query: ArrayLike<number>): void {
    this.toUnit(query, this.qf, 'query');
    const q = this.q;
    const qf = this.qf;
    for (let j = 0; j < this.dim; j++) q[j] = qf[j]!;
  }

  private knn(core: HnswCore, k: number, filter: ((id: number) => boolean) | undefined): Hit[] {
    const r = core.hnsw.searchKnn(this.q, Math.min(k, core.capacity), filter);
    const ids = r.neighbors;
    const dist = r.distances;
    const out = new Array<Hit>(ids.length);
    for (let i = 0; i < ids.length; i++) out[i] = { id: ids[i]!, score: 1 - dist[i]! };
    return out;
  }

  private filtered(core: HnswCore, k: number, opts: SearchOptions): Hit[] {
    const { allowed, filter } = opts;
    const live = core.live;
    const cost = this.keepVectors ? EXACT_COST.copy : this.getVectors ? EXACT_COST.getVectors : EXACT_COST.getPoint;
    let allowedCount: number;
    if (allowed !== undefined) {
      allowedCount = isSet(allowed) ? allowed.size : allowed.length;
      if (allowedCount === 0) {
        this.lastPlan = 'exact';
        return [];
      }
    } else {
      allowedCount = Math.round(this.estimateSelectivity(core, filter!) * live);
    }
    const plan = opts.plan ?? choosePlan({ allowed: allowedCount, live, k, dim: this.dim, exactCost: cost });
    this.lastPlan = plan;
    if (plan === 'exact') return this.exact(core, k, allowed, filter);

    // An id list becomes a reused bitset over [0, maxLabel] when ids are dense enough (≤ 8 bytes
    // a slot), else a Set; a Set is used as given.
    const list = allowed !== undefined && !isSet(allowed) ? allowed : undefined;
    const viaBits = list !== undefined && core.maxLabel >>> 5 < Math.max(1 << 16, core.capacity * 2);
    const asSet: ReadonlySet<number> | undefined = allowed === undefined || viaBits ? undefined : isSet(allowed) ? allowed : new Set(list);
    if (viaBits) this.setBits(core, list, true);
    try {
      const inAllowed: ((id: number) => boolean) | undefined =
        allowed === undefined ? undefined : viaBits ? this.bitTest : (id) => asSet!.has(id);
      const member: (id: number) => boolean =
        inAllowed && filter ? (id) => inAllowed(id) && filter(id) : (inAllowed ?? filter!);
      if (plan === 'overfetch') {
        const want = Math.min(k, allowedCount);
        const hits = this.knn(core, overfetchK(k, allowedCount / live, live), undefined);
        const kept: Hit[] = [];
        for (const h of hits) {
          if (member(h.id)) {
            kept.push(h);
            if (kept.length === k) break;
          }
        }
        if (kept.length >= want) return kept;
        this.lastPlan = 'hnsw-filter';
      }
      return this.knn(core, k, member);
    } finally {
      if (viaBits) this.setBits(core, list, false);
    }
  }

  /** Sets (or clears) the bits of allowed ids in the reused bitset. */
  private setBits(core: HnswCore, ids: Uint32Array | readonly number[], on: boolean): void {
    const words = (core.maxLabel >>> 5) + 1;
    if (this.bits.length < words) this.bits = new Uint32Array(Math.ceil(words * 1.25));
    const bits = this.bits;
    const max = core.maxLabel;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (id > max || id < 0) continue;
      if (on) bits[id >>> 5]! |= 1 << (id & 31);
      else bits[id >>> 5]! &= ~(1 << (id & 31));
    }
  }

  private estimateSelectivity(core: HnswCore, filter: (id: number) => boolean): number {
    const n = core.size;
    const samples = Math.min(SELECTIVITY_SAMPLE, n);
    const step = n / samples;
    let seen = 0;
    let pass = 0;
    for (let i = 0; i < samples; i++) {
      const slot = Math.floor(i * step);
      if (core.dead[slot] === 1) continue;
      seen++;
      if (filter(core.labels[slot]!)) pass++;
    }
    return seen === 0 ? 0 : pass / seen;
  }

  /** Exact top-k over the allowed ids (or every live id passing `filter`). */
  private exact(core: HnswCore, k: number, allowed: AllowedIds | undefined, filter: ((id: number) => boolean) | undefined): Hit[] {
    if (!core.hasCopy) return this.exactNoCopy(core, k, allowed, filter);
    const top = this.top;
    top.reset(k);
    const qf = this.qf;
    const { slotOf, dead } = core;
    if (allowed === undefined) {
      const labels = core.labels;
      for (let s = 0; s < core.size; s++) {
        if (dead[s] === 1 || !filter!(labels[s]!)) continue;
        top.push(labels[s]!, core.dot(qf, s));
      }
    } else if (isSet(allowed)) {
      for (const id of allowed) {
        const s = slotOf.get(id);
        if (s === undefined || dead[s] === 1 || (filter && !filter(id))) continue;
        top.push(id, core.dot(qf, s));
      }
    } else {
      for (let i = 0; i < allowed.length; i++) {
        const id = allowed[i]!;
        const s = slotOf.get(id);
        if (s === undefined || dead[s] === 1 || (filter && !filter(id))) continue;
        top.push(id, core.dot(qf, s));
      }
    }
    return top.drain();
  }

  /** Exact search without the JS copy: vectors from the caller's getVectors, else hnswlib getPoint. */
  private exactNoCopy(core: HnswCore, k: number, allowed: AllowedIds | undefined, filter: ((id: number) => boolean) | undefined): Hit[] {
    const ids: number[] = [];
    const consider = (id: number): void => {
      if (core.has(id) && (!filter || filter(id))) ids.push(id);
    };
    if (allowed === undefined) {
      for (let s = 0; s < core.size; s++) if (core.dead[s] === 0) consider(core.labels[s]!);
    } else if (isSet(allowed)) for (const id of allowed) consider(id);
    else for (let i = 0; i < allowed.length; i++) consider(allowed[i]!);
    const top = this.top;
    top.reset(k);
    const qf = this.qf;
    const dim = this.dim;
    if (this.getVectors) {
      const vs = this.getVectors(ids);
      for (let i = 0; i < ids.length; i++) {
        const v = vs[i];
        if (!v || v.length !== dim) continue;
        let norm = 0;
        for (let j = 0; j < dim; j++) norm += v[j]! * v[j]!;
        if (norm > 0) top.push(ids[i]!, dotAt(qf, v, 0, dim) / Math.sqrt(norm));
      }
    } else {
      for (const id of ids) {
        const p = core.hnsw.getPoint(id);
        let d = 0;
        for (let j = 0; j < dim; j++) d += qf[j]! * p[j]!;
        top.push(id, d);
      }
    }
    return top.drain();
  }

  private async buildCore(source: VectorSource, capacity: number): Promise<{ core: HnswCore; added: number; skipped: number }> {
    const core = HnswCore.create(this.dim, this.params, capacity, this.keepVectors);
    const unit = new Float32Array(this.dim);
    let added = 0;
    let skipped = 0;
    let batch = 0;
    for await (const rec of source()) {
      try {
        checkId(rec.id);
        this.toUnit(rec.vector, unit, `vector ${rec.id}`);
      } catch {
        skipped++;
        continue;
      }
      core.add(rec.id, unit);
      added++;
      if (++batch === REBUILD_BATCH) {
        batch = 0;
        await new Promise<void>((r) => setImmediate(r));
      }
    }
    return { core, added, skipped };
  }

  /** Live vectors from the in-memory copy (ids as of the start; vectors read as they go). */
  private copySource(): VectorSource {
    const core = this.core;
    if (!core.hasCopy) {
      throw new AppError('not_ready', `index ${this.name} keeps no vector copy and has no source to compact from`);
    }
    return function* (): Iterable<VectorRecord> {
      const n = core.size;
      for (let s = 0; s < n; s++) {
        if (core.dead[s] === 1) continue;
        yield { id: core.labels[s]!, vector: core.vectorOf(s) };
      }
    };
  }
}

function isSet(a: AllowedIds): a is ReadonlySet<number> {
  return a instanceof Set;
}

function checkId(id: number): void {
  if (!Number.isInteger(id) || id < 0 || id > 0xffffffff) {
    throw new AppError('validation_failed', `index ids are integers in [0, 2^32): got ${id}`);
  }
}
