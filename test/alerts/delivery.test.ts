/**
 * The sender against a real SMTP server on loopback, with a settable clock: daily digest, the
 * daily cap, retries with backoff, permanent refusals; the mail folder without SMTP; and the crash
 * between a job's commit and its matching.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GAVE_UP, createMailer, emlName, type Alerts } from '../../src/alerts/index.js';
import { createServices, type Services } from '../../src/services.js';
import { setRankingSuspended } from '../../src/review/index.js';
import { tempServices } from '../helpers/services.js';
import { addCandidate, addJob, alertsWith, clock, type Clock } from './fixture.js';
import { parseHeaders, startSmtp, type TestSmtp } from './smtp.js';

let s: Services;
let cleanup: () => Promise<void>;
const ids: Record<string, string> = {};
const servers: TestSmtp[] = [];
const opened: Alerts[] = [];

beforeAll(async () => {
  ({ s, cleanup } = await tempServices({ ALERT_SEND_INTERVAL_MS: '0', ALERTS_DAILY_CAP: '5' }));
  for (const n of ['Ann Instant', 'Dan Daily', 'Rex Retry', 'Pia Permanent', 'Fay Folder']) ids[n.split(' ')[0]!.toLowerCase()] = await addCandidate(s, n);
  ids.nobody = await addCandidate(s, 'Ned Noconsent', { alerts: false });
}, 120_000);
// One sender per data folder (alerts.lock): each test's sender stops before the next one drains.
afterEach(async () => {
  for (const a of opened.splice(0)) await a.close();
});
afterAll(async () => {
  await cleanup?.();
  for (const x of servers) await x.close();
});

async function smtpAlerts(c: Clock, opts: Parameters<typeof startSmtp>[0] = {}): Promise<{ a: Alerts; smtp: TestSmtp }> {
  const smtp = await startSmtp(opts);
  servers.push(smtp);
  const a = alertsWith(s, c, { mailer: createMailer({ smtpUrl: smtp.url, mailDir: '' }) });
  opened.push(a);
  return { a, smtp };
}
/** Only some candidates keep their consent in a describe block, so the others' alerts do not mix in. */
function onlyConsenting(keep: string[]): void {
  for (const [k, id] of Object.entries(ids)) {
    if (keep.includes(k)) {
      if (!s.candidates.hasConsent(id, 'job_alerts')) s.candidates.giveConsent(id, 'job_alerts', 'test');
    } else s.candidates.withdrawConsent(id, 'job_alerts');
  }
}
const to = (smtp: TestSmtp, key: string) => smtp.received.filter((m) => m.to[0]!.startsWith(`${key}.`));

