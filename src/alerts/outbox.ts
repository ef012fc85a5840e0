/**
 * The alert outbox (migration 5's alert_outbox, UNIQUE per candidate and job) and the pending-job
 * markers. A row's life:
 *   queued   — sent_at, message_id NULL; due when next_try_at is NULL or past;
 *   claimed  — message_id set (stable, derived from the row), attempts + 1, next_try_at = lease end,
 *              last_error NULL: the mail is being handed to the transport;
 *   sent     — sent_at set (in the transaction that also writes the audit event);
 *   retrying — last_error set, next_try_at = now + backoff; resent later with the same message_id;
 *   gave up  — next_try_at = GAVE_UP, last_error says why;
 *   deferred — the daily cap was reached or the digest day is not over: next_try_at = next day.
 * Cancelled alerts (consent withdrawn, objection) are deleted, except claimed ones: a mail being
 * handed to the transport cannot be called back, so its row stays and is marked sent (and audited)
 * when the transport takes it. Erasure cascades from candidates (claimed rows too; the sender then
 * audits the send under the erasure pseudonym).
 */
import { z } from 'zod';
import { CLAIMED_ALERT, cancelUnsentAlerts, type AlertsStopped } from '../privacy/index.js';
import type { Db } from '../store/index.js';
import type { AlertReasons } from './match.js';

export const GAVE_UP = '9999-12-31T00:00:00.000Z';

const Reasons = z.object({
  score: z.number(),
  share: z.number(),
  matchedSkills: z.array(z.string()),
  missingSkills: z.array(z.string()),
  years: z.number(),
  minYears: z.number().nullable(),
  maxYears: z.number().nullable(),
  parts: z.array(z.object({ name: z.string(), value: z.number(), contribution: z.number() })),
});

export interface OutboxRow {
  id: number;
  candidateId: string;
  jobId: string;
  reasons: AlertReasons;
  queuedAt: string;
  digestDay: string | null;
  attempts: number;
  nextTryAt: string | null;
  sentAt: string | null;
  messageId: string | null;
  lastError: string | null;
}

interface Raw {
  id: number;
  candidate_id: string;
  job_id: string;
  reasons_json: string;
  queued_at: string;
  digest_day: string | null;
  attempts: number;
  next_try_at: string | null;
  sent_at: string | null;
  message_id: string | null;
  last_error: string | null;
}

const toRow = (r: Raw): OutboxRow => ({
  id: r.id,
  candidateId: r.candidate_id,
  jobId: r.job_id,
  reasons: Reasons.parse(JSON.parse(r.reasons_json)),
  queuedAt: r.queued_at,
  digestDay: r.digest_day,
  attempts: r.attempts,
  nextTryAt: r.next_try_at,
  sentAt: r.sent_at,
  messageId: r.message_id,
  lastError: r.last_error,
});

/**
 * Due: unsent, not held, and its job not waiting to be matched again (a job changed and not yet
 * re-matched may no longer fit; its alerts wait for queue.ts to drop or refresh them).
 */
const DUE = 'sent_at IS NULL AND (next_try_at IS NULL OR next_try_at <= ?) AND job_id NOT IN (SELECT job_id FROM alert_pending_jobs)';
const list = (ids: readonly number[]): string => ids.map(() => '?').join(',');

export interface OutboxStats {
  queued: number;
  sent: number;
  /** Claimed and not confirmed: a process died while handing these to the transport. */
  inFlight: number;
  retrying: number;
  gaveUp: number;
}

export class AlertOutbox {
  constructor(private readonly db: Db) {}

  /** Marks a job for matching: call inside the transaction that creates or changes the job. */
  markJob(jobId: string, at: string): void {
    this.db.prepare('INSERT INTO alert_pending_jobs (job_id, marked_at) VALUES (?, ?) ON CONFLICT(job_id) DO UPDATE SET marked_at = excluded.marked_at').run(jobId, at);
  }

  isMarked(jobId: string): boolean {
    return !!this.db.prepare('SELECT 1 FROM alert_pending_jobs WHERE job_id = ?').get(jobId);
  }

  pendingJobs(): string[] {
    return (this.db.prepare('SELECT job_id AS id FROM alert_pending_jobs ORDER BY marked_at, job_id').all() as { id: string }[]).map((r) => r.id);
  }

  clearMark(jobId: string): void {
    this.db.prepare('DELETE FROM alert_pending_jobs WHERE job_id = ?').run(jobId);
  }

  /** Queues one alert; false when that candidate already has one for that job (sent or not). */
  insert(candidateId: string, jobId: string, reasons: AlertReasons, queuedAt: string, digestDay: string | null): boolean {
    return (
      this.db
        .prepare('INSERT OR IGNORE INTO alert_outbox (candidate_id, job_id, reasons_json, queued_at, digest_day) VALUES (?, ?, ?, ?, ?)')
        .run(candidateId, jobId, JSON.stringify(reasons), queuedAt, digestDay).changes > 0
    );
  }

