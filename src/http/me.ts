/**
 * The candidate's side of the API: their own data and rights (GDPR Art. 15, 16, 17, 20, 21),
 * authenticated by the candidate's own token (jmc_…, issued once at upload), never by a staff
 * token; and the public job list. Mounted before the staff `authenticate` middleware, which
 * only knows staff tokens (a jmc_ token on a staff route is refused there with 401).
 */
import type { OpenAPIRegistry, ResponseConfig, RouteConfig } from '@asteasolutions/zod-to-openapi';
import { Router, type RequestHandler, type Response } from 'express';
import { perCallerLimiter } from './rate-limit.js';
import { z } from 'zod';
import { AppError, ENTITIES, scopeOf, type Candidate, type Job, type Profile } from '../domain/index.js';
import { cacheKey, profileChunks } from '../embed/index.js';
import { yearsOfExperience } from '../ingest/profile/index.js';
import {
  CONSENT_PURPOSES,
  CONSENT_WORDING,
  EQUALITY_OPTIONS,
  EqualityAnswers,
  RectifyPatch,
  auditExport,
  buildExport,
  candidateIdByToken,
  consentState,
  deleteEqualityAnswers,
  erase,
  giveConsent,
  loadPseudonymKey,
  objectToProfiling,
  readEqualityAnswers,
  rectify,
  saveEqualityAnswers,
  toJsonResume,
  withdrawConsent,
} from '../privacy/index.js';
import { MATCH_MIN_SHARE, recommendJobs } from '../search/recommend.js';
import type { Services } from '../services.js';
import { notFound } from './errors.js';
import { resolveSkills } from '../taxonomy/index.js';

const Purpose = z.object({ purpose: z.enum(CONSENT_PURPOSES) });
const Paging = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  page: z.coerce.number().int().min(1).max(1000).default(1),
});
const PublicJobsQuery = Paging.extend({ entity: z.enum(ENTITIES), q: z.string().trim().max(200).optional() });

