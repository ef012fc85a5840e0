export { openDb, migrate, type Db } from './db.js';
export { FileStore } from './files.js';
export { CandidateRepo, type NewCandidate, type ConsentPurpose } from './candidates.js';
export { JobRepo, type NewJob } from './jobs.js';
export { entityClause } from './scope.js';
export { ftsQuery } from './fts.js';
export { VectorRepo, indexNameOf, type OwnerKind, type ChunkVector, type StoredVector } from './vectors.js';
export { SearchRepo, candidateWhere, type CandidateConditions, type EligibleRow, type KeywordHit } from './search.js';
export { ShortlistRepo, type ShortlistState, type ShortlistRow, type NewShortlistItem, type DecisionRow } from './shortlists.js';
