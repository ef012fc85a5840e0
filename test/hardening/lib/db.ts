/** Read-only looks at a server child's database from the test process (the child may be running). */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { verifyAudit } from '../../../src/audit/index.js';

export interface DbFacts {
  candidates: number;
  candidateIds: Set<string>;
  audit: ReturnType<typeof verifyAudit>;
  /** Candidates without their `candidate.created` audit event (invariant 4: should be none). */
  withoutAuditEvent: string[];
  /** Candidates whose stored file is missing or does not hash to its name. */
  badFiles: string[];
}

export function dbFacts(dataDir: string, opts: { checkFiles?: boolean } = {}): DbFacts {
  const db = new Database(path.join(dataDir, 'jobmatch.db'), { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const rows = db.prepare('SELECT id, file_sha256 AS sha FROM candidates').all() as { id: string; sha: string }[];
    const audited = new Set((db.prepare("SELECT subject FROM audit_events WHERE action = 'candidate.created'").all() as { subject: string }[]).map((r) => r.subject));
    const badFiles: string[] = [];
    if (opts.checkFiles) {
      for (const r of rows) {
        const file = path.join(dataDir, 'files', r.sha.slice(0, 2), r.sha);
        const ok = fs.existsSync(file) && createHash('sha256').update(fs.readFileSync(file)).digest('hex') === r.sha;
        if (!ok) badFiles.push(r.id);
      }
    }
    return {
      candidates: rows.length,
      candidateIds: new Set(rows.map((r) => r.id)),
      audit: verifyAudit(db),
      withoutAuditEvent: rows.filter((r) => !audited.has(r.id)).map((r) => r.id),
      badFiles,
    };
  } finally {
    db.close();
  }
}
