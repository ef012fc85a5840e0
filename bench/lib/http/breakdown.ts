/**
 * Where the time of one POST /api/search goes: the route's own steps (auth, parse, attach,
 * shortlist + audit, JSON) timed here, and the steps inside the real hybridSearch reported by its
 * `trace` hook — so the split measures the product's code, not a copy of it. The query embedding
 * and the keyword query run on worker threads while this thread waits and searches the vectors, so
 * "embed" and "keyword" are the waits left; the embedding alone is timed separately (not summed).
 */
import { UserRepo } from '../../../src/access/index.js';
import { scopeOfUser, type User } from '../../../src/domain/index.js';
import type { Embedder } from '../../../src/embed/index.js';
import { SearchRequest } from '../../../src/http/schemas.js';
import { recordSearch } from '../../../src/review/index.js';
import { buildQuery, hybridSearch, SEARCH_STEPS, type HybridConfig, type OwnerVectors, type SearchStep } from '../../../src/search/index.js';
import { ftsQuery, type CandidateRepo, type Db, type SearchRepo } from '../../../src/store/index.js';
import { contentWords, type Vocabulary } from '../../../src/taxonomy/index.js';
import { latencyOf, type Latency } from './load-test.js';
import type { QueryBody } from './synthetic.js';

const STEP_LABEL: Record<SearchStep, string> = {
  eligible: 'eligible (roster: scope, consent, filters)',
  embed: 'embed query (wait; keyword query runs meanwhile)',
  keyword: 'keyword FTS5 (wait left after vector search)',
  vector: 'vector search (OwnerVectors.search)',
  rescore: 'rescore: exact chunk scores',
  skills: 'skills of the pool (roster)',
  fuse: 'score parts + fuse + sort',
  snippets: 'snippets (FTS5 per shown candidate)',
};

export const STAGES = [
  'auth: token lookup',
  'parse: zod + buildQuery',
  ...SEARCH_STEPS.map((s) => STEP_LABEL[s]),
  'attach candidates (one query for the page)',
  'shortlist draft + audit write',
  'JSON.stringify response',
] as const;
export type Stage = string;

export interface Breakdown {
  scope: string;
  queries: number;
  /** Per stage over the sample queries. */
  stages: Record<Stage, Latency>;
  /** Sum of stage medians. */
  sumOfMediansMs: number;
  /** The real hybridSearch, timed whole (query embedding included). */
  hybridSearchWhole: Latency;
  /** The query embedding alone, uncached, on the same queries (overlaps the keyword side in the route). */
  embedAlone: Latency;
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
  const embedAlone: number[] = [];
  const eligibleN: number[] = [];
  const poolN: number[] = [];
  const matches: number[] = [];
  const countMatches = d.db.prepare('SELECT count(*) AS n FROM candidates_fts WHERE candidates_fts MATCH ?');
  const plans: Record<string, number> = {};
  let user: User | null = null;
  for (let qi = 0; qi < bodies.length; qi++) {
    const record = qi >= warmup;
    const t = new Map<Stage, number>();
    let at = performance.now();
    const lap = (s: Stage): void => {
      const now = performance.now();
      t.set(s, now - at);
      at = now;
    };
    user = d.users.byToken(token);
    lap('auth: token lookup');
    if (!user) throw new Error('bench user not found');
    const scope = scopeOfUser(user);
    const input = SearchRequest.parse(bodies[qi]);
    const q = buildQuery(input, null, d.vocab);
    lap('parse: zod + buildQuery');
    const w0 = performance.now();
    const result = await hybridSearch({ repo: d.repo, vectors: d.cvs, embedder: d.embedder, config: d.config }, scope, q, {
      trace: (step, ms) => t.set(STEP_LABEL[step], ms),
    });
    const wholeMs = performance.now() - w0;
    at = performance.now();
    const who = d.candidates.summaries(scope, result.items.map((it) => it.candidateId));
    const items = result.items.map((it) => ({ ...it, candidate: who.get(it.candidateId) ?? null }));
    lap('attach candidates (one query for the page)');
    const shortlistId = recordSearch(d.db, user, scope, { params: input, jobId: null, shown: items, ranking: 'automated' });
    lap('shortlist draft + audit write');
    JSON.stringify({ shortlistId, state: 'draft', ranking: 'automated', total: result.total, eligible: result.eligible, plan: result.plan, items });
    lap('JSON.stringify response');

    const e0 = performance.now();
    await d.embedder.embed([q.text], 'query');
    const embedMs = performance.now() - e0;
    if (!record) continue;
    for (const s of STAGES) times.get(s)!.push(t.get(s) ?? 0);
    whole.push(wholeMs);
    embedAlone.push(embedMs);
    eligibleN.push(result.eligible);
    poolN.push(result.total);
    const keywordText = [...[...q.requiredSkills, ...q.niceSkills].map((s) => s.label.replace(/ \(.*\)$/, '')), ...contentWords(q.text, 30)].join(' ');
    const fq = ftsQuery(keywordText, 'any');
    matches.push(fq ? (countMatches.get(fq) as { n: number }).n : 0);
    plans[result.plan.vector] = (plans[result.plan.vector] ?? 0) + 1;
  }
  const stages = Object.fromEntries(STAGES.map((s) => [s, latencyOf(times.get(s)!)])) as Record<Stage, Latency>;
  return {
    scope: user?.entities.join('+') ?? '',
    queries: whole.length,
    stages,
    sumOfMediansMs: STAGES.reduce((a, s) => a + stages[s]!.p50, 0),
    hybridSearchWhole: latencyOf(whole),
    embedAlone: latencyOf(embedAlone),
    eligible: latencyOf(eligibleN),
    poolSize: latencyOf(poolN),
    ftsMatches: latencyOf(matches),
    candidatesTotal: (d.db.prepare('SELECT count(*) AS n FROM candidates').get() as { n: number }).n,
    plans,
  };
}
