import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/audit/index.js';
import { CONSENT_WORDING } from '../../src/privacy/index.js';
import { call, startTestServer, upload, type TestServer } from '../helpers/server.js';

const PDF = '../shared/data/resume-matcher-samples/resumes/john_doe.pdf';
const hasSamples = fs.existsSync(PDF);

let srv: TestServer;
let rec: string; // NL recruiter (staff token)
let john: { id: string; token: string }; // real PDF, NL, profiling consent
let johnDe: { id: string; token: string }; // the same file uploaded for DE
let ann: { id: string; token: string }; // text CV, no optional consents
let bob: { id: string; token: string }; // text CV, will object to profiling
const jobs: Record<string, string> = {};

const cv = (name: string, title: string, dates: string, skills: string) =>
  Buffer.from(`${name}\n${name.toLowerCase().replace(/ /g, '.')}@example.com\n\nExperience\n${title} at Acme\n${dates}\nBuilt services.\n\nSkills\n${skills}\n\nLanguages\nEnglish, Dutch`);

async function uploaded(file: Uint8Array, name: string, fields: Record<string, string>): Promise<{ id: string; token: string }> {
  const r = await upload(srv.url, file, name, fields);
  expect(r.status).toBe(201);
  return { id: r.body.candidate.id, token: r.body.access.token };
}

const search = (body: unknown) => call(srv.url, 'POST', '/api/search', rec, body);
const ids = (r: { body: any }): string[] => r.body.items.map((i: any) => i.candidateId);
const services = () => srv.running.services;

beforeAll(async () => {
  srv = await startTestServer();
  rec = srv.user('rec', 'recruiter', ['NL', 'DE']);
  if (hasSamples) {
    const pdf = fs.readFileSync(PDF);
    john = await uploaded(pdf, 'john_doe.pdf', { entity: 'NL', uploadDate: '2026-06-15', consentProfiling: 'true' });
    johnDe = await uploaded(pdf, 'john_doe.pdf', { entity: 'DE', uploadDate: '2026-06-15' });
  }
  ann = await uploaded(cv('Ann Smith', 'Java Developer', 'Jan 2018 - Dec 2023', 'Java, Spring Boot, SQL, Docker'), 'a.txt', { entity: 'NL', uploadDate: '2026-06-15' });
  bob = await uploaded(cv('Bob Jones', 'Java Developer', 'Jan 2022 - Jun 2026', 'Java, SQL'), 'b.txt', { entity: 'NL', uploadDate: '2026-06-15' });
  await uploaded(cv('Cleo Nurse', 'Registered Nurse', 'Jan 2010 - Dec 2025', 'nursing, first aid'), 'c.txt', { entity: 'NL', uploadDate: '2026-06-15' });
  for (const [key, body] of [
    ['nlJava', { title: 'Java Developer', description: 'We need a Java developer with Spring Boot, Angular and SQL, at least 3 years of experience.', requiredSkills: ['Java', 'Spring Boot'], niceSkills: ['Angular'], entity: 'NL' }],
    ['nlNurse', { title: 'Registered Nurse', description: 'A registered nurse for the intensive care unit, night shifts, first aid certificate.', requiredSkills: ['nursing'], entity: 'NL' }],
    ['deJava', { title: 'Java Entwickler', description: 'Java developer with Spring Boot for our Berlin office.', requiredSkills: ['Java'], entity: 'DE' }],
  ] as const) {
    const r = await call(srv.url, 'POST', '/api/jobs', rec, body);
    expect(r.status).toBe(201);
    jobs[key] = r.body.job.id;
  }
}, 120_000);
afterAll(async () => srv?.stop());

