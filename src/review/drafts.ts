import { appendAudit } from '../audit/index.js';
import type { Scope, User } from '../domain/index.js';
import { ShortlistRepo, type Db } from '../store/index.js';

export interface ShownCandidate {
  candidateId: string;
  rank: number;
  score: number;
  parts: unknown;
}

/**
 * Every search becomes a draft shortlist, recorded with an audit event of its parameters and the
 * ids shown, in one transaction. A draft leaves the system only after review and approval. With
 * ranking suspended (the stop button) the list order is not the engine's judgement: no engine rank
 * is stored, so no decision counts as an override and the bias report's top-k stage leaves it out.
 */
export function recordSearch(db: Db, user: User, scope: Scope, opts: { params: unknown; jobId: string | null; shown: ShownCandidate[]; ranking: string; cut?: number }): string {
  const shortlists = new ShortlistRepo(db);
  const ranked = opts.ranking !== 'suspended';
  return db.transaction(() => {
    const id = shortlists.createDraft({
      entities: scope.entities,
      jobId: opts.jobId,
      params: opts.params,
      createdBy: user.id,
      cut: opts.cut,
      ranked,
      items: opts.shown.map((it) => ({ candidateId: it.candidateId, engineRank: ranked ? it.rank : null, score: { score: it.score, parts: it.parts } })),
    });
    appendAudit(db, { actor: user.id, action: 'search', subject: id, data: { params: opts.params, shown: opts.shown.map((s) => s.candidateId), ranking: opts.ranking } });
    return id;
  })();
}
