/**
 * Security over every route the app serves, API and web pages, against the real service in its
 * own process: outsiders are refused everywhere but the public routes, each staff role gets
 * exactly what the matrix says, no entity sees another's records, nothing leaves unapproved, no
 * answer holds a stack trace or someone else's personal data; rate limits per token and address;
 * and the logs of the hardening children hold no fixture e-mail address or name (the logs of the
 * whole run, every test's, are grepped at its end: test/global-setup.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { ROUTES, listRoutes } from '../helpers/routes.js';
import { tempServices } from '../helpers/services.js';
import { startChild, type ServerChild } from './lib/child.js';
import { errorProblems, looksLikeStack, personalIn } from './lib/checks.js';
import { entityOf, fixtureSet, personalUpTo, STAFF, type FixtureSet } from './lib/fixtures.js';
import { bearer, json, request, uploadFile, type Reply } from './lib/http.js';
import { logFile, scanLogs } from './lib/logs.js';
import { cvText, INJECTION_LINES, MARKUP } from './lib/hostile/index.js';
import { MAY, ROLES, fillPath, methodOf } from './lib/matrix.js';

let root: string;
let child: ServerChild;
let fx: FixtureSet;
let routes: string[];
const log = logFile('security-test');
/** A candidate per entity, with the candidate's own token and e-mail address. */
const cands: Record<string, { id: string; token: string; email: string }> = {};
const jobs: Record<string, string> = {};
let shortlist: { id: string; cid: string };

const tok = (name: string): string => child.ready.tokens[name]!;
const staffOf: Record<string, string> = { recruiter: 'h-recruiter', reviewer: 'h-reviewer', admin: 'h-admin', privacy: 'h-privacy' };

function call(route: string, token: string | undefined, known: Record<string, string> = {}, extraHeaders: Record<string, string> = {}): Promise<Reply> {
  const method = methodOf(route);
  const send = method !== 'GET' && method !== 'DELETE' ? '{}' : undefined;
  return request(child.url, method, fillPath(route, known), { headers: { ...bearer(token), ...(send ? { 'content-type': 'application/json' } : {}), ...extraHeaders }, body: send, timeoutMs: 60_000 });
}

/** No 5xx, no stack trace, no personal data of anyone (the caller's own answers are checked apart). */
function clean(route: string, who: string, r: Reply): string[] {
  const out: string[] = [];
  if (r.status >= 500) out.push(`${route} as ${who}: ${r.status}`);
  if (looksLikeStack(r.text)) out.push(`${route} as ${who}: stack trace or internal path in the answer`);
  if (r.status >= 400 && r.json !== undefined) out.push(...errorProblems(r, fx.personal).map((p) => `${route} as ${who}: ${p}`));
  const p = personalIn(r.text, fx.personal);
  if (p) out.push(`${route} as ${who}: personal data in the answer (${p})`);
  return out;
}

const refused = (r: Reply): boolean => r.status === 401 || r.status === 403 || (r.status >= 300 && r.status < 400);

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-security-'));
  fs.rmSync(log, { force: true });
  // The routes, from the same code the child runs.
  const t = await tempServices();
  routes = listRoutes(createApp(t.s));
  await t.cleanup();
  fx = await fixtureSet(1);
  child = await startChild({ dataDir: path.join(root, 'data'), logFile: log, users: STAFF, env: { LOG_LEVEL: 'debug', RATE_LIMIT_PER_MINUTE: '100000' } });
  for (const f of fx.files) {
    const e = entityOf(f.truth);
    const r = await uploadFile(child.url, f.bytes, `${f.truth.name}.${f.format}`, { entity: e });
    expect(r.status).toBe(201);
    const body = r.json as { candidate: { id: string }; access: { token: string } };
    if (!cands[e]) cands[e] = { id: body.candidate.id, token: body.access.token, email: f.truth.email };
  }
  for (const e of ['NL', 'DE', 'FR']) {
    const j = await json(child.url, 'POST', '/api/jobs', tok('h-admin'), { title: `Java developer ${e}`, description: 'Java developer with SQL and three years of experience.', entity: e });
    jobs[e] = (j.json as { job: { id: string } }).job.id;
  }
  const s = await json(child.url, 'POST', '/api/search', tok('h-recruiter'), { query: 'developer' });
  const body = s.json as { shortlistId: string; items: Array<{ candidateId: string }> };
  shortlist = { id: body.shortlistId, cid: body.items[0]!.candidateId };
}, 300_000);