describe('access token at upload', () => {
  it.skipIf(!hasSamples)('is returned once for a new candidate, stored only as its hash, with the optional consents ticked', async () => {
    expect(john.token).toMatch(/^jmc_[A-Za-z0-9_-]{43}$/);
    const db = services().db;
    const rows = db.prepare('SELECT hash FROM candidate_tokens WHERE candidate_id = ?').all(john.id) as { hash: string }[];
    expect(rows).toEqual([{ hash: crypto.createHash('sha256').update(john.token).digest('hex') }]);
    const again = await upload(srv.url, fs.readFileSync(PDF), 'again.pdf', { entity: 'NL', consentJobAlerts: 'true' });
    expect(again.status).toBe(200);
    expect(again.body.access).toBeNull();
    expect(again.body.accessNote).toMatch(/not shown again/);
    const me = await call(srv.url, 'GET', '/api/me', john.token);
    expect(me.status).toBe(200);
    expect(me.body.candidate.id).toBe(john.id);
    expect(me.body.candidate.profile.skills.length).toBeGreaterThan(5);
    expect(me.body.consents.map((c: any) => [c.purpose, c.wording])).toEqual([
      ['recruitment', CONSENT_WORDING.recruitment],
      ['profiling', CONSENT_WORDING.profiling],
    ]);
    expect(me.body.consentsInForce).toEqual({ recruitment: true, profiling: true, job_alerts: false });
  });

  it('refuses a bad consent flag', async () => {
    const r = await upload(srv.url, cv('Dan Test', 'Tester', 'Jan 2020 - Dec 2021', 'testing'), 'd.txt', { entity: 'NL', consentProfiling: 'yes' });
    expect(r.status).toBe(400);
    expect(r.body.error.details.issues[0].path).toBe('consentProfiling');
  });

  it('keeps candidate and staff tokens apart (401 both ways, never a crash)', async () => {
    expect((await call(srv.url, 'GET', '/api/me')).status).toBe(401);
    expect((await call(srv.url, 'GET', '/api/me', rec)).status).toBe(401);
    expect((await call(srv.url, 'GET', '/api/me', 'jmc_not-a-token')).status).toBe(401);
    expect((await call(srv.url, 'GET', '/api/me/export', rec)).status).toBe(401);
    for (const [m, p] of [['GET', '/api/candidates'], ['GET', `/api/candidates/${ann.id}`], ['POST', '/api/search'], ['GET', `/api/jobs/${jobs.nlJava}`]] as const) {
      const r = await call(srv.url, m, p, ann.token, m === 'POST' ? { query: 'java' } : undefined);
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('unauthorized');
    }
    expect((await call(srv.url, 'GET', '/api/me/nope', ann.token)).status).toBe(404);
  });
});

describe.skipIf(!hasSamples)('rectification (Art. 16)', () => {
  it('rewrites profile, skills, FTS row and vectors in one go; a recruiter search then finds the corrected skill', async () => {
    const s = services();
    const before = await search({ filters: { mustHave: ['kubernetes'] } });
    expect(ids(before)).not.toContain(john.id);
    const vecBefore = s.vectors.ofOwner('cv', john.id);
    const me = await call(srv.url, 'GET', '/api/me', john.token);
    const labels: string[] = me.body.candidate.profile.skills.map((x: any) => x.label);
    const r = await call(srv.url, 'PATCH', '/api/me/profile', john.token, {
      name: 'John Doe',
      skills: [...labels, 'Kubernetes'],
      roles: [
        { title: 'Full Stack Java Developer', employer: 'ABC Company', start: '2018-06', end: '2024-05' },
        { title: 'Software Developer', employer: 'XYZ Solutions', start: '2016-07', end: '2018-06' },
      ],
    });
    expect(r.status).toBe(200);
    const p = r.body.candidate.profile;
    expect(p.name).toBe('John Doe');
    expect(p.skills.map((x: any) => x.label)).toEqual([...new Set([...labels, 'Kubernetes'])]);
    expect(p.yearsExperience).toBe(7.9); // Jul 2016 – May 2024: 95 months
    const after = await search({ filters: { mustHave: ['kubernetes'] } });
    expect(ids(after)).toContain(john.id);
    expect(after.body.items.find((i: any) => i.candidateId === john.id).years).toBe(7.9);
    // One FTS row, holding the new skill; stored columns follow the profile.
    const fts = s.db.prepare('SELECT f.skills FROM candidates_fts f JOIN candidate_fts_map m ON m.fts_rowid = f.rowid WHERE m.candidate_id = ?').all(john.id) as { skills: string }[];
    expect(fts).toHaveLength(1);
    expect(fts[0]!.skills).toMatch(/Kubernetes/);
    expect(s.db.prepare('SELECT name, years_experience AS y FROM candidates WHERE id = ?').get(john.id)).toEqual({ name: 'John Doe', y: 7.9 });
    // Re-embedded: new vector rows.
    const vecAfter = s.vectors.ofOwner('cv', john.id);
    expect(vecAfter.length).toBeGreaterThan(0);
    expect(vecAfter.map((v) => v.id).some((id) => vecBefore.some((b) => b.id === id))).toBe(false);
    // Audited with the field names only.
    const ev = s.db.prepare("SELECT data_json FROM audit_events WHERE action = 'candidate.rectified' AND subject = ?").get(john.id) as { data_json: string };
    expect(JSON.parse(ev.data_json)).toEqual({ fields: ['name', 'roles', 'skills'] });
  });

  it('validates with field paths', async () => {
    const r = await call(srv.url, 'PATCH', '/api/me/profile', john.token, { email: 'not-an-email', roles: [{ title: 'X', start: '2020-13' }] });
    expect(r.status).toBe(400);
    expect(r.body.error.details.issues.map((i: any) => i.path)).toEqual(expect.arrayContaining(['email', 'roles.0.start']));
    expect((await call(srv.url, 'PATCH', '/api/me/profile', john.token, {})).status).toBe(400);
    expect((await call(srv.url, 'PATCH', '/api/me/profile', john.token, { religion: 'x' })).status).toBe(400);
    expect((await call(srv.url, 'PATCH', '/api/me/profile', john.token, { roles: [{ title: 'X', start: '2021-01', end: '2020-01' }] })).status).toBe(400);
  });
});

