/**
 * Hostile input, full run: every file of the hostile set (≥ 200: broken, encrypted, huge, deep and
 * bomb PDFs, DOCX zip bombs and entity expansion, wrong magic bytes, empty files, a streamed 100 MB
 * upload, hostile names, odd Unicode, HTML and SQL in every field) against the real service in its
 * own process, at the default parse timeout. Counts per outcome, RSS above idle, /healthz.
 *
 *   npm run bench:hostile [-- --repeat 2 --only <regex> --timeout-ms 20000]
 *
 * Writes bench/results/hostile.json and hostile.md. Logs go to test-artifacts/hardening/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { intFlag, parseFlags } from './lib/args.js';
import { machineInfo, writeJson, writeText } from './lib/report.js';
import { startChild } from '../test/hardening/lib/child.js';
import { dbFacts } from '../test/hardening/lib/db.js';
import { fixtureSet, snapshot, STAFF, uploadAll } from '../test/hardening/lib/fixtures.js';
import { runHostile, type HostileReport } from '../test/hardening/lib/hostile-run.js';
import { hostileCases } from '../test/hardening/lib/hostile/index.js';
import { logFile, scanLogs } from '../test/hardening/lib/logs.js';
import { countsTable, loadAverage, table } from '../test/hardening/lib/report.js';

const flags = parseFlags(process.argv.slice(2));
const repeat = intFlag(flags, 'repeat', 1);
const timeoutMs = intFlag(flags, 'timeout-ms', 20_000);
const only = flags.only ? new RegExp(flags.only) : null;
const MAX_BYTES = 10 * 1024 * 1024;

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-bench-hostile-'));
const dataDir = path.join(root, 'data');
const log = logFile('hostile-bench');
fs.rmSync(log, { force: true });
const loadBefore = loadAverage();
const fx = await fixtureSet(3);
const all = await hostileCases({ files: fx.files, maxBytes: MAX_BYTES });
const cases = only ? all.filter((c) => only.test(c.id)) : all;
console.log(`hostile set: ${all.length} files${only ? `, running ${cases.length} (--only ${flags.only})` : ''}; load ${loadBefore}`);

const child = await startChild({ dataDir, logFile: log, users: STAFF, env: { LOG_LEVEL: 'debug', UPLOAD_MAX_BYTES: String(MAX_BYTES), PARSE_TIMEOUT_MS: String(timeoutMs), RATE_LIMIT_PER_MINUTE: '1000000' } });
const token = child.ready.tokens['h-recruiter']!;
const baseline = await uploadAll(child.url, fx.files);
const before = await snapshot(child.url, baseline, token);
const rounds: HostileReport[] = [];
try {
  for (let r = 0; r < repeat; r++) {
    const report = await runHostile(child, cases, {
      personal: fx.personal,
      onResult: (res, i, n) => {
        const mark = res.problems.length ? `  <-- ${res.problems.join('; ')}` : '';
        console.log(`[${r + 1}/${repeat} ${String(i + 1).padStart(3)}/${n}] ${res.id.padEnd(52)} ${res.outcome.padEnd(34)} ${String(res.ms).padStart(6)} ms  rss ${Math.round(res.rssMiB ?? 0)} MiB${mark}`);
      },
    });
    rounds.push(report);
    if (!child.alive()) break;
  }
  const after = await snapshot(child.url, baseline, token);
  const unchanged = [...after.entries()].every(([id, v]) => v !== null && v === before.get(id));
  const facts = dbFacts(dataDir);
  const created = rounds.flatMap((r) => r.created);
  const alive = child.alive();
  await child.stop();
  const logs = scanLogs(fx.personal, [log]);
  const outside = fs.readdirSync(root).filter((f) => f !== 'data');
  const last = rounds[rounds.length - 1]!;
  const maxGrowth = Math.max(...rounds.map((r) => r.rss.maxGrowthMiB));
  const summary = {
    machine: machineInfo(),
    load: { before: loadBefore, after: loadAverage() },
    files: cases.length,
    repeat,
    timeoutMs,
    outcomes: last.outcomes,
    byCategory: last.byCategory,
    failed: rounds.flatMap((r) => r.failed),
    rss: rounds.map((r) => r.rss),
    maxRssGrowthMiB: maxGrowth,
    health: rounds.map((r) => r.health),
    serviceAliveAtEnd: alive,
    storedUnchanged: unchanged,
    candidates: { baseline: baseline.length, created: created.length, inDb: facts.candidates },
    auditChain: facts.audit,
    filesOutsideDataDir: outside,
    logs: { lines: logs.lines, personal: logs.personal.length, stacks: logs.stacks.length, errors: logs.errors.length, examples: [...logs.personal, ...logs.stacks, ...logs.errors].slice(0, 5) },
    seconds: rounds.map((r) => r.ms / 1000),
    slowest: [...last.results].sort((a, b) => b.ms - a.ms).slice(0, 10).map((r) => ({ id: r.id, outcome: r.outcome, ms: r.ms })),
  };
  writeJson('bench/results/hostile.json', summary);
  const md = [
    '# bench/hostile',
    '',
    `${cases.length} hostile files × ${repeat}, parse timeout ${timeoutMs} ms, ${summary.machine.cores} cores, load average ${loadBefore} → ${summary.load.after}, ${summary.machine.date}`,
    '',
    '## Outcomes',
    '',
    countsTable(last.outcomes),
    '',
    '## Per family',
    '',
    table(['family', 'files', 'outcomes'], Object.entries(last.byCategory).map(([cat, o]) => [cat, Object.values(o).reduce((a, b) => a + b, 0), Object.entries(o).map(([k, v]) => `${k}: ${v}`).join(', ')])),
    '',
    '## Service',
    '',
    table(
      ['check', 'result'],
      [
        ['answers not as expected (5xx, no answer, wrong code, stack, personal data)', summary.failed.length],
        ['RSS idle → max (MiB), per round', rounds.map((r) => `${Math.round(r.rss.idleMiB)} → ${Math.round(r.rss.maxMiB)} (+${Math.round(r.rss.maxGrowthMiB)})`).join('; ')],
        ['/healthz probes, failed, slowest ms', rounds.map((r) => `${r.health.probes}, ${r.health.failures}, ${Math.round(r.health.maxMs)}`).join('; ')],
        ['service alive at the end', String(alive)],
        ['baseline candidates unchanged', String(unchanged)],
        ['candidates: baseline + 201 answers = in database', `${baseline.length} + ${created.length} = ${facts.candidates}`],
        ['audit chain verifies', `${facts.audit.ok} (${facts.audit.rows} events)`],
        ['files written outside the data folder', outside.length],
        ['log lines; with personal data, stack traces, errors', `${logs.lines}; ${logs.personal.length}, ${logs.stacks.length}, ${logs.errors.length}`],
        ['seconds per round', summary.seconds.map((s) => s.toFixed(1)).join(', ')],
      ],
    ),
    '',
    '## Slowest files',
    '',
    table(['file', 'outcome', 'ms'], summary.slowest.map((s) => [s.id, s.outcome, s.ms])),
    '',
    ...(summary.failed.length ? ['## Not as expected', '', table(['file', 'outcome', 'problems'], summary.failed.map((f) => [f.id, f.outcome, f.problems.join('; ')])), ''] : []),
  ].join('\n');
  writeText('bench/results/hostile.md', `${md}\n`);
  console.log(`\n${md}`);
  process.exitCode = summary.failed.length || !alive || !unchanged || !facts.audit.ok || maxGrowth >= 300 || logs.personal.length ? 1 : 0;
} finally {
  await child.stop();
  fs.rmSync(root, { recursive: true, force: true });
}
