/**
 * Hybrid search, read top to bottom:
 *   1. eligible   — who may appear at all (scope, consent, objection) and the exact filters, on the
 *                   store's in-memory roster (refreshed from SQLite's change feed first);
 *   2. retrieve   — vector top-k (HNSW, or exact over the subset when the filter is selective)
 *                   plus keyword hits (FTS5 BM25), both among the eligible only;
 *   3. rescore    — every retrieved candidate gets exact chunk similarities, keyword relevance,
 *                   skill coverage and experience fit;
 *   4. fuse       — a weighted sum of named parts, or reciprocal-rank fusion of the part rankings;
 *   5. explain    — matched and missing skills and a highlighted snippet, from the same objects.
 */
import type { Scope } from '../domain/index.js';
import type { Aggregator, ChunkHit } from '../embed/aggregate.js';
import type { SearchRepo } from '../store/index.js';
import { contentWords } from '../taxonomy/index.js';
import { experienceFit, skillCoverage, sumParts, weightedParts, type Coverage } from './score.js';
import type { FusionMode, RankedCandidate, ScorePart, SearchQuery, SearchResult, Weights } from './types.js';

/**
 * Most keyword hits fetched before eligibility filtering. At 100k CVs, 60 queries with a
 * must-have skill (4–6% of the CVs eligible) gave the same top 20 with 5,000 as with 20,000
 * (overlap 1.000 in both scopes), and the keyword wait fell from 22.8 to 15.9 ms.
 */
const MAX_KEYWORD_FETCH = 5_000;

/** A set of candidate ids (a Set, or the store's Selection). */
export interface IdSet extends Iterable<string> {
  readonly size: number;
  has(id: string): boolean;
}

export interface VectorSide {
  /** Chunk hits for a query vector among the allowed candidates (null: no restriction). */
  search(query: Float32Array, k: number, allowed: IdSet | null): { hits: ChunkHit[]; plan: string };
  /** Exact similarities of all chunks of these candidates. */
  score(query: Float32Array, candidateIds: readonly string[]): ChunkHit[];
  /** How many candidates have vectors (to tell whether a filter restricts anything). */
  candidateCount(): number;
}

export interface QueryEmbedder {
  embed(texts: readonly string[], kind?: 'query' | 'passage'): Promise<Float32Array[]>;
}

export interface HybridConfig {
  aggregate: Aggregator;
  weights: Weights;
  fusion: FusionMode;
  /** k of reciprocal-rank fusion. */
  rrfK: number;
  /** How many candidates each retriever contributes before rescoring. */
  pool: number;
  /** How many chunk hits the vector side fetches (a candidate has ~2 chunks); default pool × 4. */
  vectorChunks?: number;
  /** Most FTS hits fetched before keeping the eligible ones (default MAX_KEYWORD_FETCH). */
  maxKeywordFetch?: number;
}

export interface HybridDeps {
  repo: SearchRepo;
  vectors: VectorSide | null;
  embedder: QueryEmbedder | null;
  config: HybridConfig;
}

interface Scored {
  id: string;
  years: number;
  semantic: number | null;
  bestChunk: { kind: string; ordinal: number } | null;
  keyword: number | null;
  coverage: Coverage | null;
  experience: number | null;
  expDetail: string;
}

/** Names of the steps `trace` reports, in order. */
export const SEARCH_STEPS = ['eligible', 'embed', 'vector', 'keyword', 'rescore', 'skills', 'fuse', 'snippets'] as const;
export type SearchStep = (typeof SEARCH_STEPS)[number];

export interface SearchOptions {
  suspended?: boolean;
  /** Called with each step's duration in ms (benches; costs nothing when absent). */
  trace?: (step: SearchStep, ms: number) => void;
}

