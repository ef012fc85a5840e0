import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/audit/index.js';
import { call, upload, type TestServer } from '../helpers/server.js';
import { javaCv, startReviewServer } from '../helpers/cv-text.js';

let srv: TestServer;
let rec: string;
let rev: string;
let admin: string;

const cv = javaCv;

beforeAll(async () => {
  ({ srv, rec, rev, admin } = await startReviewServer());
  await upload(srv.url, cv('Ann Smith', 'Java, Spring Boot, SQL, Docker', 'Jan 2015 - Dec 2023'), 'a.txt', { entity: 'NL', uploadDate: '2026-06-15' });
  await upload(srv.url, cv('Bob Jones', 'Java, SQL', 'Jan 2018 - Dec 2023'), 'b.txt', { entity: 'NL', uploadDate: '2026-06-15' });
  await upload(srv.url, cv('Cleo Berg', 'Java', 'Jan 2022 - Dec 2023'), 'c.txt', { entity: 'NL', uploadDate: '2026-06-15' });
}, 120_000);
afterAll(async () => srv?.stop());

async function draft(): Promise<{ id: string; items: { candidateId: string; rank: number }[] }> {
  const r = await call(srv.url, 'POST', '/api/search', rec, { query: 'Java developer Spring Boot Docker', limit: 10 });
  expect(r.status).toBe(200);
  return { id: r.body.shortlistId, items: r.body.items };
}

describe('review gate over HTTP', () => {
  it('takes a draft through review, candidate by candidate, to approval; only then can it leave', async () => {
    const { id, items } = await draft();
    const [first, second, third] = items.map((i) => i.candidateId) as [string, string, string];
    // Nothing leaves a draft.
    expect((await call(srv.url, 'GET', `/api/shortlists/${id}/export?format=csv`, rec)).status).toBe(409);
    expect((await call(srv.url, 'POST', `/api/shortlists/${id}/share`, rec, { client: 'Acme' })).status).toBe(409);
    // Decisions only in review.
    expect((await call(srv.url, 'POST', `/api/shortlists/${id}/candidates/${first}/decision`, rec, { decision: 'advance' })).status).toBe(409);
    expect((await call(srv.url, 'POST', `/api/shortlists/${id}/start`, rec)).body.shortlist.state).toBe('in_review');
    // A profile never opened cannot be decided on.
    const blind = await call(srv.url, 'POST', `/api/shortlists/${id}/candidates/${first}/decision`, rec, { decision: 'advance' });
    expect(blind.status).toBe(409);
    expect(blind.body.error.message).toMatch(/Open the candidate/);
    for (const c of [first, second, third]) expect((await call(srv.url, 'GET', `/api/shortlists/${id}/candidates/${c}?part=experience`, rec)).status).toBe(200);
    // Advancing one above the cut needs no reason; declining one above the cut is an override and needs one.
    expect((await call(srv.url, 'POST', `/api/shortlists/${id}/candidates/${first}/decision`, rec, { decision: 'advance' })).status).toBe(201);
    expect((await call(srv.url, 'POST', `/api/shortlists/${id}/candidates/${second}/decision`, rec, { decision: 'decline' })).status).toBe(400);
    const over = await call(srv.url, 'POST', `/api/shortlists/${id}/candidates/${second}/decision`, rec, { decision: 'decline', reason: 'Relocation not possible' });
    expect(over.body.decision.override).toBe(1);
    // Advancing one below the cut is an override too.
    expect((await call(srv.url, 'POST', `/api/shortlists/${id}/candidates/${third}/decision`, rec, { decision: 'advance' })).status).toBe(400);
    expect((await call(srv.url, 'POST', `/api/shortlists/${id}/candidates/${third}/decision`, rec, { decision: 'advance', reason: 'Strong portfolio the CV undersells' })).status).toBe(201);
    // Four eyes: the searcher cannot approve.
    const self = await call(srv.url, 'POST', `/api/shortlists/${id}/approve`, rec);
    expect(self.status).toBe(409);
    expect(self.body.error.message).toMatch(/Four-eyes/);
    const ok = await call(srv.url, 'POST', `/api/shortlists/${id}/approve`, rev);
    expect(ok.status).toBe(200);
    expect(ok.body.shortlist.state).toBe('approved');
    // Invalid transitions are 409.
    expect((await call(srv.url, 'POST', `/api/shortlists/${id}/start`, rev)).status).toBe(409);
    expect((await call(srv.url, 'POST', `/api/shortlists/${id}/reject`, rev, { reason: 'Too late' })).status).toBe(409);
    // Now it may leave: only the advanced candidates.
    const csv = await fetch(`${srv.url}/api/shortlists/${id}/export?format=csv`, { headers: { authorization: `Bearer ${rec}` } });
    expect(csv.status).toBe(200);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines.join('\n')).not.toContain(second);
    const json = await call(srv.url, 'GET', `/api/shortlists/${id}/export?format=json`, rec);
    expect(json.body.candidates.map((c: any) => c.id).sort()).toEqual([first, third].sort());
    expect((await call(srv.url, 'POST', `/api/shortlists/${id}/candidates/${second}/contact`, rec, { message: 'Hello' })).status).toBe(409);
    expect((await call(srv.url, 'POST', `/api/shortlists/${id}/candidates/${first}/contact`, rec, { message: 'Hello' })).status).toBe(200);
    // Every step is in the chain.
    const actions = (srv.running.services.db.prepare('SELECT action FROM audit_events ORDER BY seq').all() as { action: string }[]).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['search', 'shortlist.transition', 'profile.viewed', 'decision', 'decision.override', 'export', 'contact']));
    expect(verifyAudit(srv.running.services.db).ok).toBe(true);
  });

  it('lets the reviewer reorder, add by hand and remove, and flags a rubber-stamp approval', async () => {
    const { id, items } = await draft();
    const ids = items.map((i) => i.candidateId);
    await call(srv.url, 'POST', `/api/shortlists/${id}/start`, rec);
    expect((await call(srv.url, 'PUT', `/api/shortlists/${id}/order`, rec, { candidateIds: [...ids].reverse() })).body.shortlist.items.map((i: any) => i.candidateId)).toEqual([...ids].reverse());
    expect((await call(srv.url, 'PUT', `/api/shortlists/${id}/order`, rec, { candidateIds: ids.slice(1) })).status).toBe(400);
    const removed = await call(srv.url, 'DELETE', `/api/shortlists/${id}/items/${ids[2]}`, rec, { reason: 'Withdrew application by phone' });
    expect(removed.body.shortlist.items).toHaveLength(2);
    expect((await call(srv.url, 'POST', `/api/shortlists/${id}/items`, rec, { candidateId: ids[2], reason: 'Changed their mind' })).status).toBe(201);
    await call(srv.url, 'PUT', `/api/shortlists/${id}/order`, rec, { candidateIds: ids });
    // A quick all-advance in engine order: approval goes through but is flagged.
    const { id: id2, items: items2 } = await draft();
    await call(srv.url, 'POST', `/api/shortlists/${id2}/start`, rec);
    for (const it of items2) {
      await call(srv.url, 'GET', `/api/shortlists/${id2}/candidates/${it.candidateId}`, rec);
      await call(srv.url, 'POST', `/api/shortlists/${id2}/candidates/${it.candidateId}/decision`, rec, { decision: 'advance', reason: it.rank > 2 ? 'fine' : undefined });
    }
    srv.running.services.config.review.minSecondsPerCandidate = 60;
    const approved = await call(srv.url, 'POST', `/api/shortlists/${id2}/approve`, rev);
    srv.running.services.config.review.minSecondsPerCandidate = 0;
    expect(approved.status).toBe(200);
    expect(approved.body.flags[0]).toMatch(/automation_bias/);
    const o = await call(srv.url, 'GET', '/api/oversight', rev);
    expect(o.status).toBe(200);
    const recStats = o.body.reviewers.find((r: any) => r.reviewerName === 'rec');
    expect(recStats.decisions).toBeGreaterThanOrEqual(6);
    expect(recStats.overrideRate).toBeGreaterThan(0);
    const revStats = o.body.reviewers.find((r: any) => r.reviewerName === 'rev');
    expect(revStats.flaggedApprovals).toBe(1);
    expect(revStats.medianReviewSeconds).toBeGreaterThanOrEqual(0);
  });

  it('has a stop button: an admin suspends automated ranking for an entity, searches come back unranked', async () => {
    expect((await call(srv.url, 'POST', '/api/admin/entities/NL/ranking', rec, { suspended: true })).status).toBe(403);
    expect((await call(srv.url, 'POST', '/api/admin/entities/NL/ranking', admin, { suspended: true })).status).toBe(200);
    const r = await call(srv.url, 'POST', '/api/search', rec, { query: 'Java developer' });
    expect(r.body.ranking).toBe('suspended');
    expect(r.body.items.every((i: any) => i.parts.length === 0 && i.score === 0)).toBe(true);
    await call(srv.url, 'POST', '/api/admin/entities/NL/ranking', admin, { suspended: false });
    expect((await call(srv.url, 'POST', '/api/search', rec, { query: 'Java developer' })).body.ranking).toBe('automated');
  });
});

