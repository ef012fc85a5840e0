import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, listRoutes } from '../helpers/routes.js';
import { call, startTestServer, upload, type TestServer } from '../helpers/server.js';
import { PageClient, inlineCode } from './client.js';

/** The websites over plain HTTP: CSP, cookies, CSRF, escaping, languages, sign-in flows, the export gate. */
let srv: TestServer;
let rec: string;
let rev: string;
let evilToken: string;
let evilId: string;
const EVIL = '<script>alert(1)</script>';
const cv = (name: string, extra = '') =>
  Buffer.from(`${name}\n${name.split(' ')[0]!.toLowerCase().replace(/\W/g, '')}@example.com\n\nExperience\nJava Developer at Acme\nJan 2018 - Dec 2023\nBuilt services in Java and SQL. ${extra}\n\nSkills\nJava, SQL`);

beforeAll(async () => {
  srv = await startTestServer();
  rec = srv.user('rec', 'recruiter', ['NL']);
  rev = srv.user('rev', 'reviewer', ['NL']);
  const evil = await upload(srv.url, cv('Eve Evil', `Tags: ${EVIL} <img src=x onerror=alert(2)>`), 'evil.txt', { entity: 'NL', consentProfiling: 'true' });
  evilToken = evil.body.access.token;
  evilId = evil.body.candidate.id;
  // The name a recruiter sees comes from the profile; the candidate sets it through the API's rectification.
  const patched = await fetch(`${srv.url}/api/me/profile`, { method: 'PATCH', headers: { authorization: `Bearer ${evilToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: EVIL }) });
  expect(patched.status).toBe(200);
  await upload(srv.url, cv('Ann Smith'), 'ann.txt', { entity: 'NL' });
}, 120_000);
afterAll(async () => srv?.stop());

async function staff(token: string): Promise<PageClient> {
  const c = new PageClient(srv.url);
  await c.get('/staff/sign-in');
  const r = await c.post('/staff/sign-in', { token, next: '/staff' });
  expect(r.status).toBe(303);
  return c;
}

describe('web: headers and cookies', () => {
  it('pages carry a strict CSP (no inline script or style) and contain no inline code', async () => {
    const c = new PageClient(srv.url);
    for (const p of ['/', '/jobs', '/me', '/staff/sign-in']) {
      const r = await c.get(p);
      expect(r.status).toBe(200);
      const csp = r.headers.get('content-security-policy')!;
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src-attr 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(inlineCode(r.text)).toEqual([]);
    }
  });

  it('the session and language cookies are HttpOnly, SameSite=Strict, Path=/', async () => {
    const c = new PageClient(srv.url);
    await c.get('/?lang=nl');
    expect(c.setCookies.length).toBe(2);
    for (const sc of c.setCookies) {
      expect(sc).toMatch(/; HttpOnly/);
      expect(sc).toMatch(/; SameSite=Strict/);
      expect(sc).toMatch(/; Path=\//);
    }
    expect(c.cookies.get('jm_sid')).toMatch(/^[\w-]{43}$/);
  });

  it('static files are served with their types; the API keeps answering JSON', async () => {
    const js = await fetch(`${srv.url}/static/upload.js`);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${srv.url}/static/app.css`)).headers.get('content-type')).toMatch(/text\/css/);
    expect((await fetch(`${srv.url}/static/nope.js`)).status).toBe(404);
    const api = await call(srv.url, 'GET', '/api/nope');
    expect(api.body.error.code).toBe('not_found');
  });
});

