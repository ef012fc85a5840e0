import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Entity, Role_ } from '../../src/domain/index.js';
import { ROUTES, listRoutes } from '../helpers/routes.js';
import { call, startTestServer, upload, type TestServer } from '../helpers/server.js';

/** What each role may do, written out here independently of src/access/policy.ts. */
const MAY: Record<Role_, { readCandidates: boolean; readJobs: boolean; writeJobs: boolean; search: boolean }> = {
  recruiter: { readCandidates: true, readJobs: true, writeJobs: true, search: true },
  reviewer: { readCandidates: true, readJobs: true, writeJobs: false, search: false },
  admin: { readCandidates: true, readJobs: true, writeJobs: true, search: false },
  privacy: { readCandidates: false, readJobs: false, writeJobs: false, search: false },
};
const USERS: { name: string; role: Role_; entities: Entity[] }[] = [
  { name: 'nl-rec', role: 'recruiter', entities: ['NL'] },
  { name: 'de-rec', role: 'recruiter', entities: ['DE'] },
  { name: 'processor', role: 'recruiter', entities: ['DE', 'FR'] },
  { name: 'nl-rev', role: 'reviewer', entities: ['NL'] },
  { name: 'admin', role: 'admin', entities: ['NL', 'DE', 'FR'] },
  { name: 'privacy', role: 'privacy', entities: ['NL', 'DE', 'FR'] },
];
const ENTITIES: Entity[] = ['NL', 'DE', 'FR'];

let srv: TestServer;
const tokens = new Map<string, string>();
const candidateOf = new Map<Entity, string>();
const jobOf = new Map<Entity, string>();

beforeAll(async () => {
  srv = await startTestServer();
  for (const u of USERS) tokens.set(u.name, srv.user(u.name, u.role, u.entities));
  for (const e of ENTITIES) {
    const r = await upload(srv.url, Buffer.from(`Person ${e}\nperson.${e.toLowerCase()}@example.com\n\nExperience\nJava Developer at Acme\nJan 2018 - Dec 2023\n\nSkills\nJava, SQL`), `${e}.txt`, { entity: e });
    candidateOf.set(e, r.body.candidate.id);
    const admin = tokens.get('admin')!;
    const j = await call(srv.url, 'POST', '/api/jobs', admin, { title: `Java job ${e}`, description: 'Java developer with SQL, three years of experience.', entity: e });
    jobOf.set(e, j.body.job.id);
  }
}, 120_000);
afterAll(async () => srv?.stop());

describe('authorisation matrix: role × entity × route, no cross-entity read ever', () => {
  for (const u of USERS) {
    const may = MAY[u.role];
    for (const e of ENTITIES) {
      const inScope = u.entities.includes(e);
      it(`${u.name} (${u.role}, ${u.entities.join('+')}) on ${e} records`, async () => {
        const t = tokens.get(u.name)!;
        const cand = await call(srv.url, 'GET', `/api/candidates/${candidateOf.get(e)}`, t);
        expect(cand.status).toBe(!may.readCandidates ? 403 : inScope ? 200 : 404);
        const job = await call(srv.url, 'GET', `/api/jobs/${jobOf.get(e)}`, t);
        expect(job.status).toBe(!may.readJobs ? 403 : inScope ? 200 : 404);
        const create = await call(srv.url, 'POST', '/api/jobs', t, { title: 'Nurse', description: 'A nurse for the night shift.', entity: e });
        expect(create.status).toBe(!may.writeJobs ? 403 : inScope ? 201 : 403);
      });
    }
    it(`${u.name}: lists and searches only its own entities`, async () => {
      const t = tokens.get(u.name)!;
      const list = await call(srv.url, 'GET', '/api/candidates', t);
      expect(list.status).toBe(may.readCandidates ? 200 : 403);
      if (may.readCandidates) expect(new Set(list.body.items.map((c: any) => c.entity))).toEqual(new Set(u.entities));
      const search = await call(srv.url, 'POST', '/api/search', t, { query: 'Java developer' });
      expect(search.status).toBe(may.search ? 200 : 403);
      if (may.search) {
        expect(search.body.items.length).toBe(u.entities.length);
        for (const it of search.body.items) expect(u.entities).toContain(it.candidate.entity);
      }
    });
  }

  it('anonymous and bad tokens are refused on every protected route', async () => {
    for (const [m, p] of [['GET', `/api/candidates/${candidateOf.get('NL')}`], ['GET', '/api/candidates'], ['POST', '/api/search'], ['POST', '/api/jobs'], ['GET', `/api/jobs/${jobOf.get('NL')}`]] as const) {
      expect((await call(srv.url, m, p, undefined, m === 'POST' ? {} : undefined)).status).toBe(401);
      expect((await call(srv.url, m, p, 'jm_not-a-token', m === 'POST' ? {} : undefined)).status).toBe(401);
    }
  });

  it('knows every route the app serves (classified in test/helpers/routes.ts)', () => {
    const served = listRoutes(srv.running.app);
    expect(served.length).toBeGreaterThanOrEqual(20);
    expect(served.filter((r) => !(r in ROUTES))).toEqual([]);
  });
});
