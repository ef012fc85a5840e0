/**
 * The sender drains the outbox: per candidate with due alerts, it applies the daily cap and the
 * digest mode, claims the rows of one mail, re-checks consent, sends, and marks them sent.
 *
 * What is guaranteed (test/alerts/restart.test.ts kills the sender mid-drain):
 *  - mail folder (no SMTP_URL): exactly once. The file is named after the Message-ID and written
 *    by rename, so a resend after a crash overwrites the same file.
 *  - SMTP: at least once, never lost, and every copy carries the same Message-ID. SMTP accepts a
 *    message (250 after DATA) before we can record it; the claim writes a Message-ID derived from
 *    the rows (HMAC of their ids, jobs and queue times) and counts the attempt before sending, and
 *    the sent mark with its audit event is committed synchronously right after the 250 (no await
 *    in between). A crash before the 250: the server did not take the mail, it is sent once after
 *    the restart. A crash after the commit: never sent again. Only a crash between the 250 and
 *    the commit gives a second copy, with the same Message-ID (receivers that dedupe on it show
 *    one): that window is the 250 reaching this process plus a ~0.2 ms commit (warm, in-process);
 *    restart.test.ts prints it per run (median 1–5 ms on a loaded 2-core machine).
 *  - after such a crash the rows are in flight (claimed, unconfirmed); the next sender, once it
 *    holds the lock, releases them and resends with the same Message-ID.
 * Stopping: a consent withdrawn, an objection or an erasure before the claim means no mail (the
 * check and the claim are one synchronous transaction). One that comes while a mail is being
 * handed to the server cannot stop it: the claimed rows are kept, marked sent and audited when the
 * server takes it (stoppedDuringSend; after an erasure under the pseudonym only), and a failed
 * attempt is then not retried.
 *
 * Days are UTC days. The daily cap counts job alerts (a digest counts each job it lists); alerts
 * over the cap are not dropped but held until the next day (instant: oldest first; digest: best
 * share first), so a busy day delays alerts rather than losing them. A `daily` candidate gets one
 * digest at the first drain after midnight listing the matches of the days that are over.
 */
import crypto from 'node:crypto';
import { appendAudit } from '../audit/index.js';
import type { Candidate } from '../domain/index.js';
import type { Logger } from '../log.js';
import type { CandidateRepo, Db, JobRepo } from '../store/index.js';
import { composeMail, type MailItem } from './compose.js';
import type { SenderLock } from './lock.js';
import { failureOf, type Mailer } from './mailer.js';
import { isAlertable, purgeUnalertable } from './match.js';
import { GAVE_UP, type AlertOutbox, type OutboxRow } from './outbox.js';
import { getPreferences } from './prefs.js';

export interface SenderOptions {
  /** Candidates served per batch (each batch re-reads what is due). */
  batch: number;
  /** How long a claim holds rows before another drain may take them. */
  leaseMs: number;
  /** Retry after a failure: base × 2^(attempt − 1), at most max; give up after maxAttempts. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  maxAttempts: number;
}

export const DEFAULT_SENDER_OPTIONS: SenderOptions = { batch: 20, leaseMs: 10 * 60_000, backoffBaseMs: 60_000, backoffMaxMs: 6 * 3_600_000, maxAttempts: 8 };

/** Times in ms on a clock comparable across processes (performance.timeOrigin + performance.now()). */
export interface SentEvent {
  messageId: string;
  ids: number[];
  /** When the transport's acceptance (SMTP 250) reached the sender. */
  answeredAt: number;
  /** When the sent mark was committed. */
  at: number;
}

const clockMs = (): number => performance.timeOrigin + performance.now();

export interface SenderDeps {
  db: Db;
  outbox: AlertOutbox;
  candidates: CandidateRepo;
  jobs: JobRepo;
  mailer: Mailer;
  lock: SenderLock;
  key: Buffer;
  from: string;
  defaultCap: number;
  unsubscribeUrl(candidateId: string): string;
  /** The erasure pseudonym of a candidate id (privacy/pseudonym.ts): the only name an erased candidate keeps in the audit. */
  pseudonymOf(candidateId: string): string;
  /** Matches jobs still marked (runs first in every drain). */
  queuePending(): void;
  now(): Date;
  log: Logger;
  /** Called after a mail's sent mark is committed (metrics, tests). */
  onSent?(e: SentEvent): void;
}

export interface DrainReport {
  /** Another live sender holds the lock: nothing was done. */
  locked: boolean;
  /** In-flight claims of a dead sender released when the lock was taken. */
  released: number;
  /** Mails accepted by the transport, and the job alerts they carried. */
  mails: number;
  alerts: number;
  /** Mails that carried a Message-ID sent before (in flight when a sender died, or retried). */
  resent: number;
  failed: number;
  gaveUp: number;
  /** Alerts held for the next day (daily cap reached, or the digest day not over). */
  deferred: number;
  /** Unsent alerts removed because the candidate may no longer get any. */
  cancelled: number;
}

interface Group {
  messageId: string;
  rows: OutboxRow[];
  resend: boolean;
}

const dayStart = (day: string): string => `${day}T00:00:00.000Z`;
const nextDay = (day: string): string => new Date(Date.parse(dayStart(day)) + 86_400_000).toISOString();
const dayOf = (r: OutboxRow): string => r.digestDay ?? r.queuedAt.slice(0, 10);

export class AlertSender {
  private tail: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private readonly opts: SenderOptions;
  private readonly host: string;

