import { appendAudit } from '../audit/index.js';
import { AppError, type Profile } from '../domain/index.js';
import type { CandidateRepo, Db, FileStore } from '../store/index.js';
import { pseudonymOf } from './pseudonym.js';

export interface EraseDeps {
  db: Db;
  candidates: CandidateRepo;
  files: FileStore;
  /** The CV-chunk vectors (OwnerVectors): removes them from the store and marks them deleted in the index. */
  cvIndex: { removeOwner(ownerId: string): void };
  pseudonymKey: Buffer;
  /** Drops cached vectors of the profile's chunk texts (optional). */
  forgetCached?(profile: Profile): void;
}

export interface Erasure {
  pseudonym: string;
  erasedAt: string;
  fileRemoved: boolean;
}

/**
 * Erasure (GDPR Art. 17). In one transaction: the full-text row, shortlist items and the candidate
 * row (cascading skills, languages, consents, tokens, equality answers), an `erasures` row and an
 * audit event, both naming only the pseudonym; the vectors go last in it (store rows, and marked
 * deleted in the index at once). After the commit the stored file is removed unless another
 * candidate row (another entity's copy of the same file) still refers to it.
 * The audit log is append-only: earlier events that name the id stay; the erasures table tells
 * readers that the id behind a pseudonym is gone.
 */
export function erase(deps: EraseDeps, id: string, at = new Date().toISOString()): Erasure {
  const c = deps.candidates.getAny(id);
  if (!c) throw new AppError('not_found', 'No such candidate.');
  const pseudonym = pseudonymOf(deps.pseudonymKey, id);
  const fileRemoved = deps.db.transaction(() => {
    if (!deps.candidates.erase(id, pseudonym)) throw new AppError('not_found', 'No such candidate.');
    const lastCopy = deps.candidates.countByFile(c.fileSha256) === 0;
    deps.db.prepare('INSERT INTO erasures (pseudonym, entity, erased_at) VALUES (?, ?, ?)').run(pseudonym, c.entity, at);
    appendAudit(deps.db, { actor: 'candidate', action: 'candidate.erased', subject: pseudonym, data: { entity: c.entity, fileRemoved: lastCopy } });
    deps.cvIndex.removeOwner(id);
    return lastCopy;
  })();
  if (fileRemoved) deps.files.remove(c.fileSha256);
  deps.forgetCached?.(c.profile);
  return { pseudonym, erasedAt: at, fileRemoved };
}

/** Whether a candidate id has been erased (for the audit view: earlier events may still name it). */
export function isErased(db: Db, pseudonymKey: Buffer, candidateId: string): boolean {
  return !!db.prepare('SELECT 1 FROM erasures WHERE pseudonym = ?').get(pseudonymOf(pseudonymKey, candidateId));
}
