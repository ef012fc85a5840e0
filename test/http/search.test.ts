import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/audit/index.js';
import { call, startTestServer, upload, type TestServer } from '../helpers/server.js';

let srv: TestServer;
let rec: string;

const cv = (name: string, title: string, dates: string, skills: string) =>
  Buffer.from(`${name}\n${name.toLowerCase().replace(/ /g, '.')}@example.com\n\nExperience\n${title} at Acme\n${dates}\nBuilt services.\n\nSkills\n${skills}\n\nLanguages\nEnglish, Dutch`);

beforeAll(async () => {
  srv = await startTestServer();
  rec = srv.user('rec', 'recruiter', ['NL']);
  await upload(srv.url, cv('Ann Smith', 'Java Developer', 'Jan 2018 - Dec 2023', 'Java, Spring Boot, SQL, Docker'), 'a.txt', { entity: 'NL', uploadDate: '2026-06-15' });
  await upload(srv.url, cv('Bob Jones', 'Java Developer', 'Jan 2022 - Jun 2026', 'Java, SQL'), 'b.txt', { entity: 'NL', uploadDate: '2026-06-15' });
  await upload(srv.url, cv('Cleo Nurse', 'Registered Nurse', 'Jan 2010 - present', 'nursing, first aid'), 'c.txt', { entity: 'NL', uploadDate: '2026-06-15' });
  await upload(srv.url, cv('Dirk Other', 'Java Developer', 'Jan 2010 - present', 'Java, Spring Boot, SQL, Docker'), 'd.txt', { entity: 'DE', uploadDate: '2026-06-15' });
}, 120_000);
afterAll(async () => srv?.stop());

