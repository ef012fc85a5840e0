import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, listRoutes } from '../helpers/routes.js';
import { call, startTestServer, upload, type TestServer } from '../helpers/server.js';

/** Nothing leaves unapproved: every route, every unapproved state, every role that may review. */
let srv: TestServer;
let rec: string;
let rev: string;
const shortlists: Record<string, string> = {};
let candidateIds: string[] = [];

beforeAll(async () => {
  // Every route is tried without a token: more 401s than the per-address limit allows in a minute.
  srv = await startTestServer({ AUTH_FAILURES_PER_MINUTE: '100000' });
  rec = srv.user('rec', 'recruiter', ['NL']);
  rev = srv.user('rev', 'reviewer', ['NL']);
  for (const n of ['Ann Smith', 'Bob Jones']) {
    await upload(srv.url, Buffer.from(`${n}\n${n.split(' ')[0]!.toLowerCase()}@example.com\n\nExperience\nJava Developer at Acme\nJan 2018 - Dec 2023\n\nSkills\nJava, SQL`), `${n}.txt`, { entity: 'NL' });
  }
  const mk = async () => (await call(srv.url, 'POST', '/api/search', rec, { query: 'Java developer' })).body;
  const d = await mk();
  candidateIds = d.items.map((i: any) => i.candidateId);
  shortlists.draft = d.shortlistId;
  shortlists.in_review = (await mk()).shortlistId;
  await call(srv.url, 'POST', `/api/shortlists/${shortlists.in_review}/start`, rec);
  shortlists.rejected = (await mk()).shortlistId;
  await call(srv.url, 'POST', `/api/shortlists/${shortlists.rejected}/start`, rec);
  await call(srv.url, 'POST', `/api/shortlists/${shortlists.rejected}/reject`, rev, { reason: 'Vacancy cancelled' });
  shortlists.withdrawn = (await mk()).shortlistId;
  await call(srv.url, 'POST', `/api/shortlists/${shortlists.withdrawn}/withdraw`, rec, {});
  // Approved, then recalled: nothing may leave after the recall.
  const recalled = await mk();
  shortlists.recalled = recalled.shortlistId;
  await call(srv.url, 'POST', `/api/shortlists/${shortlists.recalled}/start`, rec);
  for (const it of recalled.items as { candidateId: string }[]) {
    await call(srv.url, 'GET', `/api/shortlists/${shortlists.recalled}/candidates/${it.candidateId}`, rec);
    await call(srv.url, 'POST', `/api/shortlists/${shortlists.recalled}/candidates/${it.candidateId}/decision`, rec, { decision: 'advance', reason: 'Fits the role' });
  }
  expect((await call(srv.url, 'POST', `/api/shortlists/${shortlists.recalled}/approve`, rev)).status).toBe(200);
  expect((await call(srv.url, 'GET', `/api/shortlists/${shortlists.recalled}/export`, rec)).status).toBe(200);
  expect((await call(srv.url, 'POST', `/api/shortlists/${shortlists.recalled}/withdraw`, rev, { reason: 'Client cancelled' })).status).toBe(200);
}, 120_000);
afterAll(async () => srv?.stop());

const fill = (route: string, sid: string): string => route.replace(':id', sid).replace(':cid', candidateIds[0]!).replace(':entity', 'NL');
const BODIES: Record<string, unknown> = { share: { client: 'Acme' }, contact: { message: 'Hello' } };

describe('the review gate holds on every route', () => {
  const served = (): string[] => listRoutes(srv.running.app);

  it('every served route is classified', () => {
    expect(served().filter((r) => !(r in ROUTES))).toEqual([]);
  });

  it('egress routes refuse every unapproved shortlist (409), for recruiters and reviewers alike', async () => {
    const egress = served().filter((r) => ROUTES[r] === 'egress');
    expect(egress.length).toBeGreaterThanOrEqual(3);
    for (const route of egress) {
      const [method, path] = route.split(' ') as [string, string];
      const body = method === 'GET' ? undefined : (BODIES[path.split('/').pop()!] ?? {});
      for (const [state, sid] of Object.entries(shortlists)) {
        for (const token of [rec, rev]) {
          const r = await call(srv.url, method, fill(path, sid), token, body);
          expect({ route, state, status: r.status }).toEqual({ route, state, status: 409 });
          for (const c of candidateIds) expect(JSON.stringify(r.body)).not.toContain(c);
        }
      }
    }
  });

  it('no staff or egress route answers without a staff token, and none leaks shortlist data to an outsider', async () => {
    for (const route of served().filter((r) => ROUTES[r] === 'staff' || ROUTES[r] === 'egress')) {
      const [method, path] = route.split(' ') as [string, string];
      for (const token of [undefined, 'jm_forged', 'jmc_forged']) {
        const r = await call(srv.url, method, fill(path, shortlists.draft!), token, method === 'GET' ? undefined : {});
        expect({ route, status: r.status }).toEqual({ route, status: 401 });
        for (const c of candidateIds) expect(JSON.stringify(r.body)).not.toContain(c);
      }
    }
  });

  it('candidate routes answer only to a candidate token: not to staff, not to anonymous callers', async () => {
    for (const route of served().filter((r) => ROUTES[r] === 'candidate')) {
      const [method, path] = route.split(' ') as [string, string];
      for (const token of [undefined, rec, rev, 'jmc_forged']) {
        const r = await call(srv.url, method, path.replace(':purpose', 'profiling'), token, method === 'GET' || method === 'DELETE' ? undefined : {});
        expect({ route, status: r.status }).toEqual({ route, status: 401 });
      }
    }
  });
});