describe.skipIf(!hasSamples)('access and portability (Art. 15, 20)', () => {
  it('exports everything, including the searches that showed the candidate', async () => {
    const s = services();
    const sr = await search({ query: 'Java developer with Spring Boot and Angular', limit: 10 });
    expect(ids(sr)).toContain(john.id);
    const r = await call(srv.url, 'GET', '/api/me/export', john.token);
    expect(r.status).toBe(200);
    const d = r.body;
    expect(d.candidate.id).toBe(john.id);
    expect(d.profile.name).toBe('John Doe');
    expect(d.extractedText).toMatch(/Angular/);
    expect(d.consents.map((c: any) => c.purpose)).toEqual(['recruitment', 'profiling']);
    expect(d.consents[0].wording).toBe(CONSENT_WORDING.recruitment);
    const sha = s.candidates.getAny(john.id)!.fileSha256;
    expect(d.file).toMatchObject({ name: 'john_doe.pdf', kind: 'pdf', sha256: sha, sizeBytes: fs.statSync(PDF).size });
    expect(d.derived.skills.map((x: any) => x.label)).toContain('Kubernetes');
    expect(d.derived.skills.every((x: any) => typeof x.conceptId === 'string')).toBe(true);
    expect(d.derived.yearsExperience).toBe(7.9);
    expect(d.derived.vectors).toEqual([{ model: s.embedder.id, dimension: s.embedder.dimension, chunks: s.vectors.ofOwner('cv', john.id).map((v) => ({ kind: v.chunkKind, ordinal: v.ordinal })) }]);
    const shown = d.shownIn.find((x: any) => x.shortlistId === sr.body.shortlistId);
    expect(shown.rankShown).toBe(ids(sr).indexOf(john.id) + 1);
    expect(shown.shortlistState).toBe('draft');
    expect(shown.score.score).toBe(sr.body.items.find((i: any) => i.candidateId === john.id).score);
    expect(d.decisions).toEqual([]);
    expect(d.equalityMonitoring).toBeNull();
    expect(d.history.map((h: any) => h.action)).toEqual(expect.arrayContaining(['candidate.created', 'candidate.rectified']));
    expect(s.db.prepare("SELECT count(*) AS n FROM audit_events WHERE action = 'candidate.exported' AND subject = ?").get(john.id)).toEqual({ n: 1 });
  });

  it('hands out the original file and a JSON Resume', async () => {
    const res = await fetch(`${srv.url}/api/me/export/file`, { headers: { authorization: `Bearer ${john.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(/attachment/);
    expect(Buffer.from(await res.arrayBuffer()).equals(fs.readFileSync(PDF))).toBe(true);
    const jr = await call(srv.url, 'GET', '/api/me/export/json-resume', john.token);
    expect(jr.status).toBe(200);
    expect(jr.body.basics.name).toBe('John Doe');
    expect(jr.body.work.map((w: any) => [w.position, w.startDate, w.endDate])).toEqual([
      ['Full Stack Java Developer', '2018-06', '2024-05'],
      ['Software Developer', '2016-07', '2018-06'],
    ]);
    expect(jr.body.skills.map((x: any) => x.name)).toContain('Kubernetes');
  });
});

describe('consent and objection (Art. 7(3), 21)', () => {
  it('withdrawing recruitment consent takes the candidate out of search; giving it again brings them back', async () => {
    expect(ids(await search({ query: 'Java developer' }))).toContain(ann.id);
    const w = await call(srv.url, 'POST', '/api/me/consents/recruitment/withdraw', ann.token);
    expect(w.status).toBe(200);
    expect(w.body.changed).toBe(true);
    expect(w.body.consentsInForce.recruitment).toBe(false);
    expect(ids(await search({ query: 'Java developer' }))).not.toContain(ann.id);
    expect((await call(srv.url, 'POST', '/api/me/consents/recruitment/withdraw', ann.token)).body.changed).toBe(false);
    const g = await call(srv.url, 'POST', '/api/me/consents/recruitment/give', ann.token);
    expect(g.body.changed).toBe(true);
    expect(g.body.consents.at(-1)).toMatchObject({ purpose: 'recruitment', wording: CONSENT_WORDING.recruitment, withdrawnAt: null, inForce: true });
    expect(ids(await search({ query: 'Java developer' }))).toContain(ann.id);
    const actions = (services().db.prepare('SELECT action FROM audit_events WHERE subject = ? ORDER BY seq').all(ann.id) as { action: string }[]).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['candidate.consent_withdrawn', 'candidate.consent_given']));
    expect((await call(srv.url, 'POST', '/api/me/consents/marketing/give', ann.token)).status).toBe(400);
  });

  it('an objection keeps the candidate out of every recruiter search and out of recommendations', async () => {
    expect(ids(await search({ query: 'Java developer' }))).toContain(bob.id);
    const o = await call(srv.url, 'POST', '/api/me/object', bob.token);
    expect(o.status).toBe(200);
    expect(o.body.objectedToProfilingAt).toMatch(/^\d{4}-/);
    await call(srv.url, 'POST', '/api/me/consents/profiling/give', bob.token);
    for (const body of [{ query: 'Java developer' }, { filters: { mustHave: ['java'] } }, { jobId: jobs.nlJava }]) expect(ids(await search(body))).not.toContain(bob.id);
    const recs = await call(srv.url, 'GET', '/api/me/recommendations', bob.token);
    expect(recs.status).toBe(403);
    expect(recs.body.error.message).toMatch(/objected/);
    expect(services().db.prepare("SELECT count(*) AS n FROM audit_events WHERE action = 'candidate.objected' AND subject = ?").get(bob.id)).toEqual({ n: 1 });
  });
});

describe('equality monitoring', () => {
  it('answers are stored apart and change no ranking', async () => {
    const q = { query: 'Java developer with Spring Boot and SQL', limit: 20 };
    const rank = (r: { body: any }) => r.body.items.map((i: any) => [i.candidateId, i.rank, i.score, i.parts]);
    const before = await search(q);
    expect(ids(before)).toContain(ann.id);
    const a = await call(srv.url, 'POST', '/api/me/equality', ann.token, { sex: 'female', ageBand: '25-34', disability: 'prefer_not_to_say' });
    expect(a.status).toBe(200);
    expect(a.body.equality.answers).toEqual({ sex: 'female', ageBand: '25-34', disability: 'prefer_not_to_say' });
    const mid = await search(q);
    await call(srv.url, 'POST', '/api/me/equality', ann.token, { sex: 'male', ethnicity: 'black', ageBand: '55-64', disability: 'yes' });
    const after = await search(q);
    expect(rank(mid)).toEqual(rank(before));
    expect(rank(after)).toEqual(rank(before));
    const audit = services().db.prepare("SELECT data_json FROM audit_events WHERE action = 'candidate.equality_answered' AND subject = ?").all(ann.id) as { data_json: string }[];
    expect(audit).toHaveLength(2);
    expect(audit.every((r) => !/female|male|black|55-64/.test(r.data_json))).toBe(true);
    expect((await call(srv.url, 'GET', '/api/me/equality', ann.token)).body.equality.answers.sex).toBe('male');
    expect((await call(srv.url, 'POST', '/api/me/equality', ann.token, { sex: 'robot' })).status).toBe(400);
    expect((await call(srv.url, 'DELETE', '/api/me/equality', ann.token)).body.deleted).toBe(true);
    expect((await call(srv.url, 'GET', '/api/me/equality', ann.token)).body.equality).toBeNull();
  });
});

describe('recommendations and the public job list', () => {
  it.skipIf(!hasSamples)('ranks the jobs of the candidate\'s entity with reasons, given profiling consent', async () => {
    const r = await call(srv.url, 'GET', '/api/me/recommendations', john.token);
    expect(r.status).toBe(200);
    const got = r.body.items.map((i: any) => i.jobId);
    expect(got[0]).toBe(jobs.nlJava);
    // The nurse job is below the cut-off for a Java developer: not recommended (the public list keeps it).
    expect(got).not.toContain(jobs.nlNurse);
    expect(r.body.minShare).toBe(0.65);
    expect(got).not.toContain(jobs.deJava); // another entity's job
    const top = r.body.items[0];
    expect(top.parts.map((p: any) => p.name)).toEqual(expect.arrayContaining(['semantic', 'skills', 'experience']));
    expect(Math.abs(top.parts.reduce((s: number, p: any) => s + p.contribution, 0) - top.score)).toBeLessThan(0.001);
    expect(top.matchedSkills.map((s: any) => s.label)).toEqual(expect.arrayContaining(['Spring Boot', 'Angular']));
    expect(top.parts.find((p: any) => p.name === 'experience').value).toBe(1);
    expect(top.job.title).toBe('Java Developer');
  });

  it('refuses without profiling consent (403), and after it is withdrawn', async () => {
    const r = await call(srv.url, 'GET', '/api/me/recommendations', ann.token);
    expect(r.status).toBe(403);
    expect(r.body.error.message).toMatch(/consent to profiling/);
    await call(srv.url, 'POST', '/api/me/consents/profiling/give', ann.token);
    const ok = await call(srv.url, 'GET', '/api/me/recommendations?limit=1', ann.token);
    expect(ok.status).toBe(200);
    expect(ok.body.items.map((i: any) => i.jobId)).toEqual([jobs.nlJava]);
    await call(srv.url, 'POST', '/api/me/consents/profiling/withdraw', ann.token);
    expect((await call(srv.url, 'GET', '/api/me/recommendations', ann.token)).status).toBe(403);
  });

  it('lists every job of an entity to anyone, public fields only, searchable', async () => {
    const all = await call(srv.url, 'GET', '/api/jobs/public?entity=NL');
    expect(all.status).toBe(200);
    expect(all.body.items.map((j: any) => j.id).sort()).toEqual([jobs.nlJava, jobs.nlNurse].sort()); // the nurse job too, never recommended first
    expect(Object.keys(all.body.items[0]).sort()).toEqual(['description', 'entity', 'id', 'languages', 'location', 'maxYears', 'minYears', 'niceSkills', 'requiredSkills', 'title']);
    const nurse = await call(srv.url, 'GET', '/api/jobs/public?entity=NL&q=nurse');
    expect(nurse.body.items.map((j: any) => j.id)).toEqual([jobs.nlNurse]);
    const paged = await call(srv.url, 'GET', '/api/jobs/public?entity=NL&limit=1&page=2');
    expect(paged.body.items).toHaveLength(1);
    expect(paged.body.hasMore).toBe(false);
    expect((await call(srv.url, 'GET', '/api/jobs/public?entity=DE')).body.items.map((j: any) => j.id)).toEqual([jobs.deJava]);
    expect((await call(srv.url, 'GET', '/api/jobs/public')).status).toBe(400);
  });

  it('publishes the consent wording and the candidate routes in the OpenAPI document', async () => {
    expect((await call(srv.url, 'GET', '/api/consent-texts')).body.consents).toEqual(CONSENT_WORDING);
    const doc = await call(srv.url, 'GET', '/api/openapi.json');
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/me', '/api/me/profile', '/api/me/export', '/api/me/recommendations', '/api/jobs/public']));
  });
});

describe.skipIf(!hasSamples)('erasure (Art. 17)', () => {
  it('removes row, FTS row, consents, tokens, vectors and (last copy only) the file; the audit log keeps only the pseudonym', async () => {
    const s = services();
    const { db } = s;
    const sha = s.candidates.getAny(john.id)!.fileSha256;
    const ftsRowid = (db.prepare('SELECT fts_rowid AS r FROM candidate_fts_map WHERE candidate_id = ?').get(john.id) as { r: number }).r;
    const own = s.vectors.ofOwner('cv', john.id);
    expect(own.length).toBeGreaterThan(2);
    const cvs = s.engine.deps.cvs;
    // The CV's own vectors find themselves before erasure (so the check after it can fail) …
    for (const v of own) expect(cvs.index.search(v.vector, 5).map((h) => h.id)).toContain(v.id);
    const cached = db.prepare('SELECT count(*) AS n FROM embed_cache WHERE vector = ?');
    expect(own.some((v) => (cached.get(Buffer.from(v.vector.buffer)) as { n: number }).n > 0)).toBe(true);
    await call(srv.url, 'POST', '/api/me/equality', john.token, { sex: 'male' });
    const lastSeq = (db.prepare('SELECT max(seq) AS n FROM audit_events').get() as { n: number }).n;

    const r = await call(srv.url, 'DELETE', '/api/me', john.token);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ erased: true, fileRemoved: false }); // the DE copy still uses the file
    const written = db.prepare('SELECT * FROM audit_events WHERE seq > ?').all(lastSeq) as Record<string, unknown>[];

    const count = (sql: string, ...p: unknown[]) => (db.prepare(sql).get(...p) as { n: number }).n;
    expect(count('SELECT count(*) AS n FROM candidates WHERE id = ?', john.id)).toBe(0);
    expect(count('SELECT count(*) AS n FROM candidates_fts WHERE rowid = ?', ftsRowid)).toBe(0);
    expect(count('SELECT count(*) AS n FROM candidate_fts_map WHERE candidate_id = ?', john.id)).toBe(0);
    for (const t of ['candidate_skills', 'candidate_languages', 'consents', 'candidate_tokens', 'equality_monitoring', 'shortlist_items']) {
      expect(count(`SELECT count(*) AS n FROM ${t} WHERE candidate_id = ?`, john.id)).toBe(0);
    }
    expect(count("SELECT count(*) AS n FROM vectors WHERE owner_kind = 'cv' AND owner_id = ?", john.id)).toBe(0);
    expect(own.every((v) => (cached.get(Buffer.from(v.vector.buffer)) as { n: number }).n === 0)).toBe(true);
    // … and after it, the index gives none of them back, by id or by owner.
    const erasedIds = new Set(own.map((v) => v.id));
    for (const v of own) {
      expect(cvs.index.search(v.vector, 50).filter((h) => erasedIds.has(h.id))).toEqual([]);
      expect(cvs.search(v.vector, 50, null).hits.filter((h) => h.candidateId === john.id)).toEqual([]);
    }
    expect(s.files.has(sha)).toBe(true);
    expect((await call(srv.url, 'GET', '/api/me', john.token)).status).toBe(401);
    expect(ids(await search({ filters: { mustHave: ['kubernetes'] } }))).not.toContain(john.id);

    // The audit rows written by the erasure name the pseudonym, never the id.
    const key = Buffer.from(fs.readFileSync(path.join(srv.dir, 'pseudonym.key'), 'utf8').trim(), 'hex');
    expect(fs.statSync(path.join(srv.dir, 'pseudonym.key')).mode & 0o777).toBe(0o600);
    const pseudonym = crypto.createHmac('sha256', key).update(john.id).digest('hex');
    expect(written.map((w) => w.action)).toEqual(['candidate.erased']);
    expect(written[0]!.subject).toBe(pseudonym);
    expect(JSON.stringify(written)).not.toContain(john.id);
    expect(db.prepare('SELECT pseudonym, entity FROM erasures').all()).toEqual([{ pseudonym, entity: 'NL' }]);
    expect(verifyAudit(db).ok).toBe(true);
  });

  it('removes the stored file with the last copy', async () => {
    const s = services();
    const sha = s.candidates.getAny(johnDe.id)!.fileSha256;
    const r = await call(srv.url, 'DELETE', '/api/me', johnDe.token);
    expect(r.body).toMatchObject({ erased: true, fileRemoved: true });
    expect(s.files.has(sha)).toBe(false);
    expect(s.candidates.getAny(johnDe.id)).toBeNull();
    expect(verifyAudit(s.db).ok).toBe(true);
  });
});