  /**
   * After a job was (re)matched: its unsent alerts to candidates no longer in `keep` are removed, the
   * others get the new reasons. Rows being sent right now are left alone. Returns how many were removed.
   */
  refreshJob(jobId: string, keep: ReadonlyMap<string, AlertReasons>): { dropped: number; refreshed: number } {
    const rows = this.db.prepare(`SELECT id, candidate_id AS c FROM alert_outbox WHERE job_id = ? AND sent_at IS NULL AND NOT (${CLAIMED_ALERT})`).all(jobId) as { id: number; c: string }[];
    const del = this.db.prepare('DELETE FROM alert_outbox WHERE id = ?');
    const upd = this.db.prepare('UPDATE alert_outbox SET reasons_json = ? WHERE id = ?');
    let dropped = 0;
    let refreshed = 0;
    for (const r of rows) {
      const reasons = keep.get(r.c);
      if (reasons) refreshed += upd.run(JSON.stringify(reasons), r.id).changes;
      else dropped += del.run(r.id).changes;
    }
    return { dropped, refreshed };
  }

  /** Removes a candidate's alerts not sent yet, except those being sent right now (see privacy/consent.ts). */
  cancelUnsent(candidateId: string): AlertsStopped {
    return cancelUnsentAlerts(this.db, candidateId);
  }

  /** Candidates with at least one due alert, oldest first. */
  dueCandidates(now: string, limit: number, skip: ReadonlySet<string>): string[] {
    const rows = this.db
      .prepare(`SELECT candidate_id AS id, min(queued_at) AS q FROM alert_outbox WHERE ${DUE} GROUP BY candidate_id ORDER BY q, candidate_id LIMIT ?`)
      .all(now, limit + skip.size) as { id: string }[];
    return rows.map((r) => r.id).filter((id) => !skip.has(id)).slice(0, limit);
  }

  due(candidateId: string, now: string): OutboxRow[] {
    return (this.db.prepare(`SELECT * FROM alert_outbox WHERE candidate_id = ? AND ${DUE} ORDER BY queued_at, id`).all(candidateId, now) as Raw[]).map(toRow);
  }

  /** How many job alerts went to a candidate since a time (a digest counts each job it lists). */
  sentSince(candidateId: string, since: string): number {
    return (this.db.prepare('SELECT count(*) AS n FROM alert_outbox WHERE candidate_id = ? AND sent_at >= ?').get(candidateId, since) as { n: number }).n;
  }

  /**
   * Claims rows for one mail: sets the message id, counts the attempt and holds them until the
   * lease ends. Only rows still unsent and due are claimed; returns how many.
   */
  claim(ids: readonly number[], messageId: string, now: string, leaseUntil: string): number {
    return this.db
      .prepare(`UPDATE alert_outbox SET message_id = ?, attempts = attempts + 1, next_try_at = ?, last_error = NULL WHERE id IN (${list(ids)}) AND ${DUE}`)
      .run(messageId, leaseUntil, ...ids, now).changes;
  }

  markSent(ids: readonly number[], at: string): number {
    return this.db.prepare(`UPDATE alert_outbox SET sent_at = ?, next_try_at = NULL, last_error = NULL WHERE id IN (${list(ids)}) AND sent_at IS NULL`).run(at, ...ids).changes;
  }

  markFailed(ids: readonly number[], error: string, nextTryAt: string): void {
    this.db.prepare(`UPDATE alert_outbox SET last_error = ?, next_try_at = ? WHERE id IN (${list(ids)}) AND sent_at IS NULL`).run(error.slice(0, 200), nextTryAt, ...ids);
  }

  /** Holds rows until a time without counting an attempt (daily cap, digest not due yet). */
  defer(ids: readonly number[], until: string): void {
    if (!ids.length) return;
    this.db.prepare(`UPDATE alert_outbox SET next_try_at = ? WHERE id IN (${list(ids)}) AND sent_at IS NULL`).run(until, ...ids);
  }

  /**
   * Releases the claims of a sender that died (call only with the sender lock held): those rows
   * are due again and are resent with the message id they already carry.
   */
  releaseClaims(): number {
    return this.db.prepare(`UPDATE alert_outbox SET next_try_at = NULL WHERE sent_at IS NULL AND ${CLAIMED_ALERT}`).run()
      .changes;
  }

  get(id: number): OutboxRow | null {
    const r = this.db.prepare('SELECT * FROM alert_outbox WHERE id = ?').get(id) as Raw | undefined;
    return r ? toRow(r) : null;
  }

  ofCandidate(candidateId: string): OutboxRow[] {
    return (this.db.prepare('SELECT * FROM alert_outbox WHERE candidate_id = ? ORDER BY id').all(candidateId) as Raw[]).map(toRow);
  }

  stats(): OutboxStats {
    const r = this.db
      .prepare(
        `SELECT
           sum(sent_at IS NULL AND message_id IS NULL) AS queued,
           sum(sent_at IS NOT NULL) AS sent,
           sum(sent_at IS NULL AND message_id IS NOT NULL AND last_error IS NULL) AS inFlight,
           sum(sent_at IS NULL AND last_error IS NOT NULL AND next_try_at <> ?) AS retrying,
           sum(sent_at IS NULL AND next_try_at = ?) AS gaveUp
         FROM alert_outbox`,
      )
      .get(GAVE_UP, GAVE_UP) as Record<keyof OutboxStats, number | null>;
    return { queued: r.queued ?? 0, sent: r.sent ?? 0, inFlight: r.inFlight ?? 0, retrying: r.retrying ?? 0, gaveUp: r.gaveUp ?? 0 };
  }
}
