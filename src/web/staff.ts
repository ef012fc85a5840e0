import { Router, type Request, type Response } from 'express';
import { rateLimit, ipKeyGenerator } from 'express-rate-limit';
import { z } from 'zod';
import { can, hashToken } from '../access/index.js';
import { appendAudit } from '../audit/index.js';
import { AppError, scopeOfUser, type Scope, type User } from '../domain/index.js';
import { SearchRequest } from '../http/schemas.js';
import { loadPseudonymKey } from '../privacy/index.js';
import { auditTrail } from '../privacy/audit-trail.js';
import { recordSearch } from '../review/index.js';
import { runSearch, type SearchResponseItem } from '../search/index.js';
import type { Services } from '../services.js';
import type { ShortlistRow } from '../store/index.js';
import { list, safeBack, str } from './bits.js';
import { headerWords, type Identity } from './blind.js';
import { describeError, toFlash } from './errors.js';
import { html } from './html.js';
import { makeCtx, send, type Ctx } from './layout.js';
import { SessionStore, ensureSession, startSession, takeFlash } from './session.js';
import { requireCan, requireStaff, signInBody, staffUser, userName } from './staff-auth.js';
import { SEARCH_FIELDS, results, searchFieldOf, searchForm, shortlistsPage, staffHome, who, type AuditEventView, type SearchSnapshot } from './staff-views.js';
import { auditPage, type Labeller } from './audit-view.js';

const Uuid = z.string().uuid();

