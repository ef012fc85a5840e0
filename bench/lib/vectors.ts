import { readFileSync } from 'node:fs';
import { createRng } from './prng.js';

/** n vectors of `dim` floats, row-major in one Float32Array (row i at i * dim). */
export interface VectorSet {
  name: string;
  dim: number;
  n: number;
  data: Float32Array;
}

export function row(set: VectorSet, i: number): Float32Array {
  return set.data.subarray(i * set.dim, (i + 1) * set.dim);
}

/** Scales each row of `data` to unit length in place (rows of zeros stay zero). */
export function normalizeRows(data: Float32Array, dim: number): void {
  for (let o = 0; o < data.length; o += dim) {
    let s = 0;
    for (let j = 0; j < dim; j++) s += data[o + j]! * data[o + j]!;
    if (s === 0) continue;
    const inv = 1 / Math.sqrt(s);
    for (let j = 0; j < dim; j++) data[o + j]! *= inv;
  }
}

export interface ClusteredOptions {
  n: number;
  dim: number;
  seed: number;
  /** Number of cluster centres (default n / 100, at least 1). */
  clusters?: number;
  /**
   * Noise around a centre relative to the centre's length (default 0.8). At 1.0 a point keeps
   * cosine ≈ 0.71 with its centre and ≈ 0.5 with a neighbour of the same cluster, roughly what
   * sentence embeddings of related texts show; distinct clusters are near-orthogonal.
   */
  spread?: number;
  name?: string;
}

/**
 * Unit vectors around random centres: a stand-in for text embeddings (which clump by topic).
 * The same options give the same vectors on every run. `queries` draws extra points from the
 * same clusters with a second seed, so queries are never points of the set itself.
 */
export function clusteredVectors(opts: ClusteredOptions): VectorSet {
  const { n, dim, seed } = opts;
  const clusters = Math.max(1, opts.clusters ?? Math.round(n / 100));
  const spread = opts.spread ?? 0.8;
  const centres = centresFor(clusters, dim, seed);
  return pointsAround(centres, clusters, dim, n, spread, seed + 1, opts.name ?? `clustered-${n}x${dim}`);
}

/** `count` query vectors from the same clusters as `clusteredVectors(opts)`, not in the set. */
export function clusteredQueries(opts: ClusteredOptions, count: number): VectorSet {
  const clusters = Math.max(1, opts.clusters ?? Math.round(opts.n / 100));
  const centres = centresFor(clusters, opts.dim, opts.seed);
  return pointsAround(centres, clusters, opts.dim, count, opts.spread ?? 0.8, opts.seed + 7919, `queries-${count}x${opts.dim}`);
}

function centresFor(clusters: number, dim: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const c = new Float32Array(clusters * dim);
  for (let i = 0; i < c.length; i++) c[i] = rng.gauss();
  normalizeRows(c, dim);
  return c;
}

function pointsAround(
  centres: Float32Array,
  clusters: number,
  dim: number,
  n: number,
  spread: number,
  seed: number,
  name: string,
): VectorSet {
  const rng = createRng(seed);
  const data = new Float32Array(n * dim);
  const sigma = spread / Math.sqrt(dim);
  for (let i = 0; i < n; i++) {
    const c = rng.int(clusters) * dim;
    const o = i * dim;
    for (let j = 0; j < dim; j++) data[o + j] = centres[c + j]! + sigma * rng.gauss();
  }
  normalizeRows(data, dim);
  return { name, dim, n, data };
}

/**
 * Reads a vector set from a file: `.json` holding `{ dim, vectors: number[][] }` or a bare
 * `number[][]`, or `.f32` raw little-endian float32 rows (pass `dim`, or put `{ "dim": N }` in
 * `<file>.json` beside it). Rows are normalised to unit length.
 */
export function readVectorFile(path: string, dim?: number): VectorSet {
  const name = path.split('/').pop() ?? path;
  if (path.endsWith('.json')) {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    const rows = Array.isArray(parsed) ? parsed : (parsed as { vectors?: unknown }).vectors;
    if (!Array.isArray(rows) || rows.length === 0 || !Array.isArray(rows[0])) {
      throw new Error(`${path}: expected number[][] or { dim, vectors: number[][] }`);
    }
    const d = (rows[0] as unknown[]).length;
    const data = new Float32Array(rows.length * d);
    rows.forEach((r: unknown, i) => {
      if (!Array.isArray(r) || r.length !== d) throw new Error(`${path}: row ${i} has the wrong length`);
      for (let j = 0; j < d; j++) data[i * d + j] = Number(r[j]);
    });
    normalizeRows(data, d);
    return { name, dim: d, n: rows.length, data };
  }
  let d = dim;
  if (d === undefined) {
    const side = JSON.parse(readFileSync(`${path}.json`, 'utf8')) as { dim?: unknown };
    if (typeof side.dim !== 'number') throw new Error(`${path}.json: missing "dim"`);
    d = side.dim;
  }
  const buf = readFileSync(path);
  if (buf.byteLength % (4 * d) !== 0) throw new Error(`${path}: size is not a multiple of ${d} float32`);
  const data = new Float32Array(buf.byteLength / 4);
  for (let i = 0; i < data.length; i++) data[i] = buf.readFloatLE(i * 4);
  normalizeRows(data, d);
  return { name, dim: d, n: data.length / d, data };
}

/** Splits the last `count` rows off as queries (for real vector sets that come without queries). */
export function holdOut(set: VectorSet, count: number): { base: VectorSet; queries: VectorSet } {
  const q = Math.min(count, Math.floor(set.n / 10));
  const nb = set.n - q;
  return {
    base: { name: set.name, dim: set.dim, n: nb, data: set.data.subarray(0, nb * set.dim) },
    queries: { name: `${set.name}-queries`, dim: set.dim, n: q, data: set.data.subarray(nb * set.dim) },
  };
}
