/**
 * Job alerts: a candidate who consented is told when a new or changed job of their entity matches
 * their profile (the recommendation ranking with a cut-off), by mail, instantly or as a daily
 * digest, capped per day, with a one-click unsubscribe that withdraws the consent.
 */
import type { Config } from '../config.js';
import { loadPseudonymKey, pseudonymOf } from '../privacy/index.js';
import type { Logger } from '../log.js';
import type { Engine } from '../search/index.js';
import type { CandidateRepo, Db, JobRepo, VectorRepo } from '../store/index.js';
import { SenderLock } from './lock.js';
import { createMailer, type Mailer } from './mailer.js';
import { recommendationMatcher, type AlertMatcher } from './match.js';
import { AlertOutbox } from './outbox.js';
import { getPreferences, setPreferences, type AlertPreferences, type AlertPreferencesInputT } from './prefs.js';
import { queueJobAlerts, queuePendingJobs, type QueueDeps, type QueueOutcome } from './queue.js';
import { AlertSender, type SenderOptions, type SentEvent } from './sender.js';
import { loadAlertKey, unsubscribe, unsubscribeUrl, verifyUnsubscribeToken, type UnsubscribeResult } from './unsubscribe.js';

export { ALERT_MIN_SHARE, recommendationMatcher, alertableCandidateIds, isAlertable, type AlertMatch, type AlertMatcher, type AlertReasons } from './match.js';
export { AlertOutbox, GAVE_UP, type OutboxRow, type OutboxStats } from './outbox.js';
export { AlertSender, DEFAULT_SENDER_OPTIONS, type DrainReport, type SenderOptions, type SentEvent } from './sender.js';
export { createMailer, emlName, failureOf, type Mailer, type OutgoingMail } from './mailer.js';
export { composeMail, reasonLines } from './compose.js';
export { MAIL_LANGS, type MailLang } from './texts.js';
export { loadAlertKey, unsubscribeToken, verifyUnsubscribeToken, type UnsubscribeResult } from './unsubscribe.js';
export { AlertPreferencesInput, type AlertPreferences, type AlertPreferencesInputT } from './prefs.js';
export { SenderLock } from './lock.js';
export type { QueueOutcome } from './queue.js';

export interface AlertsDeps {
  db: Db;
  candidates: CandidateRepo;
  jobs: JobRepo;
  vectors: VectorRepo;
  engine: Engine;
  config: Pick<Config, 'dataDir' | 'alerts'>;
  log: Logger;
  now?: () => Date;
  /** Another ranking instead of the recommendations (tests, experiments). */
  matcher?: AlertMatcher;
  mailer?: Mailer;
  sender?: Partial<SenderOptions>;
  onSent?: (e: SentEvent) => void;
}

export interface Alerts {
  outbox: AlertOutbox;
  sender: AlertSender;
  matcher: AlertMatcher;
  mailer: Mailer;
  /** Call inside the transaction that creates or changes a job. */
  markJob(jobId: string): void;
  /** Call after the job is embedded: matches it and queues its alerts (one transaction). Never throws. */
  queueForJob(jobId: string): QueueOutcome;
  /** Matches every job still marked (a crash or failure between the two steps). */
  queuePending(): QueueOutcome[];
  unsubscribeUrl(candidateId: string): string;
  /** The candidate of an unsubscribe token, or null when it is not one of ours. */
  candidateOfToken(token: string): string | null;
  unsubscribe(candidateId: string, via: 'link' | 'one-click'): UnsubscribeResult;
  preferences(candidateId: string): AlertPreferences;
  setPreferences(candidateId: string, input: AlertPreferencesInputT): AlertPreferences;
  /** Starts the drain timer (ALERT_SEND_INTERVAL_MS; 0 leaves it off). */
  start(): void;
  close(): Promise<void>;
}

export function createAlerts(deps: AlertsDeps): Alerts {
  const { db, config, log } = deps;
  const now = deps.now ?? (() => new Date());
  const key = loadAlertKey(config.dataDir);
  const pseudonymKey = loadPseudonymKey(config.dataDir);
  const outbox = new AlertOutbox(db);
  const jobIndex = deps.engine.deps.jobs;
  const matcher =
    deps.matcher ?? recommendationMatcher({ db, vectors: deps.vectors, jobIndex, modelId: jobIndex.index.modelId, config: deps.engine.deps.config });
  const cap = config.alerts.dailyCap;
  const q: QueueDeps = { db, outbox, jobs: deps.jobs, candidates: deps.candidates, matcher, jobReady: (id) => jobIndex.has(id), defaultCap: cap, now };
  const urlOf = (candidateId: string): string => unsubscribeUrl(config.alerts.publicUrl, key, candidateId);
  const logged = (o: QueueOutcome): QueueOutcome => {
    if (o.status === 'queued') log.info({ job: o.jobId, considered: o.considered, matched: o.matched, queued: o.queued, ms: Math.round(o.ms) }, 'job alerts queued');
    return o;
  };
  const mailer = deps.mailer ?? createMailer(config.alerts);
  const sender = new AlertSender(
    {
      db,
      outbox,
      candidates: deps.candidates,
      jobs: deps.jobs,
      mailer,
      lock: new SenderLock(config.dataDir),
      key,
      from: config.alerts.mailFrom,
      defaultCap: cap,
      unsubscribeUrl: urlOf,
      pseudonymOf: (id) => pseudonymOf(pseudonymKey, id),
      queuePending: () => {
        queuePendingJobs(q).forEach(logged);
      },
      now,
      log,
      onSent: deps.onSent,
    },
    deps.sender,
  );
  return {
    outbox,
    sender,
    matcher,
    mailer,
    markJob: (jobId) => outbox.markJob(jobId, now().toISOString()),
    queueForJob: (jobId) => {
      try {
        return logged(queueJobAlerts(q, jobId));
      } catch (e) {
        // The marker stays: the sender's next drain (or the next start-up) tries again.
        log.error({ err: e, job: jobId }, 'job alerts not queued yet');
        return { jobId, status: 'failed', considered: 0, matched: 0, queued: 0, ms: 0 };
      }
    },
    queuePending: () => queuePendingJobs(q).map(logged),
    unsubscribeUrl: urlOf,
    candidateOfToken: (token) => verifyUnsubscribeToken(key, token),
    unsubscribe: (candidateId, via) => unsubscribe({ db, candidates: deps.candidates }, candidateId, via),
    preferences: (candidateId) => getPreferences(db, candidateId, cap),
    setPreferences: (candidateId, input) => setPreferences(db, candidateId, input, cap),
    start: () => sender.start(config.alerts.sendIntervalMs),
    close: () => sender.stop(),
  };
}
