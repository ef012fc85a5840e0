import type { Scope } from '../domain/index.js';
import type { Db } from './db.js';
import { ftsQuery } from './fts.js';
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

export interface KeywordHit {
  id: string;
  /** BM25 from FTS5, made positive: higher is better. */
  bm25: number;
}

export class SearchRepo {
  /** The in-memory copy of the columns eligibility is decided on (see roster.ts). */
  readonly roster: Roster;

  constructor(private readonly db: Db) {
    this.roster = new Roster(db);
  }

  /**
   * Who may appear in a search at all — in the caller's entities, a recruitment consent in force,
   * no objection to profiling — and meets the recruiter's exact filters. Decided on the roster;
   * full-text conditions (must-have phrases, must-not words) are resolved by FTS5 first.
   */
  eligible(scope: Scope, f: CandidateConditions): Selection {
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

  /**
   * BM25-ranked keyword hits (titles weigh 3, skills 2, text 1), best first: the FTS top `limit`
   * alone, without joining the eligibility conditions (the caller keeps only eligible ids — joining
   * every match to the candidates table before sorting cost 10× more at 100k CVs).
   */
  keyword(text: string, limit: number): KeywordHit[] {
    const q = ftsQuery(text, 'any');
    if (!q) return [];
    return this.db
      .prepare(
        `SELECT m.candidate_id AS id, -bm25(candidates_fts, 3.0, 2.0, 1.0) AS bm25
         FROM candidates_fts JOIN candidate_fts_map m ON m.fts_rowid = candidates_fts.rowid
         WHERE candidates_fts MATCH ? ORDER BY bm25(candidates_fts, 3.0, 2.0, 1.0) LIMIT ?`,
      )
      .all(q, limit) as KeywordHit[];
  }

  /** Highlighted passages of each candidate's CV for the query words ([…] marks a hit). */
  snippets(ids: string[], text: string): Map<string, string> {
    const out = new Map<string, string>();
    const q = ftsQuery(text, 'any');
    if (!q) return out;
    const stmt = this.db.prepare(
      `SELECT snippet(candidates_fts, 2, '[', ']', '…', 16) AS s FROM candidates_fts JOIN candidate_fts_map m ON m.fts_rowid = candidates_fts.rowid
       WHERE candidates_fts MATCH ? AND m.candidate_id = ?`,
    );
    for (const id of ids) {
      const r = stmt.get(q, id) as { s: string } | undefined;
      if (r?.s) out.set(id, r.s);
    }
    return out;
  }

  /** Skill concept ids per candidate. */
  skills(ids: string[]): Map<string, Set<string>> {
    return this.roster.skills(ids);
  }
}
