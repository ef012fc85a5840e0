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
  // Numbered after the head, not only after the last row: when rows were cut from the end, the gap
  // stays in the chain for verification to name, and appending goes on.
  const head = db.prepare('SELECT seq FROM audit_head WHERE id = 1').get() as { seq: number } | undefined;
  const row: Omit<AuditRow, 'hash'> = {
    seq: Math.max(last?.seq ?? anchor?.seq ?? 0, head?.seq ?? 0) + 1,
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

export interface ChainHead {
  seq: number;
  hash: string;
}

export interface VerifyResult {
  ok: boolean;
  rows: number;
  firstBroken: number | null;
  reason?: string;
  /** The last event's seq and hash: note it outside this machine to detect a rewritten log later. */
  head: ChainHead;
}

/**
 * Recomputes the chain and names the first broken row. Besides each row's own hash and link it
 * checks both ends: the start against the anchor, which only a recorded retention purge may set,
 * and the end against the head (audit_head, kept by a trigger on every append), so rows removed
 * from either end are found. `expectHead` is a head noted earlier (outside the database): the chain
 * must still contain that event unchanged. The head table lives in the same file, so someone who
 * drops its triggers and rewrites it too is caught only by such an outside note.
 */
export function verifyAudit(db: Db, opts: { expectHead?: ChainHead } = {}): VerifyResult {
  // After a retention purge the chain starts at the anchor (the last removed event's hash).
  const anchor = anchorOf(db);
  let prev = anchor?.hash ?? GENESIS;
  let expectSeq = (anchor?.seq ?? 0) + 1;
  let rows = 0;
  const purges: { upToSeq?: unknown; anchorHash?: unknown }[] = [];
  const fail = (firstBroken: number, reason: string): VerifyResult => ({ ok: false, rows, firstBroken, reason, head: { seq: expectSeq - 1, hash: prev } });
  for (const r of db.prepare('SELECT * FROM audit_events ORDER BY seq').iterate() as Iterable<AuditRow>) {
    rows++;
    if (r.seq !== expectSeq) return fail(r.seq, r.seq > expectSeq ? `events ${expectSeq}–${r.seq - 1} are missing before event ${r.seq}` : `sequence out of order at ${r.seq}`);
    if (r.prev_hash !== prev) return fail(r.seq, 'previous hash does not match');
    if (rowHash(r) !== r.hash) return fail(r.seq, 'row content does not match its hash');
    if (opts.expectHead && r.seq === opts.expectHead.seq && r.hash !== opts.expectHead.hash) return fail(r.seq, `event ${r.seq} is not the one noted as head earlier: the log was rewritten from there on`);
    if (r.action === 'audit.retention_purge') purges.push(JSON.parse(r.data_json) as { upToSeq?: unknown; anchorHash?: unknown });
    prev = r.hash;
    expectSeq++;
  }
  const last = { seq: expectSeq - 1, hash: prev };
  if (anchor && !purges.some((p) => p.upToSeq === anchor.seq && (p.anchorHash === undefined || p.anchorHash === anchor.hash))) {
    return fail(anchor.seq + 1, `the chain starts after event ${anchor.seq} but no retention purge up to that event is recorded: events 1–${anchor.seq} were removed from the start`);
  }
  const head = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_head'").get() ? (db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as ChainHead | undefined) : undefined;
  if (!head) return fail(last.seq + 1, 'the chain head record (audit_head) is missing');
  if (head.seq > last.seq) return fail(last.seq + 1, `events ${last.seq + 1}–${head.seq} are missing from the end of the chain (the head records event ${head.seq})`);
  if (head.seq < last.seq) return fail(head.seq + 1, `events after ${head.seq} were written past the head record (audit_head): appended around the log`);
  if (head.hash !== last.hash) return fail(last.seq, `the last event ${last.seq} does not match the head record (audit_head)`);
  if (opts.expectHead && opts.expectHead.seq > last.seq) {
    return fail(last.seq + 1, `events ${last.seq + 1}–${opts.expectHead.seq} are missing: the head noted earlier was event ${opts.expectHead.seq}`);
  }
  return { ok: true, rows, firstBroken: null, head: last };
}