describe('daily digest and daily cap', () => {
  it('instant: at most the cap per day, the rest the next day; daily: one digest per day of the days that are over, capped', async () => {
    onlyConsenting(['ann', 'dan']);
    const c = clock('2026-06-16T08:00:00.000Z');
    const { a, smtp } = await smtpAlerts(c);
    a.setPreferences(ids.ann!, { dailyCap: 2 });
    a.setPreferences(ids.dan!, { mode: 'daily', dailyCap: 3 });
    const jobs = [];
    for (const t of ['Java Developer A', 'Java Developer B', 'Java Developer C', 'Java Developer D']) jobs.push(await addJob(s, a, t));
    expect(a.outbox.ofCandidate(ids.dan!).every((o) => o.digestDay === '2026-06-16')).toBe(true);

    const day1 = await a.sender.drain();
    expect(to(smtp, 'ann')).toHaveLength(2); // the cap
    expect(to(smtp, 'dan')).toHaveLength(0); // today's digest waits for the day to end
    expect(day1).toMatchObject({ mails: 2, deferred: 2 + 4 });
    c.advance(3_600_000);
    expect((await a.sender.drain()).mails).toBe(0);

    c.set('2026-06-17T00:05:00.000Z');
    await a.sender.drain();
    expect(to(smtp, 'ann')).toHaveLength(4);
    expect(new Set(to(smtp, 'ann').map((m) => m.subject)).size).toBe(4); // four different jobs, none twice
    const digests = to(smtp, 'dan');
    expect(digests).toHaveLength(1);
    expect(digests[0]!.subject).toBe('3 new vacancies for you');
    expect(digests[0]!.text).toMatch(/^1\. Java Developer [A-D] — Utrecht$/m);
    expect(digests[0]!.text).toMatch(/^3\. Java Developer [A-D] — Utrecht$/m);
    expect(digests[0]!.text).not.toMatch(/^4\. /m);
    expect(digests[0]!.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    // Dated when sent (the drain after midnight), not when the first of its alerts was queued.
    expect(Date.parse(digests[0]!.headers.get('date')!)).toBe(Date.parse('2026-06-17T00:05:00.000Z'));
    expect(a.outbox.ofCandidate(ids.dan!).filter((o) => o.sentAt).map((o) => o.messageId)).toEqual([digests[0]!.messageId, digests[0]!.messageId, digests[0]!.messageId]);

    c.set('2026-06-18T00:05:00.000Z');
    await a.sender.drain();
    expect(to(smtp, 'dan')).toHaveLength(2);
    expect(to(smtp, 'dan')[1]!.subject).toMatch(/^New vacancy for you: Java Developer [A-D]$/); // the one left over
    const sentJobs = a.outbox.ofCandidate(ids.dan!).filter((o) => o.sentAt).map((o) => o.jobId);
    expect(sentJobs.sort()).toEqual(jobs.map((j) => j.id).sort());
    const audited = s.db.prepare("SELECT count(*) AS n FROM audit_events WHERE action = 'candidate.alert_sent' AND subject = ?").get(ids.dan!);
    expect(audited).toEqual({ n: 2 });
  });
});

describe('retries', () => {
  it('a temporary SMTP failure is retried with exponential backoff and the same Message-ID, and delivered once', async () => {
    onlyConsenting(['rex']);
    const c = clock('2026-07-01T10:00:00.000Z');
    const { a, smtp } = await smtpAlerts(c, { refuseFirst: 2 });
    await addJob(s, a, 'Java Developer R');
    const r1 = await a.sender.drain();
    expect(r1).toMatchObject({ mails: 0, failed: 1, gaveUp: 0 });
    const row = a.outbox.ofCandidate(ids.rex!)[0]!;
    expect(row).toMatchObject({ attempts: 1, sentAt: null, nextTryAt: '2026-07-01T10:01:00.000Z' });
    expect(row.lastError).toMatch(/451/);
    expect(row.lastError).not.toContain('@'); // no address in the stored error
    expect((await a.sender.drain()).failed).toBe(0); // not due yet
    c.advance(60_000);
    expect(await a.sender.drain()).toMatchObject({ failed: 1 });
    expect(a.outbox.get(row.id)!.nextTryAt).toBe('2026-07-01T10:03:00.000Z'); // 2 minutes after the second attempt
    c.advance(119_000);
    expect((await a.sender.drain()).failed).toBe(0);
    c.advance(1_000);
    expect(await a.sender.drain()).toMatchObject({ mails: 1, resent: 1 });
    expect(smtp.refusedIds).toEqual([row.messageId, row.messageId]);
    expect(smtp.received.map((m) => m.messageId)).toEqual([row.messageId]);
    expect(a.outbox.get(row.id)).toMatchObject({ attempts: 3, lastError: null });
    c.advance(86_400_000);
    expect((await a.sender.drain()).mails).toBe(0);
    expect(smtp.received).toHaveLength(1);
  });

  it('a permanent refusal of the recipient (550) is not retried', async () => {
    onlyConsenting(['pia']);
    const c = clock('2026-07-02T10:00:00.000Z');
    const { a, smtp } = await smtpAlerts(c, { refuseRcpt: (addr) => addr.startsWith('pia.') });
    await addJob(s, a, 'Java Developer P');
    expect(await a.sender.drain()).toMatchObject({ failed: 1, gaveUp: 1 });
    const row = a.outbox.ofCandidate(ids.pia!).at(-1)!;
    expect(row.nextTryAt).toBe(GAVE_UP);
    expect(row.lastError).toMatch(/^gave up: .*550 at RCPT TO/);
    c.advance(30 * 86_400_000);
    expect((await a.sender.drain()).failed).toBe(0);
    expect(smtp.received).toHaveLength(0);
    expect(a.outbox.stats().gaveUp).toBe(1);
  });
});

describe('without SMTP_URL', () => {
  it('writes each alert once as an .eml file in MAIL_DIR, named after its Message-ID', async () => {
    onlyConsenting(['fay']);
    const c = clock('2026-07-03T10:00:00.000Z');
    const a = alertsWith(s, c);
    opened.push(a);
    expect(a.mailer.kind).toBe('folder');
    await addJob(s, a, 'Java Developer F');
    await addJob(s, a, 'Java Developer G');
    expect((await a.sender.drain()).mails).toBe(2);
    expect((await a.sender.drain()).mails).toBe(0);
    const dir = s.config.alerts.mailDir;
    expect(dir).toBe(path.join(s.config.dataDir, 'mail'));
    const files = fs.readdirSync(dir).sort();
    const rows = a.outbox.ofCandidate(ids.fay!);
    expect(files).toEqual(rows.map((r) => emlName(r.messageId!)).sort());
    const raw = fs.readFileSync(path.join(dir, files[0]!), 'utf8');
    const h = parseHeaders(raw);
    expect(h.get('to')).toBe('fay.folder@example.com');
    expect(h.get('list-unsubscribe')).toMatch(/^<http:\/\/127\.0\.0\.1:0\/api\/alerts\/unsubscribe\?token=/);
    expect(h.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
  });
});

describe('matching waits for the job', () => {
  it('a job whose entity has ranking suspended keeps its marker; it is matched once ranking resumes', async () => {
    onlyConsenting(['ann']);
    const c = clock('2026-07-04T10:00:00.000Z');
    const a = alertsWith(s, c, { mailer: createMailer({ smtpUrl: null, mailDir: fs.mkdtempSync(path.join(s.config.dataDir, 'm-')) }) });
    opened.push(a);
    const admin = s.users.create('admin', 'admin', ['NL']);
    setRankingSuspended(s.db, admin, 'NL', true);
    const job = await addJob(s, a, 'Java Developer S', { match: false });
    expect(a.queueForJob(job.id).status).toBe('suspended');
    expect(a.outbox.pendingJobs()).toContain(job.id);
    setRankingSuspended(s.db, admin, 'NL', false);
    await a.sender.drain();
    expect(a.outbox.pendingJobs()).not.toContain(job.id);
    expect(a.outbox.ofCandidate(ids.ann!).map((o) => o.jobId)).toContain(job.id);
  });
});

describe('a crash between the job commit and its matching', () => {
  it('loses no alert: the marker survives and the next start-up embeds and matches the job', async () => {
    const t = await tempServices({ ALERT_SEND_INTERVAL_MS: '0' });
    let s2: Services | null = null;
    try {
      const cid = await addCandidate(t.s, 'Cid Crash');
      // The job's transaction commits (job + marker); the process "dies" before embedding and matching.
      const job = await addJob(t.s, t.s.alerts, 'Java Developer X', { match: false });
      t.s.engine.deps.jobs.removeOwner(job.id); // as if it died before the job was embedded, too
      expect(t.s.alerts.outbox.pendingJobs()).toEqual([job.id]);
      expect(t.s.alerts.outbox.ofCandidate(cid)).toEqual([]);
      await t.s.close();
      s2 = await createServices(t.config);
      expect(s2.alerts.outbox.pendingJobs()).toEqual([]);
      const rows = s2.alerts.outbox.ofCandidate(cid);
      expect(rows.map((r) => r.jobId)).toEqual([job.id]);
      expect(rows[0]!.reasons.share).toBeGreaterThanOrEqual(0.65);
      // and once only: matching again (a second start-up, a retried request) adds nothing
      s2.alerts.markJob(job.id);
      expect(s2.alerts.queueForJob(job.id)).toMatchObject({ status: 'queued', matched: 1, queued: 0 });
      expect(s2.alerts.outbox.ofCandidate(cid)).toHaveLength(1);
    } finally {
      await s2?.close();
      fs.rmSync(t.dir, { recursive: true, force: true });
    }
  });
});