/** Staff pages: sign-in, search with results, the list of shortlists, the audit view. */
export function staffPages(s: Services, store: SessionStore): Router {
  const r = Router();
  const ctx = (req: Request, res: Response): Ctx => makeCtx(req, res, ensureSession(store, req, res), 'staff');
  const user = (res: Response): User => res.locals.user as User;
  const signInLimit = rateLimit({
    windowMs: 60_000,
    limit: 30,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? '0.0.0.0'),
    handler: (_req, _res, next) => next(new AppError('rate_limited', 'Too many sign-in attempts; try again in a minute.')),
  });

  r.use('/staff', staffUser(s.db, store));

  r.get('/staff/sign-in', (req, res) => {
    const c = ctx(req, res);
    if (c.user) return res.redirect(303, staffHome(c.user));
    send(c, 200, { title: c.t('signin.staff.title'), body: signInBody(c, safeBack(req.query.next, '/staff', ['/staff']), null) });
  });

  r.post('/staff/sign-in', signInLimit, (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const token = str(body.token).trim();
    const u = token ? s.users.byToken(token) : null;
    if (!u) {
      // Audited without the token or the address: who tried is unknown, that someone tried is not.
      appendAudit(s.db, { actor: null, action: 'login.failed', subject: null, data: { via: 'web', reason: token ? 'unknown token' : 'no token' } });
      const c = ctx(req, res);
      const msg = c.t('signin.staff.bad');
      send(c, 401, { title: c.t('signin.staff.title'), body: signInBody(c, safeBack(body.next, '/staff', ['/staff']), msg), flash: { kind: 'error', text: msg, fields: { token: msg } } });
      return;
    }
    startSession(store, req, res, 'staff', { staff: { userId: u.id, tokenHash: hashToken(token) } });
    appendAudit(s.db, { actor: u.id, action: 'login', subject: u.id, data: { via: 'web' } });
    const next = safeBack(body.next, '/staff', ['/staff']);
    res.redirect(303, next === '/staff' ? staffHome(u) : next);
  });

  r.post('/staff/sign-out', (req, res) => {
    const u = res.locals.user as User | undefined;
    if (u) appendAudit(s.db, { actor: u.id, action: 'logout', subject: u.id, data: { via: 'web' } });
    const c = ctx(req, res);
    startSession(store, req, res, 'anon', { flash: { kind: 'ok', text: c.t('signout.done') } });
    res.redirect(303, '/staff/sign-in');
  });

  r.use('/staff', requireStaff(store));

  r.get('/staff', (_req, res) => {
    res.redirect(303, staffHome(user(res)));
  });

  r.post('/staff/blind', (req, res) => {
    const c = ctx(req, res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    c.session.blind = str(body.on) === '1';
    res.redirect(303, safeBack(body.back, '/staff/search', ['/staff']));
  });

  const jobsOf = (u: User) => s.jobs.list(scopeOfUser(u), { limit: 200, offset: 0 });

  r.get('/staff/search', requireCan('search:run'), (req, res) => {
    const c = ctx(req, res);
    const flash = takeFlash(c.session);
    send(c, flash?.kind === 'error' ? 400 : 200, { title: c.t('search.title'), flash, body: html`<h1>${c.t('search.title')}</h1>${searchForm(c, jobsOf(user(res)), {}, flash)}` });
  });

  r.post('/staff/search', requireCan('search:run'), async (req, res) => {
    const c = ctx(req, res);
    const u = user(res);
    const form = (req.body ?? {}) as Record<string, unknown>;
    const values = Object.fromEntries(SEARCH_FIELDS.map((k) => [k, str(form[k])]));
    const num = (k: string) => (values[k] ? Number(values[k]) : undefined);
    c.session.blind = values.blind === '1';
    let parsed;
    try {
      parsed = SearchRequest.parse({
        query: values.query || undefined,
        jobId: values.jobId || undefined,
        filters: {
          mustHave: list(values.mustHave),
          mustNot: list(values.mustNot),
          minYears: num('minYears'),
          maxYears: num('maxYears'),
          languages: list(values.languages).map((x) => x.toLowerCase()),
          location: values.location || undefined,
          field: values.field || undefined,
          soft: { years: values.soft === '1' },
        },
        limit: 20,
      });
    } catch (err) {
      const d = describeError(c.t, err, s.config.upload.maxBytes, searchFieldOf);
      const own: Record<string, string> = { query: c.t('search.needQuery'), minYears: c.t('search.badYears'), maxYears: c.t('search.badYears'), languages: c.t('search.badLanguages') };
      c.session.flash = toFlash({ ...d, fields: Object.fromEntries(Object.entries(d.fields ?? {}).map(([id, msg]) => [id, own[id] ?? msg])) }, values);
      res.redirect(303, '/staff/search');
      return;
    }
    const { job, result, items } = await runSearch(s, u, parsed);
    const shortlistId = recordSearch(s.db, u, scopeOfUser(u), { params: parsed, jobId: job?.id ?? null, shown: result.items, ranking: result.ranking, cut: s.config.review.cut });
    // Who is who is not kept in the session: it is read again each time the page is drawn.
    const snap: SearchSnapshot = { form: values, jobTitle: job?.title ?? null, total: result.total, eligible: result.eligible, ranking: result.ranking, items: items.map(({ candidate: _who, ...rest }) => rest) };
    SessionStore.remember(c.session, shortlistId, snap);
    res.redirect(303, `/staff/search/${shortlistId}`);
  });

  r.get('/staff/search/:id', requireCan('search:run'), (req, res) => {
    const c = ctx(req, res);
    const id = Uuid.safeParse(req.params.id);
    const snap = id.success ? (c.session.searches.get(id.data) as SearchSnapshot | undefined) : undefined;
    if (!id.success || !snap) {
      if (id.success) c.session.flash = { kind: 'error', text: c.t('search.expired') };
      return res.redirect(303, id.success ? `/staff/shortlists/${id.data}` : '/staff/search');
    }
    const scope = scopeOfUser(user(res));
    const { shown, dropped } = stillShown(s, scope, snap);
    const identity = (cid: string): Identity => {
      const p = s.candidates.get(scope, cid)?.profile;
      if (!p || !c.session.blind) return {};
      return { name: p.name, email: p.email, phone: p.phone, location: p.location, language: p.language, extra: headerWords(s.candidates.text(scope, cid) ?? '', p) };
    };
    send(c, 200, {
      title: c.t('search.title'),
      body: html`<h1>${c.t('search.title')}</h1>
        <details class="card refine"><summary>${c.t('search.refine')}</summary>${searchForm(c, jobsOf(user(res)), { ...snap.form, blind: c.session.blind ? '1' : '0' }, null)}</details>
        ${snap.jobTitle ? html`<p class="meta">${c.t('review.job', { title: snap.jobTitle })}</p>` : ''}
        ${results(c, id.data, snap, shown, dropped, identity)}`,
    });
  });

  r.get('/staff/shortlists', (req, res) => {
    const c = ctx(req, res);
    const u = user(res);
    const mine = (row: ShortlistRow) => row.entity_scope.split(',').every((e) => (u.entities as string[]).includes(e));
    const rows = (state: string, onlyMine: boolean) =>
      (s.db.prepare(`SELECT * FROM shortlists WHERE state = ?${onlyMine ? ' AND created_by = ?' : ''} ORDER BY created_at DESC, id LIMIT 200`).all(...(onlyMine ? [state, u.id] : [state])) as ShortlistRow[])
        .filter(mine)
        .slice(0, 20)
        .map((row) => ({ ...row, items: (s.db.prepare('SELECT count(*) AS n FROM shortlist_items WHERE shortlist_id = ?').get(row.id) as { n: number }).n, by: userName(s.db, row.created_by) }));
    send(c, 200, {
      title: c.t('lists.title'),
      body: shortlistsPage(c, [
        { title: c.t('lists.inReview'), rows: rows('in_review', false) },
        ...(can(u.role, 'search:run') ? [{ title: c.t('lists.mine'), rows: rows('draft', true) }] : []),
        { title: c.t('lists.approved'), rows: rows('approved', false) },
      ]),
    });
  });

  r.get('/staff/shortlists/open', (req, res) => {
    const id = Uuid.safeParse(str(req.query.id).trim());
    res.redirect(303, id.success ? `/staff/shortlists/${id.data}` : '/staff/shortlists');
  });

  // The audit view of a shortlist: the same events and pseudonymisation as GET /api/audit?shortlist=.
  const pseudonymKey = loadPseudonymKey(s.config.dataDir);

  r.get('/staff/audit', requireCan('audit:read'), (req, res) => {
    const c = ctx(req, res);
    const u = user(res);
    const id = Uuid.safeParse(req.query.shortlist);
    const row = id.success ? (s.db.prepare('SELECT entity_scope FROM shortlists WHERE id = ?').get(id.data) as { entity_scope: string } | undefined) : undefined;
    if (!id.success || !row || !row.entity_scope.split(',').every((e) => (u.entities as string[]).includes(e))) throw new AppError('not_found', 'No such shortlist.');
    const events: AuditEventView[] = auditTrail(s.db, pseudonymKey, id.data, 1000);
    send(c, 200, { title: c.t('audit.title'), body: auditPage(c, id.data, events, auditLabels(s, c, id.data, events)) });
  });
  return r;
}

