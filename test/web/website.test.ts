import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestServer, upload, type TestServer } from '../helpers/server.js';
import { handDocx, textPdf } from '../ingest/extract/files.js';
import { PageClient } from './client.js';

/** The website over plain HTTP: remembered results re-checked, cross-site and unreadable uploads refused, Dutch pages in Dutch, job-alert choices, the audit view in words. */
let srv: TestServer;
let rec: string;
const people: Record<string, { id: string; token: string }> = {};
const cv = (name: string) =>
  Buffer.from(`${name}\n${name.split(' ')[0]!.toLowerCase()}@example.com\n\nExperience\nJava Developer at Acme\nJan 2018 - Dec 2023\nBuilt services in Java and SQL.\n\nSkills\nJava, SQL`);

beforeAll(async () => {
  srv = await startTestServer();
  rec = srv.user('rec', 'recruiter', ['NL']);
  for (const name of ['Ann Smith', 'Erik Erased', 'Olga Objects', 'Wim Withdraws']) {
    const r = await upload(srv.url, cv(name), `${name.split(' ')[0]}.txt`, { entity: 'NL' });
    expect(r.status).toBe(201);
    people[name.split(' ')[0]!] = { id: r.body.candidate.id, token: r.body.access.token };
  }
}, 120_000);
afterAll(async () => srv?.stop());

async function staff(token: string): Promise<PageClient> {
  const c = new PageClient(srv.url);
  await c.get('/staff/sign-in');
  expect((await c.post('/staff/sign-in', { token, next: '/staff' })).status).toBe(303);
  return c;
}

describe('web: a remembered result page', () => {
  it('leaves out a candidate who erased the account, objected to profiling or withdrew consent since the search', async () => {
    const c = await staff(rec);
    await c.get('/staff/search');
    const r = await c.post('/staff/search', { query: 'Java developer' });
    expect(r.status).toBe(303);
    const before = await c.get(r.location!);
    for (const name of ['Ann Smith', 'Erik Erased', 'Olga Objects', 'Wim Withdraws']) expect(before.text).toContain(name);
    expect(before.text).not.toContain('results-dropped');

    expect((await call(srv.url, 'DELETE', '/api/me', people.Erik!.token)).status).toBeLessThan(300);
    expect((await call(srv.url, 'POST', '/api/me/object', people.Olga!.token)).status).toBe(200);
    expect((await call(srv.url, 'POST', '/api/me/consents/recruitment/withdraw', people.Wim!.token)).status).toBe(200);

    const after = await c.get(r.location!);
    expect(after.status).toBe(200);
    expect(after.text).toContain('Ann Smith');
    for (const gone of ['Erik', 'erik@example.com', 'Olga', 'Wim', people.Erik!.id, people.Olga!.id, people.Wim!.id]) expect(after.text).not.toContain(gone);
    expect(after.text).toMatch(/id="results-dropped">3 result\(s\) of this search are no longer shown/);
    // Blind mode reads the same re-checked list.
    await c.post('/staff/blind', { on: '1', back: r.location! });
    const blind = await c.get(r.location!);
    expect(blind.text).toContain('Candidate ');
    expect(blind.text).not.toContain(people.Erik!.id);
  });
});

describe('web: the upload form against cross-site posts', () => {
  const post = async (headers: Record<string, string>, name: string) => {
    const form = new FormData();
    form.set('file', new Blob([cv(name)]), 'cv.txt');
    form.set('entity', 'NL');
    const res = await fetch(`${srv.url}/api/candidates`, { method: 'POST', body: form, headers });
    return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string } } };
  };

  it('refuses an upload whose Origin or Sec-Fetch-Site names another site (403), and stores nothing', async () => {
    const count = () => srv.running.services.candidates.countAll();
    const n = count();
    const cases: Record<string, string>[] = [{ origin: 'https://evil.example' }, { origin: 'null' }, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site', origin: 'https://sub.example' }];
    for (const headers of cases) {
      const r = await post(headers, 'Mallory Cross');
      expect({ headers, status: r.status }).toEqual({ headers, status: 403 });
      expect(r.body.error!.message).toContain('another website');
    }
    expect(count()).toBe(n);
  });

  it('accepts the site’s own browser uploads and API clients that send no Origin', async () => {
    expect((await post({ origin: srv.url, 'sec-fetch-site': 'same-origin' }, 'Sam Same')).status).toBe(201);
    expect((await post({}, 'Api Client')).status).toBe(201);
    // Behind a TLS proxy the browser's origin says https while this server sees http: the host decides.
    expect((await post({ origin: srv.url.replace('http:', 'https:') }, 'Tim Tls')).status).toBe(201);
  });
});

