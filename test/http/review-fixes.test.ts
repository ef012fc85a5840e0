import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/audit/index.js';
import { call, upload, type TestServer } from '../helpers/server.js';
import { javaCv, startReviewServer } from '../helpers/cv-text.js';

/** The review gate's corner cases: removals, refused contacts, the stop button, recall, oversight, hand-added candidates. */
let srv: TestServer;
let rec: string;
let rev: string;
let admin: string;
const ids: Record<string, string> = {};

const cv = javaCv;

beforeAll(async () => {
  ({ srv, rec, rev, admin } = await startReviewServer());
  for (const [key, name, skills, years] of [
    ['ann', 'Ann Smith', 'Java, Spring Boot, SQL, Docker', 'Jan 2015 - Dec 2023'],
    ['bob', 'Bob Jones', 'Java, SQL', 'Jan 2018 - Dec 2023'],
    ['cleo', 'Cleo Berg', 'Java', 'Jan 2022 - Dec 2023'],
  ] as const) {
    const r = await upload(srv.url, cv(name, skills, years), `${key}.txt`, { entity: 'NL', uploadDate: '2026-06-15' });
    ids[key] = r.body.candidate.id;
  }
}, 120_000);
afterAll(async () => srv?.stop());

const db = () => srv.running.services.db;
const events = (action: string, subject: string) =>
  (db().prepare('SELECT data_json FROM audit_events WHERE action = ? AND subject = ? ORDER BY seq').all(action, subject) as { data_json: string }[]).map((r) => JSON.parse(r.data_json));

async function draft(token = rec, query = 'Java developer Spring Boot Docker'): Promise<{ id: string; items: { candidateId: string; rank: number }[]; ranking: string }> {
  const r = await call(srv.url, 'POST', '/api/search', token, { query, limit: 10 });
  expect(r.status).toBe(200);
  return { id: r.body.shortlistId, items: r.body.items, ranking: r.body.ranking };
}

/** Start the review, open and decide every candidate (advance by default; reasons where the gate asks). */
async function review(id: string, items: { candidateId: string }[], decide: (cid: string, i: number) => 'advance' | 'decline' = () => 'advance'): Promise<void> {
  expect((await call(srv.url, 'POST', `/api/shortlists/${id}/start`, rec)).status).toBe(200);
  for (const [i, it] of items.entries()) {
    expect((await call(srv.url, 'GET', `/api/shortlists/${id}/candidates/${it.candidateId}?part=experience`, rec)).status).toBe(200);
    const r = await call(srv.url, 'POST', `/api/shortlists/${id}/candidates/${it.candidateId}/decision`, rec, { decision: decide(it.candidateId, i), reason: 'Looked at the experience' });
    expect(r.status).toBe(201);
  }
}

describe('removed candidates no longer count', () => {
  it('a removed candidate is not in the approval’s advanced list nor in the export; a re-added one needs a new decision', async () => {
    const { id, items } = await draft();
    expect(items).toHaveLength(3);
    await review(id, items);
    const gone = items[2]!.candidateId;
    expect((await call(srv.url, 'DELETE', `/api/shortlists/${id}/items/${gone}`, rec, { reason: 'Took another job' })).status).toBe(200);
    // Added back, the earlier decision does not come back with them.
    expect((await call(srv.url, 'POST', `/api/shortlists/${id}/items`, rec, { candidateId: gone, reason: 'Available again' })).status).toBe(201);
    const open = await call(srv.url, 'POST', `/api/shortlists/${id}/approve`, rev);
    expect(open.status).toBe(409);
    expect(open.body.error.details.undecided).toEqual([gone]);
    expect((await call(srv.url, 'DELETE', `/api/shortlists/${id}/items/${gone}`, rec, { reason: 'Took another job after all' })).status).toBe(200);
    const ok = await call(srv.url, 'POST', `/api/shortlists/${id}/approve`, rev);
    expect(ok.status).toBe(200);
    const approval = events('shortlist.transition', id).find((e) => e.to === 'approved');
    expect(approval.advanced.sort()).toEqual([items[0]!.candidateId, items[1]!.candidateId].sort());
    const json = await call(srv.url, 'GET', `/api/shortlists/${id}/export?format=json`, rec);
    expect(json.body.candidates.map((c: { id: string }) => c.id)).not.toContain(gone);
    expect(json.body.candidates).toHaveLength(2);
  });

  it('refuses to approve an empty shortlist (409)', async () => {
    const { id, items } = await draft();
    await call(srv.url, 'POST', `/api/shortlists/${id}/start`, rec);
    for (const it of items) expect((await call(srv.url, 'DELETE', `/api/shortlists/${id}/items/${it.candidateId}`, rec, { reason: 'Not suitable' })).status).toBe(200);
    const r = await call(srv.url, 'POST', `/api/shortlists/${id}/approve`, rev);
    expect(r.status).toBe(409);
    expect(r.body.error.message).toMatch(/empty shortlist cannot be approved/);
    expect(events('shortlist.transition', id).some((e) => e.to === 'approved')).toBe(false);
  });
});

