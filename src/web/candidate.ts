import { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { ENTITIES, scopeOf, type Candidate, type Entity } from '../domain/index.js';
import {
  CONSENT_PURPOSES,
  candidateIdByToken,
  consentState,
  giveConsent,
  objectToProfiling,
  withdrawConsent,
  RectifyPatch,
  type RectifyPatchT,
} from '../privacy/index.js';
import { candidateActions, candidateDownloads } from '../http/me.js';
import { consentWording } from '../privacy/consent-wording.js';
import { AlertPreferencesInput } from '../alerts/index.js';
import { MATCH_MIN_SHARE, recommendJobs } from '../search/recommend.js';
import type { Services } from '../services.js';
import { list, safeBack, str } from './bits.js';
import { html, type SafeHtml } from './html.js';
import type { Key } from './i18n.js';
import { dataPage, jobPage, jobsPage, mePage, meSignInPage, profileFieldOf, profilePage, uploadPage, type RecsState } from './candidate-views.js';
import { describeError, toFlash } from './errors.js';
import { makeCtx, send, type Ctx } from './layout.js';
import { ensureSession, sessionOf, startSession, takeFlash, type SessionStore } from './session.js';

const JobsQuery = z.object({
  entity: z.enum(ENTITIES).optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1000).default(1).catch(1),
});
const Purpose = z.object({ purpose: z.enum(CONSENT_PURPOSES), act: z.enum(['withdraw', 'give']) });
const TOKEN_IN = /jmc_[A-Za-z0-9_-]{20,120}/;

