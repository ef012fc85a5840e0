/**
 * The logs of the test runs: where the hardening children log, and the grep for personal data and
 * stack traces (used by the hardening tests and benches on their own logs, and by
 * test/global-setup.ts on every log of a whole `vitest` run).
 */
import fs from 'node:fs';
import path from 'node:path';
import { runLogDir } from '../../helpers/test-logs.js';
import { REPO_ROOT } from './child.js';
import { personalIn } from './checks.js';

/**
 * Every server child of the hardening tests and benches logs here (gitignored): inside a vitest
 * run, the run's log folder (so the end-of-run grep covers it); otherwise test-artifacts/hardening.
 */
export const LOG_DIR = path.join(runLogDir() ?? path.join(REPO_ROOT, 'test-artifacts'), 'hardening');

export function logFile(name: string): string {
  fs.mkdirSync(LOG_DIR, { recursive: true });
  return path.join(LOG_DIR, `${name}.log`);
}

export interface LogHit {
  file: string;
  line: number;
  what: string;
  text: string;
}

export interface LogScan {
  files: number;
  lines: number;
  bytes: number;
  personal: LogHit[];
  stacks: LogHit[];
  /** Lines at level error (50) or fatal (60). */
  errors: LogHit[];
}

/** The personal string found in a line, or null. */
export type PersonalCheck = (line: string) => string | null;

const STACK_LINE = /^\s+at\s|"stack"\s*:|\.ts:\d+:\d+/;

/** Every file ending in `ext` under `dir`, at any depth. */
export function filesUnder(dir: string, ext = '.log'): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith(ext)).map((f) => path.join(dir, f));
}

/**
 * Greps every .log file in LOG_DIR (or the given files) for personal data (the given strings, or
 * a check of its own), stack traces and error lines.
 */
export function scanLogs(personal: readonly string[] | PersonalCheck, files?: readonly string[], root?: string): LogScan {
  const list = files ?? filesUnder(LOG_DIR).filter((f) => path.dirname(f) === LOG_DIR);
  const check: PersonalCheck = typeof personal === 'function' ? personal : (l) => personalIn(l, personal);
  const scan: LogScan = { files: list.length, lines: 0, bytes: 0, personal: [], stacks: [], errors: [] };
  for (const file of list) {
    const text = fs.readFileSync(file, 'utf8');
    scan.bytes += Buffer.byteLength(text);
    const name = root ? path.relative(root, file) : path.basename(file);
    const lines = text.split('\n');
    lines.forEach((l, i) => {
      if (!l) return;
      scan.lines++;
      const hit = (what: string): LogHit => ({ file: name, line: i + 1, what, text: l.slice(0, 300) });
      const p = check(l);
      if (p) scan.personal.push(hit(p));
      if (STACK_LINE.test(l)) scan.stacks.push(hit('stack'));
      if (/"level":(50|60)/.test(l)) scan.errors.push(hit('error'));
    });
  }
  return scan;
}
