import crypto from 'node:crypto';
import { z } from 'zod';
import type { Job, Scope } from '../domain/index.js';
import type { Db } from './db.js';
import { ftsQuery } from './fts.js';
import { entityClause } from './scope.js';

export type NewJob = Omit<Job, 'id' | 'createdAt' | 'updatedAt'>;

const ConceptZ = z.object({ id: z.string(), label: z.string() });
const StoredJob = z.object({
  id: z.string(),
  entity: z.enum(['NL', 'DE', 'FR']),
  title: z.string(),
  description: z.string(),
  requiredSkills: z.array(ConceptZ),
  niceSkills: z.array(ConceptZ),
  minYears: z.number().nullable(),
  maxYears: z.number().nullable(),
  languages: z.array(z.string()),
  location: z.string().nullable(),
  field: ConceptZ.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export class JobRepo {
  constructor(private readonly db: Db) {}

  insert(j: NewJob, createdBy: string | null): Job {
    const now = new Date().toISOString();
    const job: Job = { ...j, id: crypto.randomUUID(), createdAt: now, updatedAt: now };
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO jobs (id, entity, title, description, location, field_id, min_years, max_years, job_json, created_by, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(job.id, job.entity, job.title, job.description, job.location, job.field?.id ?? null, job.minYears, job.maxYears, JSON.stringify(job), createdBy, now, now);
      const skills = [...job.requiredSkills, ...job.niceSkills].map((s) => s.label).join('\n');
      const info = this.db.prepare('INSERT INTO jobs_fts (title, skills, body) VALUES (?, ?, ?)').run(job.title, skills, job.description);
      this.db.prepare('INSERT INTO job_fts_map (fts_rowid, job_id) VALUES (?, ?)').run(info.lastInsertRowid, job.id);
    })();
    return job;
  }

  /** Replaces a job's fields (not its id, entity or creation time) and its full-text row. */
  update(scope: Scope, id: string, j: Omit<NewJob, 'entity'>): Job | null {
    const old = this.get(scope, id);
    if (!old) return null;
    const job: Job = { ...old, ...j, id: old.id, entity: old.entity, createdAt: old.createdAt, updatedAt: new Date().toISOString() };
    this.db.transaction(() => {
      this.db
        .prepare('UPDATE jobs SET title = ?, description = ?, location = ?, field_id = ?, min_years = ?, max_years = ?, job_json = ?, updated_at = ? WHERE id = ?')
        .run(job.title, job.description, job.location, job.field?.id ?? null, job.minYears, job.maxYears, JSON.stringify(job), job.updatedAt, job.id);
      const rowid = (this.db.prepare('SELECT fts_rowid FROM job_fts_map WHERE job_id = ?').get(id) as { fts_rowid: number }).fts_rowid;
      const skills = [...job.requiredSkills, ...job.niceSkills].map((s) => s.label).join('\n');
      this.db.prepare('UPDATE jobs_fts SET title = ?, skills = ?, body = ? WHERE rowid = ?').run(job.title, skills, job.description, rowid);
    })();
    return job;
  }

  /** A job by id whatever its entity: for internal jobs (indexing, alerts), never for a user's read. */
  getAny(id: string): Job | null {
    const row = this.db.prepare('SELECT job_json FROM jobs WHERE id = ?').get(id) as { job_json: string } | undefined;
    return row ? StoredJob.parse(JSON.parse(row.job_json)) : null;
  }

  get(scope: Scope, id: string): Job | null {
    const e = entityClause(scope);
    const row = this.db.prepare(`SELECT job_json FROM jobs WHERE id = ? AND ${e.sql}`).get(id, ...e.params) as { job_json: string } | undefined;
    return row ? StoredJob.parse(JSON.parse(row.job_json)) : null;
  }

  list(scope: Scope, opts: { limit: number; offset: number; q?: string }): Job[] {
    const e = entityClause(scope);
    const q = opts.q ? ftsQuery(opts.q, 'all') : null;
    const rows = q
      ? (this.db
          .prepare(
            `SELECT j.job_json FROM jobs_fts f JOIN job_fts_map m ON m.fts_rowid = f.rowid JOIN jobs j ON j.id = m.job_id
             WHERE jobs_fts MATCH ? AND j.${e.sql} ORDER BY bm25(jobs_fts, 5, 2, 1) LIMIT ? OFFSET ?`,
          )
          .all(q, ...e.params, opts.limit, opts.offset) as { job_json: string }[])
      : (this.db.prepare(`SELECT job_json FROM jobs WHERE ${e.sql} ORDER BY created_at DESC, id LIMIT ? OFFSET ?`).all(...e.params, opts.limit, opts.offset) as {
          job_json: string;
        }[]);
    return rows.map((r) => StoredJob.parse(JSON.parse(r.job_json)));
  }

  count(scope: Scope): number {
    const e = entityClause(scope);
    return (this.db.prepare(`SELECT count(*) AS n FROM jobs WHERE ${e.sql}`).get(...e.params) as { n: number }).n;
  }
}
