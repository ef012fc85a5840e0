import type { Scope } from '../domain/index.js';
import type { Db } from './db.js';
import { ftsQuery } from './fts.js';
import { entityClause } from './scope.js';

/** Exact conditions on candidates, all evaluated in SQL. Soft conditions are not here: they only score. */
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

interface Where {
  sql: string;
  params: (string | number)[];
}

/**
 * Who may appear in a search at all: in the caller's entities, no objection to profiling, and a
 * recruitment consent whose newest record is not withdrawn (`recruitable`, kept by triggers on
 * the consents table). Then the recruiter's exact filters.
 */
export function candidateWhere(scope: Scope, f: CandidateConditions): Where {
  const e = entityClause(scope, 'c.entity');
  const parts = [
    e.sql,
    'c.recruitable = 1',
    'c.objected_at IS NULL',
  ];
  const params: (string | number)[] = [...e.params];
  if (f.minYears !== undefined) {
    parts.push('c.years_experience >= ?');
    params.push(f.minYears);
  }
  if (f.maxYears !== undefined) {
    parts.push('c.years_experience <= ?');
    params.push(f.maxYears);
  }
  for (const concept of f.mustHave ?? []) {
    if (concept.startsWith('text:')) {
      const q = ftsQuery(concept.slice(5), 'all');
      if (!q) continue;
      parts.push(`c.id IN (SELECT m.candidate_id FROM candidates_fts JOIN candidate_fts_map m ON m.fts_rowid = candidates_fts.rowid WHERE candidates_fts MATCH ?)`);
      params.push(q);
    } else {
      parts.push('EXISTS (SELECT 1 FROM candidate_skills s WHERE s.candidate_id = c.id AND s.concept_id = ?)');
      params.push(concept);
    }
  }
  for (const lang of f.languages ?? []) {
    parts.push('EXISTS (SELECT 1 FROM candidate_languages l WHERE l.candidate_id = c.id AND l.lang = ?)');
    params.push(lang);
  }
  if (f.fieldId) {
    parts.push('c.field_id = ?');
    params.push(f.fieldId);
  }
  if (f.location) {
    parts.push("lower(coalesce(c.location, '')) LIKE ? ESCAPE '\\'");
    params.push(`%${f.location.toLowerCase().replace(/[\\%_]/g, (m) => '\\' + m)}%`);
  }
  const not = f.mustNot?.length ? ftsQuery(f.mustNot.join(' '), 'any') : null;
  if (not) {
    parts.push('c.id NOT IN (SELECT m.candidate_id FROM candidates_fts JOIN candidate_fts_map m ON m.fts_rowid = candidates_fts.rowid WHERE candidates_fts MATCH ?)');
    params.push(not);
  }
  return { sql: parts.join(' AND '), params };
}

export interface EligibleRow {
  id: string;
  years: number;
}

export interface KeywordHit {
  id: string;
  /** BM25 from FTS5, made positive: higher is better. */
  bm25: number;
}

export class SearchRepo {
  constructor(private readonly db: Db) {}

  eligible(scope: Scope, f: CandidateConditions): EligibleRow[] {
    const w = candidateWhere(scope, f);
    return this.db.prepare(`SELECT c.id AS id, c.years_experience AS years FROM candidates c WHERE ${w.sql}`).all(...w.params) as EligibleRow[];
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

  /** Skill concept ids per candidate (one query for all of them). */
  skills(ids: string[]): Map<string, Set<string>> {
    const out = new Map<string, Set<string>>(ids.map((id) => [id, new Set<string>()]));
    if (!ids.length) return out;
    const rows = this.db
      .prepare('SELECT candidate_id AS id, concept_id AS concept FROM candidate_skills WHERE candidate_id IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify(ids)) as { id: string; concept: string }[];
    for (const r of rows) out.get(r.id)?.add(r.concept);
    return out;
  }
}
