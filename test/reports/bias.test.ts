import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { biasReport } from '../../src/privacy/bias.js';
import { CandidateRepo, FileStore, JobRepo, openDb, type Db } from '../../src/store/index.js';
import { buildBiasDataset } from './dataset.js';

/** The constructed data set with known rates is described in ./dataset.ts. */
let dir: string;
let db: Db;
let jobId: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-bias-'));
  db = openDb(path.join(dir, 'db.sqlite'));
  jobId = buildBiasDataset(db).jobId;
});
afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('bias report on a constructed data set', () => {
  it('computes selection rates per stage, impact ratios, the four-fifths flag, and suppresses small groups', () => {
    const r = biasReport(db, { jobId, entities: ['NL'], k: 10 })!;
    expect(r.population).toBe(83);
    const g = (name: string) => r.groups.find((x) => x.group === name)!;
    expect(g('sex=female').rate).toEqual({ ranked: 0.25, advanced: 0.2, approved: 0.2 });
    expect(g('sex=male').rate).toEqual({ ranked: 0.5, advanced: 0.3, approved: 0.1 });
    expect(g('sex=female').impactRatio!.ranked).toBeCloseTo(0.5);
    expect(g('sex=female').impactRatio!.advanced).toBeCloseTo(2 / 3);
    expect(g('sex=female').flagged).toEqual(['ranked', 'advanced']);
    expect(g('sex=male').impactRatio!.approved).toBeCloseTo(0.5);
    expect(g('sex=male').flagged).toEqual(['approved']);
    expect(g('sex=x')).toMatchObject({ n: 3, suppressed: true, rate: null });
    // Intersections are reported too, each compared with its own family.
    const inter = g('ethnicity=a & sex=female');
    expect(inter.n).toBe(20);
    expect(inter.rate!.ranked).toBeCloseTo(5 / 20);
    expect(r.groups.some((x) => x.group === 'ethnicity=a & sex=x' && x.suppressed)).toBe(true);
  });

  it('is scoped: another entity sees nothing', () => {
    expect(biasReport(db, { jobId, entities: ['DE'] })).toBeNull();
  });
});

describe('bias report: the 2% rule and who is in the population', () => {
  let db2: Db;
  let job2: string;
  const byGroup: Record<string, string[]> = {};
  beforeAll(() => {
    db2 = openDb(path.join(dir, 'db2.sqlite'));
    const repo = new CandidateRepo(db2);
    const profile = { name: null, email: null, phone: null, location: null, language: 'en' as const, summary: null, sections: [], roles: [], yearsExperience: 1, education: [], spokenLanguages: [], skills: [], field: null };
    // 300 people: 145 female, 144 male, 5 "y" (at least 5 people but 1.7% < 2%: suppressed), 6 "z" (exactly 2%: shown).
    for (const [sex, n] of [['female', 145], ['male', 144], ['y', 5], ['z', 6]] as const) {
      for (let i = 0; i < n; i++) {
        const c = repo.insert({ entity: 'NL', fileSha256: FileStore.sha256(Buffer.from(`p2-${sex}${i}`)), fileKind: 'txt', fileName: 'x.txt', fileSize: 1, uploadedAt: '2026-01-01T00:00:00Z', text: 'x', profile, consents: [{ purpose: 'recruitment', wording: 'w' }] });
        db2.prepare('INSERT INTO equality_monitoring (candidate_id, answers_json, given_at) VALUES (?, ?, ?)').run(c.candidate.id, JSON.stringify({ sex }), '2026-01-01');
        (byGroup[sex] ??= []).push(c.candidate.id);
      }
    }
    job2 = new JobRepo(db2).insert({ entity: 'NL', title: 'Job', description: 'A job', requiredSkills: [], niceSkills: [], minYears: null, maxYears: null, languages: [], location: null, field: null }, null).id;
  });
  afterAll(() => db2.close());

  it('suppresses a group of 5 or more that is under 2% of the population, shows one at 2%', () => {
    const r = biasReport(db2, { jobId: job2, entities: ['NL'] })!;
    expect(r.population).toBe(300);
    const g = (name: string) => r.groups.find((x) => x.group === name)!;
    expect(g('sex=y')).toMatchObject({ n: 5, suppressed: true, rate: null, selected: null });
    expect(g('sex=z')).toMatchObject({ n: 6, suppressed: false });
    expect(g('sex=z').rate).toEqual({ ranked: 0, advanced: 0, approved: 0 });
  });

  it('leaves out people who withdrew recruitment consent or objected', () => {
    const repo = new CandidateRepo(db2);
    for (const id of byGroup.female!.slice(0, 10)) repo.withdrawConsent(id, 'recruitment');
    for (const id of byGroup.male!.slice(0, 4)) repo.objectToProfiling(id);
    // Consent withdrawn and given again: back in.
    repo.withdrawConsent(byGroup.male![10]!, 'recruitment');
    repo.giveConsent(byGroup.male![10]!, 'recruitment', 'w');
    const r = biasReport(db2, { jobId: job2, entities: ['NL'] })!;
    expect(r.population).toBe(286);
    expect(r.groups.find((x) => x.group === 'sex=female')!.n).toBe(135);
    expect(r.groups.find((x) => x.group === 'sex=male')!.n).toBe(140);
    // 6 of 286 is 2.1%: still shown; 5 of 286 still suppressed.
    expect(r.groups.find((x) => x.group === 'sex=z')!.suppressed).toBe(false);
    expect(r.groups.find((x) => x.group === 'sex=y')!.suppressed).toBe(true);
  });
});
