import type { AuditRow } from '../audit/index.js';
import type { Db } from '../store/index.js';
import { pseudonymOf } from './pseudonym.js';

export interface AuditEventView {
  seq: number;
  at: string;
  actor: string | null;
  action: string;
  subject: string | null;
  data: unknown;
  hash: string;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/**
 * The audit events that mention an id (as subject or anywhere in their data), oldest first. An id
 * that is no longer a candidate, shortlist, job or user, and whose pseudonym is in the erasures
 * table, is shown only as `erased:<pseudonym>` — the log itself stays append-only.
 */
export function auditTrail(db: Db, pseudonymKey: Buffer, needle: string, limit: number): AuditEventView[] {
  const known = ['candidates', 'shortlists', 'jobs', 'users'].map((t) => db.prepare(`SELECT 1 FROM ${t} WHERE id = ?`));
  const erased = db.prepare('SELECT 1 FROM erasures WHERE pseudonym = ?');
  const pseudonymise = (text: string): string =>
    text.replace(UUID, (id) => (known.some((st) => st.get(id)) ? id : erased.get(pseudonymOf(pseudonymKey, id)) ? `erased:${pseudonymOf(pseudonymKey, id)}` : id));
  const rows = db.prepare('SELECT * FROM audit_events WHERE subject = ? OR instr(data_json, ?) > 0 ORDER BY seq LIMIT ?').all(needle, needle, limit) as AuditRow[];
  return rows.map((e) => ({ seq: e.seq, at: e.at, actor: e.actor, action: e.action, subject: e.subject ? pseudonymise(e.subject) : null, data: JSON.parse(pseudonymise(e.data_json)) as unknown, hash: e.hash }));
}