describe('web: CSRF', () => {
  it('refuses a POST without the token, with a wrong one, and with another session’s token (403)', async () => {
    const a = new PageClient(srv.url);
    await a.get('/staff/sign-in');
    expect((await a.post('/staff/sign-in', { token: rec }, { csrf: false })).status).toBe(403);
    expect((await a.post('/staff/sign-in', { token: rec, _csrf: 'forged' }, { csrf: false })).status).toBe(403);
    const b = new PageClient(srv.url);
    await b.get('/staff/sign-in');
    expect((await a.post('/staff/sign-in', { token: rec, _csrf: b.csrf }, { csrf: false })).status).toBe(403);
    // No session at all.
    expect((await new PageClient(srv.url).post('/me/session', { token: evilToken }, { csrf: false })).status).toBe(403);
    const failedBefore = (srv.running.services.db.prepare("SELECT COUNT(*) FROM audit_events WHERE action = 'login.failed'").pluck().get() as number);
    expect((await a.post('/staff/sign-in', { token: 'jm_wrong' })).status).toBe(401);
    const ok = await a.post('/staff/sign-in', { token: rec });
    expect(ok.status).toBe(303);
    // Both sign-ins are in the audit log; the failed one without the token tried.
    const rows = srv.running.services.db.prepare("SELECT action, data_json FROM audit_events WHERE action IN ('login', 'login.failed') ORDER BY seq DESC LIMIT 2").all() as { action: string; data_json: string }[];
    expect(rows.map((r) => r.action)).toEqual(['login', 'login.failed']);
    expect(rows[1]!.data_json).not.toContain('jm_wrong');
    expect(srv.running.services.db.prepare("SELECT COUNT(*) FROM audit_events WHERE action = 'login.failed'").pluck().get()).toBe(failedBefore + 1);
  });

  it('accepts the token as X-CSRF-Token header on a fetch (JSON) and answers JSON errors to JSON callers', async () => {
    const c = new PageClient(srv.url);
    await c.get('/me');
    const bad = await c.request('POST', '/me/session', { json: { token: evilToken }, headers: { accept: 'application/json' } });
    expect(bad.status).toBe(403);
    expect(JSON.parse(bad.text).error.code).toBe('forbidden');
    const ok = await c.request('POST', '/me/session', { json: { token: evilToken }, headers: { accept: 'application/json', 'x-csrf-token': c.csrf } });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.text)).toEqual({ ok: true, next: '/me' });
  });

  it('a signed-in staff session still needs the token on every form (start, decide, approve, sign-out)', async () => {
    const c = await staff(rec);
    await c.get('/staff/search');
    const r = await c.post('/staff/search', { query: 'Java developer' });
    expect(r.status).toBe(303);
    const sid = /\/staff\/search\/([0-9a-f-]{36})/.exec(r.location!)![1]!;
    for (const p of [`/staff/shortlists/${sid}/start`, `/staff/shortlists/${sid}/approve`, '/staff/blind', '/staff/sign-out']) {
      expect((await c.post(p, {}, { csrf: false })).status).toBe(403);
    }
    expect(srv.running.services.review.view(srv.running.services.users.byToken(rec)!, sid).state).toBe('draft');
  });
});

describe('web: output escaping', () => {
  it('a CV named <script> renders as text on the candidate page and on the recruiter pages', async () => {
    const me = new PageClient(srv.url);
    await me.get('/me');
    await me.post('/me/session', { token: evilToken });
    const page = await me.get('/me');
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.text).not.toContain(EVIL);
    expect(inlineCode(page.text)).toEqual([]);
    const profile = await me.get('/me/profile');
    expect(profile.text).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');

    const c = await staff(rec);
    await c.get('/staff/search');
    const r = await c.post('/staff/search', { query: 'Java developer tags img' });
    const results = await c.get(r.location!);
    expect(results.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(results.text).not.toContain(EVIL);
    expect(results.text).not.toMatch(/<img src=x/);
    expect(inlineCode(results.text)).toEqual([]);
    // The snippet's hits are <mark>ed, and nothing else became markup.
    expect(results.text).toMatch(/<mark>java<\/mark>/i);
    const sid = /\/staff\/search\/([0-9a-f-]{36})/.exec(r.location!)![1]!;
    for (const p of [`/staff/shortlists/${sid}`, `/staff/shortlists/${sid}/candidates/${evilId}`, `/staff/shortlists/${sid}/candidates/${evilId}?part=cv`]) {
      const pg = await c.get(p);
      expect(pg.status).toBe(200);
      expect(pg.text).not.toContain(EVIL);
      expect(pg.text).not.toMatch(/<img src=x/);
      expect(inlineCode(pg.text)).toEqual([]);
    }
  });

  it('blind review hides the name, e-mail and location and labels people "Candidate n"', async () => {
    const c = await staff(rec);
    await c.get('/staff/search');
    const r = await c.post('/staff/search', { query: 'Java developer', blind: '1' });
    const page = await c.get(r.location!);
    expect(page.text).toContain('Candidate 1');
    expect(page.text).not.toContain('Ann Smith');
    expect(page.text).not.toContain('ann@example.com');
    expect(page.text).not.toContain('alert(1)');
    await c.post('/staff/blind', { on: '0', back: r.location! });
    const open = await c.get(r.location!);
    expect(open.text).toContain('Ann Smith');
  });
});

describe('web: form errors', () => {
  it('an empty or contradictory search comes back with the message at the field, the typed values kept', async () => {
    const c = await staff(rec);
    await c.get('/staff/search');
    const r = await c.post('/staff/search', { query: '', minYears: '5', maxYears: '2', location: 'Utrecht' });
    expect(r.location).toBe('/staff/search');
    const page = await c.get('/staff/search');
    expect(page.status).toBe(400);
    expect(page.text).toContain('<p class="field-error" id="query-error">Give a free text, a job or must-have skills.</p>');
    expect(page.text).toMatch(/id="minYears" name="minYears" aria-describedby="minYears-error" aria-invalid="true"/);
    expect(page.text).toContain('value="Utrecht"');
    expect(page.text).toContain('href="#query"');
  });
});

