/**
 * Load on loopback, full run: `--seconds` (default 60) of mixed traffic (recruiter searches,
 * profile reads, CV uploads, review steps) sent open-loop at `--rate` requests/s (default 40)
 * to the real service in its own process; then memory after 1,000 and after `--requests`
 * (default 10,000) requests of the same mix, closed-loop with `--concurrency` (default 4).
 *
 *   npm run bench:load [-- --seconds 60 --rate 40 --requests 10000]
 *
 * Writes bench/results/load.json and load.md. Logs go to test-artifacts/hardening/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { intFlag, parseFlags } from './lib/args.js';
import { machineInfo, writeJson, writeText } from './lib/report.js';
import { loadSetup, memoryAt } from '../test/hardening/lib/load-setup.js';
import { logFile, scanLogs } from '../test/hardening/lib/logs.js';
import { loadAverage, table } from '../test/hardening/lib/report.js';

const flags = parseFlags(process.argv.slice(2));
const seconds = intFlag(flags, 'seconds', 60);
const rate = intFlag(flags, 'rate', 40);
const requests = intFlag(flags, 'requests', 10_000);
const concurrency = intFlag(flags, 'concurrency', 4);

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-bench-load-'));
const log = logFile('load-bench');
fs.rmSync(log, { force: true });
const loadBefore = loadAverage();
console.log(`load: ${seconds} s at ${rate}/s, then memory after 1,000 vs ${requests} requests (${concurrency} in flight); load ${loadBefore}`);
const s = await loadSetup({ dataDir: path.join(root, 'data'), logFile: log, personas: 25, extraUploads: 100 });
try {
  const timed = await s.gen.openLoop(rate, seconds);
  const loadMid = loadAverage();
  console.log(`timed: ${timed.requests} requests, ${timed.perSecond.toFixed(1)}/s, ${timed.errors} errors, ${timed.skipped} not sent`);
  const candidatesBefore = s.gen.candidateIds.length;
  const mem = await memoryAt(s, 1000, requests, concurrency);
  const candidatesAfter = s.gen.candidateIds.length;
  console.log(`memory: ${Math.round(mem.first.rssMiB)} → ${Math.round(mem.last.rssMiB)} MiB (×${mem.ratio.toFixed(3)})`);
  s.gen.close();
  await s.child.stop();
  const logs = scanLogs(s.fx.personal, [log]);
  const summary = {
    machine: machineInfo(),
    load: { before: loadBefore, duringTimed: loadMid, after: loadAverage() },
    seeded: s.seeded,
    timed: { rate, ...timed },
    memory: { ...mem, requests, concurrency, candidates: { atStart: candidatesBefore, atEnd: candidatesAfter } },
    logs: { lines: logs.lines, personal: logs.personal.length, stacks: logs.stacks.length, errors: logs.errors.length },
  };
  writeJson('bench/results/load.json', summary);
  const md = [
    '# bench/load',
    '',
    `Loopback, service in its own process, ${s.seeded} candidates stored before the run, ${summary.machine.cores} cores, load average ${loadBefore} (before) / ${loadMid} (after the timed run) / ${summary.load.after} (end), ${summary.machine.date}.`,
    '',
    `## ${seconds} s of mixed traffic, open loop at ${rate} requests/s`,
    '',
    `${timed.requests} requests in ${timed.seconds.toFixed(1)} s = **${timed.perSecond.toFixed(1)} requests/s**, **${timed.errors} errors**, ${timed.skipped} not sent (too many waiting).`,
    '',
    table(['route', 'requests', 'per s', 'p50 ms', 'p99 ms', 'max ms', 'errors'], timed.routes.map((r) => [r.route, r.count, r.perSecond.toFixed(1), r.p50, r.p99, r.max, r.errors])),
    '',
    ...(timed.errorSamples.length ? ['Errors:', '', ...timed.errorSamples.map((e) => `- ${e}`), ''] : []),
    `## Memory after 1,000 vs ${requests.toLocaleString('en')} requests`,
    '',
    `Closed loop, ${concurrency} in flight, same mix (uploads add candidates: ${candidatesBefore} → ${candidatesAfter}). Each point is the RSS of the service and its parser process right after a full GC of the service.`,
    '',
    table(
      ['after requests', 'RSS MiB', 'service JS heap MiB'],
      [
        [1000, Math.round(mem.first.rssMiB), Math.round(mem.first.heapMiB)],
        [requests, Math.round(mem.last.rssMiB), Math.round(mem.last.heapMiB)],
      ],
    ),
    '',
    `Ratio ${mem.ratio.toFixed(3)} (goal ≤ 1.10); ${mem.errors} errors in ${mem.seconds.toFixed(1)} s (${((requests - 1000) / mem.seconds).toFixed(0)} requests/s closed loop).`,
    '',
    `Logs: ${logs.lines} lines; ${logs.personal.length} with personal data, ${logs.stacks.length} with stack traces, ${logs.errors.length} at error level.`,
  ].join('\n');
  writeText('bench/results/load.md', `${md}\n`);
  console.log(`\n${md}`);
  process.exitCode = timed.errors === 0 && mem.errors === 0 && mem.ratio <= 1.1 ? 0 : 1;
} finally {
  s.gen.close();
  await s.child.stop();
  fs.rmSync(root, { recursive: true, force: true });
}