export async function hybridSearch(deps: HybridDeps, scope: Scope, q: SearchQuery, opts: SearchOptions = {}): Promise<SearchResult> {
  const { repo, config } = deps;
  let mark = opts.trace ? performance.now() : 0;
  const step = (name: SearchStep): void => {
    if (!opts.trace) return;
    const now = performance.now();
    opts.trace(name, now - mark);
    mark = now;
  };
  // 1. eligible
  const eligible = repo.eligible(scope, q.filters);
  const yearsOf = (id: string): number => eligible.years(id) ?? 0;
  step('eligible');
  const offset = (q.page - 1) * q.limit;
  if (opts.suspended) {
    // Automated ranking is suspended for this scope: the filtered list, in a neutral order, no scores.
    const ids = [...eligible].sort();
    const items = ids.slice(offset, offset + q.limit).map((id, i) => unranked(id, offset + i + 1, yearsOf(id)));
    return { total: ids.length, eligible: ids.length, items, ranking: 'suspended', plan: { vector: 'none', keyword: 'none', keywordHits: 0, vectorHits: 0, fusion: config.fusion } };
  }

  // 2. retrieve
  // Three things at once: the query is embedded (on the embedder's worker thread), the keyword
  // query runs (on the store's worker thread, or here), and then the vectors are searched here.
  const embedding = deps.vectors && deps.embedder && q.text.trim() && eligible.size ? deps.embedder.embed([q.text], 'query') : null;
  embedding?.catch(() => undefined); // a failure surfaces at the await below, not as an unhandled rejection
  // Let the embedder's first steps (cache lookup, message to its worker) run before the synchronous
  // keyword query holds this thread; without this the worker only started after it (measured: the
  // wait for the embedding after the keyword side was 7–11 ms, about the whole embedding).
  if (embedding) await new Promise<void>((resolve) => setImmediate(resolve));
  // Keyword side: the asked skills and the text's content words (no stop words), the FTS top N
  // where N grows as the eligible share shrinks, then only the eligible are kept.
  const skillWords = [...q.requiredSkills, ...q.niceSkills].map((s) => s.label.replace(/ \(.*\)$/, ''));
  const keywordText = [...skillWords, ...contentWords(q.text, 30)].join(' ');
  const share = eligible.size / Math.max(1, deps.vectors?.candidateCount() ?? eligible.size);
  const fetch = Math.min(config.maxKeywordFetch ?? MAX_KEYWORD_FETCH, Math.ceil((config.pool * 2) / Math.max(share, 0.01)));
  // The keyword query runs on the store's worker thread when it has one (else here, at once),
  // while this thread waits for the embedding and searches the vectors.
  const kwRun = eligible.size ? repo.keywordAsync(keywordText, fetch) : Promise.resolve({ hits: [], mode: 'none' as const, words: [] });
  kwRun.catch(() => undefined);

  let queryVec: Float32Array | null = null;
  let vectorPlan = 'none';
  const vectorHits: string[] = [];
  if (embedding && deps.vectors) {
    queryVec = (await embedding)[0] ?? null;
    step('embed');
    const restricts = eligible.size < deps.vectors.candidateCount();
    const r = deps.vectors.search(queryVec ?? new Float32Array(0), config.vectorChunks ?? config.pool * 4, restricts ? eligible : null);
    vectorPlan = r.plan;
    for (const h of r.hits) if (eligible.has(h.candidateId)) vectorHits.push(h.candidateId);
    step('vector');
  }
  const kw = await kwRun;
  const kwHits = kw.hits.filter((h) => eligible.has(h.id)).slice(0, config.pool);
  const maxBm25 = kwHits.reduce((m, h) => Math.max(m, h.bm25), 0);
  const keyword = new Map(kwHits.map((h) => [h.id, maxBm25 > 0 ? h.bm25 / maxBm25 : 0]));
  const pool = new Set<string>([...kwHits.map((h) => h.id), ...vectorHits]);
  step('keyword');
  // A small eligible set is analysed whole.
  if (eligible.size <= config.pool) for (const id of eligible) pool.add(id);
  // With no text there is nothing to retrieve by: every eligible candidate is scored on skills and experience.
  if (!q.text.trim() && pool.size === 0) for (const id of eligible) pool.add(id);

  // 3. rescore
  const poolIds = [...pool].filter((id) => eligible.has(id));
  const semantic = new Map<string, { score: number; chunk: { kind: string; ordinal: number } | null }>();
  if (queryVec && deps.vectors) {
    const byCandidate = new Map<string, ChunkHit[]>();
    for (const h of deps.vectors.score(queryVec, poolIds)) {
      const list = byCandidate.get(h.candidateId) ?? [];
      list.push(h);
      byCandidate.set(h.candidateId, list);
    }
    for (const [id, hits] of byCandidate) {
      const agg = config.aggregate(hits);
      const best = hits.reduce((a, b) => (b.score > a.score ? b : a));
      semantic.set(id, { score: agg.score, chunk: { kind: best.kind, ordinal: best.ordinal } });
    }
  }
  step('rescore');
  const asked = q.requiredSkills.length + q.niceSkills.length > 0;
  const skills = asked ? repo.skills(poolIds) : new Map<string, Set<string>>();
  step('skills');
  const minY = q.soft.minYears ?? q.filters.minYears;
  const maxY = q.soft.maxYears ?? q.filters.maxYears;
  const scored: Scored[] = poolIds.map((id) => {
    const y = yearsOf(id);
    const sem = semantic.get(id);
    const hasYears = minY !== undefined || maxY !== undefined;
    return {
      id,
      years: y,
      semantic: queryVec ? (sem?.score ?? 0) : null,
      bestChunk: sem?.chunk ?? null,
      keyword: q.text.trim() || asked ? (keyword.get(id) ?? 0) : null,
      coverage: asked ? skillCoverage(skills.get(id) ?? new Set(), q.requiredSkills, q.niceSkills) : null,
      experience: hasYears ? experienceFit(y, minY, maxY) : null,
      expDetail: `${y} years of experience${minY !== undefined ? `, asked at least ${minY}` : ''}${maxY !== undefined ? `, at most ${maxY}` : ''}`,
    };
  });

  // 4. fuse
  const ranked = config.fusion === 'rrf' ? fuseRrf(scored, config) : scored.map((s) => withParts(s, weightedParts({ ...s }, config.weights)));
  ranked.sort((a, b) => b.score - a.score || (a.s.id < b.s.id ? -1 : 1));
  step('fuse');

  // 5. explain (only the page shown)
  const page = ranked.slice(offset, offset + q.limit);
  const snippets = repo.snippets(page.map((r) => r.s.id), keywordText);
  step('snippets');
  const items: RankedCandidate[] = page.map((r, i) => ({
    candidateId: r.s.id,
    rank: offset + i + 1,
    score: round(r.score),
    parts: r.parts.map((p) => ({ ...p, value: round(p.value), contribution: round(p.contribution) })),
    matchedSkills: r.s.coverage?.matched ?? [],
    missingSkills: r.s.coverage?.missing ?? [],
    years: r.s.years,
    snippet: snippets.get(r.s.id) ?? null,
    bestChunk: r.s.bestChunk,
  }));
  return {
    total: ranked.length,
    eligible: eligible.size,
    items,
    ranking: 'automated',
    plan: { vector: vectorPlan, keyword: kw.mode, keywordHits: kwHits.length, vectorHits: semantic.size, fusion: config.fusion },
  };
}

