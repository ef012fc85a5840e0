/**
 * Hostile input against the real service in its own process: every hostile file ends in a correct
 * parse or a clear 4xx JSON error, /healthz answers throughout, RSS stays within 300 MiB of idle,
 * and nothing stored before changes. (Full run with counts and figures: npm run bench:hostile.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChild, type ServerChild } from './lib/child.js';
import { dbFacts } from './lib/db.js';
import { fixtureSet, snapshot, STAFF, uploadAll, type FixtureSet } from './lib/fixtures.js';
import { runHostile, type HostileReport } from './lib/hostile-run.js';
import { hostileCases } from './lib/hostile/index.js';
import { logFile, scanLogs } from './lib/logs.js';
import { countsTable, loadAverage } from './lib/report.js';

const MAX_BYTES = 10 * 1024 * 1024;
const RSS_BUDGET_MIB = 300;

let root: string;
let dataDir: string;
let fx: FixtureSet;
let child: ServerChild;
let baseline: string[];
let before: Map<string, string | null>;
let report: HostileReport;
const log = logFile('hostile-test');

beforeAll(async () => {
  // The data folder sits alone in its own parent, so a file written outside it would show.
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-hostile-'));
  dataDir = path.join(root, 'data');
  fs.rmSync(log, { force: true });
  fx = await fixtureSet(3);
  // A short parse timeout keeps the one file that runs into it (deeply nested graphics states) quick.
  child = await startChild({ dataDir, logFile: log, users: STAFF, env: { LOG_LEVEL: 'debug', UPLOAD_MAX_BYTES: String(MAX_BYTES), PARSE_TIMEOUT_MS: '5000', RATE_LIMIT_PER_MINUTE: '100000' } });
  baseline = await uploadAll(child.url, fx.files);
  before = await snapshot(child.url, baseline, child.ready.tokens['h-recruiter']!);
}, 300_000);

afterAll(async () => {
  await child?.stop();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe('hostile uploads', () => {
  it('every hostile file ends in a parse or a clear 4xx JSON error; /healthz answers; RSS stays within 300 MiB of idle', async () => {
    // One PDF per layout is cut and damaged (the bench uses every fixture PDF).
    const layouts = new Set<string>();
    const sources = fx.files.filter((f) => f.format !== 'pdf' || (!layouts.has(f.truth.layout) && layouts.add(f.truth.layout)));
    const cases = await hostileCases({ files: sources, maxBytes: MAX_BYTES });
    expect(cases.length).toBeGreaterThanOrEqual(200);
    report = await runHostile(child, cases, { personal: fx.personal });
    console.log(
      [
        `hostile: ${report.cases} files in ${(report.ms / 1000).toFixed(1)} s (load ${loadAverage()})`,
        countsTable(report.outcomes),
        `RSS idle ${Math.round(report.rss.idleMiB)} MiB, max ${Math.round(report.rss.maxMiB)} MiB (+${Math.round(report.rss.maxGrowthMiB)}); /healthz ${report.health.probes} probes, ${report.health.failures} failed, slowest ${Math.round(report.health.maxMs)} ms`,
      ].join('\n'),
    );
    // Soft: one kind of failure does not hide the others.
    expect.soft(report.failed.map((f) => `${f.id}: ${f.outcome}: ${f.problems.join('; ')}`)).toEqual([]);
    expect.soft(child.alive()).toBe(true);
    expect.soft(report.health.failed).toEqual([]);
    expect.soft(report.rss.maxGrowthMiB).toBeLessThan(RSS_BUDGET_MIB);
  }, 600_000);

  it('nothing stored before changed; new candidates are exactly the 201 answers; the audit chain verifies', async () => {
    expect(report).toBeDefined();
    const after = await snapshot(child.url, baseline, child.ready.tokens['h-recruiter']!);
    expect([...after.entries()]).toEqual([...before.entries()]);
    const facts = dbFacts(dataDir);
    expect(facts.candidates).toBe(baseline.length + report.created.length);
    for (const id of [...baseline, ...report.created]) expect(facts.candidateIds.has(id)).toBe(true);
    expect(facts.audit.ok).toBe(true);
  });

  it('writes nothing outside its data folder', () => {
    expect(fs.readdirSync(root)).toEqual(['data']);
    // A zip entry named ../../../../tmp/jobmatch-pwned.txt was uploaded: nothing may have unpacked it.
    expect(fs.existsSync('/tmp/jobmatch-pwned.txt')).toBe(false);
    for (const f of fs.readdirSync(path.join(dataDir, 'files'), { recursive: true, withFileTypes: true })) {
      if (f.isFile()) expect(f.name).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('logs (LOG_LEVEL=debug) hold no personal data, stack traces or errors', () => {
    const scan = scanLogs(fx.personal, [log]);
    expect(scan.lines).toBeGreaterThan(report.cases);
    expect.soft(scan.personal).toEqual([]);
    expect.soft(scan.stacks).toEqual([]);
    expect.soft(scan.errors).toEqual([]);
  });
});
