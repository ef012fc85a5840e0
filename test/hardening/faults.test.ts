/**
 * Crashes: kill -9 during a bulk ingest (3 rounds here; npm run bench:faults -- --rounds 20), and
 * a damaged index file. After every restart: every upload that got a 201 is stored and found by
 * search, the index holds exactly the stored vectors, the audit chain verifies, stored files are
 * intact, and no parser process outlives the killed service.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerChild } from './lib/child.js';
import { corruptionRounds, killRounds, type ChildEnv, type KillState } from './lib/faults.js';
import { fixtureSet, type FixtureSet } from './lib/fixtures.js';
import { logFile, scanLogs } from './lib/logs.js';
import { loadAverage, table } from './lib/report.js';

let root: string;
let c: ChildEnv;
let fx: FixtureSet;
let child: ServerChild | undefined;
let state: KillState;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-faults-'));
  c = { dataDir: path.join(root, 'data'), logFile: logFile('faults-test'), env: { LOG_LEVEL: 'debug', RATE_LIMIT_PER_MINUTE: '100000' } };
  fs.rmSync(c.logFile, { force: true });
  fx = await fixtureSet(3);
});

afterAll(async () => {
  await child?.stop();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe('faults', () => {
  it('kill -9 at random points of a bulk ingest, 3 rounds: nothing acknowledged is lost, index = database, audit verifies', async () => {
    const run = await killRounds(c, fx, { rounds: 3, seed: 11, concurrency: 2, killWindowMs: [1500, 5000], startupKillEvery: 0 });
    child = run.child;
    state = run.state;
    console.log(
      `faults (load ${loadAverage()}):\n` +
        table(
          ['round', 'kill after ms', 'sent', '201', 'cut off', 'restart: cv index', 'restart ms', 'problems'],
          run.rounds.map((r) => [r.round, r.killAfterMs, r.sent, r.created, r.cut, r.restart.cv, r.restart.ms, r.problems.length]),
        ),
    );
    expect(run.rounds.flatMap((r) => r.problems)).toEqual([]);
    expect(run.rounds.map((r) => r.orphans)).toEqual([0, 0, 0]);
    // The test says something only if uploads were acknowledged before the kills.
    expect(state.acknowledged.size).toBeGreaterThan(0);
    // Nothing saved the index before a kill, so each restart after new uploads rebuilt it from the database.
    for (const r of run.rounds) if (r.created > 0) expect(r.restart.cv).toMatch(/^rebuilt/);
  }, 600_000);

  it('a damaged index file is detected and rebuilt from the stored vectors, not trusted', async () => {
    expect(child).toBeDefined();
    const run = await corruptionRounds(c, child!, state, ['flip-bytes', 'truncate', 'manifest-garbage']);
    child = run.child;
    console.log(`index damage: clean restart ${run.cleanRestart}\n${table(['damage', 'opened as', 'problems'], run.results.map((r) => [r.corruption, r.opened, r.problems.join('; ') || 'none']))}`);
    expect(run.cleanRestart).toBe('loaded');
    expect(run.results.map((r) => [r.corruption, r.rebuilt, r.problems])).toEqual([
      ['flip-bytes', true, []],
      ['truncate', true, []],
      ['manifest-garbage', true, []],
    ]);
  }, 600_000);

  it('logs hold no personal data or stack traces', async () => {
    await child?.stop();
    child = undefined;
    const scan = scanLogs(fx.personal, [c.logFile]);
    expect(scan.lines).toBeGreaterThan(0);
    expect(scan.personal).toEqual([]);
    expect(scan.stacks).toEqual([]);
  });
});
