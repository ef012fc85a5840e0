import type { Scope } from '../domain/index.js';
import type { Db } from './db.js';
import { ftsQuery } from './fts.js';
import { COMMON_SHARE, keywordSearch, type KeywordHit, type KeywordResult } from './keyword.js';
import type { KeywordThread } from './keyword-thread.js';
import { Roster, type Selection } from './roster.js';

/** Exact conditions on candidates. Soft conditions are not here: they only score. */
export interface CandidateConditions {
  minYears?: number;
  maxYears?: number;
  /** Concept ids every candidate must have. */
  mustHave?: string[];
  /** Words no candidate's CV may contain (full-text). */
  mustNot?: string[];
  /** ISO 639-1 codes every candidate must speak. */
  languages?: string[];
  fieldId?: string;
  /** Case-insensitive substring of the candidate's location. */
  location?: string;
}

/** Selections kept for reuse (each a bitmap over the roster: 100 KiB at 100k CVs). */
const SELECTION_CACHE = 32;

export class SearchRepo {
  /** The in-memory copy of the columns eligibility is decided on (see roster.ts). */
  readonly roster: Roster;

  constructor(
    private readonly db: Db,
    /** Share of all CVs above which a query word is common (see keyword()); 1 turns the split off. */
    readonly commonShare = COMMON_SHARE,
  ) {
    this.roster = new Roster(db);
  }

  /**
   * Who may appear in a search at all — in the caller's entities, a recruitment consent in force,
   * no objection to profiling — and meets the recruiter's exact filters. Decided on the roster;
   * full-text conditions (must-have phrases, must-not words) are resolved by FTS5 first.
   */
  eligible(scope: Scope, f: CandidateConditions): Selection {
    // Recruiters repeat a scope and its filters (paging, re-running a search, the same vacancy):
    // a selection is reused while the roster has seen no change since it was made.
    this.roster.refresh();
    const key = JSON.stringify([this.roster.version, [...scope.entities].sort(), f.minYears, f.maxYears, f.mustHave, f.mustNot, f.languages, f.fieldId, f.location]);
    const hit = this.selections.get(key);
    if (hit) {
      this.selections.delete(key);
      this.selections.set(key, hit);
      return hit;
    }
    const sel = this.select(scope, f);
    this.selections.set(key, sel);
    for (const k of this.selections.keys()) {
      if (this.selections.size <= SELECTION_CACHE) break;
      this.selections.delete(k);
    }
    return sel;
  }

  private readonly selections = new Map<string, Selection>();

  private select(scope: Scope, f: CandidateConditions): Selection {
    const skills: string[] = [];
    let onlyIds: Set<string> | undefined;
    for (const concept of f.mustHave ?? []) {
      if (!concept.startsWith('text:')) {
        skills.push(concept);
        continue;
      }
      const q = ftsQuery(concept.slice(5), 'all');
      if (!q) continue;
      const ids = this.matching(q);
      onlyIds = onlyIds ? new Set([...onlyIds].filter((id) => ids.has(id))) : ids;
    }
    const not = f.mustNot?.length ? ftsQuery(f.mustNot.join(' '), 'any') : null;
    return this.roster.select(scope, {
      minYears: f.minYears,
      maxYears: f.maxYears,
      skills,
      languages: f.languages,
      fieldId: f.fieldId,
      location: f.location,
      onlyIds,
      exceptIds: not ? this.matching(not) : undefined,
    });
  }

  /** Ids of every candidate whose CV matches an FTS5 query. */
  private matching(q: string): Set<string> {
    const rows = this.db
      .prepare('SELECT m.candidate_id FROM candidates_fts JOIN candidate_fts_map m ON m.fts_rowid = candidates_fts.rowid WHERE candidates_fts MATCH ?')
      .pluck()
      .all(q) as string[];
    return new Set(rows);
  }

  /** BM25-ranked keyword hits, best first (see keyword.ts), on this connection. */
  keyword(text: string, limit: number): KeywordResult<KeywordHit> {
    this.roster.refresh();
    return this.named(keywordSearch(this.db, text, limit, { total: this.roster.size, commonShare: this.commonShare }));
  }

  /** Rowids to candidate ids, on the roster (a row it does not know yet is left out). */
  private named(r: KeywordResult): KeywordResult<KeywordHit> {
    const hits: KeywordHit[] = [];
    for (const h of r.hits) {
      const id = this.roster.idOfFtsRowid(h.rowid);
      if (id !== undefined) hits.push({ id, bm25: h.bm25 });
    }
    return { ...r, hits };
  }

  private thread: KeywordThread | null = null;

  /** Runs keyword searches on a worker thread with its own read-only connection from now on. */
  useThread(thread: KeywordThread): void {
    this.thread = thread;
  }

  /**
   * The keyword search off this thread when a worker is attached (so the query's embedding, the
   * vector search and other requests go on meanwhile), else here. A failed worker falls back.
   */
  async keywordAsync(text: string, limit: number): Promise<KeywordResult<KeywordHit>> {
    this.roster.refresh();
    const opts = { total: this.roster.size, commonShare: this.commonShare };
    if (this.thread?.alive) {
      try {
        return this.named(await this.thread.run(text, limit, opts));
      } catch {
        // The worker is gone: answer here (and from now on).
      }
    }
    return this.named(keywordSearch(this.db, text, limit, opts));
  }

  /** Highlighted passages of each candidate's CV for the query words ([…] marks a hit). */
  snippets(ids: string[], text: string): Map<string, string> {
    const out = new Map<string, string>();
    const q = ftsQuery(text, 'any');
    if (!q) return out;
    // FTS5 finds one row by rowid cheaply; `m.candidate_id = ?` made it evaluate the whole MATCH first.
    // The rowid must be bound as an integer (BigInt): better-sqlite3 binds a JS number as REAL, and
    // FTS5 then drops `rowid = ?` beside MATCH and returns the first matching row of any candidate.
    const rowid = this.db.prepare('SELECT fts_rowid FROM candidate_fts_map WHERE candidate_id = ?').pluck().safeIntegers();
    const stmt = this.db.prepare(`SELECT snippet(candidates_fts, 2, '[', ']', '…', 16) AS s FROM candidates_fts WHERE candidates_fts MATCH ? AND rowid = ?`);
    for (const id of ids) {
      const r = rowid.get(id) as bigint | undefined;
      const row = r === undefined ? undefined : (stmt.get(q, r) as { s: string } | undefined);
      if (row?.s) out.set(id, row.s);
    }
    return out;
  }

  /** Skill concept ids per candidate. */
  skills(ids: string[]): Map<string, Set<string>> {
    return this.roster.skills(ids);
  }
}
