import crypto from 'node:crypto';
import type { Db } from '../store/index.js';

/** Candidate tokens start with this, staff tokens with `jm_`: the two never open each other's routes. */
export const CANDIDATE_TOKEN_PREFIX = 'jmc_';

const hashOf = (token: string): string => crypto.createHash('sha256').update(token).digest('hex');

/** A candidate's own access token: 256 random bits, shown once; only its SHA-256 is stored. */
export function issueCandidateToken(db: Db, candidateId: string, at = new Date().toISOString()): string {
  const token = `${CANDIDATE_TOKEN_PREFIX}${crypto.randomBytes(32).toString('base64url')}`;
  db.prepare('INSERT INTO candidate_tokens (hash, candidate_id, created_at) VALUES (?, ?, ?)').run(hashOf(token), candidateId, at);
  return token;
}

/** The candidate a token belongs to, or null (also for staff tokens and malformed input). */
export function candidateIdByToken(db: Db, token: string): string | null {
  if (!token.startsWith(CANDIDATE_TOKEN_PREFIX) || token.length > 200) return null;
  const row = db.prepare('SELECT candidate_id AS id FROM candidate_tokens WHERE hash = ?').get(hashOf(token)) as { id: string } | undefined;
  return row?.id ?? null;
}

/**
 * The link the candidate keeps. The token sits in the fragment, which browsers never send to a
 * server or put in a Referer header; the page reads it and sends it as a bearer token.
 */
export function accessLink(token: string): string {
  return `/me#token=${token}`;
}
