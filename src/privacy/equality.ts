/**
 * Voluntary equality-monitoring answers: special-category data (GDPR Art. 9). This module is the
 * only reader and writer of their table; ingest, embed and search never see them, so they
 * cannot change any ranking (a test checks both).
 */
import { z } from 'zod';
import { appendAudit } from '../audit/index.js';
import type { Db } from '../store/index.js';

const PREFER_NOT = 'prefer_not_to_say';

/** The questions and their options; every question is optional and every one allows "prefer not to say". */
export const EQUALITY_OPTIONS = {
  sex: ['female', 'male', 'intersex', PREFER_NOT],
  genderSameAsAtBirth: ['yes', 'no', PREFER_NOT],
  ageBand: ['16-24', '25-34', '35-44', '45-54', '55-64', '65+', PREFER_NOT],
  ethnicity: ['asian', 'black', 'mixed', 'white', 'other', PREFER_NOT],
  disability: ['yes', 'no', PREFER_NOT],
  sexualOrientation: ['bisexual', 'gay_or_lesbian', 'heterosexual', 'other', PREFER_NOT],
  religion: ['none', 'buddhist', 'christian', 'hindu', 'jewish', 'muslim', 'other', PREFER_NOT],
} as const;

export const EqualityAnswers = z
  .object({
    sex: z.enum(EQUALITY_OPTIONS.sex).optional(),
    genderSameAsAtBirth: z.enum(EQUALITY_OPTIONS.genderSameAsAtBirth).optional(),
    ageBand: z.enum(EQUALITY_OPTIONS.ageBand).optional(),
    ethnicity: z.enum(EQUALITY_OPTIONS.ethnicity).optional(),
    disability: z.enum(EQUALITY_OPTIONS.disability).optional(),
    sexualOrientation: z.enum(EQUALITY_OPTIONS.sexualOrientation).optional(),
    religion: z.enum(EQUALITY_OPTIONS.religion).optional(),
  })
  .strict();
export type EqualityAnswersT = z.infer<typeof EqualityAnswers>;

/** Stores (replaces) a candidate's answers; the audit event names no answer. */
export function saveEqualityAnswers(db: Db, candidateId: string, answers: EqualityAnswersT, at = new Date().toISOString()): void {
  const clean = EqualityAnswers.parse(answers);
  db.transaction(() => {
    db.prepare('INSERT INTO equality_monitoring (candidate_id, answers_json, given_at) VALUES (?, ?, ?) ON CONFLICT(candidate_id) DO UPDATE SET answers_json = excluded.answers_json, given_at = excluded.given_at').run(
      candidateId,
      JSON.stringify(clean),
      at,
    );
    appendAudit(db, { actor: 'candidate', action: 'candidate.equality_answered', subject: candidateId, data: {} });
  })();
}

export function readEqualityAnswers(db: Db, candidateId: string): { answers: EqualityAnswersT; givenAt: string } | null {
  const row = db.prepare('SELECT answers_json, given_at FROM equality_monitoring WHERE candidate_id = ?').get(candidateId) as { answers_json: string; given_at: string } | undefined;
  return row ? { answers: EqualityAnswers.parse(JSON.parse(row.answers_json)), givenAt: row.given_at } : null;
}

/** Deletes a candidate's answers (withdrawal); audited. */
export function deleteEqualityAnswers(db: Db, candidateId: string): boolean {
  return db.transaction(() => {
    const n = db.prepare('DELETE FROM equality_monitoring WHERE candidate_id = ?').run(candidateId).changes;
    if (n > 0) appendAudit(db, { actor: 'candidate', action: 'candidate.equality_deleted', subject: candidateId, data: {} });
    return n > 0;
  })();
}
