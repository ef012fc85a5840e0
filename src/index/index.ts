/** The HNSW vector index: one named index per kind of vector ('cv-chunks', 'jobs'). */
export { VectorIndex, type VectorIndexConfig } from './vector-index.js';
export { openVectorIndex, type OpenOptions, type OpenResult } from './open.js';
export { choosePlan, overfetchK, DEFAULT_LIMITS, type PlannerLimits } from './planner.js';
export { ManifestSchema, type Manifest } from './manifest.js';
export { pathsFor } from './files.js';
export * from './params.js';
export type * from './types.js';