/**
 * The results of a remembered search that may still be shown, re-checked against the store each
 * time the page is drawn: a candidate erased since, outside the user's entities, who objected to
 * profiling or withdrew the recruitment consent is left out (and dropped from the session's copy).
 */
function stillShown(s: Pick<Services, 'candidates'>, scope: Scope, snap: SearchSnapshot): { shown: SearchResponseItem[]; dropped: number } {
  const who = s.candidates.summaries(scope, snap.items.map((it) => it.candidateId));
  const ok = (id: string) => who.has(id) && s.candidates.objectedAt(id) === null && s.candidates.hasConsent(id, 'recruitment');
  const kept = snap.items.filter((it) => ok(it.candidateId));
  snap.dropped = (snap.dropped ?? 0) + snap.items.length - kept.length;
  snap.items = kept;
  return { shown: kept.map((it) => ({ ...it, candidate: who.get(it.candidateId) ?? null })), dropped: snap.dropped };
}

/**
 * Names for the ids in a shortlist's audit trail: candidates by their label on the list ("Candidate
 * n" in blind review, else the name), users by name, jobs by title. Ids outside the user's
 * entities stay unnamed.
 */
function auditLabels(s: Services, c: Ctx, shortlistId: string, events: readonly AuditEventView[]): Labeller {
  const scope = scopeOfUser(c.user!);
  const items = s.db.prepare('SELECT candidate_id AS id, position, engine_rank AS rank FROM shortlist_items WHERE shortlist_id = ?').all(shortlistId) as { id: string; position: number; rank: number | null }[];
  const onList = new Map(items.map((i) => [i.id, i.rank ?? i.position]));
  const ids = new Set<string>();
  for (const e of events) for (const m of JSON.stringify([e.subject, e.actor, e.data]).matchAll(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g)) ids.add(m[0]);
  const people = s.candidates.summaries(scope, [...ids]);
  const cache = new Map<string, string | null>();
  const name = (id: string): string | null => {
    const n = onList.get(id);
    const p = people.get(id);
    if (n !== undefined) return who(c, p?.name, n);
    if (p) return c.t('audit.candidateOff', { label: c.session.blind ? c.t('auditKey.candidateId') : (p.name ?? c.t('search.unnamed')) });
    const u = s.db.prepare('SELECT name FROM users WHERE id = ?').get(id) as { name: string } | undefined;
    if (u) return u.name;
    return s.jobs.get(scope, id)?.title ?? null;
  };
  return (id) => {
    if (!cache.has(id)) cache.set(id, name(id));
    return cache.get(id)!;
  };
}
