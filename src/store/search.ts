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

/** Selections kept for reuse (each a bitmap over the roster: 100 KiB at 100k CVs). */
const SELECTION_CACHE = 32;

/** Which query the keyword side ran (see SearchRepo.keyword). */
export type KeywordMode = 'none' | 'rare-words' | 'any' | 'all-common' | 'two-rarest';

/**
 * A word in more than this share of all CVs, and in more than COMMON_MIN_DOCS of them, is common
 * (the keyword side retrieves by the rarer ones). The floor keeps small databases — where every
 * query is cheap anyway — on the plain OR query: on the 96-CV relevance corpus a share alone of
 * 0.1 cost keyword-only nDCG@10 0.958 → 0.931, and 0.05 → 0.778.
 */
export const COMMON_SHARE = 0.1;
export const COMMON_MIN_DOCS = 2000;

/** The distinct lower-cased words of a query, as ftsQuery reads them. */
function queryWords(text: string): string[] {
  const q = ftsQuery(text, 'any');
  return q ? q.split(' OR ').map((w) => w.slice(1, -1).replace(/""/g, '"')) : [];
}

export interface KeywordHit {
  id: string;
  /** BM25 from FTS5, made positive: higher is better. */
  bm25: number;
}

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

  /**
   * BM25-ranked keyword hits (titles weigh 3, skills 2, text 1), best first, from the FTS top
   * `limit` alone (the caller keeps only eligible ids — joining every match to the candidates table
   * before sorting cost 10× more at 100k CVs).
   *
   * FTS5 scores every document an OR query matches, so its cost follows the commonest word: at
   * 100k CVs a query with "office" (in 36% of CVs) took 37 ms, one of rare words 1–3 ms. As in
   * Lucene's common-terms query, words in more than COMMON_SHARE of the CVs are "common": when the
   * query has rare words, the rare words alone retrieve and score (a common word's BM25 weight is
   * small: idf ≈ 1 at 36% against ≈ 5 at 0.5%; the asked skills are scored exactly by the skills
   * part anyway). When every word is common, CVs must have all of
   * them (AND, cheap: FTS5 walks the shortest list), and if that finds fewer than `limit`, either
   * of the two rarest words will do. `mode` says which one answered.
   */
  keyword(text: string, limit: number): { hits: KeywordHit[]; mode: KeywordMode; words: string[] } {
    const words = queryWords(text);
    if (!words.length) return { hits: [], mode: 'none', words };
    this.roster.refresh();
    const cutoff = Math.max(this.commonShare * this.roster.size, COMMON_MIN_DOCS);
    const df = new Map(words.map((w) => [w, this.docFrequency(w)]));
    const rare = words.filter((w) => df.get(w)! <= cutoff);
    if (rare.length === words.length) return { hits: this.bm25(ftsQuery(words.join(' '), 'any')!, limit), mode: 'any', words };
    if (rare.length) return { hits: this.bm25(ftsQuery(rare.join(' '), 'any')!, limit), mode: 'rare-words', words: rare };
    const all = this.bm25(ftsQuery(words.join(' '), 'all')!, limit);
    if (all.length >= limit || words.length === 1) return { hits: all, mode: 'all-common', words };
    // Too few CVs have every common word: the two rarest of them, either one.
    const two = [...words].sort((a, b) => df.get(a)! - df.get(b)!).slice(0, 2);
    return { hits: this.bm25(ftsQuery(two.join(' '), 'any')!, limit), mode: 'two-rarest', words: two };
  }

  private bm25(q: string, limit: number): KeywordHit[] {
    return this.db
      .prepare(
        `SELECT m.candidate_id AS id, -bm25(candidates_fts, 3.0, 2.0, 1.0) AS bm25
         FROM candidates_fts JOIN candidate_fts_map m ON m.fts_rowid = candidates_fts.rowid
         WHERE candidates_fts MATCH ? ORDER BY bm25(candidates_fts, 3.0, 2.0, 1.0) LIMIT ?`,
      )
      .all(q, limit) as KeywordHit[];
  }

  private vocab = false;

  /**
   * In how many CVs a query word occurs (FTS5's own term statistics, through an fts5vocab table
   * on this connection). A word the tokenizer would split (c++, node.js) counts as rare.
   */
  private docFrequency(word: string): number {
    const term = word.normalize('NFD').replace(/\p{M}/gu, '');
    if (!/^[\p{L}\p{N}]+$/u.test(term)) return 0;
    if (!this.vocab) {
      this.db.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.candidates_fts_terms USING fts5vocab(main, candidates_fts, row)');
      this.vocab = true;
    }
    return (this.db.prepare('SELECT doc FROM temp.candidates_fts_terms WHERE term = ?').pluck().get(term) as number | undefined) ?? 0;
  }

  /** Highlighted passages of each candidate's CV for the query words ([…] marks a hit). */
  snippets(ids: string[], text: string): Map<string, string> {
    const out = new Map<string, string>();
    const q = ftsQuery(text, 'any');
    if (!q) return out;
    // FTS5 finds one row by rowid cheaply; `m.candidate_id = ?` made it evaluate the whole MATCH first.
    const rowid = this.db.prepare('SELECT fts_rowid FROM candidate_fts_map WHERE candidate_id = ?').pluck();
    const stmt = this.db.prepare(`SELECT snippet(candidates_fts, 2, '[', ']', '…', 16) AS s FROM candidates_fts WHERE candidates_fts MATCH ? AND rowid = ?`);
    for (const id of ids) {
      const r = rowid.get(id) as number | undefined;
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
