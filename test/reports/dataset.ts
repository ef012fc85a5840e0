import { recordSearch } from '../../src/review/index.js';
import { CandidateRepo, FileStore, JobRepo, ShortlistRepo, type Db } from '../../src/store/index.js';

/**
 * A constructed data set with known rates: 40 women and 40 men (plus 3 "x", to be suppressed),
 * ethnicity a/b alternating. Ranked in top 10: 10 of 40 women (0.25), 20 of 40 men (0.5) → impact
 * 0.5, flagged. Advanced (latest decision counts): 8 women (0.2), 12 men (0.3) → women 0.667,
 * flagged. Approved (advanced in an approved shortlist): 8 women (0.2), 4 men (0.1) → men 0.5,
 * flagged. Two things that must not count: 5 more men advanced in an approved shortlist and then
 * removed from it, and 10 more women shown at ranks 1–10 by a search with ranking suspended.
 */
export function buildBiasDataset(db: Db): { jobId: string; women: string[]; men: string[] } {
  const repo = new CandidateRepo(db);
  const profile = { name: null, email: null, phone: null, location: null, language: 'en' as const, summary: null, sections: [], roles: [], yearsExperience: 1, education: [], spokenLanguages: [], skills: [], field: null };
  const people: { id: string; sex: string }[] = [];
  const add = (sex: string, i: number): void => {
    const eth = i % 2 ? 'a' : 'b';
    const c = repo.insert({ entity: 'NL', fileSha256: FileStore.sha256(Buffer.from(`${sex}${i}`)), fileKind: 'txt', fileName: 'x.txt', fileSize: 1, uploadedAt: '2026-01-01T00:00:00Z', text: 'x', profile, consents: [{ purpose: 'recruitment', wording: 'w' }] });
    db.prepare('INSERT INTO equality_monitoring (candidate_id, answers_json, given_at) VALUES (?, ?, ?)').run(c.candidate.id, JSON.stringify({ sex, ethnicity: eth }), '2026-01-01');
    people.push({ id: c.candidate.id, sex });
  };
  for (let i = 0; i < 40; i++) add('female', i);
  for (let i = 0; i < 40; i++) add('male', i);
  for (let i = 0; i < 3; i++) add('x', i);
  const jobId = new JobRepo(db).insert({ entity: 'NL', title: 'Job', description: 'A job', requiredSkills: [], niceSkills: [], minYears: null, maxYears: null, languages: [], location: null, field: null }, null).id;
  const women = people.filter((p) => p.sex === 'female').map((p) => p.id);
  const men = people.filter((p) => p.sex === 'male').map((p) => p.id);
  const sl = new ShortlistRepo(db);
  const items = (ids: string[], from: number) => ids.map((candidateId, i) => ({ candidateId, engineRank: from + i, score: {} }));
  // Shortlist 1: ranks 1..10 for 10 women, 11..20 beyond the cut for 10 other women.
  const s1 = sl.createDraft({ entities: ['NL'], jobId, params: {}, createdBy: 'u', items: [...items(women.slice(0, 10), 1), ...items(women.slice(10, 20), 11)] });
  // Shortlists 2 and 3: 20 men in the top 10 ranks of two searches.
  const s2 = sl.createDraft({ entities: ['NL'], jobId, params: {}, createdBy: 'u', items: items(men.slice(0, 10), 1) });
  const s3 = sl.createDraft({ entities: ['NL'], jobId, params: {}, createdBy: 'u', items: items(men.slice(10, 20), 1) });
  // Shortlist 4: 5 other men at ranks 11..15, advanced, then removed by hand.
  const s4 = sl.createDraft({ entities: ['NL'], jobId, params: {}, createdBy: 'u', items: items(men.slice(20, 25), 11) });
  const decide = (s: string, ids: string[], d: 'advance' | 'decline') => ids.forEach((cid) => sl.addDecision({ shortlist_id: s, candidate_id: cid, decision: d, reason: 'r', override: 0, reviewer_id: 'rev' }));
  decide(s1, women.slice(0, 8), 'advance');
  decide(s2, men.slice(0, 4), 'advance');
  decide(s3, men.slice(10, 16), 'advance');
  // A later decline overrides an earlier advance: only the latest decision counts.
  decide(s3, men.slice(14, 16), 'decline');
  decide(s3, men.slice(16, 20), 'advance');
  decide(s4, men.slice(20, 25), 'advance');
  for (const m of men.slice(20, 25)) sl.removeItem(s4, m);
  sl.setState(s1, 'approved', 'rev');
  sl.setState(s2, 'approved', 'rev');
  sl.setState(s4, 'approved', 'rev');
  // The stop button: a search with ranking suspended has no engine rank, so it is not a top-k selection.
  const user = { id: 'u', name: 'u', role: 'recruiter' as const, entities: ['NL' as const] };
  recordSearch(db, user, { entities: ['NL'] }, { params: {}, jobId, ranking: 'suspended', shown: women.slice(20, 30).map((candidateId, i) => ({ candidateId, rank: i + 1, score: 0, parts: [] })) });
  return { jobId, women, men };
}
