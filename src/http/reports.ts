import { Router } from 'express';
import { z } from 'zod';
import { AppError } from '../domain/index.js';
import { biasReport } from '../privacy/bias.js';
import { loadPseudonymKey, pseudonymOf } from '../privacy/pseudonym.js';
import type { Services } from '../services.js';
import type { AuditRow } from '../audit/index.js';
import { currentUser, requireAction } from './auth.js';

const AuditQuery = z.object({
  shortlist: z.string().uuid().optional(),
  candidate: z.string().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
const BiasQuery = z.object({ job: z.string().uuid(), k: z.coerce.number().int().min(1).max(100).default(10) });
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

export function reportRoutes(s: Services): Router {
  const r = Router();
  const key = loadPseudonymKey(s.config.dataDir);
  const exists = (table: string) => s.db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`);
  const known = [exists('candidates'), exists('shortlists'), exists('jobs'), exists('users')];
  const erased = s.db.prepare('SELECT 1 FROM erasures WHERE pseudonym = ?');
  /** An erased candidate appears in the audit log only under its pseudonym. */
  const pseudonymise = (text: string): string =>
    text.replace(UUID, (id) => (known.some((st) => st.get(id)) ? id : erased.get(pseudonymOf(key, id)) ? `erased:${pseudonymOf(key, id)}` : id));

  r.get('/api/audit', requireAction('audit:read'), (req, res) => {
    const q = AuditQuery.parse(req.query);
    if (!q.shortlist && !q.candidate) throw new AppError('validation_failed', 'Ask for a shortlist or a candidate.', { issues: [{ path: 'shortlist', message: 'shortlist or candidate required' }] });
    const user = currentUser(res);
    if (q.shortlist) {
      const sl = s.db.prepare('SELECT entity_scope FROM shortlists WHERE id = ?').get(q.shortlist) as { entity_scope: string } | undefined;
      if (!sl || !sl.entity_scope.split(',').every((e) => (user.entities as string[]).includes(e))) throw new AppError('not_found', 'No such shortlist.');
    }
    if (q.candidate && !s.candidates.get({ entities: user.entities }, q.candidate)) throw new AppError('not_found', 'No such candidate.');
    const needle = (q.shortlist ?? q.candidate)!;
    const rows = s.db
      .prepare("SELECT * FROM audit_events WHERE subject = ? OR instr(data_json, ?) > 0 ORDER BY seq LIMIT ?")
      .all(needle, needle, q.limit) as AuditRow[];
    res.json({
      events: rows.map((e) => ({ seq: e.seq, at: e.at, actor: e.actor, action: e.action, subject: e.subject ? pseudonymise(e.subject) : null, data: JSON.parse(pseudonymise(e.data_json)) as unknown, hash: e.hash })),
    });
  });

  r.get('/api/reports/bias', requireAction('reports:bias'), (req, res) => {
    const q = BiasQuery.parse(req.query);
    const report = biasReport(s.db, { jobId: q.job, entities: currentUser(res).entities, k: q.k });
    if (!report) throw new AppError('not_found', 'No such job.');
    res.json({ report });
  });
  return r;
}
