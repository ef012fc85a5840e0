export { openDb, migrate, type Db } from './db.js';
export { FileStore } from './files.js';
export { CandidateRepo, type NewCandidate } from './candidates.js';
