import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { biasReport } from '../../src/privacy/bias.js';
import { CandidateRepo, FileStore, JobRepo, ShortlistRepo, openDb, type Db } from '../../src/store/index.js';

/**
 * A constructed data set with known rates: 40 women and 40 men (plus 3 "x", to be suppressed),
 * ethnicity a/b. Ranked in top 10: 10 of 40 women (0.25), 20 of 40 men (0.5) → impact 0.5, flagged.
 * Advanced (latest decision counts): 8 women (0.2), 12 men (0.3) → women 0.667, flagged.
 * Approved (advanced in an approved shortlist): 8 women (0.2), 4 men (0.1) → men 0.5, flagged.
 */
let dir: string;
let db: Db;
let jobId: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-bias-'));
  db = openDb(path.join(dir, 'db.sqlite'));
  const repo = new CandidateRepo(db);
  const profile = { name: null, email: null, phone: null, location: null, language: 'en' as const, summary: null, sections: [], roles: [], yearsExperience: 1, education: [], spokenLanguages: [], skills: [], field: null };
  const people: { id: string; sex: string; eth: string }[] = [];
  const add = (sex: string, i: number): void => {
    const eth = i % 2 ? 'a' : 'b';
    const c = repo.insert({ entity: 'NL', fileSha256: FileStore.sha256(Buffer.from(`${sex}${i}`)), fileKind: 'txt', fileName: 'x.txt', fileSize: 1, uploadedAt: '2026-01-01T00:00:00Z', text: 'x', profile, consents: [{ purpose: 'recruitment', wording: 'w' }] });
    db.prepare('INSERT INTO equality_monitoring (candidate_id, answers_json, given_at) VALUES (?, ?, ?)').run(c.candidate.id, JSON.stringify({ sex, ethnicity: eth }), '2026-01-01');
    people.push({ id: c.candidate.id, sex, eth });
  };
  for (let i = 0; i < 40; i++) add('female', i);
  for (let i = 0; i < 40; i++) add('male', i);
  for (let i = 0; i < 3; i++) add('x', i);
  jobId = new JobRepo(db).insert({ entity: 'NL', title: 'Job', description: 'A job', requiredSkills: [], niceSkills: [], minYears: null, maxYears: null, languages: [], location: null, field: null }, null).id;
  const women = people.filter((p) => p.sex === 'female');
  const men = people.filter((p) => p.sex === 'male');
  const sl = new ShortlistRepo(db);
  // Shortlist 1 (draft): ranks 1..10 for 10 women, 11..20 beyond the cut for 10 other women.
  const s1 = sl.createDraft({ entities: ['NL'], jobId, params: {}, createdBy: 'u', items: [...women.slice(0, 10).map((p, i) => ({ candidateId: p.id, engineRank: i + 1, score: {} })), ...women.slice(10, 20).map((p, i) => ({ candidateId: p.id, engineRank: 11 + i, score: {} }))] });
  // Shortlist 2: 20 men in the top 10 ranks of two searches.
  const s2 = sl.createDraft({ entities: ['NL'], jobId, params: {}, createdBy: 'u', items: men.slice(0, 10).map((p, i) => ({ candidateId: p.id, engineRank: i + 1, score: {} })) });
  const s3 = sl.createDraft({ entities: ['NL'], jobId, params: {}, createdBy: 'u', items: men.slice(10, 20).map((p, i) => ({ candidateId: p.id, engineRank: i + 1, score: {} })) });
  const decide = (s: string, ids: string[], d: 'advance' | 'decline') => ids.forEach((cid) => sl.addDecision({ shortlist_id: s, candidate_id: cid, decision: d, reason: 'r', override: 0, reviewer_id: 'rev' }));
  decide(s1, women.slice(0, 8).map((p) => p.id), 'advance');
  decide(s2, men.slice(0, 4).map((p) => p.id), 'advance');
  decide(s3, men.slice(10, 16).map((p) => p.id), 'advance');
  // A later decline overrides an earlier advance: only the latest decision counts.
  decide(s3, men.slice(14, 16).map((p) => p.id), 'decline');
  decide(s3, men.slice(16, 20).map((p) => p.id), 'advance');
  sl.setState(s1, 'approved', 'rev');
  sl.setState(s2, 'approved', 'rev');
  void s3;
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