afterAll(async () => {
  await child?.stop();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe('authorisation over every route (API and pages)', () => {
  it('every route served is classified (test/helpers/routes.ts)', () => {
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.filter((r) => !(r in ROUTES))).toEqual([]);
  });

  it('outsiders (no token, a wrong token, a candidate token on staff routes, a staff token on candidate routes) are refused', async () => {
    const problems: string[] = [];
    for (const route of routes) {
      const cls = ROUTES[route];
      if (!cls || cls === 'public' || cls === 'page-public') continue;
      const tries: Array<[string, string | undefined]> = [
        ['anonymous', undefined],
        ['wrong token', cls === 'candidate' ? 'jmc_not-a-token' : 'jm_not-a-token'],
        [cls === 'candidate' || cls === 'page-candidate' ? 'staff token' : 'candidate token', cls === 'candidate' || cls === 'page-candidate' ? tok('h-admin') : cands.NL!.token],
      ];
      for (const [who, token] of tries) {
        const r = await call(route, token);
        if (!refused(r)) problems.push(`${route} as ${who}: ${r.status}`);
        problems.push(...clean(route, who, r));
      }
    }
    expect(problems).toEqual([]);
  }, 300_000);

  it('public routes answer anyone, and show no one’s personal data', async () => {
    const problems: string[] = [];
    for (const route of routes.filter((r) => ROUTES[r] === 'public' || ROUTES[r] === 'page-public')) {
      const r = await call(route, undefined, { id: jobs.NL! }, { accept: 'text/html' });
      // Forms posted without their CSRF token are refused (403); nothing else is.
      if (r.status === 401 || (r.status === 403 && methodOf(route) === 'GET')) problems.push(`${route}: ${r.status} for anyone`);
      problems.push(...clean(route, 'anonymous', r));
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it('each staff role gets exactly what the matrix says (403 otherwise), on records that do not exist', async () => {
    const problems: string[] = [];
    const covered = routes.filter((r) => r in MAY);
    expect(covered.length).toBeGreaterThanOrEqual(25);
    let allowed = 0;
    let denied = 0;
    for (const route of covered) {
      for (const role of ROLES) {
        const r = await call(route, tok(staffOf[role]!));
        const may = MAY[route]!.includes(role);
        if (r.status === 403) denied++;
        else allowed++;
        if (may && (r.status === 401 || r.status === 403)) problems.push(`${route} as ${role}: ${r.status}, should be allowed`);
        if (!may && r.status !== 403) problems.push(`${route} as ${role}: ${r.status}, should be 403`);
        // Staff may see the candidates of their entities; a refusal shows no one.
        if (r.status >= 400 || !may) problems.push(...clean(route, role, r));
        else if (r.status >= 500) problems.push(`${route} as ${role}: ${r.status}`);
      }
    }
    expect(problems).toEqual([]);
    expect(Math.min(allowed, denied)).toBeGreaterThan(30);
  }, 300_000);

  it('no entity sees another entity’s candidates, jobs or shortlists', async () => {
    const nl = tok('h-nl-recruiter');
    for (const e of ['DE', 'FR']) {
      expect((await json(child.url, 'GET', `/api/candidates/${cands[e]!.id}`, nl)).status).toBe(404);
      expect((await json(child.url, 'GET', `/api/jobs/${jobs[e]!}`, nl)).status).toBe(404);
      expect((await request(child.url, 'GET', `/staff/shortlists/${shortlist.id}`, { headers: bearer(nl) })).status).toBe(404);
    }
    expect((await json(child.url, 'GET', `/api/candidates/${cands.NL!.id}`, nl)).status).toBe(200);
    const list = await json(child.url, 'GET', '/api/candidates', nl);
    expect(new Set((list.json as { items: Array<{ entity: string }> }).items.map((c) => c.entity))).toEqual(new Set(['NL']));
    const search = await json(child.url, 'POST', '/api/search', nl, { query: 'developer' });
    for (const it of (search.json as { items: Array<{ candidate: { entity: string } }> }).items) expect(it.candidate.entity).toBe('NL');
    expect((await json(child.url, 'GET', `/api/shortlists/${shortlist.id}`, nl)).status).toBe(404);
  });

  it('a candidate token opens only that candidate’s own data', async () => {
    for (const e of ['NL', 'DE']) {
      const me = await json(child.url, 'GET', '/api/me', cands[e]!.token);
      expect(me.status).toBe(200);
      expect((me.json as { candidate: { id: string; profile: { email: string } } }).candidate.id).toBe(cands[e]!.id);
      expect(me.text).toContain(cands[e]!.email);
      const other = fx.personal.filter((p) => p.includes('@') && p !== cands[e]!.email);
      expect(personalIn(me.text, other)).toBeNull();
    }
  });

  it('nothing leaves before approval: every egress route refuses a draft shortlist, for every role', async () => {
    const problems: string[] = [];
    for (const route of routes.filter((r) => ROUTES[r] === 'egress')) {
      for (const role of ROLES) {
        const r = await call(route, tok(staffOf[role]!), { id: shortlist.id, cid: shortlist.cid });
        if (r.status < 400) problems.push(`${route} as ${role}: ${r.status} for a draft shortlist`);
        problems.push(...clean(route, role, r));
      }
    }
    expect(problems).toEqual([]);
  }, 120_000);
});

describe('HTML in a CV', () => {
  it('is shown as text, never as markup, on the staff review pages and the candidate’s own pages', async () => {
    const up = await uploadFile(child.url, Buffer.from(INJECTION_LINES.join('\n')), '<img src=x onerror=alert(1)>.txt', { entity: 'NL' });
    expect(up.status).toBe(201);
    const { candidate, access } = up.json as { candidate: { id: string }; access: { token: string } };
    const search = await json(child.url, 'POST', '/api/search', tok('h-recruiter'), { query: 'developer at Acme', limit: 50 });
    const sl = search.json as { shortlistId: string; items: Array<{ candidateId: string }> };
    expect(sl.items.map((i) => i.candidateId)).toContain(candidate.id);
    expect((await json(child.url, 'POST', `/api/shortlists/${sl.shortlistId}/start`, tok('h-reviewer'))).status).toBe(200);
    const pages: Reply[] = [];
    const staff = { headers: { ...bearer(tok('h-reviewer')), accept: 'text/html' } };
    pages.push(await request(child.url, 'GET', `/staff/shortlists/${sl.shortlistId}`, staff));
    for (const part of ['profile', 'experience', 'skills', 'education', 'cv']) pages.push(await request(child.url, 'GET', `/staff/shortlists/${sl.shortlistId}/candidates/${candidate.id}?part=${part}`, staff));
    const signIn = await request(child.url, 'GET', `/me?token=${encodeURIComponent(access.token)}`, { headers: { accept: 'text/html' } });
    const cookie = String(signIn.headers['set-cookie'] ?? '').split(';')[0]!;
    expect(cookie).toMatch(/=/);
    for (const p of ['/me', '/me/profile', '/me/data']) pages.push(await request(child.url, 'GET', p, { headers: { cookie, accept: 'text/html' } }));
    expect(pages.map((p) => p.status)).toEqual(pages.map(() => 200));
    for (const p of pages) for (const m of MARKUP) expect(p.text).not.toContain(m);
    // Shown, escaped (not silently dropped).
    expect(pages.some((p) => p.text.includes('&lt;script&gt;alert(document.cookie)&lt;/script&gt;'))).toBe(true);
  });
});

describe('rate limits', () => {
  let limited: ServerChild;
  beforeAll(async () => {
    limited = await startChild({ dataDir: path.join(root, 'limited'), logFile: log, users: STAFF, env: { LOG_LEVEL: 'debug', RATE_LIMIT_PER_MINUTE: '5' } });
  }, 300_000);
  afterAll(async () => limited?.stop());

  const burst = async (n: number, send: () => Promise<Reply>): Promise<Reply[]> => {
    const out: Reply[] = [];
    for (let i = 0; i < n; i++) out.push(await send());
    return out;
  };

  it('per token on staff routes: the 6th request in a minute is a 429 JSON error; another token is not affected', async () => {
    const a = await burst(6, () => json(limited.url, 'GET', '/api/candidates', limited.ready.tokens['h-recruiter']));
    expect(a.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 429]);
    expect((a[5]!.json as { error: { code: string } }).error.code).toBe('rate_limited');
    expect(errorProblems(a[5]!)).toEqual([]);
    expect((await json(limited.url, 'GET', '/api/candidates', limited.ready.tokens['h-reviewer'])).status).toBe(200);
  });

  it('per address on anonymous uploads and on the public job list; per candidate token on the candidate routes', async () => {
    let n = 0;
    const uploads = await burst(6, () => uploadFile(limited.url, Buffer.from(cvText(`limit ${n++}`)), 'cv.txt', { entity: 'NL' }));
    expect(uploads.slice(0, 5).every((r) => r.status === 201)).toBe(true);
    expect(uploads[5]!.status).toBe(429);
    const token = (uploads[0]!.json as { access: { token: string } }).access.token;
    const publicJobs = await burst(6, () => json(limited.url, 'GET', '/api/jobs/public?entity=NL'));
    expect(publicJobs[5]!.status).toBe(429);
    const me = await burst(6, () => json(limited.url, 'GET', '/api/me', token));
    expect(me.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 429]);
  });
});

describe('logs', () => {
  it('logs of the whole hardening suite (every server child, LOG_LEVEL=debug) hold no fixture e-mail address or name', async () => {
    // Everything in test-artifacts/hardening: this file's logs, and those of the hostile, fault and load runs so far.
    const scan = scanLogs(personalUpTo());
    const mine = scanLogs(fx.personal, [log]);
    expect(mine.lines).toBeGreaterThan(100);
    expect(scan.personal).toEqual([]);
    expect(mine.stacks).toEqual([]);
  });
});
