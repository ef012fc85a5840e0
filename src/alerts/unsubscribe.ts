/**
 * One-click unsubscribe without logging in. The link carries `<candidate id>.<HMAC>` where the
 * HMAC-SHA256 (per-install key in <dataDir>/alerts.key) covers the candidate id and the purpose:
 * it cannot be guessed or moved to another candidate, needs no stored state, and works any number
 * of times (the first use withdraws, later ones find nothing in force).
 */
import crypto from 'node:crypto';
import { appendAudit } from '../audit/index.js';
import { withdrawConsent } from '../privacy/index.js';
import { loadKeyFile } from '../privacy/pseudonym.js';
import type { CandidateRepo, Db } from '../store/index.js';

/** The per-install secret behind unsubscribe links, created 0600 on first use. */
export function loadAlertKey(dataDir: string): Buffer {
  return loadKeyFile(dataDir, 'alerts.key');
}

const PURPOSE = 'job_alerts';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const mac = (key: Buffer, candidateId: string): Buffer => crypto.createHmac('sha256', key).update(`unsubscribe\n${PURPOSE}\n${candidateId}`).digest();

export function unsubscribeToken(key: Buffer, candidateId: string): string {
  return `${candidateId}.${mac(key, candidateId).toString('base64url')}`;
}

/** The candidate a token stands for, or null when it was not made with this key. */
export function verifyUnsubscribeToken(key: Buffer, token: string): string | null {
  if (token.length > 120) return null;
  const dot = token.indexOf('.');
  const id = token.slice(0, dot);
  if (dot < 0 || !UUID.test(id)) return null;
  const given = Buffer.from(token.slice(dot + 1), 'base64url');
  const want = mac(key, id);
  return given.length === want.length && crypto.timingSafeEqual(given, want) ? id : null;
}

export function unsubscribeUrl(publicUrl: string, key: Buffer, candidateId: string): string {
  return `${publicUrl}/api/alerts/unsubscribe?token=${encodeURIComponent(unsubscribeToken(key, candidateId))}`;
}

export interface UnsubscribeResult {
  /** Whether a job-alert consent was in force and is now withdrawn. */
  withdrawn: boolean;
  /** Queued alerts removed. */
  cancelled: number;
  /** Alerts that were being handed to the mail server at that moment: they may still arrive. */
  alreadySending: number;
  /** False when the candidate no longer exists (erased): nothing to do. */
  known: boolean;
}

/**
 * Withdraws the job-alert consent (audited by privacy/withdrawConsent) and removes the alerts not
 * sent yet, in one transaction: from its commit on, nothing more is queued or claimed for sending.
 * A mail the sender was already handing to the server cannot be stopped; it is reported
 * (`alreadySending`) and recorded as sent once the server took it.
 */
export function unsubscribe(deps: { db: Db; candidates: CandidateRepo }, candidateId: string, via: 'link' | 'one-click'): UnsubscribeResult {
  return deps.db.transaction(() => {
    if (!deps.candidates.getAny(candidateId)) return { withdrawn: false, cancelled: 0, alreadySending: 0, known: false };
    const { changed, alerts } = withdrawConsent(deps, candidateId, PURPOSE);
    const { cancelled, alreadySending } = alerts; // withdrawing job alerts cancels them, whether or not a consent was in force
    if (changed || cancelled) appendAudit(deps.db, { actor: 'candidate', action: 'candidate.alerts_unsubscribed', subject: candidateId, data: { via, withdrawn: changed, cancelled, alreadySending } });
    return { withdrawn: changed, cancelled, alreadySending, known: true };
  })();
}
