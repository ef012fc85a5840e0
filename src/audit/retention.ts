import { appendAudit } from './log.js';
import type { Db } from '../store/index.js';

/**
 * Retention: events older than the retention period are removed from the head of the chain. The
 * hash of the last removed event is kept as the chain's anchor (audit_anchor), so verification
 * starts from it instead of the genesis; the purge itself is an audit event, naming the anchor, and
 * verification accepts an anchor only with that event. The append-only trigger on audit_events is
 * lifted only inside this one transaction; audit_anchor has its own (migration 10).
 */
export function purgeAudit(db: Db, retentionDays: number, now = new Date()): { removed: number } {
  if (retentionDays < 183) throw new Error('audit retention must be at least 6 months (183 days)');
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000).toISOString();
  return db.transaction(() => {
    const last = db.prepare('SELECT seq, hash FROM audit_events WHERE at < ? ORDER BY seq DESC LIMIT 1').get(cutoff) as { seq: number; hash: string } | undefined;
    if (!last) return { removed: 0 };
    // The anchor first, while its event still exists (a trigger checks that, and that it only moves forward).
    db.prepare('INSERT INTO audit_anchor (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash').run(last.seq, last.hash);
    db.exec('DROP TRIGGER audit_no_delete');
    const removed = db.prepare('DELETE FROM audit_events WHERE seq <= ?').run(last.seq).changes;
    db.exec("CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END");
    // Verification accepts the anchor only when this event records it.
    appendAudit(db, { actor: null, action: 'audit.retention_purge', data: { removed, upToSeq: last.seq, anchorHash: last.hash, retentionDays } });
    return { removed };
  })();
}
