/**
 * Keyword retrieval: BM25-ranked hits from SQLite FTS5 (titles weigh 3, skills 2, text 1), best
 * first, the FTS top `limit` alone, as FTS rowids — the caller maps them to candidates on its
 * roster and keeps only the eligible (joining every match to the candidates table before sorting
 * cost 10× more at 100k CVs; even the join to candidate_fts_map cost ~3 of 9.6 ms for 1,200 hits).
 * Plain functions of a connection, so the server can run them on a worker thread's own read-only
 * connection (keyword-thread.ts).
 *
 * FTS5 scores every document an OR query matches, so its cost follows the commonest word: at 100k
 * CVs a query with "office" (in 36% of CVs) took 37 ms, one of rare words 1–3 ms. As in Lucene's
 * common-terms query, words in more than COMMON_SHARE of the CVs (and more than COMMON_MIN_DOCS)
 * are "common": when the query has rare words, the rare words alone retrieve and score (a common
 * word's BM25 weight is small: idf ≈ 1 at 36% against ≈ 5 at 0.5%; the asked skills are scored
 * exactly by the skills part anyway). When every word is common, CVs must have all of them (AND,
 * cheap: FTS5 walks the shortest list), and if that finds fewer than `limit`, either of the two
 * rarest words will do. `mode` says which one answered. Measured at 100k in
 * bench/results/search-variants.md.
 */
import type { Db } from './db.js';
import { ftsQuery } from './fts.js';

/** Which query the keyword side ran. */
export type KeywordMode = 'none' | 'rare-words' | 'any' | 'all-common' | 'two-rarest';

/**
 * A word in more than this share of all CVs, and in more than COMMON_MIN_DOCS of them, is common.
 * The floor keeps small databases — where every query is cheap anyway — on the plain OR query: on
 * the 96-CV relevance corpus a share alone of 0.1 cost keyword-only nDCG@10 0.958 → 0.931, and
 * 0.05 → 0.778.
 */
export const COMMON_SHARE = 0.1;
export const COMMON_MIN_DOCS = 2000;

export interface KeywordHit {
  id: string;
  /** BM25 from FTS5, made positive: higher is better. */
  bm25: number;
}

/** A hit as FTS5 returns it: the row of the CV's full text. */
export interface KeywordRow {
  rowid: number;
  bm25: number;
}

export interface KeywordResult<H = KeywordRow> {
  hits: H[];
  mode: KeywordMode;
  /** The words the query ran with. */
  words: string[];
}

export interface KeywordOptions {
  /** CVs in the database (for the common-word share). */
  total: number;
  commonShare: number;
}

export function keywordSearch(db: Db, text: string, limit: number, o: KeywordOptions): KeywordResult {
  const words = queryWords(text);
  if (!words.length) return { hits: [], mode: 'none', words };
  const cutoff = Math.max(o.commonShare * o.total, COMMON_MIN_DOCS);
  const df = new Map(words.map((w) => [w, docFrequency(db, w)]));
  const rare = words.filter((w) => df.get(w)! <= cutoff);
  if (rare.length === words.length) return { hits: bm25(db, ftsQuery(words.join(' '), 'any')!, limit), mode: 'any', words };
  if (rare.length) return { hits: bm25(db, ftsQuery(rare.join(' '), 'any')!, limit), mode: 'rare-words', words: rare };
  const all = bm25(db, ftsQuery(words.join(' '), 'all')!, limit);
  if (all.length >= limit || words.length === 1) return { hits: all, mode: 'all-common', words };
  // Too few CVs have every common word: the two rarest of them, either one.
  const two = [...words].sort((a, b) => df.get(a)! - df.get(b)!).slice(0, 2);
  return { hits: bm25(db, ftsQuery(two.join(' '), 'any')!, limit), mode: 'two-rarest', words: two };
}

/** The distinct lower-cased words of a query, as ftsQuery reads them. */
function queryWords(text: string): string[] {
  const q = ftsQuery(text, 'any');
  return q ? q.split(' OR ').map((w) => w.slice(1, -1).replace(/""/g, '"')) : [];
}

function bm25(db: Db, q: string, limit: number): KeywordRow[] {
  return db
    .prepare(
      `SELECT rowid, -bm25(candidates_fts, 3.0, 2.0, 1.0) AS bm25
       FROM candidates_fts WHERE candidates_fts MATCH ? ORDER BY bm25(candidates_fts, 3.0, 2.0, 1.0) LIMIT ?`,
    )
    .all(q, limit) as KeywordRow[];
}

const withVocab = new WeakSet<Db>();

/**
 * In how many CVs a query word occurs (FTS5's own term statistics, through an fts5vocab table in
 * the connection's temp schema). A word the tokenizer would split (c++, node.js) counts as rare.
 */
function docFrequency(db: Db, word: string): number {
  const term = word.normalize('NFD').replace(/\p{M}/gu, '');
  if (!/^[\p{L}\p{N}]+$/u.test(term)) return 0;
  if (!withVocab.has(db)) {
    db.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.candidates_fts_terms USING fts5vocab(main, candidates_fts, row)');
    withVocab.add(db);
  }
  return (db.prepare('SELECT doc FROM temp.candidates_fts_terms WHERE term = ?').pluck().get(term) as number | undefined) ?? 0;
}
