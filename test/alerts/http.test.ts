/**
 * Job alerts through the real path: the HTTP server with SMTP_URL pointing at an SMTP server
 * started here on loopback, candidates uploaded with the job-alert consent ticked, jobs created
 * with POST /api/jobs, the outbox drained, and the unsubscribe link followed over HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/audit/index.js';
import { call, startTestServer, upload, type TestServer } from '../helpers/server.js';
import { startSmtp, type TestSmtp } from './smtp.js';

let smtp: TestSmtp;
let srv: TestServer;
let rec: string;
const people: Record<string, { id: string; token: string }> = {};
const jobs: Record<string, string> = {};

const cvEn = (name: string, title: string, dates: string, skills: string) =>
  Buffer.from(`${name}\n${name.toLowerCase().replace(/ /g, '.')}@example.com\n\nExperience\n${title} at Acme\n${dates}\nBuilt services.\n\nSkills\n${skills}\n\nLanguages\nEnglish, Dutch`);
const cvNl = (name: string) =>
  Buffer.from(
    `${name}\n${name.toLowerCase().replace(/ /g, '.')}@example.nl\n\nWerkervaring\nJava ontwikkelaar bij Bouwbedrijf Noord\njan 2017 - heden\nOntwikkeling van services in Java en Spring Boot.\n\nVaardigheden\nJava, Spring Boot, SQL, Docker\n\nTalen\nNederlands, Engels`,
  );

const JAVA_JOB = { title: 'Java Developer', description: 'We need a Java developer with Spring Boot and SQL, at least 3 years of experience.', requiredSkills: ['Java', 'Spring Boot'], niceSkills: ['SQL'], entity: 'NL' };

async function uploaded(key: string, file: Uint8Array, fields: Record<string, string>): Promise<void> {
  const r = await upload(srv.url, file, `${key}.txt`, { uploadDate: '2026-06-15', ...fields });
  expect(r.status).toBe(201);
  people[key] = { id: r.body.candidate.id, token: r.body.access.token };
}
const s = () => srv.running.services;
const unsent = (id: string) => s().alerts.outbox.ofCandidate(id).filter((o) => o.sentAt === null);
async function createJob(key: string, body: Record<string, unknown>): Promise<void> {
  const r = await call(srv.url, 'POST', '/api/jobs', rec, body);
  expect(r.status).toBe(201);
  jobs[key] = r.body.job.id;
}
/** The path and query of a URL from a mail (the server listens on a random port, PUBLIC_URL is the default). */
const local = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};

beforeAll(async () => {
  smtp = await startSmtp();
  srv = await startTestServer({ SMTP_URL: smtp.url, ALERT_SEND_INTERVAL_MS: '0', MAIL_FROM: 'JobMatch <alerts@jobmatch.test>' });
  rec = srv.user('rec', 'recruiter', ['NL', 'DE']);
  const on = { entity: 'NL', consentJobAlerts: 'true' };
  await uploaded('ann', cvEn('Ann Smith', 'Java Developer', 'Jan 2018 - Dec 2025', 'Java, Spring Boot, SQL, Docker'), on);
  await uploaded('nina', cvNl('Nina de Vries'), on);
  await uploaded('bob', cvEn('Bob Jones', 'Java Developer', 'Jan 2016 - Jun 2026', 'Java, Spring Boot, SQL'), on);
  await uploaded('eve', cvEn('Eve Adams', 'Java Developer', 'Jan 2015 - Jun 2026', 'Java, Spring Boot, SQL'), on);
  await uploaded('carl', cvEn('Carl Stone', 'Java Developer', 'Jan 2015 - Jun 2026', 'Java, Spring Boot, SQL'), { entity: 'NL' });
  await uploaded('cleo', cvEn('Cleo Nurse', 'Registered Nurse', 'Jan 2010 - Dec 2025', 'nursing, first aid'), on);
  await uploaded('dirk', cvEn('Dirk Berg', 'Java Developer', 'Jan 2015 - Jun 2026', 'Java, Spring Boot, SQL'), { entity: 'DE', consentJobAlerts: 'true' });
  expect((await call(srv.url, 'POST', '/api/me/object', people.bob!.token)).status).toBe(200);
}, 120_000);
afterAll(async () => {
  await srv?.stop();
  await smtp?.close();
});

