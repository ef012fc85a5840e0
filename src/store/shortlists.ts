import crypto from 'node:crypto';
import type { Db } from './db.js';

export type ShortlistState = 'draft' | 'in_review' | 'approved' | 'rejected' | 'withdrawn';

export interface NewShortlistItem {
  candidateId: string;
  engineRank: number | null;
  score: unknown;
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
}

export class ShortlistRepo {
  constructor(private readonly db: Db) {}

  /** A new draft shortlist with its items, in the caller's transaction. */
  createDraft(opts: { entities: readonly string[]; jobId: string | null; params: unknown; createdBy: string; items: NewShortlistItem[] }): string {
    const id = crypto.randomUUID();
    const now = new Date().toISOString();
    this.db
      .prepare('INSERT INTO shortlists (id, entity_scope, job_id, state, params_json, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, opts.entities.join(','), opts.jobId, 'draft', JSON.stringify(opts.params), opts.createdBy, now, now);
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
}
