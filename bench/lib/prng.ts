/** Seeded pseudo-random numbers (mulberry32), so every bench and test run sees the same data. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box–Muller). */
  gauss(): number;
}

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  let spare: number | null = null;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    gauss: () => {
      if (spare !== null) {
        const s = spare;
        spare = null;
        return s;
      }
      let u = 0;
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
  };
}

/** k distinct integers from [0, n), in random order (Floyd's algorithm for small k, shuffle otherwise). */
export function sampleDistinct(rng: Rng, n: number, k: number): Uint32Array {
  if (k > n) throw new Error(`cannot sample ${k} of ${n}`);
  if (k * 4 > n) {
    const all = new Uint32Array(n);
    for (let i = 0; i < n; i++) all[i] = i;
    for (let i = 0; i < k; i++) {
      const j = i + rng.int(n - i);
      const t = all[i]!;
      all[i] = all[j]!;
      all[j] = t;
    }
    return all.slice(0, k);
  }
  const seen = new Set<number>();
  const out = new Uint32Array(k);
  let w = 0;
  for (let j = n - k; j < n; j++) {
    const t = rng.int(j + 1);
    const pick = seen.has(t) ? j : t;
    seen.add(pick);
    out[w++] = pick;
  }
  return out;
}
