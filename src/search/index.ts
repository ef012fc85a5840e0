export { Engine } from './engine.js';
export { OwnerVectors } from './owner-vectors.js';
export { hybridSearch, SEARCH_STEPS, type HybridConfig, type IdSet, type SearchOptions, type SearchStep, type VectorSide, type QueryEmbedder } from './hybrid.js';
export { experienceFit, skillCoverage } from './score.js';
export * from './types.js';
export { buildQuery, type SearchInput } from './query.js';
export { runSearch, type SearchResponseItem } from './run.js';
