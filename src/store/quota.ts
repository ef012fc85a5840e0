import type { Db } from './db.js';

/** Upload limits of one caller: per clock hour (UTC) and per the 24 hours ending with the current hour. */
export interface QuotaLimits {
  perHour: number;
  perDay: number;
}

export type QuotaWindow = 'hour' | 'day';

export type QuotaDecision =
  | { ok: true; hour: number; day: number }
  | {
      ok: false;
      window: QuotaWindow;
      limit: number;
      used: number;
      /** When one more upload will be accepted again. */
      resetsAt: Date;
      retryAfterSeconds: number;
    };

const HOUR_MS = 3_600_000;
/** Hourly buckets in the daily window: the current hour and the 23 before it. */
const DAY_BUCKETS = 24;

/**
 * Upload counts per caller in hourly buckets (table upload_quota, migration 9), so the quota holds
 * across restarts. A caller is an opaque key (`user:<id>`, `ip:<keyed hash>`). Buckets older than
 * the daily window are pruned at start and whenever the hour changes.
 */
export class UploadQuotaRepo {
  private readonly rows;
  private readonly bump;
  private readonly prune;
  private prunedHour = -1;

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {
    this.rows = db.prepare<[string, number], { hour: number; uploads: number }>('SELECT hour, uploads FROM upload_quota WHERE caller = ? AND hour > ? ORDER BY hour');
    this.bump = db.prepare<[string, number]>('INSERT INTO upload_quota (caller, hour, uploads) VALUES (?, ?, 1) ON CONFLICT (caller, hour) DO UPDATE SET uploads = uploads + 1');
    this.prune = db.prepare<[number]>('DELETE FROM upload_quota WHERE hour <= ?');
    this.pruneOld(Math.floor(this.now() / HOUR_MS));
  }

  private pruneOld(hour: number): void {
    if (hour === this.prunedHour) return;
    this.prune.run(hour - DAY_BUCKETS);
    this.prunedHour = hour;
  }

  /** What the caller has used: this hour, and in the daily window. */
  usage(caller: string): { hour: number; day: number } {
    const hour = Math.floor(this.now() / HOUR_MS);
    const rows = this.rows.all(caller, hour - DAY_BUCKETS);
    return { hour: rows.find((r) => r.hour === hour)?.uploads ?? 0, day: rows.reduce((n, r) => n + r.uploads, 0) };
  }

  /**
   * Counts one upload for `caller` unless that would pass a limit (check and count in one
   * transaction). A refusal counts nothing and says which limit, and when it frees up: the next
   * hour for the hourly limit; for the daily one, the hour when enough of the oldest buckets
   * have left the window.
   */
  take(caller: string, limits: QuotaLimits): QuotaDecision {
    const t = this.now();
    const hour = Math.floor(t / HOUR_MS);
    return this.db.transaction((): QuotaDecision => {
      this.pruneOld(hour);
      const rows = this.rows.all(caller, hour - DAY_BUCKETS);
      const inHour = rows.find((r) => r.hour === hour)?.uploads ?? 0;
      const inDay = rows.reduce((n, r) => n + r.uploads, 0);
      const refuse = (window: QuotaWindow, limit: number, used: number, freeAtMs: number): QuotaDecision => ({
        ok: false,
        window,
        limit,
        used,
        resetsAt: new Date(freeAtMs),
        retryAfterSeconds: Math.max(1, Math.ceil((freeAtMs - t) / 1000)),
      });
      if (inDay >= limits.perDay) {
        // Buckets leave the window oldest first; find the one whose leaving brings the count under the limit.
        let left = inDay;
        let freeHour = hour + 1;
        for (const r of rows) {
          left -= r.uploads;
          if (left < limits.perDay) {
            freeHour = r.hour + DAY_BUCKETS;
            break;
          }
        }
        return refuse('day', limits.perDay, inDay, freeHour * HOUR_MS);
      }
      if (inHour >= limits.perHour) return refuse('hour', limits.perHour, inHour, (hour + 1) * HOUR_MS);
      this.bump.run(caller, hour);
      return { ok: true, hour: inHour + 1, day: inDay + 1 };
    })();
  }
}
