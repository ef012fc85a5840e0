import type { Db } from '../store/index.js';

export interface ReviewerStats {
  reviewerId: string;
  reviewerName: string | null;
  decisions: number;
  overrideRate: number;
  declineRate: number;
  /** Median seconds from starting a review to approving or rejecting it, over the reviews this person decided candidates in or closed. */
  medianReviewSeconds: number | null;
  reviewsClosed: number;
  /** Approvals flagged as possible automation bias. */
  flaggedApprovals: number;
}

const median = (xs: number[]): number | null => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Human-oversight figures per reviewer (AI Act Art. 14): how often they overrule the engine, decline, and how long they look. */
export function oversight(db: Db, entities: readonly string[]): ReviewerStats[] {
  const inScope = (scope: string): boolean => scope.split(',').every((e) => entities.includes(e));
  const shortlists = (db.prepare('SELECT id, entity_scope, state, review_started_at, updated_at, decided_by FROM shortlists').all() as {
    id: string;
    entity_scope: string;
    state: string;
    review_started_at: string | null;
    updated_at: string;
    decided_by: string | null;
  }[]).filter((s) => inScope(s.entity_scope));
  const ids = new Set(shortlists.map((s) => s.id));
  const decisions = (db.prepare('SELECT shortlist_id, reviewer_id, decision, override FROM decisions').all() as { shortlist_id: string; reviewer_id: string; decision: string; override: number }[]).filter((d) => ids.has(d.shortlist_id));
  // Approvals of the caller's shortlists only (the event's subject is the shortlist).
  const flagged = (db.prepare("SELECT actor, subject, data_json FROM audit_events WHERE action = 'shortlist.transition'").all() as { actor: string; subject: string | null; data_json: string }[])
    .filter((r) => r.subject !== null && ids.has(r.subject))
    .map((r) => ({ actor: r.actor, data: JSON.parse(r.data_json) as { to?: string; flags?: string[] } }))
    .filter((r) => r.data.to === 'approved' && (r.data.flags?.length ?? 0) > 0);
  const names = new Map((db.prepare('SELECT id, name FROM users').all() as { id: string; name: string }[]).map((u) => [u.id, u.name]));
  const reviewers = new Set([...decisions.map((d) => d.reviewer_id), ...shortlists.map((s) => s.decided_by).filter((x): x is string => !!x)]);
  return [...reviewers].map((rid) => {
    const mine = decisions.filter((d) => d.reviewer_id === rid);
    const decidedIn = new Set(mine.map((d) => d.shortlist_id));
    const closed = shortlists.filter((s) => (s.decided_by === rid || decidedIn.has(s.id)) && (s.state === 'approved' || s.state === 'rejected') && s.review_started_at);
    return {
      reviewerId: rid,
      reviewerName: names.get(rid) ?? null,
      decisions: mine.length,
      overrideRate: mine.length ? mine.filter((d) => d.override).length / mine.length : 0,
      declineRate: mine.length ? mine.filter((d) => d.decision === 'decline').length / mine.length : 0,
      medianReviewSeconds: median(closed.map((s) => (Date.parse(s.updated_at) - Date.parse(s.review_started_at!)) / 1000)),
      reviewsClosed: closed.length,
      flaggedApprovals: flagged.filter((f) => f.actor === rid).length,
    };
  });
}
