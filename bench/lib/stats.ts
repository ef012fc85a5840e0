/** Percentile (0–100) by linear interpolation over a copy of the values. */
export function percentile(values: ArrayLike<number>, p: number): number {
  const n = values.length;
  if (n === 0) return NaN;
  const s = Float64Array.from(values).sort();
  const pos = (Math.min(100, Math.max(0, p)) / 100) * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

export function median(values: ArrayLike<number>): number {
  return percentile(values, 50);
}

export function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return values.length ? s / values.length : NaN;
}

/** recall@k of one result list against the true top-k ids. */
export function recallAt(found: ArrayLike<number>, truth: ArrayLike<number>, k: number): number {
  const t = new Set<number>();
  const kk = Math.min(k, truth.length);
  if (kk === 0) return 1;
  for (let i = 0; i < kk; i++) t.add(truth[i]!);
  let hit = 0;
  for (let i = 0; i < Math.min(k, found.length); i++) if (t.has(found[i]!)) hit++;
  return hit / kk;
}
