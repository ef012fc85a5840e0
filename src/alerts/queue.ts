/**
 * From a new or changed job to queued alerts.
 *
 * Why two transactions: the matcher is the recommendation ranking, whose semantic part needs the
 * job's vectors, and embedding is asynchronous — it cannot run inside the synchronous SQLite
 * transaction that inserts the job. Matching on skills and years alone inside that transaction
 * would be a second, different ranking. So:
 *   1. the job's transaction also writes a marker (alert_pending_jobs) — atomic with the job;
 *   2. after the job is embedded, one transaction matches it, inserts the outbox rows and deletes
 *      the marker — atomic for the outbox rows.
 * A crash between 1 and 2 (or a failure in 2) leaves the marker: the next drain, or the next
 * start-up after the missing vectors are embedded, matches the job. No alert is lost, and none is
 * queued twice (UNIQUE candidate+job, and the marker goes with the rows).
 * While a job is marked, its unsent alerts are not due (outbox.ts): a changed job's old alerts wait
 * until step 2 has dropped those that no longer match and refreshed the reasons of the others.
 */
import { appendAudit } from '../audit/index.js';
import { isRankingSuspended } from '../review/index.js';
import type { Candidate } from '../domain/index.js';
import type { CandidateRepo, Db, JobRepo } from '../store/index.js';
import { alertableCandidateIds, type AlertMatcher } from './match.js';
import type { AlertOutbox } from './outbox.js';
import { getPreferences } from './prefs.js';

export interface QueueDeps {
  db: Db;
  outbox: AlertOutbox;
  jobs: JobRepo;
  candidates: CandidateRepo;
  matcher: AlertMatcher;
  /** Whether the job's vectors are in the engine (the matcher needs them). */
  jobReady(jobId: string): boolean;
  defaultCap: number;
  now(): Date;
}

export interface QueueOutcome {
  jobId: string;
  /**
   * queued: matched (possibly nobody); not-marked: nothing to do (already matched);
   * no-job: the job is gone; not-embedded: waits for its vectors; suspended: the entity's
   * automated ranking is stopped, the job waits until it is resumed; failed: an error, the
   * marker stays for the next try.
   */
  status: 'queued' | 'not-marked' | 'no-job' | 'not-embedded' | 'suspended' | 'failed';
  considered: number;
  matched: number;
  queued: number;
  ms: number;
}

export function queueJobAlerts(deps: QueueDeps, jobId: string): QueueOutcome {
  const t0 = performance.now();
  const out = (status: QueueOutcome['status'], considered = 0, matched = 0, queued = 0): QueueOutcome => ({ jobId, status, considered, matched, queued, ms: performance.now() - t0 });
  return deps.db.transaction(() => {
    if (!deps.outbox.isMarked(jobId)) return out('not-marked');
    const job = deps.jobs.getAny(jobId);
    if (!job) {
      deps.outbox.clearMark(jobId);
      return out('no-job');
    }
    if (!deps.jobReady(jobId)) return out('not-embedded');
    if (isRankingSuspended(deps.db, [job.entity])) return out('suspended');
    const candidates = alertableCandidateIds(deps.db, job.entity)
      .map((id) => deps.candidates.getAny(id))
      .filter((c): c is Candidate => c !== null);
    const matches = deps.matcher.match(job, candidates);
    const at = deps.now().toISOString();
    // A changed job: alerts queued for its old version and not sent yet are dropped when the
    // candidate no longer matches, and carry the new reasons when they still do.
    const { dropped, refreshed } = deps.outbox.refreshJob(job.id, new Map(matches.map((m) => [m.candidateId, m.reasons])));
    let queued = 0;
    for (const m of matches) {
      const daily = getPreferences(deps.db, m.candidateId, deps.defaultCap).mode === 'daily';
      if (deps.outbox.insert(m.candidateId, job.id, m.reasons, at, daily ? at.slice(0, 10) : null)) queued++;
    }
    deps.outbox.clearMark(jobId);
    appendAudit(deps.db, { actor: null, action: 'job.alerts_queued', subject: job.id, data: { considered: candidates.length, matched: matches.length, queued, dropped, refreshed, matcher: deps.matcher.name } });
    return out('queued', candidates.length, matches.length, queued);
  })();
}

/** Every marked job whose vectors are ready (start-up, and each drain). */
export function queuePendingJobs(deps: QueueDeps): QueueOutcome[] {
  return deps.outbox.pendingJobs().map((id) => queueJobAlerts(deps, id));
}
