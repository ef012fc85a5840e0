/**
 * Stopping alerts takes effect at once, and what was sent is always on record. The real server,
 * SMTP_URL pointing at an SMTP server started here on loopback, candidates uploaded with the
 * job-alert consent ticked, jobs created and changed over HTTP:
 *  - withdrawal (one-click, the confirmation page) and erasure while the SMTP server holds a mail's
 *    DATA: the mail on its way is recorded, audited and exported; nothing after it is sent;
 *  - withdrawal via /api/me and objection cancel the queued alerts in the same request;
 *  - the consents ticked at upload are audited;
 *  - a changed job drops its queued alerts that no longer match and refreshes the others; never a
 *    second alert for the same job.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/audit/index.js';
import { loadPseudonymKey, pseudonymOf } from '../../src/privacy/index.js';
import { call, startTestServer, upload, type TestServer } from '../helpers/server.js';
import { startSmtp, type ReceivedMail, type TestSmtp } from './smtp.js';

let smtp: TestSmtp;
let srv: TestServer;
let rec: string;
/** Runs while the SMTP server holds a message's DATA (before it commits and answers 250). */
let holding: ((m: ReceivedMail) => Promise<void>) | null = null;
const people: Record<string, { id: string; token: string }> = {};

const cv = (name: string, title: string, from: number, skills: string) =>
  Buffer.from(`${name}\n${name.toLowerCase().replace(/ /g, '.')}@example.com\n\nExperience\n${title} at Acme\nJan ${from} - Jun 2026\nDid the work.\n\nSkills\n${skills}\n\nLanguages\nEnglish`);
const javaCv = (name: string) => cv(name, 'Java Developer', 2016, 'Java, Spring Boot, SQL, Docker');
const nurseCv = (name: string) => cv(name, 'Registered Nurse', 2012, 'nursing, patient care, first aid, wound care');
const JAVA_JOB = { entity: 'NL', title: 'Java Developer', description: 'We need a Java developer with Spring Boot and SQL, at least 3 years of experience.', requiredSkills: ['Java', 'Spring Boot'], niceSkills: ['SQL'] };
const NURSE_JOB = { title: 'Registered Nurse', description: 'A registered nurse for patient care and wound care on our ward, at least 3 years of experience.', requiredSkills: ['nursing', 'patient care'], niceSkills: ['first aid'] };

const s = () => srv.running.services;
const rows = (key: string) => s().alerts.outbox.ofCandidate(people[key]!.id);
const mailsTo = (key: string) => smtp.received.filter((m) => m.to[0]!.startsWith(`${key}.`));
const local = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};
const linkIn = (m: ReceivedMail) => local(/^<([^>]+)>$/.exec(m.headers.get('list-unsubscribe')!)![1]!);
const events = (subject: string, action?: string) =>
  (s().db.prepare(`SELECT action, actor, data_json FROM audit_events WHERE subject = ? ${action ? 'AND action = ?' : ''} ORDER BY seq`).all(...(action ? [subject, action] : [subject])) as { action: string; actor: string | null; data_json: string }[]).map((e) => ({
    action: e.action,
    actor: e.actor,
    data: JSON.parse(e.data_json) as Record<string, unknown>,
  }));

async function person(key: string, file: Buffer, fields: Record<string, string> = { consentJobAlerts: 'true' }): Promise<void> {
  const r = await upload(srv.url, file, `${key}.txt`, { entity: 'NL', uploadDate: '2026-06-15', ...fields });
  expect(r.status).toBe(201);
  people[key] = { id: r.body.candidate.id, token: r.body.access.token };
}
async function createJob(body: Record<string, unknown>): Promise<string> {
  const r = await call(srv.url, 'POST', '/api/jobs', rec, body);
  expect(r.status).toBe(201);
  return r.body.job.id as string;
}
/** Only these candidates keep their job-alert consent (so each test's drain concerns them alone). */
function onlyConsenting(keys: string[]): void {
  for (const [k, p] of Object.entries(people)) if (!keys.includes(k) && s().candidates.getAny(p.id)) s().candidates.withdrawConsent(p.id, 'job_alerts');
}

beforeAll(async () => {
  smtp = await startSmtp({
    beforeReply: async (m) => {
      await holding?.(m);
      return false;
    },
  });
  srv = await startTestServer({ SMTP_URL: smtp.url, ALERT_SEND_INTERVAL_MS: '0' });
  rec = srv.user('rec', 'recruiter', ['NL']);
}, 120_000);
afterAll(async () => {
  await srv?.stop();
  await smtp?.close();
});

