/**
 * The end-of-run check of a whole `vitest` run (test/global-setup.ts): every log file in the run's
 * folder (services started in the test workers, hardening server children, CLI runs) and every
 * error answer the shared HTTP helpers recorded, grepped for personal data and stack traces.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ERROR_BODIES_DIR } from '../../helpers/test-logs.js';
import { looksLikeStack } from './checks.js';
import { filesUnder, scanLogs, type LogHit, type PersonalCheck } from './logs.js';

export interface RunScan {
  logFiles: number;
  logLines: number;
  logBytes: number;
  errorLines: number;
  errorBodies: number;
  /** Each a readable line: where, what. */
  problems: string[];
}

const show = (h: LogHit): string => `${h.file}:${h.line}: ${h.what}: ${h.text.slice(0, 200)}`;

export function scanRun(dir: string, personal: PersonalCheck): RunScan {
  const logs = scanLogs(personal, filesUnder(dir, '.log'), dir);
  const problems = [...logs.personal.map((h) => `personal data in a log: ${show(h)}`), ...logs.stacks.map((h) => `stack trace in a log: ${show(h)}`)];
  let errorBodies = 0;
  for (const file of filesUnder(path.join(dir, ERROR_BODIES_DIR), '.jsonl')) {
    fs.readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (!line) return;
        errorBodies++;
        const r = JSON.parse(line) as { status: number; method: string; path: string; body: string };
        const where = `${path.relative(dir, file)}:${i + 1}: ${r.method} ${r.path} → ${r.status}`;
        if (looksLikeStack(r.body)) problems.push(`stack trace or internal path in an error body: ${where}: ${r.body.slice(0, 200)}`);
        const p = personal(r.body);
        if (p) problems.push(`personal data in an error body: ${where}: ${p}`);
      });
  }
  return { logFiles: logs.files, logLines: logs.lines, logBytes: logs.bytes, errorLines: logs.errors.length, errorBodies, problems };
}
