import { AppError, scopeOfUser, type Job, type User } from '../domain/index.js';
import type { Vocabulary } from '../taxonomy/index.js';
import type { CandidateRepo, JobRepo } from '../store/index.js';
import type { Engine } from './engine.js';
import { buildQuery, type SearchInput } from './query.js';
import type { RankedCandidate, SearchResult } from './types.js';

export interface SearchResponseItem extends RankedCandidate {
  candidate: { id: string; entity: string; name: string | null; location: string | null; field: string | null; language: string } | null;
}

/** One recruiter search as the HTTP API and the CLI both run it: resolve the job, build the query, rank, attach who is who. */
export async function runSearch(
  deps: { engine: Engine; jobs: JobRepo; candidates: CandidateRepo; vocab: Vocabulary; suspended?: (user: User) => boolean },
  user: User,
  input: SearchInput & { jobId?: string },
): Promise<{ job: Job | null; result: SearchResult; items: SearchResponseItem[] }> {
  const scope = scopeOfUser(user);
  let job: Job | null = null;
  if (input.jobId) {
    job = deps.jobs.get(scope, input.jobId);
    if (!job) throw new AppError('not_found', 'No such job.');
  }
  const query = buildQuery(input, job, deps.vocab);
  const result = await deps.engine.search(scope, query, { suspended: deps.suspended?.(user) ?? false });
  const who = deps.candidates.summaries(scope, result.items.map((it) => it.candidateId));
  const items = result.items.map((it) => ({ ...it, candidate: who.get(it.candidateId) ?? null }));
  return { job, result, items };
}