  constructor(
    private readonly d: SenderDeps,
    opts: Partial<SenderOptions> = {},
  ) {
    this.opts = { ...DEFAULT_SENDER_OPTIONS, ...opts };
    this.host = /@([A-Za-z0-9.-]+)>?\s*$/.exec(d.from)?.[1] ?? 'jobmatch.local';
  }

  /** Drains what is due now. Calls are serialised: a second call waits for the first. */
  drain(): Promise<DrainReport> {
    const run = this.tail.then(() => this.drainOnce());
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Drains every intervalMs (unref'd timer) until stop(). */
  start(intervalMs: number): void {
    if (this.timer || intervalMs <= 0) return;
    this.timer = setInterval(() => {
      this.drain().catch((e: unknown) => this.d.log.error({ err: e }, 'alert drain failed'));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.tail;
    this.d.lock.release();
    this.d.mailer.close();
  }

  private async drainOnce(): Promise<DrainReport> {
    const report: DrainReport = { locked: false, released: 0, mails: 0, alerts: 0, resent: 0, failed: 0, gaveUp: 0, deferred: 0, cancelled: 0 };
    if (!this.d.lock.isHeld) {
      if (!this.d.lock.acquire()) return { ...report, locked: true };
      report.released = this.d.outbox.releaseClaims();
      if (report.released) this.d.log.warn({ released: report.released }, 'alerts in flight when the previous sender stopped: resending with their Message-IDs');
    }
    this.d.queuePending();
    report.cancelled += purgeUnalertable(this.d.db);
    const served = new Set<string>();
    for (;;) {
      const ids = this.d.outbox.dueCandidates(this.d.now().toISOString(), this.opts.batch, served);
      if (!ids.length) break;
      for (const id of ids) {
        served.add(id);
        await this.serve(id, report);
      }
    }
    if (report.mails || report.failed) this.d.log.info({ ...report }, 'alerts drained');
    return report;
  }

  private async serve(candidateId: string, report: DrainReport): Promise<void> {
    const now = this.d.now().toISOString();
    const c = this.d.candidates.getAny(candidateId);
    if (!c || !isAlertable(this.d.db, candidateId)) {
      report.cancelled += this.d.outbox.cancelUnsent(candidateId).cancelled;
      return;
    }
    const rows = this.d.outbox.due(candidateId, now);
    const groups: Group[] = [];
    // Rows that already carry a Message-ID (in flight when a sender died, or failed before) go out
    // again exactly as they were: same rows, same Message-ID. They were admitted under the cap then.
    const byMessage = new Map<string, OutboxRow[]>();
    for (const r of rows) if (r.messageId) byMessage.set(r.messageId, [...(byMessage.get(r.messageId) ?? []), r]);
    for (const [messageId, rs] of byMessage) groups.push({ messageId, rows: rs, resend: true });
    const fresh = rows.filter((r) => !r.messageId);

    const today = now.slice(0, 10);
    const prefs = getPreferences(this.d.db, candidateId, this.d.defaultCap);
    const inFlight = groups.reduce((n, g) => n + g.rows.length, 0);
    const room = Math.max(0, prefs.dailyCap - this.d.outbox.sentSince(candidateId, dayStart(today)) - inFlight);
    let take: OutboxRow[];
    if (prefs.mode === 'daily') {
      // One digest for the days that are over, best matches first; today's matches wait for tomorrow.
      take = fresh
        .filter((r) => dayOf(r) < today)
        .sort((a, b) => b.reasons.share - a.reasons.share || a.id - b.id)
        .slice(0, room);
      if (take.length) groups.push({ messageId: this.messageId('digest', candidateId, take), rows: take, resend: false });
    } else {
      take = fresh.slice(0, room);
      for (const r of take) groups.push({ messageId: this.messageId('alert', candidateId, [r]), rows: [r], resend: false });
    }
    const taken = new Set(take.map((r) => r.id));
    const held = fresh.filter((r) => !taken.has(r.id)).map((r) => r.id);
    this.d.outbox.defer(held, nextDay(today));
    report.deferred += held.length;

    for (const g of groups) await this.send(c, g, report);
  }

  /** Stable per mail: the same rows always give the same id; a different set of rows a different one. */
  private messageId(kind: 'alert' | 'digest', candidateId: string, rows: OutboxRow[]): string {
    const material = [kind, candidateId, ...rows.map((r) => `${r.id}|${r.jobId}|${r.queuedAt}`).sort()].join('\n');
    const tag = crypto.createHmac('sha256', this.d.key).update(material).digest('base64url').slice(0, 22);
    const first = Math.min(...rows.map((r) => r.id));
    return `<${kind}.${first}.${tag}@${this.host}>`;
  }

  private async send(c: Candidate, g: Group, report: DrainReport): Promise<void> {
    const { db, outbox } = this.d;
    const now = this.d.now();
    const ids = g.rows.map((r) => r.id);
    // Re-check and claim in one synchronous transaction: a withdrawal committed before it means no mail.
    const claimed = db.transaction(() => {
      if (!isAlertable(db, c.id)) {
        report.cancelled += outbox.cancelUnsent(c.id).cancelled;
        return 0;
      }
      return outbox.claim(ids, g.messageId, now.toISOString(), new Date(now.getTime() + this.opts.leaseMs).toISOString());
    })();
    if (claimed === 0) return;
    const rows = ids.map((id) => outbox.get(id)).filter((r): r is OutboxRow => r !== null && r.messageId === g.messageId && r.sentAt === null);
    const items: MailItem[] = [];
    for (const r of rows) {
      const job = this.d.jobs.getAny(r.jobId);
      if (job) items.push({ job, reasons: r.reasons });
    }
    if (!items.length || !c.profile.email) {
      // Nothing to send (jobs gone, no address): give the rows up rather than leave them claimed.
      outbox.markFailed(rows.map((r) => r.id), 'gave up: nothing to send', GAVE_UP);
      return;
    }
    const consent = this.d.candidates.consents(c.id).filter((k) => k.purpose === 'job_alerts').pop();
    const mail = composeMail({
      to: c.profile.email,
      from: this.d.from,
      name: c.profile.name,
      language: getPreferences(db, c.id, this.d.defaultCap).language ?? c.language,
      items,
      messageId: g.messageId,
      unsubscribeUrl: this.d.unsubscribeUrl(c.id),
      consentSince: consent?.givenAt ?? null,
      date: this.d.now(),
    });
    const sentIds = rows.map((r) => r.id);
    let answeredAt: number;
    try {
      await this.d.mailer.send(mail);
      answeredAt = clockMs();
    } catch (e) {
      const f = failureOf(e);
      const attempts = Math.max(...rows.map((r) => r.attempts));
      const giveUp = f.permanent || attempts >= this.opts.maxAttempts;
      const retryAt = giveUp ? GAVE_UP : new Date(this.d.now().getTime() + Math.min(this.opts.backoffMaxMs, this.opts.backoffBaseMs * 2 ** (attempts - 1))).toISOString();
      outbox.markFailed(sentIds, giveUp ? `gave up: ${f.summary}` : f.summary, retryAt);
      report.failed++;
      if (giveUp) report.gaveUp++;
      this.d.log.warn({ outbox: sentIds, attempts, error: f.summary, retryAt }, giveUp ? 'alert mail refused for good' : 'alert mail failed, will retry');
      // Withdrawn (or objected) while this attempt was under way: no retry.
      if (!isAlertable(db, c.id)) report.cancelled += outbox.cancelUnsent(c.id).cancelled;
      return;
    }
    // Straight after the 250: no await between the transport's answer and this commit. The mark is
    // written even when the consent was withdrawn meanwhile (the withdrawal left these claimed rows
    // alone): the mail went out, so the outbox, the audit and the candidate's export must show it.
    const at = this.d.now().toISOString();
    const marked = db.transaction(() => {
      const n = outbox.markSent(sentIds, at);
      const data = { jobs: rows.map((r) => r.jobId), kind: g.messageId.startsWith('<digest.') ? 'digest' : 'alert', resend: g.resend };
      if (n) {
        appendAudit(db, { actor: null, action: 'candidate.alert_sent', subject: c.id, data: isAlertable(db, c.id) ? data : { ...data, stoppedDuringSend: true } });
        return n;
      }
      // Erased while sending: the rows went with the candidate; the send is audited under the erasure pseudonym only.
      if (this.d.candidates.getAny(c.id)) return 0;
      appendAudit(db, { actor: null, action: 'candidate.alert_sent', subject: this.d.pseudonymOf(c.id), data: { ...data, erasedDuringSend: true } });
      return rows.length;
    })();
    this.d.onSent?.({ messageId: g.messageId, ids: sentIds, answeredAt, at: clockMs() });
    if (!marked) return;
    report.mails++;
    report.alerts += marked;
    if (g.resend) report.resent++;
  }
}