describe('a new job', () => {
  it('queues one alert per consenting, matching candidate of its entity, in the job request', async () => {
    await createJob('java', JAVA_JOB);
    const queued = (k: string) => s().alerts.outbox.ofCandidate(people[k]!.id).map((o) => o.jobId);
    expect(queued('ann')).toEqual([jobs.java]);
    expect(queued('nina')).toEqual([jobs.java]);
    expect(queued('eve')).toEqual([jobs.java]);
    expect(queued('bob')).toEqual([]); // objected to profiling
    expect(queued('carl')).toEqual([]); // no job-alert consent
    expect(queued('cleo')).toEqual([]); // does not match
    expect(queued('dirk')).toEqual([]); // another entity
    const row = s().alerts.outbox.ofCandidate(people.ann!.id)[0]!;
    expect(row.reasons.matchedSkills).toEqual(expect.arrayContaining(['Java (computer programming)', 'Spring Boot']));
    expect(row.reasons.share).toBeGreaterThanOrEqual(0.65);
    const audit = s().db.prepare("SELECT data_json FROM audit_events WHERE action = 'job.alerts_queued' AND subject = ?").get(jobs.java) as { data_json: string };
    expect(JSON.parse(audit.data_json)).toMatchObject({ queued: 3 });
  });

  it('erasure purges the queued alerts of the erased candidate', async () => {
    expect(unsent(people.eve!.id)).toHaveLength(1);
    expect((await call(srv.url, 'DELETE', '/api/me', people.eve!.token)).status).toBe(200);
    expect(s().db.prepare('SELECT count(*) AS n FROM alert_outbox WHERE candidate_id = ?').get(people.eve!.id)).toEqual({ n: 0 });    // Her unsubscribe link still answers (idempotent), naming nothing and changing nothing.
    const r = await call(srv.url, 'POST', local(s().alerts.unsubscribeUrl(people.eve!.id)));
    expect(r).toEqual({ status: 200, body: { unsubscribed: true, withdrawn: false, cancelled: 0, alreadySending: 0 } });
  });

  it('is mailed over SMTP once per candidate, with the reasons and the one-click unsubscribe headers', async () => {
    const report = await s().alerts.sender.drain();
    expect(report).toMatchObject({ mails: 2, alerts: 2, failed: 0 });
    expect(smtp.received).toHaveLength(2);
    const ann = smtp.received.find((m) => m.to[0] === 'ann.smith@example.com')!;
    const nina = smtp.received.find((m) => m.to[0] === 'nina.de.vries@example.nl')!;
    expect(ann && nina).toBeTruthy();
    expect(ann.subject).toBe('New vacancy for you: Java Developer');
    expect(ann.text).toContain('Why it matched:');
    expect(ann.text).toMatch(/you have 3 of the 3 skills it asks for: (Java|Spring Boot|SQL)/);
    expect(ann.text).toMatch(/8 years of experience; it asks at least 3/);
    expect(nina.subject).toBe('Nieuwe vacature voor u: Java Developer');
    expect(nina.text).toContain('Waarom deze vacature past:');
    expect(nina.text).toMatch(/gevraagde vaardigheden: .*Spring Boot/);
    for (const m of [ann, nina]) {
      const link = /^<(http:\/\/127\.0\.0\.1:\d+\/api\/alerts\/unsubscribe\?token=[^>]+)>$/.exec(m.headers.get('list-unsubscribe') ?? '');
      expect(link).not.toBeNull();
      expect(m.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
      expect(m.text).toContain(link![1]);
      expect(m.headers.get('from')).toContain('alerts@jobmatch.test');
      if (process.env.SHOW_MAIL) console.log(m.raw);
    }
    const annRow = s().alerts.outbox.ofCandidate(people.ann!.id)[0]!;
    expect(annRow.sentAt).not.toBeNull();
    expect(ann.messageId).toBe(annRow.messageId);
    // Nothing is sent twice: a second drain finds nothing due.
    expect(await s().alerts.sender.drain()).toMatchObject({ mails: 0 });
    expect(smtp.received).toHaveLength(2);
  });
});

describe('the unsubscribe link', () => {
  const linkOf = (key: string) => local(/^<([^>]+)>$/.exec(smtp.received.find((m) => m.to[0]!.startsWith(key))!.headers.get('list-unsubscribe')!)![1]!);

  it('GET shows a confirmation page (in the CV language) and changes nothing', async () => {
    const res = await fetch(`${srv.url}${linkOf('nina')}`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Stop vacature-alerts');
    expect(html).toMatch(/<form method="post" action="\/api\/alerts\/unsubscribe\?token=/);
    const json = await call(srv.url, 'GET', linkOf('ann'));
    expect(json.body.subscribed).toBe(true);
    expect(s().candidates.hasConsent(people.ann!.id, 'job_alerts')).toBe(true);
  });

  it('POST (RFC 8058 one-click) withdraws the consent at once, cancels queued alerts, is audited and idempotent', async () => {
    await createJob('backend', { ...JAVA_JOB, title: 'Backend Java Engineer' });
    expect(unsent(people.ann!.id).map((o) => o.jobId)).toEqual([jobs.backend]);
    const before = smtp.received.length;
    const post = () => fetch(`${srv.url}${linkOf('ann')}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    const first = await post();
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ unsubscribed: true, withdrawn: true, cancelled: 1, alreadySending: 0 });
    expect(unsent(people.ann!.id)).toEqual([]);
    const consent = s().candidates.consents(people.ann!.id).filter((c) => c.purpose === 'job_alerts');
    expect(consent).toHaveLength(1);
    expect(consent[0]!.withdrawnAt).not.toBeNull();
    const actions = (s().db.prepare('SELECT action, data_json FROM audit_events WHERE subject = ? ORDER BY seq').all(people.ann!.id) as { action: string; data_json: string }[]).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['candidate.consent_withdrawn', 'candidate.alerts_unsubscribed', 'candidate.alert_sent']));
    const again = await post();
    expect(await again.json()).toEqual({ unsubscribed: true, withdrawn: false, cancelled: 0, alreadySending: 0 });
    // No more alerts: the drain sends nina's, not ann's; a new job queues nothing for ann.
    await s().alerts.sender.drain();
    expect(smtp.received.slice(before).map((m) => m.to[0])).toEqual(['nina.de.vries@example.nl']);
    await createJob('java2', { ...JAVA_JOB, title: 'Java Developer (medior)' });
    expect(s().alerts.outbox.ofCandidate(people.ann!.id).map((o) => o.jobId)).not.toContain(jobs.java2);
    expect(verifyAudit(s().db).ok).toBe(true);
  });

  it('the confirmation page button (a form POST) answers with a page', async () => {
    const res = await fetch(`${srv.url}${linkOf('ann')}`, { method: 'POST', headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('you will receive no more job alerts');
  });

  it('refuses a link that was not made by this install, or made for someone else', async () => {
    const good = new URL(linkOf('nina'), srv.url).searchParams.get('token')!;
    const [id, mac] = good.split('.') as [string, string];
    const forged = [`${people.carl!.id}.${mac}`, `${id}.${mac.slice(0, -2)}AA`, `${id}`, 'x'.repeat(300), ''];
    for (const t of forged) {
      const r = await call(srv.url, 'POST', `/api/alerts/unsubscribe?token=${encodeURIComponent(t)}`);
      expect([400, 404]).toContain(r.status);
    }
    expect(s().candidates.hasConsent(people.nina!.id, 'job_alerts')).toBe(true);
  });
});

describe('withdrawal and preferences through the candidate API', () => {
  it('a consent withdrawn on /api/me takes effect at once: the queued alert is cancelled in the same request, never sent', async () => {
    const queued = unsent(people.nina!.id).length;
    expect(queued).toBeGreaterThan(0); // java2, queued above
    const before = smtp.received.length;
    const r = await call(srv.url, 'POST', '/api/me/consents/job_alerts/withdraw', people.nina!.token);
    expect(r.status).toBe(200);
    expect(r.body.alerts).toEqual({ cancelled: queued, alreadySending: 0 });
    // Gone before any drain: not in the outbox, not in the candidate's export, audited with the withdrawal.
    expect(unsent(people.nina!.id)).toEqual([]);
    const exp = await call(srv.url, 'GET', '/api/me/export', people.nina!.token);
    expect(exp.body.jobAlerts.alerts.filter((a: { sentAt: string | null }) => a.sentAt === null)).toEqual([]);
    const ev = s().db.prepare("SELECT data_json FROM audit_events WHERE action = 'candidate.consent_withdrawn' AND subject = ? ORDER BY seq DESC").get(people.nina!.id) as { data_json: string };
    expect(JSON.parse(ev.data_json)).toEqual({ purpose: 'job_alerts', alertsCancelled: queued, alertsAlreadySending: 0 });
    const report = await s().alerts.sender.drain();
    expect(report.cancelled).toBe(0);
    expect(smtp.received.length).toBe(before);
  });

  it('GET and PUT /api/me/alerts read and set instant/daily and the cap, with the candidate token only', async () => {
    const t = people.nina!.token;
    expect((await call(srv.url, 'GET', '/api/me/alerts')).status).toBe(401);
    expect((await call(srv.url, 'PUT', '/api/me/alerts', rec, { mode: 'daily' })).status).toBe(401);
    expect((await call(srv.url, 'PUT', '/api/me/alerts', t, { mode: 'weekly' })).status).toBe(400);
    expect((await call(srv.url, 'PUT', '/api/me/alerts', t, { dailyCap: 0 })).status).toBe(400);
    const put = await call(srv.url, 'PUT', '/api/me/alerts', t, { mode: 'daily', dailyCap: 2 });
    expect(put.status).toBe(200);
    expect(put.body.preferences).toEqual({ mode: 'daily', dailyCap: 2, language: null, stored: true });
    expect(put.body.consent).toBe(false);
    const get = await call(srv.url, 'GET', '/api/me/alerts', t);
    expect(get.body.preferences.mode).toBe('daily');
    const audit = s().db.prepare("SELECT count(*) AS n FROM audit_events WHERE action = 'candidate.alert_preferences_changed' AND subject = ?").get(people.nina!.id);
    expect(audit).toEqual({ n: 1 });
  });
});
