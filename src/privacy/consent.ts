import { appendAudit } from '../audit/index.js';
import type { CandidateRepo, ConsentPurpose, Db } from '../store/index.js';
import type { ConsentRecord } from '../store/candidates.js';

export const CONSENT_PURPOSES = ['recruitment', 'profiling', 'job_alerts'] as const satisfies readonly ConsentPurpose[];

/**
 * The exact wording a candidate agrees to, per purpose. The website shows these strings and the
 * consents table stores the one shown, so what was agreed to can always be proven.
 * `recruitment` is the ingest pipeline's default consent (a test keeps the two equal).
 */
export const CONSENT_WORDING: Readonly<Record<ConsentPurpose, string>> = {
  recruitment: 'I apply through the agency and agree that recruiters of the agency process my CV to match me with vacancies.',
  profiling:
    'I agree that the agency automatically compares my profile (skills, experience, roles) with its vacancies to recommend jobs to me. I can withdraw this consent at any time; every vacancy stays visible to me either way.',
  job_alerts: 'I agree that the agency sends me alerts about new vacancies that fit my profile. I can withdraw this consent at any time.',
};

export interface ConsentState {
  records: (ConsentRecord & { inForce: boolean })[];
  inForce: Record<ConsentPurpose, boolean>;
  objectedAt: string | null;
}

export function consentState(candidates: CandidateRepo, id: string): ConsentState {
  const records = candidates.consents(id);
  const newest = new Map<ConsentPurpose, ConsentRecord>();
  for (const r of records) newest.set(r.purpose, r);
  const inForce = Object.fromEntries(CONSENT_PURPOSES.map((p) => [p, newest.has(p) && newest.get(p)!.withdrawnAt === null])) as Record<ConsentPurpose, boolean>;
  return {
    records: records.map((r) => ({ ...r, inForce: newest.get(r.purpose) === r && r.withdrawnAt === null })),
    inForce,
    objectedAt: candidates.objectedAt(id),
  };
}

interface Deps {
  db: Db;
  candidates: CandidateRepo;
}

/** What a withdrawal or an objection did to the candidate's job alerts. */
export interface AlertsStopped {
  /** Queued alerts removed: they will never be sent. */
  cancelled: number;
  /**
   * Alerts the sender had already claimed and was handing to the mail server at that moment: they
   * cannot be called back. They are kept, and recorded as sent (and audited) once the server took them.
   */
  alreadySending: number;
}

/**
 * An alert_outbox row claimed by a sender and being handed to the mail server right now (message id
 * set, lease running, no failure). The one rule for it: the outbox, the matcher's purge and
 * withdrawal all leave such rows alone.
 */
export const CLAIMED_ALERT = 'message_id IS NOT NULL AND last_error IS NULL AND next_try_at IS NOT NULL';

/**
 * Removes a candidate's job alerts not sent yet, except those claimed by the sender at this moment
 * (message id set, lease running, no failure): deleting those would leave a mail that may well be
 * delivered without any record of it. Call inside the transaction that withdraws or objects.
 */
export function cancelUnsentAlerts(db: Db, candidateId: string): AlertsStopped {
  const cancelled = db.prepare(`DELETE FROM alert_outbox WHERE candidate_id = ? AND sent_at IS NULL AND NOT (${CLAIMED_ALERT})`).run(candidateId).changes;
  const alreadySending = (db.prepare(`SELECT count(*) AS n FROM alert_outbox WHERE candidate_id = ? AND sent_at IS NULL AND ${CLAIMED_ALERT}`).get(candidateId) as { n: number }).n;
  return { cancelled, alreadySending };
}

/**
 * Withdraws the consent in force for a purpose; audited. `changed` is false when none was in force.
 * Withdrawing the job-alert consent also cancels the alerts not sent yet, in the same transaction.
 */
export function withdrawConsent(deps: Deps, id: string, purpose: ConsentPurpose): { changed: boolean; alerts: AlertsStopped } {
  return deps.db.transaction(() => {
    const changed = deps.candidates.withdrawConsent(id, purpose);
    const alerts = purpose === 'job_alerts' ? cancelUnsentAlerts(deps.db, id) : { cancelled: 0, alreadySending: 0 };
    if (changed) appendAudit(deps.db, { actor: 'candidate', action: 'candidate.consent_withdrawn', subject: id, data: { purpose, ...alertData(alerts) } });
    return { changed, alerts };
  })();
}

const alertData = (a: AlertsStopped): Record<string, number> => (a.cancelled || a.alreadySending ? { alertsCancelled: a.cancelled, alertsAlreadySending: a.alreadySending } : {});

/**
 * Gives a consent with the standard wording, or the wording the candidate was shown (the website's
 * Dutch text, see consent-wording.ts); audited. `changed` is false when one was already in force.
 */
export function giveConsent(deps: Deps, id: string, purpose: ConsentPurpose, wording: string = CONSENT_WORDING[purpose]): { changed: boolean } {
  return deps.db.transaction(() => {
    if (deps.candidates.hasConsent(id, purpose)) return { changed: false };
    deps.candidates.giveConsent(id, purpose, wording);
    appendAudit(deps.db, { actor: 'candidate', action: 'candidate.consent_given', subject: id, data: { purpose } });
    return { changed: true };
  })();
}

/**
 * Objection to profiling (Art. 21): from now on never in recruiter search, recommendations nor job
 * alerts (the unsent ones are cancelled in the same transaction); audited.
 */
export function objectToProfiling(deps: Deps, id: string): { changed: boolean; alerts: AlertsStopped } {
  return deps.db.transaction(() => {
    if (deps.candidates.objectedAt(id)) return { changed: false, alerts: { cancelled: 0, alreadySending: 0 } };
    deps.candidates.objectToProfiling(id);
    const alerts = cancelUnsentAlerts(deps.db, id);
    appendAudit(deps.db, { actor: 'candidate', action: 'candidate.objected', subject: id, data: alertData(alerts) });
    return { changed: true, alerts };
  })();
}
