import type { RequestHandler } from 'express';
import { can, type Action } from '../access/index.js';
import { AppError, type Entity, type Role_, type User } from '../domain/index.js';
import type { Db } from '../store/index.js';
import { safeBack } from './bits.js';
import { csrfField, input } from './forms.js';
import { html, type SafeHtml } from './html.js';
import { makeCtx, send, type Ctx } from './layout.js';
import { ensureSession, sessionOf, type SessionStore } from './session.js';

/** The user behind a stored token hash, while the token is not revoked. */
export function userByTokenHash(db: Db, hash: string): User | null {
  const row = db
    .prepare('SELECT u.id, u.name, u.role FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.hash = ? AND t.revoked_at IS NULL')
    .get(hash) as { id: string; name: string; role: Role_ } | undefined;
  if (!row) return null;
  const entities = (db.prepare('SELECT entity FROM user_entities WHERE user_id = ? ORDER BY entity').all(row.id) as { entity: Entity }[]).map((r) => r.entity);
  return { ...row, entities };
}

export function userName(db: Db, id: string): string {
  return (db.prepare('SELECT name FROM users WHERE id = ?').get(id) as { name: string } | undefined)?.name ?? id;
}

/**
 * Staff pages know the user from the staff session (or, for scripts, from a bearer token that the
 * API's `authenticate` already checked). A session whose token was revoked ends here.
 */
export function staffUser(db: Db, store: SessionStore): RequestHandler {
  return (_req, res, next) => {
    if (res.locals.user) return next();
    const sess = sessionOf(res);
    if (sess?.kind === 'staff' && sess.staff) {
      const u = userByTokenHash(db, sess.staff.tokenHash);
      if (u && u.id === sess.staff.userId) res.locals.user = u;
      else {
        store.destroy(sess.id);
        res.locals.session = null;
      }
    }
    next();
  };
}

export function signInBody(c: Ctx, next: string, error: string | null): SafeHtml {
  const { t } = c;
  return html`<h1>${t('signin.staff.title')}</h1>
  <p class="lead">${t('signin.staff.intro')}</p>
  <form method="post" action="/staff/sign-in" class="card" novalidate>
    ${csrfField(c.session)}
    <input type="hidden" name="next" value="${next}">
    ${input({ id: 'token', label: t('signin.staff.token'), type: 'password', autocomplete: 'off', error, required: true })}
    <button type="submit" class="primary">${t('signin.staff.submit')}</button>
  </form>`;
}

/** Signed-in staff only: otherwise the sign-in form, with status 401 (it returns to this page after). */
export function requireStaff(store: SessionStore): RequestHandler {
  return (req, res, next) => {
    if (res.locals.user) return next();
    const c = makeCtx(req, res, ensureSession(store, req, res), 'staff');
    send(c, 401, { title: c.t('signin.staff.title'), body: signInBody(c, req.method === 'GET' ? safeBack(req.originalUrl, '/staff', ['/staff']) : '/staff', null) });
  };
}

export function requireCan(action: Action): RequestHandler {
  return (_req, res, next) => {
    const u = res.locals.user as User;
    if (!can(u.role, action)) return next(new AppError('forbidden', `Your role (${u.role}) may not do this (${action}).`, { role: u.role, action }));
    next();
  };
}
