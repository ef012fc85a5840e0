/** Local sentence embeddings: backends, chunking, caching, worker, aggregation. */
export type { Embedder, EmbedKind } from './types.js';
export { DEFAULT_BATCH_SIZE } from './types.js';
export { createEmbedder, type CreateEmbedderOptions } from './factory.js';
export { embedderConfigSchema, type EmbedderConfig, type BackendConfig } from './config.js';
export { createUseEmbedder, useModelId, USE_DIMENSION } from './use.js';
export { createTransformersEmbedder, expectedModelFiles, type TransformersEmbedderOptions, type PrefixMode } from './transformers.js';
export { CachedEmbedder, LruVectorCache, cacheKey, type VectorCache, type CacheStats } from './cache.js';
export { WorkerEmbedder, type WorkerEmbedderOptions } from './worker-embedder.js';
export type { Isolation } from './worker-host.js';
export {
  profileChunks,
  jobChunks,
  truncateWords,
  DEFAULT_MAX_WORDS,
  type Chunk,
  type ChunkKind,
  type ChunkOptions,
  type JobInput,
  type JobChunk,
  type JobChunkKind,
  type JobChunkOptions,
} from './chunk.js';
export { englishTitle } from './titles.js';
export {
  maxAggregator,
  meanTopKAggregator,
  weightedAggregator,
  softmaxAggregator,
  aggregatorByName,
  aggregatorGrid,
  aggregateCandidates,
  type Aggregator,
  type Aggregation,
  type AggregationPart,
  type ChunkScore,
  type ChunkHit,
  type CandidateScore,
  type NamedAggregator,
  type WeightedOptions,
} from './aggregate.js';
export { ndcgAtK, rankAggregators, type AggregatorResult } from './measure.js';
export { cosine, dot, l2normalize } from './vector.js';
