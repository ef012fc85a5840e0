import { appendAudit } from '../audit/index.js';
import type { Entity, User } from '../domain/index.js';
import type { Db } from '../store/index.js';

/**
 * The stop button (AI Act Art. 14(4)(e)): an admin suspends automated ranking for an entity; its
 * searches then return the filtered list unranked until ranking is resumed.
 */
export function isRankingSuspended(db: Db, entities: readonly Entity[]): boolean {
  if (!entities.length) return false;
  const row = db.prepare(`SELECT 1 FROM entity_settings WHERE ranking_suspended = 1 AND entity IN (${entities.map(() => '?').join(',')}) LIMIT 1`).get(...entities);
  return !!row;
}

export function setRankingSuspended(db: Db, user: User, entity: Entity, suspended: boolean): void {
  db.transaction(() => {
    db.prepare(
      `INSERT INTO entity_settings (entity, ranking_suspended, updated_by, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(entity) DO UPDATE SET ranking_suspended = excluded.ranking_suspended, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    ).run(entity, suspended ? 1 : 0, user.id, new Date().toISOString());
    appendAudit(db, { actor: user.id, action: 'config.ranking_suspended', subject: entity, data: { suspended } });
  })();
}
