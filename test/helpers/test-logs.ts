/**
 * Where the logs of a test run go. test/global-setup.ts makes a folder per `vitest` run and names
 * it in JOBMATCH_TEST_LOG_DIR (inherited by the test workers and every process they start); each
 * service a test starts logs there at debug level, and each error answer the shared HTTP helpers
 * receive is recorded there too. At the end of the run the global set-up greps all of it
 * (test/hardening/lib/logs.ts) for the fixtures' personal data and for stack traces.
 *
 * Outside a vitest run (benches, scripts) nothing is recorded and services stay silent.
 */
import fs from 'node:fs';
import path from 'node:path';

export const TEST_LOG_DIR_ENV = 'JOBMATCH_TEST_LOG_DIR';
/** Error answers seen by the HTTP helpers, one JSON line each: { status, method, path, body }. */
export const ERROR_BODIES_DIR = 'error-bodies';

/** The run's log folder, or null outside a vitest run with the global set-up. */
export function runLogDir(): string | null {
  return process.env[TEST_LOG_DIR_ENV] || null;
}

let seq = 0;

/** The test file running in this worker, for readable log names (null outside a test). */
function currentTestFile(): string | null {
  const state = (globalThis as { __vitest_worker__?: { filepath?: string } }).__vitest_worker__;
  return state?.filepath ? path.basename(state.filepath).replace(/\.test\.ts$/, '') : null;
}

/**
 * Service configuration for logging: at debug level into a fresh file in the run's folder (so
 * every debug line is grepped too), or silent outside a run. `label` names the file.
 */
export function testLogEnv(label: string): { LOG_LEVEL: string; LOG_FILE?: string } {
  const dir = runLogDir();
  if (!dir) return { LOG_LEVEL: 'silent' };
  const who = [currentTestFile(), label].filter(Boolean).join('.').replace(/[^\w.-]+/g, '_');
  return { LOG_LEVEL: 'debug', LOG_FILE: path.join(dir, `${who}-${process.pid}-${++seq}.log`) };
}

/** Records an error answer (status >= 400) for the end-of-run grep. */
export function recordErrorBody(method: string, urlPath: string, status: number, body: string): void {
  const dir = runLogDir();
  if (!dir || status < 400) return;
  const folder = path.join(dir, ERROR_BODIES_DIR);
  fs.mkdirSync(folder, { recursive: true });
  fs.appendFileSync(path.join(folder, `${process.pid}.jsonl`), `${JSON.stringify({ status, method, path: urlPath.split('?')[0], body: body.slice(0, 4000) })}\n`);
}
