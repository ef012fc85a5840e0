import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The per-install secret behind erasure pseudonyms, in <dataDir>/pseudonym.key (created 0600 when
 * absent). Without it nobody can tell which id an erasure pseudonym stands for; with it, a known id
 * can be checked against the erasures table (the audit API does this).
 */
export function loadPseudonymKey(dataDir: string): Buffer {
  return loadKeyFile(dataDir, 'pseudonym.key');
}

/** A per-install 32-byte secret in <dataDir>/<name>, created 0600 on first use. */
export function loadKeyFile(dataDir: string, name: string): Buffer {
  const file = path.join(dataDir, name);
  try {
    fs.writeFileSync(file, crypto.randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const hex = fs.readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`${file} is not a 32-byte hex key`);
  return Buffer.from(hex, 'hex');
}

/** HMAC-SHA256 of the candidate id: the only name an erased candidate keeps. */
export function pseudonymOf(key: Buffer, candidateId: string): string {
  return crypto.createHmac('sha256', key).update(candidateId).digest('hex');
}
