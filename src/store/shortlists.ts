import crypto from 'node:crypto';
import type { Db } from './db.js';

export type ShortlistState = 'draft' | 'in_review' | 'approved' | 'rejected' | 'withdrawn';

export interface NewShortlistItem {
  candidateId: string;
  engineRank: number | null;
  score: unknown;
}

export interface DecisionRow {
  id: number;
  shortlist_id: string;
  candidate_id: string;
  decision: 'advance' | 'decline';
  reason: string | null;
  override: number;
  reviewer_id: string;
  decided_at: string;
  /** Set when the candidate was removed from the shortlist: the decision no longer counts. */
  voided_at?: string | null;
}

export interface ShortlistRow {
  id: string;
  entity_scope: string;
  job_id: string | null;
  state: ShortlistState;
  params_json: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  review_started_at: string | null;
  decided_by: string | null;
  cut: number | null;
  /** 0 when the search ran with ranking suspended (the stop button): the items carry no engine rank. */
  ranked: number;
}

export class ShortlistRepo {
  constructor(private readonly db: Db) {}

  /** A new draft shortlist with its items, in the caller's transaction. */
  createDraft(opts: { entities: readonly string[]; jobId: string | null; params: unknown; createdBy: string; items: NewShortlistItem[]; cut?: number; ranked?: boolean }): string {
    const id = crypto.randomUUID();
    const now = new Date().toISOString();
    this.db
      .prepare('INSERT INTO shortlists (id, entity_scope, job_id, state, params_json, created_by, created_at, updated_at, cut, ranked) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, opts.entities.join(','), opts.jobId, 'draft', JSON.stringify(opts.params), opts.createdBy, now, now, opts.cut ?? null, opts.ranked === false ? 0 : 1);
    const add = this.db.prepare('INSERT INTO shortlist_items (shortlist_id, candidate_id, engine_rank, position, score_json) VALUES (?, ?, ?, ?, ?)');
    opts.items.forEach((it, i) => add.run(id, it.candidateId, it.engineRank, i + 1, JSON.stringify(it.score)));
    return id;
  }

  get(id: string): ShortlistRow | null {
    return (this.db.prepare('SELECT * FROM shortlists WHERE id = ?').get(id) as ShortlistRow | undefined) ?? null;
  }

  items(id: string): { candidate_id: string; engine_rank: number | null; position: number; score_json: string }[] {
    return this.db.prepare('SELECT candidate_id, engine_rank, position, score_json FROM shortlist_items WHERE shortlist_id = ? ORDER BY position').all(id) as {
      candidate_id: string;
      engine_rank: number | null;
      position: number;
      score_json: string;
    }[];
  }

  setState(id: string, state: ShortlistState, by: string | null, extra: { reviewStarted?: boolean } = {}): void {
    const now = new Date().toISOString();
    this.db
      .prepare(`UPDATE shortlists SET state = ?, updated_at = ?, decided_by = CASE WHEN ? IN ('approved','rejected') THEN ? ELSE decided_by END${extra.reviewStarted ? ', review_started_at = ?' : ''} WHERE id = ?`)
      .run(...([state, now, state, by, ...(extra.reviewStarted ? [now] : []), id] as (string | null)[]));
  }

  addDecision(d: Omit<DecisionRow, 'id' | 'decided_at'>): DecisionRow {
    const at = new Date().toISOString();
    const info = this.db
      .prepare('INSERT INTO decisions (shortlist_id, candidate_id, decision, reason, override, reviewer_id, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(d.shortlist_id, d.candidate_id, d.decision, d.reason, d.override, d.reviewer_id, at);
    return { ...d, id: Number(info.lastInsertRowid), decided_at: at };
  }

  /** The latest decision per candidate still on the shortlist (decisions voided by a removal do not count). */
  latestDecisions(id: string): Map<string, DecisionRow> {
    const rows = this.db
      .prepare(
        `SELECT d.* FROM decisions d JOIN shortlist_items i ON i.shortlist_id = d.shortlist_id AND i.candidate_id = d.candidate_id
         WHERE d.shortlist_id = ? AND d.voided_at IS NULL ORDER BY d.id`,
      )
      .all(id) as DecisionRow[];
    return new Map(rows.map((r) => [r.candidate_id, r]));
  }

  allDecisions(): DecisionRow[] {
    return this.db.prepare('SELECT * FROM decisions ORDER BY id').all() as DecisionRow[];
  }

  recordView(v: { shortlistId: string | null; candidateId: string; userId: string; part: string }): void {
    this.db.prepare('INSERT INTO profile_views (shortlist_id, candidate_id, user_id, part, viewed_at) VALUES (?, ?, ?, ?, ?)').run(v.shortlistId, v.candidateId, v.userId, v.part, new Date().toISOString());
  }

  viewedParts(shortlistId: string, candidateId: string, userId: string): string[] {
    return (this.db.prepare('SELECT DISTINCT part FROM profile_views WHERE shortlist_id = ? AND candidate_id = ? AND user_id = ? ORDER BY part').all(shortlistId, candidateId, userId) as { part: string }[]).map((r) => r.part);
  }

  hasItem(id: string, candidateId: string): boolean {
    return !!this.db.prepare('SELECT 1 FROM shortlist_items WHERE shortlist_id = ? AND candidate_id = ?').get(id, candidateId);
  }

  addItem(id: string, candidateId: string): void {
    const max = (this.db.prepare('SELECT coalesce(max(position), 0) AS m FROM shortlist_items WHERE shortlist_id = ?').get(id) as { m: number }).m;
    this.db.prepare('INSERT INTO shortlist_items (shortlist_id, candidate_id, engine_rank, position, score_json) VALUES (?, ?, NULL, ?, ?)').run(id, candidateId, max + 1, JSON.stringify({ addedByHand: true }));
  }

  /** Removes a candidate and voids their decisions on this shortlist (kept as history, no longer counted). */
  removeItem(id: string, candidateId: string): boolean {
    if (this.db.prepare('DELETE FROM shortlist_items WHERE shortlist_id = ? AND candidate_id = ?').run(id, candidateId).changes === 0) return false;
    this.db.prepare('UPDATE decisions SET voided_at = ? WHERE shortlist_id = ? AND candidate_id = ? AND voided_at IS NULL').run(new Date().toISOString(), id, candidateId);
    return true;
  }

  /** Sets positions 1..n in the given order; the ids must be exactly the shortlist's items. */
  reorder(id: string, candidateIds: string[]): void {
    const stmt = this.db.prepare('UPDATE shortlist_items SET position = ? WHERE shortlist_id = ? AND candidate_id = ?');
    candidateIds.forEach((c, i) => stmt.run(-(i + 1), id, c));
    this.db.prepare('UPDATE shortlist_items SET position = -position WHERE shortlist_id = ?').run(id);
  }

  all(): ShortlistRow[] {
    return this.db.prepare('SELECT * FROM shortlists ORDER BY created_at').all() as ShortlistRow[];
  }
}
