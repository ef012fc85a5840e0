import crypto from 'node:crypto';
import type { Db } from '../store/index.js';

export interface AuditInput {
  actor: string | null;
  action: string;
  subject?: string | null;
  data?: Record<string, unknown>;
}

export interface AuditRow {
  seq: number;
  at: string;
  actor: string | null;
  action: string;
  subject: string | null;
  data_json: string;
  prev_hash: string;
  hash: string;
}

export const GENESIS = '0'.repeat(64);

/** The hash of a row: SHA-256 over the previous hash and the row's own content. */
export function rowHash(r: Omit<AuditRow, 'hash'>): string {
  const content = JSON.stringify([r.seq, r.at, r.actor, r.action, r.subject, r.data_json]);
  return crypto.createHash('sha256').update(r.prev_hash).update('\n').update(content).digest('hex');
}

/**
 * Appends an event to the hash chain. Call it inside the transaction of the change it records
 * (better-sqlite3 transactions nest), so the event and the change commit or fail together.
 */
export function appendAudit(db: Db, e: AuditInput, now: () => string = () => new Date().toISOString()): AuditRow {
  const last = db.prepare('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  const anchor = last ? undefined : anchorOf(db);
  const row: Omit<AuditRow, 'hash'> = {
    seq: (last?.seq ?? anchor?.seq ?? 0) + 1,
    at: now(),
    actor: e.actor,
    action: e.action,
    subject: e.subject ?? null,
    data_json: JSON.stringify(e.data ?? {}),
    prev_hash: last?.hash ?? anchor?.hash ?? GENESIS,
  };
  const full: AuditRow = { ...row, hash: rowHash(row) };
  db.prepare('INSERT INTO audit_events (seq, at, actor, action, subject, data_json, prev_hash, hash) VALUES (@seq, @at, @actor, @action, @subject, @data_json, @prev_hash, @hash)').run(full);
  return full;
}

function anchorOf(db: Db): { seq: number; hash: string } | undefined {
  const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_anchor'").get();
  return has ? (db.prepare('SELECT seq, hash FROM audit_anchor WHERE id = 1').get() as { seq: number; hash: string } | undefined) : undefined;
}

/** Recomputes the chain; returns the first broken row's seq, or null when the chain is intact. */
export function verifyAudit(db: Db): { ok: boolean; rows: number; firstBroken: number | null; reason?: string } {
  // After a retention purge the chain starts at the anchor (the last removed event's hash).
  const anchor = anchorOf(db);
  let prev = anchor?.hash ?? GENESIS;
  let expectSeq = (anchor?.seq ?? 0) + 1;
  let rows = 0;
  for (const r of db.prepare('SELECT * FROM audit_events ORDER BY seq').iterate() as Iterable<AuditRow>) {
    rows++;
    if (r.seq !== expectSeq) return { ok: false, rows, firstBroken: r.seq, reason: `sequence gap before ${r.seq}` };
    if (r.prev_hash !== prev) return { ok: false, rows, firstBroken: r.seq, reason: 'previous hash does not match' };
    if (rowHash(r) !== r.hash) return { ok: false, rows, firstBroken: r.seq, reason: 'row content does not match its hash' };
    prev = r.hash;
    expectSeq++;
  }
  return { ok: true, rows, firstBroken: null };
}
