import { Router } from 'express';
import { z } from 'zod';
import { appendAudit } from '../audit/index.js';
import { AppError } from '../domain/index.js';
import { parseJobText } from '../ingest/job.js';
import { recordSearch } from '../review/index.js';
import { runSearch } from '../search/index.js';
import type { Services } from '../services.js';
import type { NewJob } from '../store/index.js';
import { resolveField, resolveSkills } from '../taxonomy/index.js';
import { currentScope, currentUser, requireAction } from './auth.js';
import { JobCreate, JobUpdate, SearchRequest, type JobFieldsT } from './schemas.js';

export function searchRoutes(s: Services): Router {
  const r = Router();

  /** A job's fields from the request: listed skills resolved, the description parsed; skills found only in the description are nice-to-have. */
  const jobFields = (body: JobFieldsT): Omit<NewJob, 'entity'> => {
    const parsed = parseJobText(body.title, body.description, s.vocab);
    const required = resolveSkills(body.requiredSkills, s.vocab);
    const nice = resolveSkills(body.niceSkills, s.vocab);
    const known = new Set([...required, ...nice].map((c) => c.id));
    return {
      title: body.title,
      description: body.description,
      requiredSkills: required,
      niceSkills: [...nice, ...parsed.skills.filter((c) => !known.has(c.id))],
      minYears: body.minYears ?? parsed.minYears,
      maxYears: body.maxYears ?? parsed.maxYears,
      languages: body.languages ?? parsed.languages,
      location: body.location ?? null,
      field: (body.field ? resolveField(body.field, s.vocab) : null) ?? parsed.field,
    };
  };

  r.post('/api/jobs', requireAction('jobs:write'), async (req, res) => {
    const body = JobCreate.parse(req.body);
    const user = currentUser(res);
    if (!user.entities.includes(body.entity)) throw new AppError('forbidden', `You may not create jobs for entity ${body.entity}.`);
    const fields = jobFields(body);
    const job = s.db.transaction(() => {
      const j = s.jobs.insert({ entity: body.entity, ...fields }, user.id);
      appendAudit(s.db, { actor: user.id, action: 'job.created', subject: j.id, data: { entity: j.entity } });
      s.alerts.markJob(j.id); // job alerts: matched once the job is embedded (see alerts/queue.ts)
      return j;
    })();
    await s.engine.indexJob(job);
    s.alerts.queueForJob(job.id);
    res.status(201).json({ job });
  });

  r.patch('/api/jobs/:id', requireAction('jobs:write'), async (req, res) => {
    const id = z.string().uuid().parse(req.params.id);
    const body = JobUpdate.parse(req.body);
    const user = currentUser(res);
    const fields = jobFields(body);
    const job = s.db.transaction(() => {
      const j = s.jobs.update(currentScope(res), id, fields);
      if (!j) throw new AppError('not_found', 'No such job.');
      appendAudit(s.db, { actor: user.id, action: 'job.updated', subject: j.id, data: { entity: j.entity } });
      s.alerts.markJob(j.id); // only candidates not alerted for this job before can get an alert now
      return j;
    })();
    await s.engine.indexJob(job);
    s.alerts.queueForJob(job.id);
    res.json({ job });
  });

  r.get('/api/jobs/:id', requireAction('jobs:read'), (req, res) => {
    const job = s.jobs.get(currentScope(res), String(req.params.id));
    if (!job) throw new AppError('not_found', 'No such job.');
    res.json({ job });
  });

  r.post('/api/search', requireAction('search:run'), async (req, res) => {
    const body = SearchRequest.parse(req.body);
    const user = currentUser(res);
    const { job, result, items } = await runSearch(s, user, body);
    const shortlistId = recordSearch(s.db, user, currentScope(res), { params: body, jobId: job?.id ?? null, shown: result.items, ranking: result.ranking, cut: s.config.review.cut });
    res.json({ shortlistId, state: 'draft', ranking: result.ranking, total: result.total, eligible: result.eligible, plan: result.plan, items });
  });
  return r;
}