describe('web: the website takes only what its page promises', () => {
  const send = async (file: Uint8Array, name: string, strict = true) => upload(srv.url, file, name, { entity: 'NL', ...(strict ? { strict: 'true' } : {}) });

  it('refuses a file that is not PDF or DOCX by its bytes, whatever its name (415, with what was found)', async () => {
    const hello = await send(Buffer.from('hello'), 't.docx');
    expect(hello.status).toBe(415);
    expect(hello.body.error.details.detected).toBe('text/plain');
    const notes = await send(cv('Nora Notes'), 'notes.txt');
    expect(notes.status).toBe(415);
    expect(notes.body.error.message).toBe('Please upload a PDF or DOCX file.');
    // The API without the website's flag still reads plain text.
    expect((await send(cv('Nora Notes'), 'notes.txt', false)).status).toBe(201);
  });

  it('gives an empty file its own message', async () => {
    const r = await send(new Uint8Array(0), 'cv.pdf');
    expect(r.status).toBe(415);
    expect(r.body.error.details.detected).toBe('empty');
    expect(r.body.error.message).toBe('The file is empty.');
  });

  it('refuses, and does not store, a readable PDF or DOCX in which nothing of a CV was found (422)', async () => {
    const n = srv.running.services.candidates.countAll();
    for (const [file, name] of [[await textPdf(1, 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.'), 'x.pdf'], [handDocx(['Hello there', 'Nothing to see']), 'x.docx']] as const) {
      const r = await send(file, name);
      expect({ name, status: r.status }).toEqual({ name, status: 422 });
      expect(r.body.error.details.reason).toBe('nothing found');
    }
    expect(srv.running.services.candidates.countAll()).toBe(n);
    const good = await send(handDocx(['Dana Docx', 'dana@example.com', 'Experience', 'Java Developer at Acme', 'Jan 2018 - Dec 2023', 'Skills', 'Java, SQL']), 'dana.docx');
    expect(good.status).toBe(201);
    expect(good.body.candidate.profile.email).toBe('dana@example.com');
  });

  it('the upload page sends the website flag and carries the messages in both languages', async () => {
    const page = await new PageClient(srv.url).get('/?lang=nl');
    expect(page.text).toContain('<input type="hidden" name="strict" value="true">');
    expect(page.text).toContain('data-msg-empty="Dit bestand is leeg (0 bytes). Kies je cv opnieuw."');
    expect(page.text).toContain('data-msg-nothing="We konden dit bestand lezen, maar vonden er niets van een cv in');
    expect(page.text).not.toContain('{message}');
  });
});

describe('web: Dutch pages in Dutch', () => {
  const NL_PROFILING = 'Ik ga ermee akkoord dat het bureau mijn profiel';

  it('the consent texts are shown in the page language, and the text shown is the text stored', async () => {
    const page = await new PageClient(srv.url).get('/?lang=nl');
    expect(page.text).toContain(NL_PROFILING);
    expect(page.text).toContain('<input type="hidden" name="consentLang" value="nl">');
    expect(page.text).not.toContain('I agree that the agency');
    const up = await upload(srv.url, cv('Nel Nederlands'), 'nel.pdf', { entity: 'NL', consentLang: 'nl', consentProfiling: 'true' });
    expect(up.status).toBe(201);
    const s = srv.running.services;
    const stored = s.candidates.consents(up.body.candidate.id);
    expect(stored.find((r) => r.purpose === 'profiling')!.wording).toContain(NL_PROFILING);
    expect(stored.find((r) => r.purpose === 'recruitment')!.wording).toMatch(/^Ik solliciteer via het bureau/);
    const me = new PageClient(srv.url);
    await me.get(`/me?token=${up.body.access.token}`);
    const data = await me.get('/me/data?lang=nl');
    expect(data.text).toContain(NL_PROFILING);
    expect(data.text).toContain('De tekst waarmee je instemde (zoals bewaard)');
    // Given on the Dutch page: the Dutch text is stored; on the English page, the English one.
    expect((await me.post('/me/consents/job_alerts/give', {})).status).toBe(303);
    expect(s.candidates.consents(up.body.candidate.id).find((r) => r.purpose === 'job_alerts')!.wording).toMatch(/^Ik ga ermee akkoord dat het bureau mij berichten/);
    // The API without a language keeps the English text.
    const en = await upload(srv.url, cv('Eddie English'), 'ed.txt', { entity: 'NL', consentProfiling: 'true' });
    expect(s.candidates.consents(en.body.candidate.id).find((r) => r.purpose === 'profiling')!.wording).toMatch(/^I agree that the agency/);
  });

  it('a profile error names the field in Dutch, without schema paths or English schema messages', async () => {
    const me = new PageClient(srv.url);
    await me.get(`/me?token=${people.Ann!.token}&lang=nl`);
    await me.get('/me/profile?lang=nl');
    const r = await me.post('/me/profile', { name: 'Ann Smith', email: 'ann@example.com', languages: 'en, english, xx1', skills: 'Java', role_count: '0' });
    expect(r.status).toBe(303);
    const page = await me.get('/me/profile');
    expect(page.status).toBe(400);
    expect(page.text).toContain('<html lang="nl">');
    for (const english of ['spokenLanguages', 'ISO 639-1', 'expected']) expect(page.text).not.toContain(english);
    expect(page.text).toMatch(/id="languages-error">[^<]+</);
  });

  it('the 403 page says in Dutch what the role may not do, without the action code', async () => {
    const c = await staff(rec);
    const sid = (await call(srv.url, 'POST', '/api/search', rec, { query: 'Java' })).body.shortlistId;
    const r = await c.get(`/staff/audit?shortlist=${sid}&lang=nl`);
    expect(r.status).toBe(403);
    expect(r.text).toContain('Als recruiter mag je dit niet: het auditspoor lezen.');
    expect(r.text).not.toContain('audit:read');
    expect(r.text).not.toContain('Your role');
    const en = await c.get(`/staff/audit?shortlist=${sid}&lang=en`);
    expect(en.text).toContain('Your role (recruiter) may not read the audit trail.');
  });
});

describe('web: job-alert choices on My data', () => {
  it('shows the state, saves instant or daily digest and the daily cap, refuses a bad cap at the field, needs the CSRF token', async () => {
    const up = await upload(srv.url, cv('Alex Alerts'), 'alex.txt', { entity: 'NL', consentJobAlerts: 'true' });
    const id = up.body.candidate.id as string;
    const me = new PageClient(srv.url);
    await me.get(`/me?token=${up.body.access.token}&lang=en`);
    const page = await me.get('/me/data');
    expect(page.text).toContain('id="alerts-state">Job alerts are on');
    expect(page.text).toMatch(/id="alerts-mode-instant" name="mode" value="instant" checked/);
    expect((await me.post('/me/alerts', { mode: 'daily', dailyCap: '3' }, { csrf: false })).status).toBe(403);
    const ok = await me.post('/me/alerts', { mode: 'daily', dailyCap: '3', language: 'nl' });
    expect(ok.location).toBe('/me/data#job-alerts');
    expect(srv.running.services.alerts.preferences(id)).toMatchObject({ mode: 'daily', dailyCap: 3, language: 'nl', stored: true });
    const saved = await me.get('/me/data');
    expect(saved.text).toContain('Your job-alert choices have been saved.');
    expect(saved.text).toMatch(/id="alerts-mode-daily" name="mode" value="daily" checked/);
    expect(saved.text).toMatch(/id="alerts-cap" name="dailyCap"[^>]* value="3"/);
    expect(saved.text).toContain('<option value="nl" selected>Nederlands</option>');
    await me.post('/me/alerts', { mode: 'instant', dailyCap: '99', language: 'nl' });
    const bad = await me.get('/me/data');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('id="alerts-cap-error">Give a whole number from 1 to 50.');
    expect(srv.running.services.alerts.preferences(id)).toMatchObject({ mode: 'daily', dailyCap: 3, language: 'nl', stored: true });
    // Withdrawn: the section says so and offers to turn them on again.
    await me.post('/me/consents/job_alerts/withdraw', {});
    const off = await me.get('/me/data');
    expect(off.text).toContain('id="alerts-state">Job alerts are off.');
    expect(off.text).toContain('action="/me/consents/job_alerts/give"');
  });
});

describe('web: the audit view in words', () => {
  it('names actions in the page language, candidates and users by their labels, details as named values', async () => {
    const rev = srv.user('rev-audit', 'reviewer', ['NL']);
    const sid = (await call(srv.url, 'POST', '/api/search', rec, { query: 'Java developer' })).body.shortlistId as string;
    expect((await call(srv.url, 'POST', `/api/shortlists/${sid}/start`, rec)).status).toBeLessThan(300);
    const cid = people.Ann!.id;
    expect((await call(srv.url, 'GET', `/api/shortlists/${sid}/candidates/${cid}?part=profile`, rec)).status).toBeLessThan(300);
    expect((await call(srv.url, 'POST', `/api/shortlists/${sid}/candidates/${cid}/decision`, rec, { decision: 'decline', reason: 'Needs more SQL' })).status).toBeLessThan(300);
    const c = await staff(rev);
    const page = await c.get(`/staff/audit?shortlist=${sid}&lang=nl`);
    expect(page.status).toBe(200);
    const table = page.text.slice(page.text.indexOf('<table class="audit">'));
    for (const label of ['Gezocht (concept-shortlist gemaakt)', 'Status gewijzigd', 'Profiel geopend', '>Besluit', 'Ann Smith', 'Needs more SQL', 'In beoordeling', 'deze shortlist']) expect(table).toContain(label);
    expect(table).not.toMatch(/>(search|shortlist\.transition|profile\.viewed|decision)</);
    expect(table).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    expect(table).not.toContain('{&quot;');
    expect(table).toMatch(/<td data-label="Wat">/);
  });
});
