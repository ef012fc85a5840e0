import { AppError } from '../domain/index.js';
import { CachedEmbedder, type VectorCache } from './cache.js';
import { embedderConfigSchema, type EmbedderConfig } from './config.js';
import { createLocalEmbedder } from './local.js';
import type { Embedder } from './types.js';
import { WorkerEmbedder } from './worker-embedder.js';

export interface CreateEmbedderOptions {
  /** Wrap the embedder in a CachedEmbedder backed by this cache. */
  cache?: VectorCache;
}

/**
 * Builds the configured embedder: 'use' (USE lite, shipped in npm, 512 dims, English) or
 * 'transformers' (a model folder in modelsDir), in-process or in a worker thread, optionally cached.
 */
export async function createEmbedder(cfg: EmbedderConfig, opts: CreateEmbedderOptions = {}): Promise<Embedder> {
  const parsed = embedderConfigSchema.safeParse(cfg);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`).join('; ');
    throw new AppError('validation_failed', `Invalid embedder config: ${problems}`);
  }
  const { worker, ...backend } = parsed.data;
  const embedder = worker ? await WorkerEmbedder.start(backend) : await createLocalEmbedder(backend);
  return opts.cache ? new CachedEmbedder(embedder, opts.cache, backend.batchSize) : embedder;
}