describe('HTTP: recruiter search', () => {
  it('ranks by fit with named score parts, matched and missing skills, and creates an audited draft shortlist', async () => {
    const r = await call(srv.url, 'POST', '/api/search', rec, { query: 'Java developer with Spring Boot and Docker', limit: 10 });
    expect(r.status).toBe(200);
    expect(r.body.state).toBe('draft');
    const names = r.body.items.map((i: any) => i.candidate.name);
    expect(names[0]).toBe('Ann Smith');
    expect(names).not.toContain('Dirk Other'); // another entity's candidate, never shown
    const top = r.body.items[0];
    expect(top.parts.map((p: any) => p.name)).toEqual(expect.arrayContaining(['semantic', 'keyword', 'skills']));
    // The score is exactly the sum of its parts: the explanation is the computation.
    const sum = top.parts.reduce((s: number, p: any) => s + p.contribution, 0);
    expect(Math.abs(sum - top.score)).toBeLessThan(0.001);
    expect(top.matchedSkills.map((s: any) => s.label)).toEqual(expect.arrayContaining(['Spring Boot', 'Docker']));
    const bob = r.body.items.find((i: any) => i.candidate.name === 'Bob Jones');
    expect(bob.missingSkills.map((s: any) => s.label)).toEqual(expect.arrayContaining(['Spring Boot', 'Docker']));
    const db = srv.running.services.db;
    const row = db.prepare("SELECT data_json FROM audit_events WHERE action = 'search' AND subject = ?").get(r.body.shortlistId) as { data_json: string };
    expect(JSON.parse(row.data_json).shown).toEqual(r.body.items.map((i: any) => i.candidateId));
    expect(verifyAudit(db).ok).toBe(true);
  });

  it('applies the years filter exactly unless marked soft', async () => {
    // Bob has 4.5 years: never under min 5 …
    const hard = await call(srv.url, 'POST', '/api/search', rec, { query: 'Java developer', filters: { minYears: 5 } });
    expect(hard.body.items.map((i: any) => i.candidate.name)).not.toContain('Bob Jones');
    expect(hard.body.items.every((i: any) => i.years >= 5)).toBe(true);
    // … unless the recruiter marks the filter soft; then it only scores.
    const soft = await call(srv.url, 'POST', '/api/search', rec, { query: 'Java developer', filters: { minYears: 5, soft: { years: true } } });
    const bob = soft.body.items.find((i: any) => i.candidate.name === 'Bob Jones');
    expect(bob).toBeDefined();
    expect(bob.parts.find((p: any) => p.name === 'experience').value).toBeLessThan(1);
  });

  it('filters on must-have skills, must-not terms and languages', async () => {
    const must = await call(srv.url, 'POST', '/api/search', rec, { filters: { mustHave: ['docker'] } });
    expect(must.body.items.map((i: any) => i.candidate.name)).toEqual(['Ann Smith']);
    const not = await call(srv.url, 'POST', '/api/search', rec, { query: 'developer', filters: { mustNot: ['docker'] } });
    expect(not.body.items.map((i: any) => i.candidate.name)).not.toContain('Ann Smith');
    const lang = await call(srv.url, 'POST', '/api/search', rec, { query: 'developer', filters: { languages: ['fr'] } });
    expect(lang.body.items).toEqual([]);
  });

  it('searches by job: the description is parsed into skills and years', async () => {
    const job = await call(srv.url, 'POST', '/api/jobs', rec, { title: 'Java Developer', description: 'We need a Java developer with at least 5 years of experience, Spring Boot and SQL. Docker is a plus.', entity: 'NL' });
    expect(job.status).toBe(201);
    expect(job.body.job.minYears).toBe(5);
    const r = await call(srv.url, 'POST', '/api/search', rec, { jobId: job.body.job.id });
    expect(r.status).toBe(200);
    expect(r.body.items[0].candidate.name).toBe('Ann Smith');
    expect(r.body.items.every((i: any) => i.years >= 5)).toBe(true);
  });

  it('rejects bad requests with 400 and field paths', async () => {
    const r = await call(srv.url, 'POST', '/api/search', rec, { query: 'x', filters: { minYears: 'five' }, limit: 1000 });
    expect(r.status).toBe(400);
    const paths = r.body.error.details.issues.map((i: any) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['filters.minYears', 'limit']));
    expect((await call(srv.url, 'POST', '/api/search', rec, {})).status).toBe(400);
    expect((await call(srv.url, 'POST', '/api/search', rec, { jobId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
  });
});

describe('HTTP: who never appears', () => {
  it('drops candidates who objected to profiling or withdrew consent', async () => {
    const s = srv.running.services;
    const before = await call(srv.url, 'POST', '/api/search', rec, { query: 'Java developer' });
    const ann = before.body.items.find((i: any) => i.candidate.name === 'Ann Smith').candidateId;
    const bob = before.body.items.find((i: any) => i.candidate.name === 'Bob Jones').candidateId;
    s.candidates.objectToProfiling(ann);
    s.candidates.withdrawConsent(bob, 'recruitment');
    const after = await call(srv.url, 'POST', '/api/search', rec, { query: 'Java developer' });
    const ids = after.body.items.map((i: any) => i.candidateId);
    expect(ids).not.toContain(ann);
    expect(ids).not.toContain(bob);
    // Consent given again brings Bob back; the objection stays.
    s.candidates.giveConsent(bob, 'recruitment', 'again');
    const back = await call(srv.url, 'POST', '/api/search', rec, { query: 'Java developer' });
    expect(back.body.items.map((i: any) => i.candidateId)).toContain(bob);
    expect(back.body.items.map((i: any) => i.candidateId)).not.toContain(ann);
  });
});

describe('HTTP: API surface', () => {
  it('serves an OpenAPI 3.1 document generated from the zod schemas', async () => {
    const r = await call(srv.url, 'GET', '/api/openapi.json');
    expect(r.status).toBe(200);
    expect(r.body.openapi).toBe('3.1.0');
    expect(Object.keys(r.body.paths)).toEqual(expect.arrayContaining(['/api/search', '/api/jobs', '/api/candidates']));
    const filters = r.body.components.schemas.SearchFilters;
    expect(Object.keys(filters.properties)).toEqual(expect.arrayContaining(['mustHave', 'mustNot', 'minYears', 'languages']));
    // The upload's fields come from the schema the route validates with.
    const upload = r.body.paths['/api/candidates'].post.requestBody.content['multipart/form-data'].schema;
    expect(Object.keys(upload.properties)).toEqual(expect.arrayContaining(['file', 'entity', 'consentProfiling', 'consentJobAlerts', 'consentLang', 'strict']));
  });
  it('sends security headers', async () => {
    const res = await fetch(`${srv.url}/healthz`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src/);
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});

describe('HTTP: job updates', () => {
  it('replaces a job’s fields, re-parses the description, and stays inside the entity', async () => {
    const created = await call(srv.url, 'POST', '/api/jobs', rec, { title: 'Java Developer', description: 'Java developer, 2 years of experience.', entity: 'NL' });
    const id = created.body.job.id;
    const upd = await call(srv.url, 'PATCH', `/api/jobs/${id}`, rec, { title: 'Senior Java Developer', description: 'Java developer with at least 6 years of experience and Docker.' });
    expect(upd.status).toBe(200);
    expect(upd.body.job).toMatchObject({ id, entity: 'NL', title: 'Senior Java Developer', minYears: 6 });
    expect(upd.body.job.niceSkills.map((x: any) => x.label)).toContain('Docker');
    const other = srv.user('de-only', 'recruiter', ['DE']);
    expect((await call(srv.url, 'PATCH', `/api/jobs/${id}`, other, { title: 'X job', description: 'Something else entirely.' })).status).toBe(404);
    expect((await call(srv.url, 'PATCH', `/api/jobs/${id}`, rec, { title: 'X', description: 'short', entity: 'DE' })).status).toBe(400);
  });
});
