import { Router } from 'express';
import { z } from 'zod';
import { AppError } from '../domain/index.js';
import { biasReport } from '../privacy/bias.js';
import { auditTrail } from '../privacy/audit-trail.js';
import { loadPseudonymKey } from '../privacy/pseudonym.js';
import type { Services } from '../services.js';
import { currentUser, requireAction } from './auth.js';

const AuditQuery = z.object({
  shortlist: z.string().uuid().optional(),
  candidate: z.string().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
const BiasQuery = z.object({ job: z.string().uuid(), k: z.coerce.number().int().min(1).max(100).default(10) });

export function reportRoutes(s: Services): Router {
  const r = Router();
  const key = loadPseudonymKey(s.config.dataDir);
  r.get('/api/audit', requireAction('audit:read'), (req, res) => {
    const q = AuditQuery.parse(req.query);
    if (!q.shortlist && !q.candidate) throw new AppError('validation_failed', 'Ask for a shortlist or a candidate.', { issues: [{ path: 'shortlist', message: 'shortlist or candidate required' }] });
    const user = currentUser(res);
    if (q.shortlist) {
      const sl = s.db.prepare('SELECT entity_scope FROM shortlists WHERE id = ?').get(q.shortlist) as { entity_scope: string } | undefined;
      if (!sl || !sl.entity_scope.split(',').every((e) => (user.entities as string[]).includes(e))) throw new AppError('not_found', 'No such shortlist.');
    }
    if (q.candidate && !s.candidates.get({ entities: user.entities }, q.candidate)) throw new AppError('not_found', 'No such candidate.');
    res.json({ events: auditTrail(s.db, key, (q.shortlist ?? q.candidate)!, q.limit) });
  });

  r.get('/api/reports/bias', requireAction('reports:bias'), (req, res) => {
    const q = BiasQuery.parse(req.query);
    const report = biasReport(s.db, { jobId: q.job, entities: currentUser(res).entities, k: q.k });
    if (!report) throw new AppError('not_found', 'No such job.');
    res.json({ report });
  });
  return r;
}
