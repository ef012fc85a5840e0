/**
 * Minimal flag parser: `--n 20000 --dims 384,512 --quick` → { n: '20000', dims: '384,512', quick: 'true' }.
 * Also accepts `--n=20000`.
 */
export function parseFlags(argv: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) continue;
    const eq = a.indexOf('=');
    if (eq > 0) {
      out[a.slice(2, eq)] = a.slice(eq + 1);
      continue;
    }
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith('--')) {
      out[a.slice(2)] = next;
      i++;
    } else out[a.slice(2)] = 'true';
  }
  return out;
}

export function intFlag(flags: Record<string, string>, name: string, fallback: number): number {
  const v = flags[name];
  if (v === undefined) return fallback;
  const n = Number(v.replace(/_/g, ''));
  if (!Number.isFinite(n)) throw new Error(`--${name} must be a number, got ${v}`);
  return Math.round(n);
}

export function intListFlag(flags: Record<string, string>, name: string, fallback: number[]): number[] {
  const v = flags[name];
  if (v === undefined) return fallback;
  return v.split(',').map((s) => {
    const n = Number(s.trim());
    if (!Number.isFinite(n)) throw new Error(`--${name} must be a list of numbers, got ${v}`);
    return n;
  });
}
