import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserRepo } from '../../src/access/index.js';
import { appendAudit } from '../../src/audit/index.js';
import { openDb } from '../../src/store/index.js';
import { testLogEnv } from '../helpers/test-logs.js';
import { buildBiasDataset } from './dataset.js';

/** `jobmatch bias-report` and `jobmatch audit verify`, run as the operator runs them. */
const run = promisify(execFile);
let biasDir: string;
let auditDir: string;
let jobId: string;

async function jobmatch(dataDir: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, ['bin/jobmatch.js', ...args], { env: { ...process.env, DATA_DIR: dataDir, ...testLogEnv('cli'), EMBED_WORKER: 'false', DEMO_DATA: 'false' }, timeout: 120_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

beforeAll(() => {
  biasDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-cli-bias-'));
  const db = openDb(path.join(biasDir, 'jobmatch.db'));
  jobId = buildBiasDataset(db).jobId;
  const users = new UserRepo(db);
  users.create('dpo', 'privacy', ['NL']);
  users.create('rev', 'reviewer', ['NL']);
  db.close();
  auditDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-cli-audit-'));
  const db2 = openDb(path.join(auditDir, 'jobmatch.db'));
  for (let i = 0; i < 20; i++) appendAudit(db2, { actor: 'u', action: 'search', subject: `s-${i}`, data: { i } });
  db2.close();
});
afterAll(() => {
  for (const d of [biasDir, auditDir]) fs.rmSync(d, { recursive: true, force: true });
});

describe('jobmatch bias-report', () => {
  it('prints the known rates of the constructed data set, intersections included, and the four-fifths flags', async () => {
    const r = await jobmatch(biasDir, ['bias-report', '--job', jobId, '--as', 'dpo', '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { population: number; groups: { group: string; n: number; suppressed: boolean; rate: Record<string, number> | null; flagged: string[] }[] };
    const g = (name: string) => report.groups.find((x) => x.group === name)!;
    expect(report.population).toBe(83);
    expect(g('sex=female')).toMatchObject({ n: 40, rate: { ranked: 0.25, advanced: 0.2, approved: 0.2 }, flagged: ['ranked', 'advanced'] });
    expect(g('sex=male')).toMatchObject({ n: 40, rate: { ranked: 0.5, advanced: 0.3, approved: 0.1 }, flagged: ['approved'] });
    expect(g('sex=x')).toMatchObject({ n: 3, suppressed: true });
    // Women 0–9 ranked (odd ones are ethnicity a), 0–7 advanced and approved.
    expect(g('ethnicity=a & sex=female')).toMatchObject({ n: 20, rate: { ranked: 0.25, advanced: 0.2, approved: 0.2 } });
    // Men: ranked 0–19; advanced 0–3, 10–13, 16–19; approved 0–3.
    expect(g('ethnicity=b & sex=male')).toMatchObject({ n: 20, rate: { ranked: 0.5, advanced: 0.3, approved: 0.1 } });
    expect(g('ethnicity=a')).toMatchObject({ n: 41, suppressed: false });

    const text = await jobmatch(biasDir, ['bias-report', '--job', jobId, '--as', 'dpo']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/population 83, top k = 10/);
    expect(text.stdout).toMatch(/^sex=female\s+40\s+0\.25\s+0\.20\s+0\.20\s+0\.50\/0\.67\/1\.00\s+ranked,advanced$/m);
    expect(text.stdout).toMatch(/^sex=x\s+3\s+\(suppressed/m);
  }, 240_000);

  it('is for the privacy officer only, and names a bad job', async () => {
    const rev = await jobmatch(biasDir, ['bias-report', '--job', jobId, '--as', 'rev']);
    expect(rev.code).toBe(2);
    expect(rev.stderr).toMatch(/not a privacy officer/);
    const none = await jobmatch(biasDir, ['bias-report', '--job', '00000000-0000-4000-8000-000000000000', '--as', 'dpo']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no such job/);
  }, 240_000);
});

describe('jobmatch audit verify', () => {
  it('prints the head and checks one noted earlier; names rows cut from the end; refuses a malformed --head', async () => {
    const ok = await jobmatch(auditDir, ['audit', 'verify']);
    expect(ok.code).toBe(0);
    // 20 events + the settings recorded at the first start.
    expect(ok.stdout).toMatch(/audit chain intact: 21 events/);
    const head = ok.stdout.match(/^head (\d+:[0-9a-f]{64})/m)![1]!;
    expect((await jobmatch(auditDir, ['audit', 'verify', '--head', head])).code).toBe(0);
    const db = openDb(path.join(auditDir, 'jobmatch.db'));
    db.exec('DROP TRIGGER audit_no_delete');
    db.prepare('DELETE FROM audit_events WHERE seq > 18').run();
    db.close();
    const cut = await jobmatch(auditDir, ['audit', 'verify']);
    expect(cut.code).toBe(1);
    expect(cut.stdout).toMatch(/audit chain BROKEN at event 19: events 19–21 are missing from the end of the chain/);
    const bad = await jobmatch(auditDir, ['audit', 'verify', '--head', 'nonsense']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--head must be/);
  }, 240_000);
});