/** The candidate's pages: upload, all jobs, and "My JobMatch" (profile, recommendations, rights). */
export function candidatePages(s: Services, store: SessionStore): Router {
  const r = Router();
  const maxBytes = s.config.upload.maxBytes;
  const actions = candidateActions(s);
  const ctx = (req: Request, res: Response): Ctx => makeCtx(req, res, ensureSession(store, req, res), 'candidate');
  const signedIn = (res: Response): Candidate | null => {
    const sess = sessionOf(res);
    return sess?.kind === 'candidate' && sess.candidateId ? s.candidates.getAny(sess.candidateId) : null;
  };

  r.get('/', (req, res) => {
    const c = ctx(req, res);
    send(c, 200, { title: c.t('upload.title'), body: uploadPage(c, maxBytes), scripts: ['upload.js'] });
  });

  r.get('/jobs', (req, res) => {
    const c = ctx(req, res);
    const q = JobsQuery.parse(req.query);
    const entity: Entity = q.entity ?? signedIn(res)?.entity ?? 'NL';
    const limit = 20;
    const scope = scopeOf(entity);
    const rows = s.jobs.list(scope, { limit: limit + 1, offset: (q.page - 1) * limit, q: q.q || undefined });
    send(c, 200, { title: c.t('jobs.title'), body: jobsPage(c, { entity, q: q.q ?? '', page: q.page }, rows.slice(0, limit), s.jobs.count(scope), rows.length > limit) });
  });

  r.get('/jobs/:id', (req, res) => {
    const c = ctx(req, res);
    const job = /^[0-9a-f-]{36}$/.test(req.params.id) ? s.jobs.getAny(req.params.id) : null;
    if (!job) return send(c, 404, { title: c.t('jobs.title'), body: notFoundBody(c) });
    send(c, 200, { title: job.title, body: jobPage(c, job) });
  });

  // The secret link: /me?token=… signs in and redirects to /me, so the token leaves the address bar and history.
  r.get('/me', (req, res) => {
    const token = typeof req.query.token === 'string' ? req.query.token : null;
    if (token !== null) {
      const id = candidateIdByToken(s.db, token);
      if (id) startSession(store, req, res, 'candidate', { candidateId: id });
      else {
        const c = ctx(req, res);
        c.session.flash = { kind: 'error', text: c.t('signin.me.bad'), fields: { token: c.t('signin.me.bad') } };
      }
      res.redirect(303, '/me');
      return;
    }
    const cand = signedIn(res);
    const c = ctx(req, res);
    if (!cand) {
      const flash = takeFlash(c.session);
      send(c, 200, { title: c.t('signin.me.title'), body: meSignInPage(c, flash?.fields?.token ?? null), flash, scripts: ['me-link.js'] });
      return;
    }
    send(c, 200, { title: c.t('me.title'), body: mePage(c, cand, recommendations(s, cand)) });
  });

  // Sign in with the link or token (a form, or fetch from the #token= link with X-CSRF-Token).
  r.post('/me/session', (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const token = TOKEN_IN.exec(str(body.token))?.[0] ?? null;
    const id = token ? candidateIdByToken(s.db, token) : null;
    const wantsJson = !!req.is('application/json');
    if (!id) {
      const c = ctx(req, res);
      if (wantsJson) {
        res.status(401).json({ error: { code: 'unauthorized', message: c.t('signin.me.bad') } });
        return;
      }
      send(c, 401, { title: c.t('signin.me.title'), body: meSignInPage(c, c.t('signin.me.bad')), flash: { kind: 'error', text: c.t('signin.me.bad'), fields: { token: c.t('signin.me.bad') } }, scripts: ['me-link.js'] });
      return;
    }
    startSession(store, req, res, 'candidate', { candidateId: id });
    const next = safeBack(body.next, '/me', ['/me']);
    if (wantsJson) res.json({ ok: true, next });
    else res.redirect(303, next);
  });

  r.post('/me/sign-out', (req, res) => {
    const c = ctx(req, res);
    startSession(store, req, res, 'anon', { flash: { kind: 'ok', text: c.t('signout.done') } });
    res.redirect(303, '/');
  });

  // Everything below needs the candidate's session.
  const requireCandidate: RequestHandler = (req, res, next) => {
    const cand = signedIn(res);
    if (cand) {
      res.locals.candidate = cand;
      return next();
    }
    const c = ctx(req, res);
    send(c, 401, { title: c.t('signin.me.title'), body: meSignInPage(c, null), scripts: ['me-link.js'] });
  };
  r.use('/me', requireCandidate);
  const me = (res: Response): Candidate => res.locals.candidate as Candidate;

  r.get('/me/profile', (req, res) => {
    const c = ctx(req, res);
    const flash = takeFlash(c.session);
    send(c, flash?.kind === 'error' ? 400 : 200, { title: c.t('profile.title'), body: profilePage(c, me(res), flash), flash });
  });

  r.post('/me/profile', async (req, res) => {
    const c = ctx(req, res);
    const form = (req.body ?? {}) as Record<string, unknown>;
    const cand = me(res);
    const { patch, roleIndex } = patchFromForm(form);
    try {
      await actions.rectify(cand.id, RectifyPatch.parse(patch));
      c.session.flash = { kind: 'ok', text: c.t('profile.saved') };
    } catch (err) {
      const d = describeError(c.t, err, maxBytes, (path) => profileFieldOf(path, roleIndex));
      if (d.status >= 500) throw err;
      const values = Object.fromEntries(Object.entries(form).filter(([k, v]) => k !== '_csrf' && typeof v === 'string')) as Record<string, string>;
      const fields = Object.fromEntries(Object.entries(d.fields ?? {}).map(([id]) => [id, profileMessage(c, id)]));
      c.session.flash = toFlash({ ...d, fields, text: c.t('profile.invalid') }, values);
    }
    res.redirect(303, '/me/profile');
  });

  r.get('/me/data', (req, res) => {
    const c = ctx(req, res);
    const flash = takeFlash(c.session);
    const id = me(res).id;
    send(c, flash?.kind === 'error' ? 400 : 200, { title: c.t('data.title'), body: dataPage(c, consentState(s.candidates, id), s.alerts.preferences(id), flash), flash });
  });

  // Job-alert preferences (the same rules as PUT /api/me/alerts).
  r.post('/me/alerts', (req, res) => {
    const c = ctx(req, res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const cap = str(body.dailyCap).trim();
    const parsed = AlertPreferencesInput.safeParse({ mode: str(body.mode) || undefined, dailyCap: /^\d{1,3}$/.test(cap) ? Number(cap) : cap || undefined, language: str(body.language) || null });
    if (!parsed.success) {
      const text = c.t('alerts.invalid');
      const capWrong = parsed.error.issues.some((i) => i.path[0] === 'dailyCap');
      c.session.flash = { kind: 'error', text, fields: capWrong ? { 'alerts-cap': c.t('alerts.capInvalid') } : undefined, values: { mode: str(body.mode), dailyCap: cap, language: str(body.language) } };
    } else {
      s.alerts.setPreferences(me(res).id, parsed.data);
      c.session.flash = { kind: 'ok', text: c.t('alerts.saved') };
    }
    res.redirect(303, '/me/data#job-alerts');
  });

  const downloads = candidateDownloads(s);
  r.get('/me/data/export.json', (_req, res) => downloads.full(res, me(res)));
  r.get('/me/data/resume.json', (_req, res) => downloads.jsonResume(res, me(res)));
  r.get('/me/data/cv', (_req, res) => downloads.file(res, me(res)));

  r.post('/me/consents/:purpose/:act', (req, res) => {
    const c = ctx(req, res);
    const { purpose, act } = Purpose.parse(req.params);
    const id = me(res).id;
    if (act === 'withdraw') withdrawConsent(s, id, purpose);
    else giveConsent(s, id, purpose, consentWording(purpose, c.lang));
    c.session.flash = { kind: 'ok', text: c.t(act === 'withdraw' ? 'data.withdrawn' : 'data.given') };
    res.redirect(303, safeBack((req.body as Record<string, unknown> | undefined)?.back, '/me/data', ['/me']));
  });

  r.post('/me/object', (req, res) => {
    const c = ctx(req, res);
    objectToProfiling(s, me(res).id);
    c.session.flash = { kind: 'ok', text: c.t('data.objectDone') };
    res.redirect(303, '/me/data');
  });

  r.post('/me/erase', (req, res) => {
    const c = ctx(req, res);
    const cand = me(res);
    if (str((req.body as Record<string, unknown> | undefined)?.confirm) !== '1') {
      c.session.flash = { kind: 'error', text: c.t('data.eraseNeedConfirm'), fields: { 'confirm-erase': c.t('data.eraseNeedConfirm') } };
      res.redirect(303, '/me/data');
      return;
    }
    actions.erase(cand.id);
    store.destroyCandidate(cand.id);
    res.locals.session = null;
    startSession(store, req, res, 'anon', { flash: { kind: 'ok', text: c.t('me.erased') } });
    res.redirect(303, '/');
  });
  return r;
}

function notFoundBody(c: Ctx): SafeHtml {
  return html`<h1>${c.t('err.title', { status: 404 })}</h1><p>${c.t('jobs.notFound')}</p><p><a href="/jobs">${c.t('me.allJobs')}</a></p>`;
}

/** Our own words for the profile form's validation errors (the schema's messages are English). */
function profileMessage(c: Ctx, id: string): string {
  if (/^role-(start|end)-/.test(id)) return c.t('profile.badMonth');
  if (/^role-title-/.test(id)) return c.t('profile.badTitle');
  const own: Record<string, Key> = { email: 'profile.badEmail', phone: 'profile.badPhone', languages: 'profile.badLanguages' };
  return own[id] ? c.t(own[id]) : c.t('err.fieldInvalid');
}

export function recommendations(s: Services, cand: Candidate): RecsState {
  const st = consentState(s.candidates, cand.id);
  if (st.objectedAt) return { kind: 'objected' };
  if (!st.inForce.profiling) return { kind: 'no_consent' };
  const { engine } = s;
  const result = recommendJobs({ jobs: s.jobs, vectors: s.vectors, jobIndex: engine.deps.jobs, modelId: engine.deps.jobs.index.modelId, config: engine.deps.config }, cand, { limit: 10, page: 1, minShare: MATCH_MIN_SHARE });
  return { kind: 'ok', items: result.items };
}

/** The profile form as a RectifyPatch (validated by rectify). Blank new jobs are ignored; ticked ones removed. */
export function patchFromForm(f: Record<string, unknown>): { patch: RectifyPatchT; roleIndex: number[] } {
  const opt = (k: string): string | null => str(f[k]).trim() || null;
  const n = Math.min(Number(str(f.role_count)) || 0, 60);
  const roles: NonNullable<RectifyPatchT['roles']> = [];
  /** roleIndex[i]: the form's fieldset of roles[i] (blank and removed ones are skipped). */
  const roleIndex: number[] = [];
  for (let i = 0; i < n; i++) {
    if (str(f[`role-remove-${i}`]) === '1') continue;
    const v = (k: string) => str(f[`role-${k}-${i}`]).trim();
    if (!['title', 'employer', 'start', 'end', 'description'].some((k) => v(k))) continue;
    roles.push({ title: v('title'), employer: v('employer') || null, start: v('start'), end: v('end') || null, description: v('description') });
    roleIndex.push(i);
  }
  const patch: RectifyPatchT = {
    name: opt('name'),
    email: opt('email'),
    phone: opt('phone'),
    location: opt('location'),
    skills: list(f.skills),
    spokenLanguages: list(f.languages).map((x) => x.toLowerCase()),
    roles,
  };
  return { patch, roleIndex };
}
