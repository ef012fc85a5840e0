/**
 * Crash rounds, full run: kill -9 the service (its own process) at random points of a bulk ingest,
 * `--rounds` times (default 20; every 5th kill hits the next start-up instead, while the index is
 * opened or rebuilt), restarting each time; then damage the saved index in every way we know.
 * After each restart: every 201 is stored and searchable, index = database, the audit chain
 * verifies, stored files are intact, no parser process outlived the service.
 *
 *   npm run bench:faults [-- --rounds 20 --seed 1 --concurrency 3]
 *
 * Writes bench/results/faults.json and faults.md. Logs go to test-artifacts/hardening/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { intFlag, parseFlags } from './lib/args.js';
import { machineInfo, writeJson, writeText } from './lib/report.js';
import { checkAfterStart, corruptionRounds, killRounds, type ChildEnv, type Corruption } from '../test/hardening/lib/faults.js';
import { fixtureSet } from '../test/hardening/lib/fixtures.js';
import { logFile, scanLogs } from '../test/hardening/lib/logs.js';
import { loadAverage, table } from '../test/hardening/lib/report.js';

const flags = parseFlags(process.argv.slice(2));
const rounds = intFlag(flags, 'rounds', 20);
const seed = intFlag(flags, 'seed', 1);
const concurrency = intFlag(flags, 'concurrency', 3);
const KINDS: Corruption[] = ['flip-bytes', 'truncate', 'manifest-garbage', 'manifest-count', 'delete-index', 'forged-checksum-vector', 'forged-checksum-labels'];

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-bench-faults-'));
const c: ChildEnv = { dataDir: path.join(root, 'data'), logFile: logFile('faults-bench'), env: { LOG_LEVEL: 'debug', RATE_LIMIT_PER_MINUTE: '1000000' } };
fs.rmSync(c.logFile, { force: true });
const loadBefore = loadAverage();
const t0 = performance.now();
const fx = await fixtureSet(3);
console.log(`faults: ${rounds} kill rounds, seed ${seed}, ${concurrency} uploads in flight; load ${loadBefore}`);

const kill = await killRounds(c, fx, {
  rounds,
  seed,
  concurrency,
  killWindowMs: [300, 6000],
  startupKillEvery: 5,
  onRound: (r) => console.log(`round ${String(r.round).padStart(2)} ${r.phase.padEnd(7)} kill after ${String(r.killAfterMs).padStart(4)} ms: sent ${r.sent}, 201 ${r.created}, cut ${r.cut}; restart ${r.restart.ms} ms, cv ${r.restart.cv}${r.problems.length ? `  <-- ${r.problems.join('; ')}` : ''}`),
});
// After the last restart every acknowledged upload, not only the last round's, must be stored and found by search.
const finalProblems = await checkAfterStart(kill.child, c.dataDir, kill.state.acknowledged, [...kill.state.acknowledged.keys()]);
console.log(`all ${kill.state.acknowledged.size} acknowledged uploads checked: ${finalProblems.length ? finalProblems.join('; ') : 'stored and found'}`);
const damage = await corruptionRounds(c, kill.child, kill.state, KINDS, (r) => console.log(`damage ${r.corruption.padEnd(24)} → ${r.opened}${r.problems.length ? `  <-- ${r.problems.join('; ')}` : ''}`));
await damage.child.stop();
const logs = scanLogs(fx.personal, [c.logFile]);
fs.rmSync(root, { recursive: true, force: true });

const reasons: Record<string, number> = {};
for (const r of kill.rounds) {
  const reason = r.restart.cv.replace(/:.*$/, ')').replace(/\)\)$/, ')');
  reasons[reason] = (reasons[reason] ?? 0) + 1;
}
const passed = kill.rounds.filter((r) => r.problems.length === 0).length;
const summary = {
  machine: machineInfo(),
  load: { before: loadBefore, after: loadAverage() },
  rounds,
  passed,
  acknowledged: kill.state.acknowledged.size,
  uploadsSent: kill.rounds.reduce((n, r) => n + r.sent, 0),
  cutOff: kill.rounds.reduce((n, r) => n + r.cut, 0),
  restartReasons: reasons,
  killRounds: kill.rounds,
  cleanRestart: damage.cleanRestart,
  damage: damage.results,
  finalProblems,
  logs: { lines: logs.lines, personal: logs.personal.length, stacks: logs.stacks.length, errors: logs.errors.length },
  seconds: Math.round((performance.now() - t0) / 1000),
};
writeJson('bench/results/faults.json', summary);
const md = [
  '# bench/faults',
  '',
  `${rounds} kill -9 rounds (seed ${seed}, ${concurrency} uploads in flight, every 5th kill during start-up), ${summary.machine.cores} cores, load average ${loadBefore} → ${summary.load.after}, ${summary.machine.date}, ${summary.seconds} s`,
  '',
  `Rounds passed: **${passed}/${rounds}**. Uploads acknowledged (201): ${summary.acknowledged} of ${summary.uploadsSent} sent (${summary.cutOff} cut off by a kill); after the last restart all of them stored, intact and found by search: ${finalProblems.length === 0 ? 'yes' : `no (${finalProblems.join('; ')})`}.`,
  '',
  '## Rounds',
  '',
  table(
    ['round', 'killed during', 'after ms', 'sent', '201', 'cut off', 'cv index at restart', 'restart ms', 'orphans', 'temp files left', 'problems'],
    kill.rounds.map((r) => [r.round, r.phase, r.killAfterMs, r.sent, r.created, r.cut, r.restart.cv, r.restart.ms, r.orphans, r.tempFiles, r.problems.join('; ') || 'none']),
  ),
  '',
  '## Rebuild reasons seen at restart',
  '',
  table(['how the cv index was opened', 'restarts'], Object.entries(reasons)),
  '',
  '## Damaged index file',
  '',
  `After a clean stop the index was ${damage.cleanRestart} (not rebuilt).`,
  '',
  table(['damage', 'opened as', 'problems'], damage.results.map((r) => [r.corruption, r.opened, r.problems.join('; ') || 'none'])),
  '',
  `Logs: ${logs.lines} lines; ${logs.personal.length} with personal data, ${logs.stacks.length} with stack traces, ${logs.errors.length} at error level.`,
].join('\n');
writeText('bench/results/faults.md', `${md}\n`);
console.log(`\n${md}`);
process.exitCode = passed === rounds && finalProblems.length === 0 && damage.results.every((r) => r.problems.length === 0) ? 0 : 1;
