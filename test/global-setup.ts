/**
 * Once per `vitest` run: a fresh log folder under test-artifacts/runs/ for every service and
 * server the tests start (JOBMATCH_TEST_LOG_DIR, see helpers/test-logs.ts), and at the end a grep
 * of all of it for the fixtures' e-mail addresses and names and for stack traces. A hit fails the
 * run: vitest exits non-zero when this teardown throws.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixturePersonalCheck } from './hardening/lib/fixtures.js';
import { scanRun } from './hardening/lib/run-logs.js';
import { TEST_LOG_DIR_ENV } from './helpers/test-logs.js';

const RUNS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'test-artifacts', 'runs');
/** Folders of earlier runs are kept this long (by age, never by count: runs started alongside this one must keep theirs). */
const KEEP_RUNS_MS = 24 * 3_600_000;

export default function setup(): () => void {
  fs.mkdirSync(RUNS, { recursive: true });
  for (const name of fs.readdirSync(RUNS)) {
    const old = path.join(RUNS, name);
    if (Date.now() - fs.statSync(old).mtimeMs > KEEP_RUNS_MS) fs.rmSync(old, { recursive: true, force: true });
  }
  const dir = path.join(RUNS, `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`);
  fs.mkdirSync(dir, { recursive: true });
  process.env[TEST_LOG_DIR_ENV] = dir;

  return () => {
    const t0 = performance.now();
    const scan = scanRun(dir, fixturePersonalCheck());
    const ms = Math.round(performance.now() - t0);
    fs.writeFileSync(path.join(dir, 'scan.json'), `${JSON.stringify({ ...scan, ms }, null, 2)}\n`);
    const summary = `log scan (${path.relative(process.cwd(), dir)}): ${scan.logFiles} log files, ${scan.logLines} lines, ${(scan.logBytes / 1024 / 1024).toFixed(1)} MiB, ${scan.errorBodies} error bodies, ${ms} ms`;
    if (scan.problems.length) {
      throw new Error(`${summary}: ${scan.problems.length} problems\n${scan.problems.slice(0, 30).join('\n')}${scan.problems.length > 30 ? `\n… and ${scan.problems.length - 30} more (scan.json)` : ''}`);
    }
    process.stdout.write(`${summary}: no personal data, no stack traces\n`);
  };
}
