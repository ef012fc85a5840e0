import type { ErrorRequestHandler } from 'express';
import { AppError } from '../domain/index.js';
import { toAppError } from '../http/errors.js';
import type { Logger } from '../log.js';
import { html } from './html.js';
import { isKey, translator, type Lang, type T } from './i18n.js';
import { makeCtx, send } from './layout.js';
import type { Flash, SessionStore } from './session.js';
import { ensureSession } from './session.js';

export interface Described {
  status: number;
  code: string;
  text: string;
  /** Message per form field id. */
  fields?: Record<string, string>;
  detail: string[];
}

/** Thrown when a POST comes without the session's CSRF token. */
export function csrfError(): AppError {
  return new AppError('forbidden', 'The CSRF token is missing or wrong.', { reason: 'csrf' });
}

interface Issue {
  path: string;
  message: string;
}

function issuesOf(e: AppError): Issue[] {
  const raw = e.details?.issues;
  return Array.isArray(raw) ? (raw as Issue[]).filter((i) => typeof i?.path === 'string') : [];
}

/**
 * An error in plain words, in the page's language. The review gate's refusals get their own
 * sentences; other 4xx keep the server's message as detail. `fieldOf` maps an issue path to a form field id.
 */
export function describeError(t: T, err: unknown, maxBytes: number, fieldOf: (path: string) => string | null = () => null): Described {
  const e = toAppError(err, maxBytes);
  const d = e.details ?? {};
  const base = { status: e.status, code: e.code };
  if (e.code === 'forbidden' && d.reason === 'csrf') return { ...base, text: t('err.csrf'), detail: [] };
  if (e.code === 'forbidden' && typeof d.role === 'string' && typeof d.action === 'string') {
    const role = `role.${d.role}`;
    const action = `action.${d.action}`;
    return { ...base, text: t('err.role', { role: isKey(role) ? t(role) : d.role, action: isKey(action) ? t(action) : t('action.other') }), detail: [] };
  }
  const issues = issuesOf(e);
  if (e.code === 'validation_failed' && issues.length === 1 && issues[0]!.path === 'reason' && issues[0]!.message === 'required') {
    const text = /overrides/.test(e.message) ? t('gate.overrideReason') : t('gate.declineReason');
    return { ...base, text, fields: { reason: text }, detail: [] };
  }
  if (e.code === 'conflict') {
    if (typeof d.candidateId === 'string') return { ...base, text: t('gate.openFirst'), detail: [] };
    if (Array.isArray(d.undecided)) return { ...base, text: t('gate.undecided', { n: d.undecided.length }), detail: [] };
    if (/four-eyes/i.test(e.message)) return { ...base, text: t('gate.fourEyes'), detail: [] };
    if (/may leave the system/.test(e.message) && typeof d.state === 'string') {
      const st = `state.${d.state}`;
      return { ...base, text: t('gate.notApproved', { state: isKey(st) ? t(st) : d.state }), detail: [] };
    }
  }
  if (issues.length) {
    const fields: Record<string, string> = {};
    const rest: string[] = [];
    // One message per field (the form shows it there); the schema's own words are English, so a
    // Dutch page gets ours, and an issue without a field names where to look.
    for (const i of issues) {
      const f = fieldOf(i.path);
      if (f) fields[f] ??= t.lang === 'en' ? i.message : t('err.fieldInvalid');
      else rest.push(t.lang === 'en' ? (i.path ? `${i.path}: ${i.message}` : i.message) : t('err.issueAt', { where: i.path || '—' }));
    }
    return { ...base, text: t('err.validation_failed'), fields: Object.keys(fields).length ? fields : undefined, detail: rest };
  }
  const key = `err.${e.code}`;
  // The server's own message is English: shown as a detail on English pages only.
  return { ...base, text: isKey(key) ? t(key) : t('err.other'), detail: e.status >= 500 || t.lang !== 'en' ? [] : [e.message] };
}

export function toFlash(d: Described, values?: Record<string, string>): Flash {
  return { kind: 'error', text: d.text, fields: d.fields, detail: d.detail, values };
}

/** Errors of the pages: an HTML page in the visitor's language, or JSON for fetch callers. */
export function webErrorHandler(log: Logger, store: SessionStore, maxBytes: number): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const lang = (res.locals.lang as Lang | undefined) ?? 'en';
    const t = translator(lang);
    const d = describeError(t, err, maxBytes);
    const reqId = res.locals.requestId as string | undefined;
    if (d.status >= 500) log.error({ reqId, err: { message: (err as Error)?.message, stack: (err as Error)?.stack } }, 'page failed');
    else log.info({ reqId, code: d.code }, 'page refused');
    if (res.headersSent) return;
    if (req.accepts(['html', 'json']) === 'json') {
      res.status(d.status).json({ error: { code: d.code, message: d.text }, requestId: reqId });
      return;
    }
    const c = makeCtx(req, res, ensureSession(store, req, res), req.path.startsWith('/staff') ? 'staff' : 'candidate');
    send(c, d.status, {
      title: t('err.title', { status: d.status }),
      flash: null,
      body: html`<h1>${t('err.title', { status: d.status })}</h1>
        <p class="lead">${d.text}</p>
        ${d.detail.length ? html`<ul>${d.detail.map((x) => html`<li>${x}</li>`)}</ul>` : ''}
        ${reqId ? html`<p class="muted">${t('err.requestId', { id: reqId })}</p>` : ''}
        <p><a href="${req.path.startsWith('/staff') ? '/staff' : '/'}">${t('common.back')}</a></p>`,
    });
  };
}
