/** Read-only looks at a server child's database from the test process (the child keeps running). */
import path from 'node:path';
import Database from 'better-sqlite3';
import { verifyAudit } from '../../../src/audit/index.js';

export interface DbFacts {
  candidates: number;
  candidateIds: Set<string>;
  audit: ReturnType<typeof verifyAudit>;
}

export function dbFacts(dataDir: string): DbFacts {
  const db = new Database(path.join(dataDir, 'jobmatch.db'), { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const ids = (db.prepare('SELECT id FROM candidates').all() as { id: string }[]).map((r) => r.id);
    return { candidates: ids.length, candidateIds: new Set(ids), audit: verifyAudit(db) };
  } finally {
    db.close();
  }
}
