import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, listRoutes } from '../helpers/routes.js';
import { call, startTestServer, upload, type TestServer } from '../helpers/server.js';

/**
 * The review gate from the other side: what anonymous callers and candidates can reach. Every
 * public and candidate route (API and public pages) is called — anonymously and with a candidate's
 * own token — while unapproved shortlists hold both candidates; no answer may carry another
 * candidate's data, and none tells a candidate they were turned down.
 */
let srv: TestServer;
let annToken: string;
let annId: string;
let bobId: string;
let jobId: string;
let shown: string[] = [];
let declined = 0;

beforeAll(async () => {
  srv = await startTestServer({ AUTH_FAILURES_PER_MINUTE: '100000' });
  const rec = srv.user('rec', 'recruiter', ['NL']);
  const rev = srv.user('rev', 'reviewer', ['NL']);
  const cv = (n: string) => Buffer.from(`${n}\n${n.split(' ')[0]!.toLowerCase()}@example.com\n\nExperience\nJava Developer at Acme\nJan 2018 - Dec 2023\n\nSkills\nJava, SQL, Docker`);
  const ann = await upload(srv.url, cv('Ann Smith'), 'ann.txt', { entity: 'NL', consentProfiling: 'true' });
  const bob = await upload(srv.url, cv('Bob Jones'), 'bob.txt', { entity: 'NL', consentProfiling: 'true' });
  annToken = ann.body.access.token;
  annId = ann.body.candidate?.id ?? ann.body.id;
  bobId = bob.body.candidate?.id ?? bob.body.id;
  jobId = (await call(srv.url, 'POST', '/api/jobs', rec, { entity: 'NL', title: 'Java Developer', description: 'Java developer with SQL and Docker, 3 years.' })).body.job.id;
  // A draft, and one in review in which the reviewer declined Bob.
  await call(srv.url, 'POST', '/api/search', rec, { query: 'Java developer' });
  const found = (await call(srv.url, 'POST', '/api/search', rec, { jobId })).body;
  shown = found.items.map((i: { candidateId: string }) => i.candidateId);
  const sid = found.shortlistId;
  await call(srv.url, 'POST', `/api/shortlists/${sid}/start`, rec);
  await call(srv.url, 'GET', `/api/shortlists/${sid}/candidates/${bobId}?part=profile`, rev);
  declined = (await call(srv.url, 'POST', `/api/shortlists/${sid}/candidates/${bobId}/decision`, rev, { decision: 'decline', reason: 'Needs more Java years' })).status;
}, 120_000);
afterAll(async () => srv?.stop());

describe('no unapproved shortlist data reaches candidates or anonymous callers', () => {
  it('finds the two candidates set up', () => {
    expect(annId).toMatch(/./);
    expect(bobId).toMatch(/./);
    expect(annToken).toMatch(/^jmc_/);
    expect(shown.sort()).toEqual([annId, bobId].sort());
    expect(declined).toBe(201);
  });

  it('every public and candidate GET route and public page: no other candidate, no rejection wording', async () => {
    const routes = listRoutes(srv.running.app).filter((r) => r.startsWith('GET ') && ['public', 'candidate', 'page-public'].includes(ROUTES[r]!));
    expect(routes.length).toBeGreaterThanOrEqual(10);
    let answered = 0;
    for (const route of routes) {
      const path = route
        .slice(4)
        .replace(':id', jobId)
        .replace(':purpose', 'profiling');
      const query = path.includes('/jobs/public') ? '?entity=NL&q=java' : '';
      for (const token of [undefined, annToken]) {
        const r = await call(srv.url, 'GET', path + query, token);
        if (r.status === 200) answered++;
        const text = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
        expect({ route, leak: text.includes(bobId) || text.includes('Bob Jones') || text.includes('bob@example.com') }).toEqual({ route, leak: false });
        if (text.includes(annId)) expect({ route, asked: token === annToken }).toEqual({ route, asked: true });
        expect({ route, rejection: /\b(rejected|declined|afgewezen|not selected|unsuccessful)\b/i.test(text.replace(/"shortlistState":"rejected"/g, '')) }).toEqual({ route, rejection: false });
      }
    }
    expect(answered).toBeGreaterThanOrEqual(10);
  });
});