function withParts(s: Scored, parts: ScorePart[]): { s: Scored; parts: ScorePart[]; score: number } {
  return { s, parts, score: sumParts(parts) };
}

/** Reciprocal-rank fusion: each part ranks the pool; a candidate scores Σ weight / (k + rank). */
function fuseRrf(scored: Scored[], config: HybridConfig): { s: Scored; parts: ScorePart[]; score: number }[] {
  const names = ['semantic', 'keyword', 'skills', 'experience'] as const;
  const value = (s: Scored, n: (typeof names)[number]): number | null =>
    n === 'semantic' ? s.semantic : n === 'keyword' ? s.keyword : n === 'skills' ? (s.coverage?.value ?? null) : s.experience;
  const ranks = new Map<string, Map<string, number>>();
  for (const n of names) {
    const withValue = scored.filter((s) => value(s, n) !== null).sort((a, b) => value(b, n)! - value(a, n)!);
    const m = new Map<string, number>();
    let rank = 0;
    let prev: number | null = null;
    withValue.forEach((s, i) => {
      const v = value(s, n)!;
      if (v !== prev) rank = i + 1;
      prev = v;
      m.set(s.id, rank);
    });
    ranks.set(n, m);
  }
  return scored.map((s) => {
    const parts: ScorePart[] = [];
    for (const n of names) {
      const v = value(s, n);
      const r = ranks.get(n)!.get(s.id);
      const w = config.weights[n];
      if (v === null || r === undefined || w === 0) continue;
      const c = w / (config.rrfK + r);
      parts.push({ name: n, value: Math.max(0, Math.min(1, v)), weight: w, contribution: c, detail: `rank ${r} by ${n}` });
    }
    return { s, parts, score: sumParts(parts) };
  });
}

function unranked(id: string, rank: number, years: number): RankedCandidate {
  return { candidateId: id, rank, score: 0, parts: [], matchedSkills: [], missingSkills: [], years, snippet: null, bestChunk: null };
}

const round = (v: number): number => Math.round(v * 10_000) / 10_000;
