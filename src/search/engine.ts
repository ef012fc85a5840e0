import type { Candidate, Job, Scope } from '../domain/index.js';
import { jobChunks, profileChunks, type Embedder } from '../embed/index.js';
import type { SearchRepo } from '../store/index.js';
import { hybridSearch, type HybridConfig, type SearchOptions } from './hybrid.js';
import type { OwnerVectors } from './owner-vectors.js';
import type { SearchQuery, SearchResult } from './types.js';

/**
 * The engine: embeds CVs and jobs into their indexes and answers searches. One instance per
 * process, shared by the HTTP server and the CLI.
 */
export class Engine {
  constructor(
    readonly deps: {
      embedder: Embedder;
      cvs: OwnerVectors;
      jobs: OwnerVectors;
      repo: SearchRepo;
      config: HybridConfig;
    },
  ) {}

  async indexCandidate(c: Pick<Candidate, 'id' | 'profile'>): Promise<void> {
    const chunks = profileChunks(c.profile);
    const vectors = await this.deps.embedder.embed(chunks.map((ch) => ch.text), 'passage');
    this.deps.cvs.put(c.id, chunks.map((ch, i) => ({ chunkKind: ch.kind, ordinal: ch.ordinal, vector: vectors[i]! })));
  }

  async indexJob(j: Job): Promise<void> {
    const chunks = jobChunks({ title: j.title, description: j.description, skills: [...j.requiredSkills, ...j.niceSkills].map((s) => s.label), field: j.field?.label ?? null });
    const vectors = await this.deps.embedder.embed(chunks.map((ch) => ch.text), 'passage');
    this.deps.jobs.put(j.id, chunks.map((ch, i) => ({ chunkKind: ch.kind, ordinal: ch.ordinal, vector: vectors[i]! })));
  }

  search(scope: Scope, q: SearchQuery, opts: SearchOptions = {}): Promise<SearchResult> {
    return hybridSearch({ repo: this.deps.repo, vectors: this.deps.cvs, embedder: this.deps.embedder, config: this.deps.config }, scope, q, opts);
  }

  async save(): Promise<void> {
    await this.deps.cvs.save();
    await this.deps.jobs.save();
  }
}