describe('web: public job pages', () => {
  it('lists every job of an office, searchable and paged, with a page per job', async () => {
    const job = await call(srv.url, 'POST', '/api/jobs', rec, { title: 'Backend <Java> developer', description: 'Java services with Spring Boot & SQL.', requiredSkills: ['Java'], entity: 'NL', minYears: 2 });
    expect(job.status).toBe(201);
    const c = new PageClient(srv.url);
    const list = await c.get('/jobs?entity=NL&q=java');
    expect(list.text).toContain('Backend &lt;Java&gt; developer');
    expect(list.text).toContain(`href="/jobs/${job.body.job.id}"`);
    expect((await c.get('/jobs?entity=DE')).text).toContain('No jobs found.');
    const one = await c.get(`/jobs/${job.body.job.id}`);
    expect(one.status).toBe(200);
    expect(one.text).toContain('at least 2 years');
    expect((await c.get('/jobs/nope')).status).toBe(404);
  });
});

describe('web: languages', () => {
  it('?lang=nl switches to Dutch and is remembered; Accept-Language decides otherwise', async () => {
    const c = new PageClient(srv.url);
    const nl = await c.get('/?lang=nl');
    expect(nl.text).toContain('<html lang="nl">');
    expect(nl.text).toContain('Upload je cv');
    const again = await c.get('/jobs');
    expect(again.text).toContain('<html lang="nl">');
    expect(again.text).toContain('Alle vacatures');
    const en = await new PageClient(srv.url).get('/', { 'accept-language': 'de-DE,de;q=0.9,en;q=0.5' });
    expect(en.text).toContain('<html lang="en">');
    const nl2 = await new PageClient(srv.url).get('/staff/sign-in', { 'accept-language': 'nl-BE,nl;q=0.9,en;q=0.8' });
    expect(nl2.text).toContain('<html lang="nl">');
    expect(nl2.text).toContain('Aanmelden voor medewerkers');
  });
});

describe('web: sign-in flows', () => {
  it('/me?token=… signs the candidate in and redirects the token out of the URL; a bad token does not', async () => {
    const c = new PageClient(srv.url);
    const r = await c.get(`/me?token=${evilToken}`);
    expect(r.status).toBe(303);
    expect(r.location).toBe('/me');
    expect(c.setCookies.join()).toMatch(/jm_sid=.*HttpOnly.*SameSite=Strict/);
    const page = await c.get('/me');
    expect(page.text).toContain('Jobs recommended for you');
    const bad = new PageClient(srv.url);
    expect((await bad.get('/me?token=jmc_wrongwrongwrongwrongwrongwrong')).location).toBe('/me');
    const signIn = await bad.get('/me');
    expect(signIn.text).toContain('This link or code is not valid');
    expect(signIn.text).toMatch(/aria-describedby="token-error"/);
    expect((await bad.get('/me/data')).status).toBe(401);
  });

  it('without profiling consent /me explains and offers it; giving it turns recommendations on', async () => {
    const up = await upload(srv.url, cv('Carl Consent'), 'carl.txt', { entity: 'NL' });
    const c = new PageClient(srv.url);
    await c.get(`/me?token=${up.body.access.token}`);
    const before = await c.get('/me');
    expect(before.text).toContain('You have not asked for recommendations');
    expect(before.text).toContain('action="/me/consents/profiling/give"');
    const r = await c.post('/me/consents/profiling/give', { back: '/me' });
    expect(r.location).toBe('/me');
    const after = await c.get('/me');
    expect(after.text).toContain('Consent given.');
    expect(after.text).not.toContain('You have not asked for recommendations');
    // The audit log has the consent, given by the candidate.
    const ev = srv.running.services.db.prepare("SELECT actor FROM audit_events WHERE action = 'candidate.consent_given' AND subject = ?").get(up.body.candidate.id) as { actor: string };
    expect(ev.actor).toBe('candidate');
    // A redirect target elsewhere is refused.
    expect((await c.post('/me/consents/profiling/withdraw', { back: '//evil.example/' })).location).toBe('/me/data');
  });

  it('staff sign-in and sign-out are audited; a revoked token ends the session; a wrong token is a 401 with the message at the field', async () => {
    const s = srv.running.services;
    const token = srv.user('temp', 'recruiter', ['NL']);
    const c = await staff(token);
    expect((await c.get('/staff/search')).status).toBe(200);
    const u = s.users.byToken(token)!;
    const actions = () => (s.db.prepare('SELECT action FROM audit_events WHERE actor = ? ORDER BY seq').all(u.id) as { action: string }[]).map((r) => r.action);
    expect(actions()).toContain('login');
    await c.post('/staff/sign-out');
    expect(actions()).toContain('logout');
    expect((await c.get('/staff/search')).status).toBe(401);
    const c2 = await staff(token);
    s.users.revokeToken(token);
    expect((await c2.get('/staff/search')).status).toBe(401);
    const wrong = new PageClient(srv.url);
    await wrong.get('/staff/sign-in');
    const r = await wrong.post('/staff/sign-in', { token: 'jm_wrong' });
    expect(r.status).toBe(401);
    expect(r.text).toContain('aria-describedby="token-error"');
    expect(r.text).toContain('aria-invalid="true"');
  });

  it('roles: a reviewer cannot search, a recruiter cannot read the audit view', async () => {
    const reviewer = await staff(rev);
    expect((await reviewer.get('/staff/search')).status).toBe(403);
    const recruiter = await staff(rec);
    const sid = (await call(srv.url, 'POST', '/api/search', rec, { query: 'Java' })).body.shortlistId;
    expect((await recruiter.get(`/staff/audit?shortlist=${sid}`)).status).toBe(403);
    expect((await reviewer.get(`/staff/audit?shortlist=${sid}`)).status).toBe(200);
  });
});

