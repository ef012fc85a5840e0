import type { VectorSet } from './vectors.js';

/**
 * Exact top-k by inner product over unit vectors: a plain scan with a sorted insertion list,
 * deliberately independent of src/index so it can serve as ground truth. Returns row numbers.
 * With `subset`, only those rows are scored.
 */
export function bruteTopK(base: VectorSet, q: Float32Array, k: number, subset?: Uint32Array): Int32Array {
  const { dim, data } = base;
  const ids = new Int32Array(k).fill(-1);
  const sc = new Float64Array(k).fill(-Infinity);
  const m = subset ? subset.length : base.n;
  for (let t = 0; t < m; t++) {
    const i = subset ? subset[t]! : t;
    const o = i * dim;
    let s = 0;
    for (let j = 0; j < dim; j++) s += q[j]! * data[o + j]!;
    if (s <= sc[k - 1]!) continue;
    let p = k - 1;
    while (p > 0 && sc[p - 1]! < s) {
      sc[p] = sc[p - 1]!;
      ids[p] = ids[p - 1]!;
      p--;
    }
    sc[p] = s;
    ids[p] = i;
  }
  let n = k;
  while (n > 0 && ids[n - 1] === -1) n--;
  return ids.subarray(0, n);
}
