/**
 * Where the time of one POST /api/search goes: the steps of the route, runSearch and hybridSearch
 * (src/http/search.ts, src/search/run.ts, src/search/hybrid.ts) called one by one on the same
 * data, in the same order and with the same arguments, each timed. The real hybridSearch is timed
 * whole beside them, to show the steps add up.
 */
import { UserRepo } from '../../../src/access/index.js';
import { scopeOfUser, type User } from '../../../src/domain/index.js';
import type { ChunkHit } from '../../../src/embed/aggregate.js';
import type { Embedder } from '../../../src/embed/index.js';
import { SearchRequest } from '../../../src/http/schemas.js';
import { recordSearch } from '../../../src/review/index.js';
import { buildQuery, experienceFit, hybridSearch, skillCoverage, type HybridConfig, type OwnerVectors } from '../../../src/search/index.js';
import { sumParts, weightedParts } from '../../../src/search/score.js';
import { ftsQuery, type CandidateRepo, type Db, type SearchRepo } from '../../../src/store/index.js';
import { contentWords, type Vocabulary } from '../../../src/taxonomy/index.js';
import { latencyOf, type Latency } from './load-test.js';
import type { QueryBody } from './synthetic.js';

export const STAGES = [
  'auth: token lookup',
  'parse: zod + buildQuery',
  'embed query (USE, uncached)',
  'SQL eligible (scope, consent, filters)',
  'keyword FTS5 (BM25 top pool)',
  'vector search (OwnerVectors.search)',
  'rescore: exact chunk scores (vectors from SQLite)',
  'rescore: skills + fuse + sort',
  'snippets (FTS5 per shown candidate)',
  'attach candidates (get + zod per shown)',
  'shortlist draft + audit write',
  'JSON.stringify response',
] as const;
export type Stage = (typeof STAGES)[number];

export interface Breakdown {
  scope: string;
  queries: number;
  /** Per stage over the sample queries. */
  stages: Record<Stage, Latency>;
  /** Sum of stage medians. */
  sumOfMediansMs: number;
  /** The real hybridSearch, timed whole on the same queries (query embedding included). */
  hybridSearchWhole: Latency;
  eligible: Latency;
  poolSize: Latency;
  /** Documents the keyword side's OR query matches in FTS5 (before scope and filters): its cost grows with these. */
  ftsMatches: Latency;
  /** All candidates in the database. */
  candidatesTotal: number;
  plans: Record<string, number>;
}

export interface BreakdownDeps {
  db: Db;
  repo: SearchRepo;
  candidates: CandidateRepo;
  users: UserRepo;
  cvs: OwnerVectors;
  embedder: Embedder;
  vocab: Vocabulary;
  config: HybridConfig;
}

