import { fileURLToPath } from 'node:url';
import express, { Router, type RequestHandler } from 'express';
import { AppError } from '../domain/index.js';
import type { Services } from '../services.js';
import { candidatePages } from './candidate.js';
import { csrfError, webErrorHandler } from './errors.js';
import { chooseLang } from './i18n.js';
import { reviewPages } from './review.js';
import { SessionStore, csrfOk, loadSession, sessionOf } from './session.js';
import { staffPages } from './staff.js';

const STATIC_DIR = fileURLToPath(new URL('./static', import.meta.url));

/**
 * Stricter than helmet's default for the pages: no inline styles either (helmet allows
 * 'unsafe-inline' and any https: style), no framing, no <base>, no plugins; forms post only here.
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Paths the web router answers; everything else (the API, health) passes straight through. */
export function isPagePath(p: string): boolean {
  return p === '/' || /^\/(jobs|me|staff|static)(\/|$)/.test(p);
}

const pageHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader('Content-Security-Policy', PAGE_CSP);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  next();
};

/** Every state-changing request carries the session's CSRF token, unless it is authenticated by a bearer header (not sent by browsers on their own). */
function csrfGuard(): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    if (res.locals.user && req.get('authorization')) return next();
    if (!csrfOk(sessionOf(res), req)) return next(csrfError());
    next();
  };
}

/** The websites: the candidate's JobMatch pages and the staff pages, server-rendered. Mount before the 404 handler. */
export function webRoutes(s: Services, store = new SessionStore()): Router {
  const r = Router();
  r.use((req, _res, next) => (isPagePath(req.path) ? next() : next('router')));
  r.use(pageHeaders);
  r.use('/static', express.static(STATIC_DIR, { index: false, maxAge: '1h', dotfiles: 'deny' }), (req, _res, next) => next(new AppError('not_found', `No file at ${req.originalUrl}.`)));
  r.use(express.urlencoded({ extended: false, limit: '200kb', parameterLimit: 500 }));
  r.use(loadSession(store));
  r.use((req, res, next) => {
    res.locals.lang = chooseLang(req, res);
    next();
  });
  r.use(csrfGuard());
  r.use(candidatePages(s, store));
  r.use(staffPages(s, store));
  r.use(reviewPages(s, store));
  r.use((req, _res, next) => next(new AppError('not_found', `No page at ${req.path}.`)));
  r.use(webErrorHandler(s.log, store, s.config.upload.maxBytes));
  return r;
}
