/** The hardening runs' logs: where they go, and the grep for personal data and stack traces. */
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './child.js';
import { personalIn } from './checks.js';

/** Every server child of the hardening tests and benches logs here (gitignored). */
export const LOG_DIR = path.join(REPO_ROOT, 'test-artifacts', 'hardening');

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

const STACK_LINE = /^\s+at\s|"stack"\s*:|\.ts:\d+:\d+/;

/** Greps every .log file in LOG_DIR (or the given files) for personal strings, stack traces and error lines. */
export function scanLogs(personal: readonly string[], files?: readonly string[]): LogScan {
  const list = files ?? (fs.existsSync(LOG_DIR) ? fs.readdirSync(LOG_DIR).filter((f) => f.endsWith('.log')).map((f) => path.join(LOG_DIR, f)) : []);
  const scan: LogScan = { files: list.length, lines: 0, bytes: 0, personal: [], stacks: [], errors: [] };
  for (const file of list) {
    const text = fs.readFileSync(file, 'utf8');
    scan.bytes += Buffer.byteLength(text);
    const lines = text.split('\n');
    lines.forEach((l, i) => {
      if (!l) return;
      scan.lines++;
      const hit = (what: string): LogHit => ({ file: path.basename(file), line: i + 1, what, text: l.slice(0, 300) });
      const p = personalIn(l, personal);
      if (p) scan.personal.push(hit(p));
      if (STACK_LINE.test(l)) scan.stacks.push(hit('stack'));
      if (/"level":(50|60)/.test(l)) scan.errors.push(hit('error'));
    });
  }
  return scan;
}
