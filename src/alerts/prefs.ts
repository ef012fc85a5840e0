import { z } from 'zod';
import { appendAudit } from '../audit/index.js';
import type { Db } from '../store/index.js';

/** `instant`: one mail per job; `daily`: one digest a day listing the day's matches. */
export const AlertPreferencesInput = z
  .object({
    mode: z.enum(['instant', 'daily']),
    /** Most job alerts per UTC day (a digest counts each job it lists); the rest wait for the next day. */
    dailyCap: z.number().int().min(1).max(50),
  })
  .partial()
  .strict();
export type AlertPreferencesInputT = z.infer<typeof AlertPreferencesInput>;

export interface AlertPreferences {
  mode: 'instant' | 'daily';
  dailyCap: number;
  /** False while the candidate never set them (the defaults apply). */
  stored: boolean;
}

export function getPreferences(db: Db, candidateId: string, defaultCap: number): AlertPreferences {
  const r = db.prepare('SELECT mode, daily_cap AS cap FROM alert_preferences WHERE candidate_id = ?').get(candidateId) as
    | { mode: 'instant' | 'daily'; cap: number }
    | undefined;
  return r ? { mode: r.mode, dailyCap: r.cap, stored: true } : { mode: 'instant', dailyCap: defaultCap, stored: false };
}

/** Stores a candidate's preferences (audited in the same transaction); returns them. */
export function setPreferences(db: Db, candidateId: string, input: AlertPreferencesInputT, defaultCap: number): AlertPreferences {
  return db.transaction(() => {
    const old = getPreferences(db, candidateId, defaultCap);
    const next = { mode: input.mode ?? old.mode, dailyCap: input.dailyCap ?? old.dailyCap };
    db.prepare(
      `INSERT INTO alert_preferences (candidate_id, mode, daily_cap) VALUES (?, ?, ?)
       ON CONFLICT(candidate_id) DO UPDATE SET mode = excluded.mode, daily_cap = excluded.daily_cap`,
    ).run(candidateId, next.mode, next.dailyCap);
    appendAudit(db, { actor: 'candidate', action: 'candidate.alert_preferences_changed', subject: candidateId, data: next });
    return { ...next, stored: true };
  })();
}
