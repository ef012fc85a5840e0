import { z } from 'zod';
import { appendAudit } from '../audit/index.js';
import type { Db } from '../store/index.js';
import { MAIL_LANGS, type MailLang } from './texts.js';

/**
 * `instant`: one mail per job; `daily`: one digest a day listing the day's matches. `language`: the
 * language of the mails and the unsubscribe page (e.g. the one chosen on the website); null goes
 * back to the CV's language.
 */
export const AlertPreferencesInput = z
  .object({
    mode: z.enum(['instant', 'daily']),
    /** Most job alerts per UTC day (a digest counts each job it lists); the rest wait for the next day. */
    dailyCap: z.number().int().min(1).max(50),
    language: z.enum(MAIL_LANGS).nullable(),
  })
  .partial()
  .strict();
export type AlertPreferencesInputT = z.infer<typeof AlertPreferencesInput>;

export interface AlertPreferences {
  mode: 'instant' | 'daily';
  dailyCap: number;
  /** The language chosen for the mails; null: the CV's language. */
  language: MailLang | null;
  /** False while the candidate never set them (the defaults apply). */
  stored: boolean;
}

export function getPreferences(db: Db, candidateId: string, defaultCap: number): AlertPreferences {
  const r = db.prepare('SELECT mode, daily_cap AS cap, language FROM alert_preferences WHERE candidate_id = ?').get(candidateId) as
    | { mode: 'instant' | 'daily'; cap: number; language: MailLang | null }
    | undefined;
  return r ? { mode: r.mode, dailyCap: r.cap, language: r.language, stored: true } : { mode: 'instant', dailyCap: defaultCap, language: null, stored: false };
}

/** Stores a candidate's preferences (audited in the same transaction); returns them. */
export function setPreferences(db: Db, candidateId: string, input: AlertPreferencesInputT, defaultCap: number): AlertPreferences {
  return db.transaction(() => {
    const old = getPreferences(db, candidateId, defaultCap);
    const next = { mode: input.mode ?? old.mode, dailyCap: input.dailyCap ?? old.dailyCap, language: input.language === undefined ? old.language : input.language };
    db.prepare(
      `INSERT INTO alert_preferences (candidate_id, mode, daily_cap, language) VALUES (?, ?, ?, ?)
       ON CONFLICT(candidate_id) DO UPDATE SET mode = excluded.mode, daily_cap = excluded.daily_cap, language = excluded.language`,
    ).run(candidateId, next.mode, next.dailyCap, next.language);
    appendAudit(db, { actor: 'candidate', action: 'candidate.alert_preferences_changed', subject: candidateId, data: next });
    return { ...next, stored: true };
  })();
}