describe('consents ticked at upload', () => {
  it('are audited one event per purpose, by the candidate, right after candidate.created', async () => {
    await person('tim', javaCv('Tim Tick'), { consentJobAlerts: 'true', consentProfiling: 'true' });
    await person('ula', javaCv('Ula Untick'), {});
    const tim = events(people.tim!.id).slice(0, 4);
    expect(tim.map((e) => e.action)).toEqual(['candidate.created', 'candidate.consent_given', 'candidate.consent_given', 'candidate.consent_given']);
    expect(tim.slice(1).map((e) => e.data.purpose).sort()).toEqual(['job_alerts', 'profiling', 'recruitment']);
    expect(tim.slice(1).every((e) => e.actor === 'candidate')).toBe(true);
    expect(events(people.ula!.id, 'candidate.consent_given').map((e) => e.data.purpose)).toEqual(['recruitment']);
    // What the audit says matches the consent records.
    expect(s().candidates.consents(people.tim!.id).map((c) => c.purpose).sort()).toEqual(['job_alerts', 'profiling', 'recruitment']);
  });
});

describe('stopping while a mail is on its way (the SMTP server holds its DATA)', () => {
  it('one-click unsubscribe, the confirmation page and erasure: the mail on its way is recorded and audited, nothing after it is sent', async () => {
    for (const k of ['ann', 'bea', 'eve', 'dan']) await person(k, javaCv(`${k[0]!.toUpperCase()}${k.slice(1)} Held`));
    onlyConsenting(['ann', 'bea', 'eve', 'dan']);
    const jobA = await createJob({ ...JAVA_JOB, title: 'Java Developer A' });
    const jobB = await createJob({ ...JAVA_JOB, title: 'Java Developer B' });
    for (const k of ['ann', 'bea', 'eve', 'dan']) expect(rows(k).map((r) => r.jobId)).toEqual([jobA, jobB]);

    const answers: Record<string, { status: number; body: unknown }> = {};
    holding = async (m) => {
      const who = m.to[0]!.split('.')[0]!;
      if (answers[who] || who === 'dan') return;
      if (who === 'ann') answers.ann = await call(srv.url, 'POST', linkIn(m)); // what a mail client's one-click sends
      if (who === 'bea') {
        const res = await fetch(`${srv.url}${linkIn(m)}`, { method: 'POST', headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
        answers.bea = { status: res.status, body: await res.text() };
      }
      if (who === 'eve') answers.eve = await call(srv.url, 'DELETE', '/api/me', people.eve!.token);
    };
    const report = await s().alerts.sender.drain();
    holding = null;

    expect(answers.ann).toEqual({ status: 200, body: { unsubscribed: true, withdrawn: true, cancelled: 1, alreadySending: 1 } });
    expect(answers.bea!.status).toBe(200);
    expect(answers.bea!.body).toContain('you will receive no more job alerts');
    expect(answers.bea!.body).toContain('One alert was already being sent at that moment and may still reach you');
    expect(answers.eve).toMatchObject({ status: 200, body: { erased: true } });

    // Each of the three got exactly the mail that was on its way; dan (who stopped nothing) got both.
    for (const k of ['ann', 'bea', 'eve']) expect(mailsTo(k).map((m) => m.subject)).toEqual(['New vacancy for you: Java Developer A']);
    expect(mailsTo('dan')).toHaveLength(2);
    expect(report).toMatchObject({ mails: 5, alerts: 5, failed: 0 });

    for (const k of ['ann', 'bea']) {
      // The outbox row of the mail on its way is marked sent with the Message-ID delivered; the other is gone.
      const [row, ...rest] = rows(k);
      expect(rest).toEqual([]);
      expect(row).toMatchObject({ jobId: jobA, messageId: mailsTo(k)[0]!.messageId });
      expect(row!.sentAt).not.toBeNull();
      // One audit event per mail, saying it was stopped during the send.
      const sent = events(people[k]!.id, 'candidate.alert_sent');
      expect(sent).toHaveLength(mailsTo(k).length);
      expect(sent[0]!.data).toMatchObject({ jobs: [jobA], stoppedDuringSend: true });
      const stopped = events(people[k]!.id, 'candidate.alerts_unsubscribed');
      expect(stopped[0]!.data).toMatchObject({ withdrawn: true, cancelled: 1, alreadySending: 1 });
      // The candidate's export shows the mail.
      const exp = await call(srv.url, 'GET', '/api/me/export', people[k]!.token);
      expect(exp.body.jobAlerts.alerts).toEqual([expect.objectContaining({ jobId: jobA, sentAt: row!.sentAt })]);
    }
    // Erased during the send: no row left; the send is audited under the erasure pseudonym only.
    expect(rows('eve')).toEqual([]);
    const pseudonym = pseudonymOf(loadPseudonymKey(srv.dir), people.eve!.id);
    expect(events(pseudonym).map((e) => e.action)).toEqual(['candidate.erased', 'candidate.alert_sent']);
    expect(events(pseudonym)[1]!.data).toMatchObject({ jobs: [jobA], erasedDuringSend: true });
    expect(events(people.eve!.id, 'candidate.alert_sent')).toEqual([]);
    expect(events(people.dan!.id, 'candidate.alert_sent')).toHaveLength(2);
    expect(verifyAudit(s().db).ok).toBe(true);

    // Nothing more goes out later.
    expect(await s().alerts.sender.drain()).toMatchObject({ mails: 0 });
    expect(smtp.received).toHaveLength(5);
  });
});

describe('withdrawal through the candidate API and objection', () => {
  it('cancel the queued alerts in the same request (no drain needed), audited with the change', async () => {
    await person('wes', javaCv('Wes Withdraw'));
    await person('ola', javaCv('Ola Object'));
    onlyConsenting(['wes', 'ola']);
    await createJob({ ...JAVA_JOB, title: 'Java Developer C' });
    await createJob({ ...JAVA_JOB, title: 'Java Developer D' });
    expect(rows('wes')).toHaveLength(2);
    expect(rows('ola')).toHaveLength(2);

    const w = await call(srv.url, 'POST', '/api/me/consents/job_alerts/withdraw', people.wes!.token);
    expect(w.status).toBe(200);
    expect(w.body.alerts).toEqual({ cancelled: 2, alreadySending: 0 });
    const o = await call(srv.url, 'POST', '/api/me/object', people.ola!.token);
    expect(o.status).toBe(200);
    expect(o.body.alerts).toEqual({ cancelled: 2, alreadySending: 0 });
    for (const k of ['wes', 'ola']) {
      expect(rows(k)).toEqual([]);
      const exp = await call(srv.url, 'GET', '/api/me/export', people[k]!.token);
      expect(exp.body.jobAlerts.alerts).toEqual([]);
    }
    expect(events(people.wes!.id, 'candidate.consent_withdrawn').at(-1)!.data).toEqual({ purpose: 'job_alerts', alertsCancelled: 2, alertsAlreadySending: 0 });
    expect(events(people.ola!.id, 'candidate.objected')[0]!.data).toEqual({ alertsCancelled: 2, alertsAlreadySending: 0 });
    const before = smtp.received.length;
    expect(await s().alerts.sender.drain()).toMatchObject({ mails: 0, cancelled: 0 });
    expect(smtp.received.length).toBe(before);
  });
});

describe('a job that changes', () => {
  it('PATCH /api/jobs/:id refreshes the reasons of queued alerts, drops those that no longer match, and never alerts twice for one job', async () => {
    await person('jan', javaCv('Jan Java'));
    await person('kai', javaCv('Kai Java'));
    await person('nel', nurseCv('Nel Nurse'));
    onlyConsenting(['jan', 'kai', 'nel']);
    const id = await createJob({ ...JAVA_JOB, title: 'Backend Developer' });
    expect(rows('jan').map((r) => r.jobId)).toEqual([id]);
    expect(rows('kai').map((r) => r.jobId)).toEqual([id]);
    expect(rows('nel')).toEqual([]);
    const before = rows('jan')[0]!;
    expect(before.reasons.minYears).toBe(3);

    // Still a match: the queued alert carries the new reasons (one row, same id).
    const stricter = await call(srv.url, 'PATCH', `/api/jobs/${id}`, rec, { ...JAVA_JOB, entity: undefined, title: 'Backend Developer', minYears: 5 });
    expect(stricter.status).toBe(200);
    expect(rows('jan')).toEqual([expect.objectContaining({ id: before.id, jobId: id, sentAt: null })]);
    expect(rows('jan')[0]!.reasons.minYears).toBe(5);

    // No longer a match: the Java developers' queued alerts are dropped, the nurse's is queued.
    const changed = await call(srv.url, 'PATCH', `/api/jobs/${id}`, rec, NURSE_JOB);
    expect(changed.status).toBe(200);
    expect(rows('jan')).toEqual([]);
    expect(rows('kai')).toEqual([]);
    expect(rows('nel').map((r) => r.jobId)).toEqual([id]);
    const audit = events(id, 'job.alerts_queued').map((e) => e.data);
    expect(audit.at(-1)).toMatchObject({ queued: 1, dropped: 2 });
    expect(audit.at(-2)).toMatchObject({ queued: 0, dropped: 0, refreshed: 2 });

    const start = smtp.received.length;
    await s().alerts.sender.drain();
    const sent = smtp.received.slice(start);
    expect(sent.map((m) => m.to[0])).toEqual(['nel.nurse@example.com']);
    expect(sent[0]!.subject).toBe('New vacancy for you: Registered Nurse');
    expect(sent[0]!.text).toMatch(/it asks for: .*(nursing|patient care)/i);

    // Changed again, still a match: no second alert for the same job.
    expect((await call(srv.url, 'PATCH', `/api/jobs/${id}`, rec, { ...NURSE_JOB, title: 'Registered Nurse (nights)' })).status).toBe(200);
    expect(rows('nel')).toHaveLength(1);
    expect(await s().alerts.sender.drain()).toMatchObject({ mails: 0 });
    expect(smtp.received.length).toBe(start + 1);
  });

  it('while a changed job waits to be matched again, its queued alerts are not sent', async () => {
    onlyConsenting(['jan']);
    const id = await createJob({ ...JAVA_JOB, title: 'Platform Engineer' });
    expect(rows('jan').filter((r) => r.jobId === id && !r.sentAt)).toHaveLength(1);
    s().alerts.markJob(id); // as the PATCH transaction does, before the job is embedded and matched again
    const start = smtp.received.length;
    // The drain re-matches marked jobs first; with the job's vectors removed it cannot, so the alert waits.
    s().engine.deps.jobs.removeOwner(id);
    expect(await s().alerts.sender.drain()).toMatchObject({ mails: 0 });
    expect(smtp.received.length).toBe(start);
    await s().engine.indexJob(s().jobs.getAny(id)!);
    expect(await s().alerts.sender.drain()).toMatchObject({ mails: 1 });
    expect(smtp.received.slice(start).map((m) => m.subject)).toEqual(['New vacancy for you: Platform Engineer']);
  });
});

describe('the language of the mails', () => {
  it('follows the language the candidate chose (PUT /api/me/alerts), else the CV; the unsubscribe page too', async () => {
    await person('lea', javaCv('Lea Language'));
    onlyConsenting(['lea']);
    const t = people.lea!.token;
    expect((await call(srv.url, 'PUT', '/api/me/alerts', t, { language: 'xx' })).status).toBe(400);
    const put = await call(srv.url, 'PUT', '/api/me/alerts', t, { language: 'nl' });
    expect(put.status).toBe(200);
    expect(put.body.preferences).toEqual({ mode: 'instant', dailyCap: 5, language: 'nl', stored: true });
    // The candidate's own export shows the choice.
    expect((await call(srv.url, 'GET', '/api/me/export', t)).body.jobAlerts.preferences).toEqual({ mode: 'instant', dailyCap: 5, language: 'nl' });
    await createJob({ ...JAVA_JOB, title: 'Java Developer NL' });
    const start = smtp.received.length;
    await s().alerts.sender.drain();
    const [nl] = smtp.received.slice(start);
    expect(nl!.subject).toBe('Nieuwe vacature voor u: Java Developer NL'); // an English CV, a Dutch choice
    expect(nl!.text).toContain('Waarom deze vacature past:');
    const page = await fetch(`${srv.url}${linkIn(nl!)}`, { headers: { accept: 'text/html' } });
    expect(await page.text()).toContain('Stop vacature-alerts');
    // Back to the CV's language.
    expect((await call(srv.url, 'PUT', '/api/me/alerts', t, { language: null })).body.preferences.language).toBeNull();
    await createJob({ ...JAVA_JOB, title: 'Java Developer EN' });
    await s().alerts.sender.drain();
    expect(smtp.received.slice(start + 1).map((m) => m.subject)).toEqual(['New vacancy for you: Java Developer EN']);
  });
});
