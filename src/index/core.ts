/**
 * One native hnswlib index plus the slot tables the wrapper keeps beside it. A slot is hnswlib's
 * internal id: slots are handed out in insertion order exactly as hnswlib does, so slot i here
 * is element i in the index file. Vectors arrive unit length (the wrapper normalises).
 *
 * The JS copy of the vectors (for exact search) has two regions: slots loaded from a file are
 * read in place from the file's bytes (strided, no copy), and slots added later live in a
 * growable slab.
 */
import hnswlib from 'hnswlib-node';
import type { HierarchicalNSW } from 'hnswlib-node';
import { dotAt } from './exact.js';
import type { HnswFileContents } from './hnsw-file.js';
import { GROWTH_FACTOR, MIN_CAPACITY, type HnswParams } from './params.js';

export class HnswCore {
  /** Current query-time ef set on the native index (hnswlib resets it to 10 on load). */
  ef = 0;
  size = 0;
  deletedCount = 0;
  maxLabel = -1;
  readonly slotOf = new Map<number, number>();
  labels: Uint32Array;
  dead: Uint8Array;
  /** Whether a JS copy of the vectors is kept. */
  readonly hasCopy: boolean;
  /** Slots [0, baseCount) read from the file bytes: slot s at baseOff + s·baseStride in `base`. */
  private base: Float32Array = new Float32Array(0);
  private baseCount = 0;
  private baseStride = 0;
  private baseOff = 0;
  /** Slots from baseCount on: slot s at (s − baseCount)·dim in `slab`. */
  private slab: Float32Array;
  private readonly row: number[];

  private constructor(
    readonly hnsw: HierarchicalNSW,
    readonly dim: number,
    public capacity: number,
    keepVectors: boolean,
  ) {
    this.hasCopy = keepVectors;
    this.labels = new Uint32Array(capacity);
    this.dead = new Uint8Array(capacity);
    this.slab = new Float32Array(keepVectors ? capacity * dim : 0);
    this.row = new Array<number>(dim).fill(0);
  }

  static create(dim: number, params: HnswParams, capacity: number, keepVectors: boolean): HnswCore {
    const cap = Math.max(MIN_CAPACITY, Math.ceil(capacity));
    const h = new hnswlib.HierarchicalNSW('ip', dim);
    h.initIndex(cap, params.M, params.efConstruction, params.seed);
    return new HnswCore(h, dim, cap, keepVectors);
  }

  /** Wraps a native index already read from a file, with the tables parsed from the same file. */
  static fromFile(h: HierarchicalNSW, dim: number, file: HnswFileContents): HnswCore {
    const core = new HnswCore(h, dim, 0, file.vectors !== null);
    core.capacity = file.labels.length;
    core.labels = file.labels;
    core.dead = file.deleted;
    core.size = file.header.count;
    core.deletedCount = file.deletedCount;
    if (file.vectors) {
      core.base = file.vectors.data;
      core.baseStride = file.vectors.stride;
      core.baseOff = file.vectors.offset;
      core.baseCount = file.vectors.count;
      core.slab = new Float32Array((core.capacity - core.baseCount) * dim);
    }
    for (let s = 0; s < core.size; s++) {
      const id = file.labels[s]!;
      core.slotOf.set(id, s);
      if (id > core.maxLabel) core.maxLabel = id;
    }
    return core;
  }

  get live(): number {
    return this.size - this.deletedCount;
  }

  has(id: number): boolean {
    const s = this.slotOf.get(id);
    return s !== undefined && this.dead[s] === 0;
  }

  /** Dot product of `q` with the stored vector of `slot` (requires the JS copy). */
  dot(q: Float32Array, slot: number): number {
    return slot < this.baseCount
      ? dotAt(q, this.base, this.baseOff + slot * this.baseStride, this.dim)
      : dotAt(q, this.slab, (slot - this.baseCount) * this.dim, this.dim);
  }

  /** A copy of the stored vector of `slot` (requires the JS copy). */
  vectorOf(slot: number): Float32Array {
    const dim = this.dim;
    if (slot < this.baseCount) {
      const o = this.baseOff + slot * this.baseStride;
      return this.base.slice(o, o + dim);
    }
    const o = (slot - this.baseCount) * dim;
    return this.slab.slice(o, o + dim);
  }

  /** Adds or replaces (also revives a deleted id). `unit` must be unit length. */
  add(id: number, unit: Float32Array): void {
    const row = this.row;
    for (let j = 0; j < this.dim; j++) row[j] = unit[j]!;
    let slot = this.slotOf.get(id);
    if (slot === undefined) {
      if (this.size >= this.capacity) this.grow(Math.ceil(this.capacity * GROWTH_FACTOR));
      this.hnsw.addPoint(row, id);
      slot = this.size++;
      this.slotOf.set(id, slot);
      this.labels[slot] = id;
      if (id > this.maxLabel) this.maxLabel = id;
    } else {
      // hnswlib updates an existing label in place and clears its deleted mark.
      this.hnsw.addPoint(row, id);
      if (this.dead[slot] === 1) {
        this.dead[slot] = 0;
        this.deletedCount--;
      }
    }
    if (this.hasCopy) this.writeVector(slot, unit);
  }

  /** Marks an id deleted; false when it is unknown or already deleted (hnswlib would throw). */
  remove(id: number): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined || this.dead[slot] === 1) return false;
    this.hnsw.markDelete(id);
    this.dead[slot] = 1;
    this.deletedCount++;
    return true;
  }

  grow(capacity: number): void {
    if (capacity <= this.capacity) return;
    this.hnsw.resizeIndex(capacity);
    const labels = new Uint32Array(capacity);
    labels.set(this.labels.subarray(0, this.size));
    const dead = new Uint8Array(capacity);
    dead.set(this.dead.subarray(0, this.size));
    this.labels = labels;
    this.dead = dead;
    if (this.hasCopy) {
      const slab = new Float32Array((capacity - this.baseCount) * this.dim);
      slab.set(this.slab.subarray(0, (this.size - this.baseCount) * this.dim));
      this.slab = slab;
    }
    this.capacity = capacity;
  }

  setEf(ef: number): void {
    if (ef !== this.ef) {
      this.hnsw.setEf(ef);
      this.ef = ef;
    }
  }

  private writeVector(slot: number, unit: Float32Array): void {
    if (slot < this.baseCount) this.base.set(unit, this.baseOff + slot * this.baseStride);
    else this.slab.set(unit, (slot - this.baseCount) * this.dim);
  }
}
