import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clusteredQueries, clusteredVectors, row, type VectorSet } from '../../bench/lib/vectors.js';
import type { VectorRecord } from '../../src/index/index.js';

export { row };

export function dataset(n: number, dim: number, seed = 7): { base: VectorSet; queries: VectorSet } {
  const opts = { n, dim, seed, clusters: Math.max(4, Math.round(n / 100)) };
  return { base: clusteredVectors(opts), queries: clusteredQueries(opts, 100) };
}

/** Ids used in tests are offset from row numbers, so a mix-up of row and id shows. */
export const ID0 = 1000;

export function records(set: VectorSet, first = 0, last = set.n): VectorRecord[] {
  const out: VectorRecord[] = [];
  for (let i = first; i < last; i++) out.push({ id: ID0 + i, vector: row(set, i) });
  return out;
}

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    d += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return d / Math.sqrt(na * nb);
}

/** Plain brute force: score every allowed row, sort, keep k (independent of src/index/exact.ts). */
export function bruteForce(set: VectorSet, q: ArrayLike<number>, k: number, allow?: (id: number) => boolean, skip?: ReadonlySet<number>): { id: number; score: number }[] {
  const all: { id: number; score: number }[] = [];
  for (let i = 0; i < set.n; i++) {
    const id = ID0 + i;
    if (skip?.has(id) || (allow && !allow(id))) continue;
    all.push({ id, score: cosine(q, row(set, i)) });
  }
  all.sort((a, b) => b.score - a.score);
  return all.slice(0, k);
}

export function recall(found: { id: number }[], truth: { id: number }[]): number {
  const t = new Set(truth.map((h) => h.id));
  return truth.length === 0 ? 1 : found.filter((h) => t.has(h.id)).length / truth.length;
}

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'jobmatch-index-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