describe('egress and recall', () => {
  it('a refused contact is not recorded as sent; an allowed one is, once', async () => {
    const { id, items } = await draft();
    const declined = items[1]!.candidateId;
    await review(id, items, (cid) => (cid === declined ? 'decline' : 'advance'));
    expect((await call(srv.url, 'POST', `/api/shortlists/${id}/approve`, rev)).status).toBe(200);
    const refused = await call(srv.url, 'POST', `/api/shortlists/${id}/candidates/${declined}/contact`, rec, { message: 'Hello' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/Only candidates advanced/);
    expect(events('contact', id)).toEqual([]);
    expect((await call(srv.url, 'POST', `/api/shortlists/${id}/candidates/${items[0]!.candidateId}/contact`, rec, { message: 'Hello' })).status).toBe(200);
    expect(events('contact', id).map((e) => e.candidateId)).toEqual([items[0]!.candidateId]);
  });

  it('an approved shortlist can be recalled (withdrawn); after that nothing leaves; invalid transitions read well', async () => {
    const { id, items } = await draft();
    await review(id, items);
    expect((await call(srv.url, 'POST', `/api/shortlists/${id}/approve`, rev)).status).toBe(200);
    expect((await call(srv.url, 'GET', `/api/shortlists/${id}/export`, rec)).status).toBe(200);
    const w = await call(srv.url, 'POST', `/api/shortlists/${id}/withdraw`, rev, { reason: 'Client cancelled the vacancy' });
    expect(w.status).toBe(200);
    expect(w.body.shortlist.state).toBe('withdrawn');
    expect((await call(srv.url, 'GET', `/api/shortlists/${id}/export`, rec)).status).toBe(409);
    expect((await call(srv.url, 'POST', `/api/shortlists/${id}/share`, rec, { client: 'Acme' })).status).toBe(409);
    const again = await call(srv.url, 'POST', `/api/shortlists/${id}/withdraw`, rev, {});
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('A shortlist that is withdrawn cannot be withdrawn; allowed from: draft, in review, approved.');
    const approveAgain = await call(srv.url, 'POST', `/api/shortlists/${id}/approve`, rev);
    expect(approveAgain.body.error.message).toMatch(/cannot be approved; allowed from: in review/);
  });
});

describe('the stop button leaves oversight undistorted', () => {
  it('a search with ranking suspended stores no engine rank: no overrides, no automation-bias flag', async () => {
    expect((await call(srv.url, 'POST', '/api/admin/entities/NL/ranking', admin, { suspended: true })).status).toBe(200);
    const { id, items, ranking } = await draft();
    await call(srv.url, 'POST', '/api/admin/entities/NL/ranking', admin, { suspended: false });
    expect(ranking).toBe('suspended');
    const view = (await call(srv.url, 'GET', `/api/shortlists/${id}`, rec)).body.shortlist;
    expect(view.ranked).toBe(false);
    expect(view.items.map((i: { engineRank: number | null; aboveCut: boolean }) => [i.engineRank, i.aboveCut])).toEqual(items.map(() => [null, false]));
    await call(srv.url, 'POST', `/api/shortlists/${id}/start`, rec);
    // Advancing the third (below the cut on a ranked list) needs no reason: there is no ranking to override.
    for (const it of items) {
      await call(srv.url, 'GET', `/api/shortlists/${id}/candidates/${it.candidateId}`, rec);
      const d = await call(srv.url, 'POST', `/api/shortlists/${id}/candidates/${it.candidateId}/decision`, rec, { decision: 'advance' });
      expect(d.status).toBe(201);
      expect(d.body.decision.override).toBe(0);
    }
    srv.running.services.config.review.minSecondsPerCandidate = 60;
    const ok = await call(srv.url, 'POST', `/api/shortlists/${id}/approve`, rev);
    srv.running.services.config.review.minSecondsPerCandidate = 0;
    expect(ok.status).toBe(200);
    expect(ok.body.flags).toEqual([]);
    expect(events('decision.override', items[2]!.candidateId).filter((e) => e.shortlist === id)).toEqual([]);
  });
});

describe('oversight figures', () => {
  it('does not flag a careful review, credits review time to the person who decided, and counts only the caller’s entities', async () => {
    const flaggedBefore = (await call(srv.url, 'GET', '/api/oversight', rev)).body.reviewers.find((r: { reviewerName: string }) => r.reviewerName === 'rev')?.flaggedApprovals ?? 0;
    // A careful review: every candidate advanced in engine order, but with ten minutes spent on three people.
    const careful = await draft();
    await review(careful.id, careful.items);
    db().prepare('UPDATE shortlists SET review_started_at = ? WHERE id = ?').run(new Date(Date.now() - 600_000).toISOString(), careful.id);
    srv.running.services.config.review.minSecondsPerCandidate = 60;
    const a = await call(srv.url, 'POST', `/api/shortlists/${careful.id}/approve`, rev);
    // The same pattern in seconds is flagged (the rule can fail).
    const quick = await draft();
    await review(quick.id, quick.items);
    const b = await call(srv.url, 'POST', `/api/shortlists/${quick.id}/approve`, rev);
    srv.running.services.config.review.minSecondsPerCandidate = 0;
    expect(a.body.flags).toEqual([]);
    expect(b.body.flags[0]).toMatch(/automation_bias: all 3 advanced in engine order/);

    // A DE shortlist approved (and flagged) by a reviewer who also works for NL.
    const recDe = srv.user('rec-de', 'recruiter', ['DE']);
    const revBoth = srv.user('rev-both', 'reviewer', ['NL', 'DE']);
    await upload(srv.url, cv('Dora Klein', 'Java, SQL', 'Jan 2016 - Dec 2023'), 'dora.txt', { entity: 'DE', uploadDate: '2026-06-15' });
    const de = await draft(recDe, 'Java developer');
    await call(srv.url, 'POST', `/api/shortlists/${de.id}/start`, recDe);
    for (const it of de.items) {
      await call(srv.url, 'GET', `/api/shortlists/${de.id}/candidates/${it.candidateId}`, recDe);
      await call(srv.url, 'POST', `/api/shortlists/${de.id}/candidates/${it.candidateId}/decision`, recDe, { decision: 'advance', reason: 'ok' });
    }
    srv.running.services.config.review.minSecondsPerCandidate = 60;
    const c = await call(srv.url, 'POST', `/api/shortlists/${de.id}/approve`, revBoth);
    srv.running.services.config.review.minSecondsPerCandidate = 0;
    expect(c.body.flags).toHaveLength(1);

    const nl = (await call(srv.url, 'GET', '/api/oversight', rev)).body.reviewers as { reviewerName: string; flaggedApprovals: number; medianReviewSeconds: number | null; reviewsClosed: number }[];
    expect(nl.find((r) => r.reviewerName === 'rev')!.flaggedApprovals).toBe(flaggedBefore + 1);
    // The DE approval is not an NL reviewer's business: neither the person nor the flag shows.
    expect(nl.find((r) => r.reviewerName === 'rev-both')).toBeUndefined();
    const both = (await call(srv.url, 'GET', '/api/oversight', revBoth)).body.reviewers as typeof nl;
    expect(both.find((r) => r.reviewerName === 'rev-both')!.flaggedApprovals).toBe(1);
    // The recruiter who made the decisions gets the review time, not only the approver.
    const recStats = nl.find((r) => r.reviewerName === 'rec')!;
    expect(recStats.reviewsClosed).toBeGreaterThanOrEqual(2);
    expect(recStats.medianReviewSeconds).not.toBeNull();
  });
});

describe('adding a candidate by hand', () => {
  it('refuses people who withdrew consent or objected (409), accepts the others', async () => {
    const { id } = await draft();
    await call(srv.url, 'POST', `/api/shortlists/${id}/start`, rec);
    for (const k of ['bob', 'cleo']) expect((await call(srv.url, 'DELETE', `/api/shortlists/${id}/items/${ids[k]}`, rec, { reason: 'Not now' })).status).toBe(200);
    srv.running.services.candidates.withdrawConsent(ids.bob!, 'recruitment');
    srv.running.services.candidates.objectToProfiling(ids.cleo!);
    const noConsent = await call(srv.url, 'POST', `/api/shortlists/${id}/items`, rec, { candidateId: ids.bob, reason: 'Called us' });
    expect(noConsent.status).toBe(409);
    expect(noConsent.body.error.message).toMatch(/withdrawn\) consent to recruitment/);
    const objected = await call(srv.url, 'POST', `/api/shortlists/${id}/items`, rec, { candidateId: ids.cleo, reason: 'Called us' });
    expect(objected.status).toBe(409);
    expect(objected.body.error.message).toMatch(/objected/);
    expect(events('shortlist.candidate_added', id)).toEqual([]);
    srv.running.services.candidates.giveConsent(ids.bob!, 'recruitment', 'Consent given again by phone');
    expect((await call(srv.url, 'POST', `/api/shortlists/${id}/items`, rec, { candidateId: ids.bob, reason: 'Called us' })).status).toBe(201);
    expect(verifyAudit(db()).ok).toBe(true);
  });
});