const MIME = { pdf: 'application/pdf', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', txt: 'text/plain; charset=utf-8' } as const;

/** Reads `Authorization: Bearer jmc_…`; anything else (no header, a staff token, an unknown token) is a 401. */
export function candidateAuth(s: Pick<Services, 'db'>): RequestHandler {
  return (req, res, next) => {
    const m = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    const id = m ? candidateIdByToken(s.db, m[1]!) : null;
    if (!id) return next(new AppError('unauthorized', 'Send your personal access token (from your upload confirmation): Authorization: Bearer jmc_….'));
    res.locals.candidateId = id;
    next();
  };
}

function me(s: Services, res: Response): Candidate {
  const c = s.candidates.getAny(res.locals.candidateId as string);
  if (!c) throw new AppError('unauthorized', 'This access token no longer belongs to a candidate.');
  return c;
}

/** The public fields of a job: what anyone may see. */
export function publicJob(j: Job): Record<string, unknown> {
  return {
    id: j.id,
    entity: j.entity,
    title: j.title,
    description: j.description,
    location: j.location,
    requiredSkills: j.requiredSkills.map((c) => c.label),
    niceSkills: j.niceSkills.map((c) => c.label),
    minYears: j.minYears,
    maxYears: j.maxYears,
    languages: j.languages,
  };
}

function view(s: Services, c: Candidate): Record<string, unknown> {
  const consents = consentState(s.candidates, c.id);
  return {
    candidate: { id: c.id, entity: c.entity, fileName: c.fileName, fileKind: c.fileKind, uploadedAt: c.uploadedAt, updatedAt: c.updatedAt, language: c.language, profile: c.profile },
    consents: consents.records,
    consentsInForce: consents.inForce,
    objectedToProfilingAt: consents.objectedAt,
    equalityAnswered: readEqualityAnswers(s.db, c.id) !== null,
  };
}

/** A candidate's downloads of their own data (each one audited), sent the same way by the API and the website. */
export function candidateDownloads(s: Services): Record<'full' | 'jsonResume' | 'file', (res: Response, c: Candidate) => void> {
  return {
    full(res, c) {
      const doc = s.db.transaction(() => {
        const d = buildExport({ db: s.db, candidates: s.candidates, vectors: s.vectors }, c.id);
        auditExport(s.db, c.id, 'full');
        return d;
      })();
      res.setHeader('Content-Disposition', 'attachment; filename="jobmatch-my-data.json"');
      res.json(doc);
    },
    jsonResume(res, c) {
      auditExport(s.db, c.id, 'json-resume');
      res.setHeader('Content-Disposition', 'attachment; filename="resume.json"');
      res.json(toJsonResume(c.profile, c.updatedAt));
    },
    file(res, c) {
      const buf = s.files.get(c.fileSha256);
      if (!buf) throw new AppError('not_found', 'The stored file is missing.');
      auditExport(s.db, c.id, 'file');
      res.setHeader('Content-Type', MIME[c.fileKind]);
      res.setHeader('Content-Disposition', `attachment; filename="cv.${c.fileKind}"; filename*=UTF-8''${encodeURIComponent(c.fileName)}`);
      res.send(buf);
    },
  };
}

/** A candidate's own rectification and erasure, wired once for the API and the website. */
export function candidateActions(s: Services): {
  rectify: (id: string, patch: z.infer<typeof RectifyPatch>) => Promise<void>;
  erase: (id: string) => ReturnType<typeof erase>;
} {
  const pseudonymKey = loadPseudonymKey(s.config.dataDir);
  const forgetCached = (p: Profile): void => {
    s.vectors.cacheForget(profileChunks(p).map((ch) => cacheKey(s.embedder.id, 'passage', ch.text)));
  };
  return {
    rectify: async (id, patch) => {
      const now = new Date();
      await rectify(
        {
          db: s.db,
          candidates: s.candidates,
          resolveSkills: (names) => resolveSkills(names, s.vocab),
          yearsOf: (roles) => yearsOfExperience(roles, { y: now.getUTCFullYear(), m: now.getUTCMonth() + 1 }),
          reindex: async (x) => {
            await s.engine.indexCandidate(x);
            // Erased while embedding: the vectors just stored must go too.
            if (!s.candidates.getAny(x.id)) s.engine.deps.cvs.removeOwner(x.id);
          },
          forgetCached,
        },
        id,
        patch,
      );
    },
    erase: (id) => erase({ db: s.db, candidates: s.candidates, files: s.files, cvIndex: s.engine.deps.cvs, pseudonymKey, forgetCached }, id),
  };
}

export function meRoutes(s: Services): Router {
  const r = Router();
  const actions = candidateActions(s);
  const limiter = perCallerLimiter(s.config.rateLimitPerMinute, (_req, res) => res.locals.candidateId as string | undefined);

  // Public: the consent wordings (shown next to the upload form) and every job of an entity.
  r.get('/api/consent-texts', limiter, (_req, res) => {
    res.json({ consents: CONSENT_WORDING, equalityOptions: EQUALITY_OPTIONS });
  });
  r.get('/api/jobs/public', limiter, (req, res) => {
    const q = PublicJobsQuery.parse(req.query);
    const scope = scopeOf(q.entity);
    const rows = s.jobs.list(scope, { limit: q.limit + 1, offset: (q.page - 1) * q.limit, q: q.q || undefined });
    res.json({ entity: q.entity, page: q.page, limit: q.limit, hasMore: rows.length > q.limit, totalJobs: s.jobs.count(scope), items: rows.slice(0, q.limit).map(publicJob) });
  });

  r.use('/api/me', candidateAuth(s), limiter);

  r.get('/api/me', (_req, res) => {
    res.json(view(s, me(s, res)));
  });

  r.patch('/api/me/profile', async (req, res) => {
    const patch = RectifyPatch.parse(req.body);
    const c = me(s, res);
    await actions.rectify(c.id, patch);
    res.json(view(s, me(s, res)));
  });

  const downloads = candidateDownloads(s);
  r.get('/api/me/export', (_req, res) => downloads.full(res, me(s, res)));
  r.get('/api/me/export/json-resume', (_req, res) => downloads.jsonResume(res, me(s, res)));
  r.get('/api/me/export/file', (_req, res) => downloads.file(res, me(s, res)));

  r.post('/api/me/consents/:purpose/withdraw', (req, res) => {
    const { purpose } = Purpose.parse(req.params);
    const c = me(s, res);
    const { changed, alerts } = withdrawConsent(s, c.id, purpose);
    res.json({ changed, ...(purpose === 'job_alerts' ? { alerts } : {}), ...view(s, c) });
  });

  r.post('/api/me/consents/:purpose/give', (req, res) => {
    const { purpose } = Purpose.parse(req.params);
    const c = me(s, res);
    const { changed } = giveConsent(s, c.id, purpose);
    res.json({ changed, ...view(s, c) });
  });

  r.post('/api/me/object', (_req, res) => {
    const c = me(s, res);
    const { changed, alerts } = objectToProfiling(s, c.id);
    res.json({ changed, alerts, ...view(s, c) });
  });

  r.get('/api/me/equality', (_req, res) => {
    res.json({ equality: readEqualityAnswers(s.db, me(s, res).id), options: EQUALITY_OPTIONS });
  });
  r.post('/api/me/equality', (req, res) => {
    const answers = EqualityAnswers.parse(req.body);
    const c = me(s, res);
    saveEqualityAnswers(s.db, c.id, answers);
    res.json({ equality: readEqualityAnswers(s.db, c.id) });
  });
  r.delete('/api/me/equality', (_req, res) => {
    res.json({ deleted: deleteEqualityAnswers(s.db, me(s, res).id) });
  });

  r.get('/api/me/recommendations', (req, res) => {
    const q = Paging.parse(req.query);
    const c = me(s, res);
    const consents = consentState(s.candidates, c.id);
    if (consents.objectedAt) throw new AppError('forbidden', 'You objected to profiling, so we do not compute recommendations for you. Every job stays visible at /api/jobs/public.');
    if (!consents.inForce.profiling) throw new AppError('forbidden', 'Recommendations need your consent to profiling (POST /api/me/consents/profiling/give). Every job stays visible at /api/jobs/public.');
    const { engine } = s;
    const result = recommendJobs({ jobs: s.jobs, vectors: s.vectors, jobIndex: engine.deps.jobs, modelId: engine.deps.jobs.index.modelId, config: engine.deps.config }, c, { ...q, minShare: MATCH_MIN_SHARE });
    res.json({ total: result.total, minShare: MATCH_MIN_SHARE, page: q.page, limit: q.limit, items: result.items.map(({ job, ...it }) => ({ ...it, job: publicJob(job) })) });
  });

  r.delete('/api/me', (_req, res) => {
    const c = me(s, res);
    const done = actions.erase(c.id);
    res.json({ erased: true, erasedAt: done.erasedAt, fileRemoved: done.fileRemoved });
  });
  // Unknown /api/me paths end here (the staff authentication further on would refuse the token instead).
  r.use('/api/me', notFound);
  return r;
}

/** The candidate routes in the OpenAPI document (called from openapi.ts). */
export function registerMeOpenApi(reg: OpenAPIRegistry): void {
  const scheme = reg.registerComponent('securitySchemes', 'candidateToken', {
    type: 'http',
    scheme: 'bearer',
    description: "The candidate's own token (jmc_…), returned once by POST /api/candidates. Staff tokens are refused here.",
  });
  const security = [{ [scheme.name]: [] }];
  const json = { content: { 'application/json': { schema: z.object({}).passthrough() } } };
  const err = (description: string): ResponseConfig => ({ description, ...json });
  const auth = { 401: err('No, a staff, or an unknown token') };
  const purpose = z.object({ purpose: z.enum(CONSENT_PURPOSES) });
  const path = (method: RouteConfig['method'], p: string, summary: string, request?: RouteConfig['request'], responses: Record<number, ResponseConfig> = {}): void => {
    reg.registerPath({ method, path: p, summary, security, request, responses: { 200: { description: 'OK', ...json }, ...auth, ...responses } });
  };
  path('get', '/api/me', 'Your profile, consents (with wording and times) and whether you objected to profiling');
  path('patch', '/api/me/profile', 'Correct your profile (Art. 16); lists replace the stored ones', { body: { content: { 'application/json': { schema: RectifyPatch } } } }, { 400: err('Invalid fields (paths in details.issues)') });
  path('get', '/api/me/export', 'Everything we hold about you, machine-readable (Art. 15, 20)');
  path('get', '/api/me/export/json-resume', 'Your profile as a JSON Resume (v1.0.0)');
  path('get', '/api/me/export/file', 'Your uploaded file', undefined, { 404: err('File missing') });
  path('post', '/api/me/consents/{purpose}/withdraw', 'Withdraw a consent; for job_alerts, queued alerts are cancelled at once (`alerts.cancelled`; `alerts.alreadySending` counts a mail being handed to the mail server at that moment)', { params: purpose });
  path('post', '/api/me/consents/{purpose}/give', 'Give a consent (the wording of GET /api/consent-texts)', { params: purpose });
  path('post', '/api/me/object', 'Object to profiling (Art. 21): never in recruiter search, recommendations or job alerts from then on (queued alerts are cancelled at once)');
  path('get', '/api/me/equality', 'Your equality-monitoring answers, if any, and the options');
  path('post', '/api/me/equality', 'Give or replace voluntary equality-monitoring answers (never used for ranking)', { body: { content: { 'application/json': { schema: EqualityAnswers } } } }, { 400: err('Unknown question or option') });
  path('delete', '/api/me/equality', 'Delete your equality-monitoring answers');
  path('get', '/api/me/recommendations', 'Jobs ranked for you with reasons (needs profiling consent, no objection)', { query: Paging }, { 403: err('No profiling consent, or objected') });
  path('delete', '/api/me', 'Erase your data (Art. 17); the token stops working');
  reg.registerPath({ method: 'get', path: '/api/jobs/public', summary: 'Every job of an entity, public fields, searchable by anyone', request: { query: PublicJobsQuery }, responses: { 200: { description: 'A page of jobs', ...json }, 400: err('entity missing or invalid') } });
  reg.registerPath({ method: 'get', path: '/api/consent-texts', summary: 'The exact consent wordings and equality-monitoring options', responses: { 200: { description: 'Wordings per purpose', ...json } } });
}
