import { Router } from 'express';
import { appendAudit } from '../audit/index.js';
import { AppError, type Job } from '../domain/index.js';
import { parseJobText } from '../ingest/job.js';
import { buildQuery } from '../search/index.js';
import type { Services } from '../services.js';
import { ShortlistRepo } from '../store/index.js';
import { resolveField, resolveSkills } from '../taxonomy/index.js';
import { currentScope, currentUser, requireAction } from './auth.js';
import { JobCreate, SearchRequest } from './schemas.js';

export function searchRoutes(s: Services): Router {
  const r = Router();
  const shortlists = new ShortlistRepo(s.db);

  r.post('/api/jobs', requireAction('jobs:write'), async (req, res) => {
    const body = JobCreate.parse(req.body);
    const user = currentUser(res);
    if (!user.entities.includes(body.entity)) throw new AppError('forbidden', `You may not create jobs for entity ${body.entity}.`);
    const parsed = parseJobText(body.title, body.description, s.vocab);
    const required = resolveSkills(body.requiredSkills, s.vocab);
    const nice = resolveSkills(body.niceSkills, s.vocab);
    // Skills found in the description but not listed are nice-to-have.
    const known = new Set([...required, ...nice].map((c) => c.id));
    const job = s.db.transaction(() => {
      const j = s.jobs.insert(
        {
          entity: body.entity,
          title: body.title,
          description: body.description,
          requiredSkills: required,
          niceSkills: [...nice, ...parsed.skills.filter((c) => !known.has(c.id))],
          minYears: body.minYears ?? parsed.minYears,
          maxYears: body.maxYears ?? parsed.maxYears,
          languages: body.languages ?? parsed.languages,
          location: body.location ?? null,
          field: (body.field ? resolveField(body.field, s.vocab) : null) ?? parsed.field,
        },
        user.id,
      );
      appendAudit(s.db, { actor: user.id, action: 'job.created', subject: j.id, data: { entity: j.entity } });
      return j;
    })();
    await s.engine.indexJob(job);
    res.status(201).json({ job });
  });

  r.get('/api/jobs/:id', requireAction('jobs:read'), (req, res) => {
    const job = s.jobs.get(currentScope(res), String(req.params.id));
    if (!job) throw new AppError('not_found', 'No such job.');
    res.json({ job });
  });

  r.post('/api/search', requireAction('search:run'), async (req, res) => {
    const body = SearchRequest.parse(req.body);
    const user = currentUser(res);
    const scope = currentScope(res);
    let job: Job | null = null;
    if (body.jobId) {
      job = s.jobs.get(scope, body.jobId);
      if (!job) throw new AppError('not_found', 'No such job.');
    }
    const query = buildQuery(body, job, s.vocab);
    const result = await s.engine.search(scope, query);
    const shortlistId = s.db.transaction(() => {
      const id = shortlists.createDraft({
        entities: scope.entities,
        jobId: job?.id ?? null,
        params: body,
        createdBy: user.id,
        items: result.items.map((it) => ({ candidateId: it.candidateId, engineRank: it.rank, score: { score: it.score, parts: it.parts } })),
      });
      appendAudit(s.db, { actor: user.id, action: 'search', subject: id, data: { params: body, shown: result.items.map((i) => i.candidateId), ranking: result.ranking } });
      return id;
    })();
    const items = result.items.map((it) => {
      const c = s.candidates.get(scope, it.candidateId);
      return {
        ...it,
        candidate: c ? { id: c.id, entity: c.entity, name: c.profile.name, location: c.profile.location, field: c.profile.field?.label ?? null, language: c.language } : null,
      };
    });
    res.json({ shortlistId, state: 'draft', ranking: result.ranking, total: result.total, eligible: result.eligible, plan: result.plan, items });
  });
  return r;
}