describe('audit and bias report over HTTP', () => {
  it('shows a shortlist’s audit trail to reviewers and the privacy officer, not to recruiters', async () => {
    const { id } = await draft();
    const privacy = srv.user('dpo', 'privacy', ['NL']);
    const r = await call(srv.url, 'GET', `/api/audit?shortlist=${id}`, rev);
    expect(r.status).toBe(200);
    expect(r.body.events.map((e: any) => e.action)).toContain('search');
    expect((await call(srv.url, 'GET', `/api/audit?shortlist=${id}`, privacy)).status).toBe(200);
    expect((await call(srv.url, 'GET', `/api/audit?shortlist=${id}`, rec)).status).toBe(403);
    expect((await call(srv.url, 'GET', '/api/audit', rev)).status).toBe(400);
  });

  it('gives the bias report to the privacy officer only', async () => {
    const job = await call(srv.url, 'POST', '/api/jobs', rec, { title: 'Java Developer', description: 'Java developer with SQL.', entity: 'NL' });
    await call(srv.url, 'POST', '/api/search', rec, { jobId: job.body.job.id });
    const privacy = srv.user('dpo2', 'privacy', ['NL']);
    const r = await call(srv.url, 'GET', `/api/reports/bias?job=${job.body.job.id}`, privacy);
    expect(r.status).toBe(200);
    expect(r.body.report.population).toBe(3);
    expect((await call(srv.url, 'GET', `/api/reports/bias?job=${job.body.job.id}`, rec)).status).toBe(403);
    expect((await call(srv.url, 'GET', `/api/reports/bias?job=${job.body.job.id}`, rev)).status).toBe(403);
  });
});