export async function breakdown(d: BreakdownDeps, token: string, bodies: QueryBody[], warmup = 3): Promise<Breakdown> {
  const times = new Map<Stage, number[]>(STAGES.map((s) => [s, []]));
  const whole: number[] = [];
  const eligibleN: number[] = [];
  const poolN: number[] = [];
  const matches: number[] = [];
  const countMatches = d.db.prepare('SELECT count(*) AS n FROM candidates_fts WHERE candidates_fts MATCH ?');
  const plans: Record<string, number> = {};
  let user: User | null = null;
  for (let qi = 0; qi < bodies.length; qi++) {
    const record = qi >= warmup;
    const t: Partial<Record<Stage, number>> = {};
    let at = performance.now();
    const lap = (s: Stage): void => {
      const now = performance.now();
      t[s] = now - at;
      at = now;
    };
    user = d.users.byToken(token);
    lap('auth: token lookup');
    if (!user) throw new Error('bench user not found');
    const scope = scopeOfUser(user);
    const input = SearchRequest.parse(bodies[qi]);
    const q = buildQuery(input, null, d.vocab);
    lap('parse: zod + buildQuery');
    const queryVec = (await d.embedder.embed([q.text], 'query'))[0]!;
    lap('embed query (USE, uncached)');
    const rows = d.repo.eligible(scope, q.filters);
    const years = new Map(rows.map((r) => [r.id, r.years]));
    lap('SQL eligible (scope, consent, filters)');
    // As src/search/hybrid.ts does it: skill labels and content words, the FTS top N, eligible only.
    const keywordText = [...[...q.requiredSkills, ...q.niceSkills].map((s) => s.label.replace(/ \(.*\)$/, '')), ...contentWords(q.text, 30)].join(' ');
    const share = years.size / Math.max(1, d.cvs.candidateCount());
    const fetchN = Math.min(20_000, Math.ceil((d.config.pool * 2) / Math.max(share, 0.01)));
    const kwHits = d.repo.keyword(keywordText, fetchN).filter((h) => years.has(h.id)).slice(0, d.config.pool);
    const maxBm25 = kwHits.reduce((m, h) => Math.max(m, h.bm25), 0);
    const keyword = new Map(kwHits.map((h) => [h.id, maxBm25 > 0 ? h.bm25 / maxBm25 : 0]));
    lap('keyword FTS5 (BM25 top pool)');
    const pool = new Set<string>(kwHits.map((h) => h.id));
    const restricts = years.size < d.cvs.candidateCount();
    const r = d.cvs.search(queryVec, d.config.pool * 4, restricts ? new Set(years.keys()) : null);
    for (const h of r.hits) if (years.has(h.candidateId)) pool.add(h.candidateId);
    if (years.size <= d.config.pool) for (const id of years.keys()) pool.add(id);
    lap('vector search (OwnerVectors.search)');
    const poolIds = [...pool].filter((id) => years.has(id));
    const byCandidate = new Map<string, ChunkHit[]>();
    for (const h of d.cvs.score(queryVec, poolIds)) {
      const list = byCandidate.get(h.candidateId) ?? [];
      list.push(h);
      byCandidate.set(h.candidateId, list);
    }
    lap('rescore: exact chunk scores (vectors from SQLite)');
    const semantic = new Map<string, number>();
    for (const [id, hits] of byCandidate) semantic.set(id, d.config.aggregate(hits).score);
    const asked = q.requiredSkills.length + q.niceSkills.length > 0;
    const skills = asked ? d.repo.skills(poolIds) : new Map<string, Set<string>>();
    const minY = q.soft.minYears ?? q.filters.minYears;
    const maxY = q.soft.maxYears ?? q.filters.maxYears;
    const ranked = poolIds
      .map((id) => {
        const y = years.get(id) ?? 0;
        const parts = weightedParts(
          {
            semantic: semantic.get(id) ?? 0,
            keyword: keyword.get(id) ?? 0,
            coverage: asked ? skillCoverage(skills.get(id) ?? new Set(), q.requiredSkills, q.niceSkills) : null,
            experience: minY !== undefined || maxY !== undefined ? experienceFit(y, minY, maxY) : null,
            years: y,
            expDetail: `${y} years`,
          },
          d.config.weights,
        );
        return { id, parts, score: sumParts(parts) };
      })
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
    lap('rescore: skills + fuse + sort');
    const page = ranked.slice(0, q.limit);
    const snippets = d.repo.snippets(
      page.map((p) => p.id),
      keywordText,
    );
    lap('snippets (FTS5 per shown candidate)');
    const items = page.map((p, i) => {
      const c = d.candidates.get(scope, p.id);
      return { candidateId: p.id, rank: i + 1, score: p.score, parts: p.parts, snippet: snippets.get(p.id) ?? null, candidate: c ? { id: c.id, entity: c.entity, name: c.profile.name, location: c.profile.location } : null };
    });
    lap('attach candidates (get + zod per shown)');
    const shortlistId = recordSearch(d.db, user, scope, { params: input, jobId: null, shown: items, ranking: 'automated' });
    lap('shortlist draft + audit write');
    JSON.stringify({ shortlistId, state: 'draft', ranking: 'automated', total: ranked.length, eligible: years.size, plan: r.plan, items });
    lap('JSON.stringify response');

    const w0 = performance.now();
    await hybridSearch({ repo: d.repo, vectors: d.cvs, embedder: d.embedder, config: d.config }, scope, q);
    const wholeMs = performance.now() - w0;
    if (!record) continue;
    for (const s of STAGES) times.get(s)!.push(t[s] ?? 0);
    whole.push(wholeMs);
    eligibleN.push(years.size);
    poolN.push(poolIds.length);
    const fq = ftsQuery(keywordText, 'any');
    matches.push(fq ? (countMatches.get(fq) as { n: number }).n : 0);
    plans[r.plan] = (plans[r.plan] ?? 0) + 1;
  }
  const stages = Object.fromEntries(STAGES.map((s) => [s, latencyOf(times.get(s)!)])) as Record<Stage, Latency>;
  return {
    scope: user?.entities.join('+') ?? '',
    queries: whole.length,
    stages,
    sumOfMediansMs: STAGES.reduce((a, s) => a + stages[s].p50, 0),
    hybridSearchWhole: latencyOf(whole),
    eligible: latencyOf(eligibleN),
    poolSize: latencyOf(poolN),
    ftsMatches: latencyOf(matches),
    candidatesTotal: (d.db.prepare('SELECT count(*) AS n FROM candidates').get() as { n: number }).n,
    plans,
  };
}
