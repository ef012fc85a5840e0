import type { Db } from '../store/index.js';

/**
 * The one table the alerts need beyond migration 5: a marker per job whose alerts are still to be
 * matched. It is written in the job's own transaction and removed in the transaction that queues
 * the job's alerts, so a crash in between (while the job is being embedded) leaves the marker and
 * the job is matched at the next drain or start-up. `IF NOT EXISTS` keeps this idempotent; the
 * statement belongs in a numbered migration (6) when the lead folds it into store/migrations.ts.
 */
export const ALERT_SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS alert_pending_jobs (
  job_id    TEXT PRIMARY KEY REFERENCES jobs(id) ON DELETE CASCADE,
  marked_at TEXT NOT NULL
);`;

export function ensureAlertSchema(db: Db): void {
  db.exec(ALERT_SCHEMA_SQL);
}