describe('web: the export gate', () => {
  it('refuses to export an unapproved shortlist (409) and exports it once approved by another person', async () => {
    const recruiter = await staff(rec);
    await recruiter.get('/staff/search');
    const r = await recruiter.post('/staff/search', { query: 'Java developer' });
    const sid = /\/staff\/search\/([0-9a-f-]{36})/.exec(r.location!)![1]!;
    for (const format of ['csv', 'json']) {
      const refused = await recruiter.get(`/staff/shortlists/${sid}/export?format=${format}`);
      expect(refused.status).toBe(409);
      expect(refused.text).toContain('Only an approved shortlist may be exported');
    }
    const page = await recruiter.get(`/staff/shortlists/${sid}`);
    expect(page.text).toMatch(/<button type="button" id="export-csv" disabled/);
    await recruiter.post(`/staff/shortlists/${sid}/start`);
    const items = srv.running.services.review.view(srv.running.services.users.byToken(rec)!, sid).items;
    for (const it of items) {
      await recruiter.get(`/staff/shortlists/${sid}/candidates/${it.candidateId}`);
      await recruiter.post(`/staff/shortlists/${sid}/candidates/${it.candidateId}/decision`, { decision: 'advance', part: 'profile' });
    }
    // Four eyes: the recruiter who searched cannot approve.
    await recruiter.post(`/staff/shortlists/${sid}/approve`);
    expect((await recruiter.get(`/staff/shortlists/${sid}`)).text).toContain('Four-eyes rule');
    const reviewer = await staff(rev);
    await reviewer.get(`/staff/shortlists/${sid}`);
    expect((await reviewer.post(`/staff/shortlists/${sid}/approve`)).status).toBe(303);
    const approved = await reviewer.get(`/staff/shortlists/${sid}`);
    // Everyone advanced in engine order within seconds: the gate's automation-bias flag is shown.
    expect(approved.text).toContain('Possible automation bias');
    expect(approved.text).toContain('href="/staff/shortlists/' + sid + '/export?format=csv"');
    const csv = await reviewer.get(`/staff/shortlists/${sid}/export?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.text.split('\r\n')[0]).toBe('id,entity,name,email,phone,location,yearsExperience,skills');
    expect(csv.text).toContain('Ann Smith');
  });
});

describe('web: every page route is guarded', () => {
  const fill = (p: string) => p.replace(':id', '00000000-0000-4000-8000-000000000000').replace(':cid', '00000000-0000-4000-8000-000000000001').replace(':purpose', 'profiling').replace(':act', 'withdraw');
  const pages = (cls: string) => listRoutes(srv.running.app).filter((r) => ROUTES[r] === cls);

  it('staff and candidate pages answer 401 (a sign-in form) without a session; every POST needs the CSRF token first', async () => {
    expect(pages('page-staff').length).toBeGreaterThanOrEqual(15);
    expect(pages('page-candidate').length).toBeGreaterThanOrEqual(10);
    const anon = new PageClient(srv.url);
    await anon.get('/staff/sign-in');
    for (const route of [...pages('page-staff'), ...pages('page-candidate')]) {
      const [method, path] = route.split(' ') as [string, string];
      if (method === 'GET') {
        const r = await anon.get(fill(path));
        expect({ route, status: r.status }).toEqual({ route, status: 401 });
        expect(r.text).toMatch(/action="\/(staff\/sign-in|me\/session)"/);
        continue;
      }
      expect({ route, status: (await anon.post(fill(path), {}, { csrf: false })).status }).toEqual({ route, status: 403 });
      const signedOut = path.endsWith('/sign-out');
      expect({ route, status: (await anon.post(fill(path), {})).status }).toEqual({ route, status: signedOut ? 303 : 401 });
      if (signedOut) await anon.get('/staff/sign-in'); // a new session, a new CSRF token
    }
  });
});
