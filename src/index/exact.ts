/** Exact (brute-force) scoring helpers: dot products and a reusable top-k heap. */
import type { Hit } from './types.js';

/** Dot product of `q` with `dim` floats of `data` starting at `off` (unrolled by 4). */
export function dotAt(q: Float32Array, data: Float32Array, off: number, dim: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  const end = dim - 3;
  for (; j < end; j += 4) {
    s0 += q[j]! * data[off + j]!;
    s1 += q[j + 1]! * data[off + j + 1]!;
    s2 += q[j + 2]! * data[off + j + 2]!;
    s3 += q[j + 3]! * data[off + j + 3]!;
  }
  for (; j < dim; j++) s0 += q[j]! * data[off + j]!;
  return s0 + s1 + s2 + s3;
}

/**
 * Writes the unit-length copy of `src` into `dst` at `off` and returns the original length.
 * Computed in float64; returns 0 (and writes nothing) for a zero or non-finite vector.
 */
export function normalizeInto(src: ArrayLike<number>, dim: number, dst: Float32Array | number[], off = 0): number {
  let s = 0;
  for (let j = 0; j < dim; j++) s += src[j]! * src[j]!;
  if (!(s > 0) || !Number.isFinite(s)) return 0;
  const inv = 1 / Math.sqrt(s);
  for (let j = 0; j < dim; j++) dst[off + j] = src[j]! * inv;
  return Math.sqrt(s);
}

/** Bounded min-heap keeping the k best (highest-score) ids; reused between queries. */
export class TopK {
  private scores = new Float64Array(16);
  private ids = new Float64Array(16);
  private k = 0;
  private n = 0;

  reset(k: number): void {
    if (k > this.scores.length) {
      this.scores = new Float64Array(k);
      this.ids = new Float64Array(k);
    }
    this.k = k;
    this.n = 0;
  }

  /** The score a candidate must beat once the heap is full (-Infinity before). */
  get floor(): number {
    return this.n < this.k ? -Infinity : this.scores[0]!;
  }

  push(id: number, score: number): void {
    const s = this.scores;
    const ids = this.ids;
    if (this.n < this.k) {
      let i = this.n++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (s[p]! <= score) break;
        s[i] = s[p]!;
        ids[i] = ids[p]!;
        i = p;
      }
      s[i] = score;
      ids[i] = id;
      return;
    }
    if (this.k === 0 || score <= s[0]!) return;
    // replace the root (the worst kept) and sift down
    const n = this.n;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && s[r]! < s[l]! ? r : l;
      if (s[c]! >= score) break;
      s[i] = s[c]!;
      ids[i] = ids[c]!;
      i = c;
    }
    s[i] = score;
    ids[i] = id;
  }

  /** The kept hits, best first; the heap is empty afterwards. */
  drain(): Hit[] {
    const out: Hit[] = new Array<Hit>(this.n);
    for (let i = 0; i < this.n; i++) out[i] = { id: this.ids[i]!, score: this.scores[i]! };
    out.sort((a, b) => b.score - a.score || a.id - b.id);
    this.n = 0;
    return out;
  }
}
