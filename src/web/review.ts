import { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { AppError, scopeOfUser, type Candidate, type User } from '../domain/index.js';
import { reviewRoutes } from '../http/review.js';
import { PROFILE_PARTS, type ShortlistView } from '../review/index.js';
import type { Services } from '../services.js';
import { str } from './bits.js';
import { describeError, toFlash } from './errors.js';
import { makeCtx, send, type Ctx } from './layout.js';
import { gateNote, labelOf, shortlistPage, profilePartPage, type Approval } from './review-views.js';
import { ensureSession, takeFlash, type SessionStore } from './session.js';
import { requireStaff, userName } from './staff-auth.js';

const Id = z.object({ id: z.string().uuid() });
const IdCand = z.object({ id: z.string().uuid(), cid: z.string().uuid() });
const Part = z.enum(PROFILE_PARTS).catch('profile');
const Format = z.enum(['csv', 'json']);

/** The review pages of a shortlist: every change goes through the review gate (s.review), as the API's do. */
export function reviewPages(s: Services, store: SessionStore): Router {
  const r = Router();
  const api = reviewRoutes(s);
  const maxBytes = s.config.upload.maxBytes;
  const ctx = (req: Request, res: Response): Ctx => makeCtx(req, res, ensureSession(store, req, res), 'staff');
  const user = (res: Response): User => res.locals.user as User;

  r.use('/staff/shortlists', requireStaff(store));

  const approvalOf = (id: string): Approval | null => {
    const row = s.db
      .prepare("SELECT actor, at, data_json FROM audit_events WHERE subject = ? AND action = 'shortlist.transition' AND json_extract(data_json, '$.to') = 'approved' ORDER BY seq DESC LIMIT 1")
      .get(id) as { actor: string; at: string; data_json: string } | undefined;
    if (!row) return null;
    const flags = (JSON.parse(row.data_json) as { flags?: unknown }).flags;
    return { by: userName(s.db, row.actor), at: row.at, flags: Array.isArray(flags) ? flags.map(String) : [] };
  };
  const people = (u: User, v: ShortlistView): Map<string, Candidate | null> => new Map(v.items.map((it) => [it.candidateId, s.candidates.get(scopeOfUser(u), it.candidateId)]));

  /** Runs a gate action from a form; success and refusal both come back as a message on the next page. */
  const act = (back: (req: Request) => string, run: (req: Request, res: Response, c: Ctx) => string | void, fieldOf?: (p: string) => string | null) => (req: Request, res: Response) => {
    const c = ctx(req, res);
    let to = back(req);
    try {
      const r2 = run(req, res, c);
      if (typeof r2 === 'string') to = r2;
    } catch (err) {
      const d = describeError(c.t, err, maxBytes, fieldOf);
      if (d.status >= 500) throw err;
      const values = Object.fromEntries(Object.entries((req.body ?? {}) as Record<string, unknown>).filter(([k, v]) => k !== '_csrf' && typeof v === 'string')) as Record<string, string>;
      c.session.flash = toFlash(d, values);
    }
    res.redirect(303, to);
  };
  const listUrl = (req: Request) => `/staff/shortlists/${Id.parse(req.params).id}`;

  r.get('/staff/shortlists/:id', (req, res) => {
    const c = ctx(req, res);
    const u = user(res);
    const v = s.review.view(u, Id.parse(req.params).id);
    const flash = takeFlash(c.session);
    send(c, 200, {
      title: c.t('review.title'),
      flash,
      body: shortlistPage(c, v, { job: v.jobId ? s.jobs.get(scopeOfUser(u), v.jobId) : null, createdBy: userName(s.db, v.createdBy), approval: v.state === 'approved' ? approvalOf(v.id) : null, people: people(u, v) }),
    });
  });

  r.post(
    '/staff/shortlists/:id/start',
    act(listUrl, (req, res, c) => {
      s.review.start(user(res), Id.parse(req.params).id);
      c.session.flash = { kind: 'ok', text: c.t('review.started') };
    }),
  );

  r.post(
    '/staff/shortlists/:id/approve',
    act(listUrl, (req, res, c) => {
      const { flags } = s.review.approve(user(res), Id.parse(req.params).id);
      c.session.flash = { kind: 'ok', text: c.t('review.approved'), detail: flags.map((f) => gateNote(c.t, f)) };
    }),
  );

  r.post(
    '/staff/shortlists/:id/reject',
    act(listUrl, (req, res, c) => {
      const reason = str((req.body as Record<string, unknown> | undefined)?.reason).trim();
      if (reason.length < 3) throw new AppError('validation_failed', 'give a reason', { issues: [{ path: 'reason', message: c.t('err.validation_failed') }] });
      s.review.reject(user(res), Id.parse(req.params).id, reason);
      c.session.flash = { kind: 'ok', text: c.t('review.rejected') };
    }, (p) => (p === 'reason' ? 'reject-reason' : null)),
  );

  r.post(
    '/staff/shortlists/:id/move',
    act(listUrl, (req, res, c) => {
      const u = user(res);
      const { id } = Id.parse(req.params);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const order = [...s.review.view(u, id).items].sort((a, b) => a.position - b.position).map((i) => i.candidateId);
      const at = order.indexOf(str(body.cid));
      const to = str(body.dir) === 'up' ? at - 1 : at + 1;
      if (at < 0 || to < 0 || to >= order.length) throw new AppError('bad_request', 'Cannot move that candidate there.');
      [order[at], order[to]] = [order[to]!, order[at]!];
      s.review.reorder(u, id, order);
      c.session.flash = { kind: 'ok', text: c.t('review.moved') };
      return `/staff/shortlists/${id}#item-${order[to]}`;
    }),
  );

  r.get('/staff/shortlists/:id/candidates/:cid', (req, res) => {
    const c = ctx(req, res);
    const u = user(res);
    const { id, cid } = IdCand.parse(req.params);
    const part = Part.parse(req.query.part);
    const v = s.review.view(u, id);
    // Records the view (and checks the candidate is on this shortlist and in the user's entities).
    s.review.openProfile(u, id, cid, part);
    const items = [...v.items].sort((a, b) => a.position - b.position);
    const at = items.findIndex((i) => i.candidateId === cid);
    const item = items[at]!;
    const cand = s.candidates.get(scopeOfUser(u), cid);
    if (!cand) throw new AppError('not_found', 'No such candidate.');
    const href = (i: number) => (items[i] ? `/staff/shortlists/${id}/candidates/${items[i].candidateId}` : null);
    const flash = takeFlash(c.session);
    send(c, flash?.kind === 'error' ? 400 : 200, {
      title: `${c.t('profileView.title')}: ${labelOf(c, item, cand)}`,
      flash,
      body: profilePartPage(c, v, item, cand, part, part === 'cv' || c.session.blind ? s.candidates.text(scopeOfUser(u), cid) : null, { prev: href(at - 1), next: href(at + 1) }, flash),
    });
  });

  r.post(
    '/staff/shortlists/:id/candidates/:cid/decision',
    act(
      (req) => {
        const { id, cid } = IdCand.parse(req.params);
        return `/staff/shortlists/${id}/candidates/${cid}?part=${Part.parse(str((req.body as Record<string, unknown> | undefined)?.part))}`;
      },
      (req, res, c) => {
        const u = user(res);
        const { id, cid } = IdCand.parse(req.params);
        const body = (req.body ?? {}) as Record<string, unknown>;
        const decision = str(body.decision);
        if (decision !== 'advance' && decision !== 'decline') throw new AppError('validation_failed', 'choose', { issues: [{ path: 'decision', message: c.t('err.validation_failed') }] });
        s.review.decide(u, id, cid, decision, str(body.reason).trim() || undefined);
        const item = s.review.view(u, id).items.find((i) => i.candidateId === cid);
        c.session.flash = { kind: 'ok', text: c.t('review.decided', { who: item ? labelOf(c, item, s.candidates.get(scopeOfUser(u), cid)) : '' }) };
        return `/staff/shortlists/${id}#item-${cid}`;
      },
      (p) => (p === 'reason' ? 'reason' : p === 'decision' ? 'decision-advance' : null),
    ),
  );

  // Egress: the API's own export handler (review gate, audit event, CSV/JSON format), for the signed-in user.
  r.get('/staff/shortlists/:id/export', (req: Request, res: Response, next: NextFunction) => {
    const { id } = Id.parse(req.params);
    const format = Format.catch('json').parse(req.query.format);
    req.url = `/api/shortlists/${id}/export?format=${format}`;
    api(req, res, next);
  });
  return r;
}
