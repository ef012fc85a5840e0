import crypto from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { readCookies, setCookie } from './cookies.js';

export const SESSION_COOKIE = 'jm_sid';

export interface Flash {
  kind: 'ok' | 'error';
  /** Already translated text. */
  text: string;
  /** Messages per form field id (shown at the field, tied to it with aria-describedby). */
  fields?: Record<string, string>;
  /** Extra lines (e.g. the server's own message). */
  detail?: string[];
  /** Values the user had typed, to fill the form again after an error. */
  values?: Record<string, string>;
}

export interface Session {
  id: string;
  /** The synchronizer token: every form carries it, every POST must return it. */
  csrf: string;
  kind: 'anon' | 'staff' | 'candidate';
  /** Staff: the user and the SHA-256 of the bearer token they signed in with (revoking the token ends the session). */
  staff?: { userId: string; tokenHash: string };
  candidateId?: string;
  blind: boolean;
  created: number;
  seen: number;
  flash: Flash | null;
  /** Recent search results of this session, by shortlist id (newest last). */
  searches: Map<string, unknown>;
}

export interface SessionLimits {
  idleMs: number;
  absoluteMs: number;
  max: number;
}

const DEFAULT_LIMITS: SessionLimits = { idleMs: 60 * 60_000, absoluteMs: 12 * 60 * 60_000, max: 10_000 };
const MAX_SEARCHES = 10;

/**
 * Server-side sessions in memory, referenced by a random cookie (HttpOnly, SameSite=Strict).
 * Nothing secret is in the cookie besides the 256-bit id; a restart signs everyone out.
 */
export class SessionStore {
  private readonly map = new Map<string, Session>();

  constructor(
    private readonly limits: SessionLimits = DEFAULT_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.map.size;
  }

  private alive(s: Session): boolean {
    const t = this.now();
    return t - s.seen < this.limits.idleMs && t - s.created < this.limits.absoluteMs;
  }

  get(id: string | undefined): Session | null {
    if (!id) return null;
    const s = this.map.get(id);
    if (!s) return null;
    if (!this.alive(s)) {
      this.map.delete(id);
      return null;
    }
    s.seen = this.now();
    return s;
  }

  create(kind: Session['kind'], init: Partial<Pick<Session, 'staff' | 'candidateId' | 'blind' | 'flash'>> = {}): Session {
    if (this.map.size >= this.limits.max) this.evict();
    const t = this.now();
    const s: Session = { id: crypto.randomBytes(32).toString('base64url'), csrf: crypto.randomBytes(32).toString('base64url'), kind, blind: false, created: t, seen: t, flash: null, searches: new Map(), ...init };
    this.map.set(s.id, s);
    return s;
  }

  destroy(id: string): void {
    this.map.delete(id);
  }

  /** Ends every session of a candidate (after erasure). */
  destroyCandidate(candidateId: string): void {
    for (const [id, s] of this.map) if (s.candidateId === candidateId) this.map.delete(id);
  }

  private evict(): void {
    for (const [id, s] of this.map) if (!this.alive(s)) this.map.delete(id);
    // Still full: the oldest anonymous sessions go first, then the oldest of any kind.
    const order = [...this.map.values()].sort((a, b) => Number(a.kind !== 'anon') - Number(b.kind !== 'anon') || a.seen - b.seen);
    for (const s of order.slice(0, Math.max(0, this.map.size - this.limits.max + 1))) this.map.delete(s.id);
  }

  static remember(s: Session, key: string, value: unknown): void {
    s.searches.delete(key);
    s.searches.set(key, value);
    while (s.searches.size > MAX_SEARCHES) s.searches.delete(s.searches.keys().next().value!);
  }
}

/** The request's session (null when none or expired). */
export function sessionOf(res: Response): Session | null {
  return (res.locals.session as Session | undefined) ?? null;
}

/** Reads the session cookie into res.locals.session. */
export function loadSession(store: SessionStore): RequestHandler {
  return (req, res, next) => {
    res.locals.session = store.get(readCookies(req).get(SESSION_COOKIE));
    next();
  };
}

/** The request's session, or a new anonymous one (with its cookie) so the page's forms have a CSRF token. */
export function ensureSession(store: SessionStore, req: Request, res: Response): Session {
  const cur = sessionOf(res);
  if (cur) return cur;
  return startSession(store, req, res, 'anon');
}

/** A fresh session id on every sign-in and sign-out (no session fixation). */
export function startSession(store: SessionStore, req: Request, res: Response, kind: Session['kind'], init: Parameters<SessionStore['create']>[1] = {}): Session {
  const old = sessionOf(res);
  if (old) store.destroy(old.id);
  const s = store.create(kind, init);
  setCookie(req, res, SESSION_COOKIE, s.id);
  res.locals.session = s;
  return s;
}

export function takeFlash(s: Session | null): Flash | null {
  if (!s?.flash) return null;
  const f = s.flash;
  s.flash = null;
  return f;
}

/** Constant-time comparison of the CSRF token sent (form field `_csrf` or header X-CSRF-Token) with the session's. */
export function csrfOk(s: Session | null, req: Request): boolean {
  if (!s) return false;
  const body = req.body as Record<string, unknown> | undefined;
  const sent = req.get('x-csrf-token') ?? (typeof body?._csrf === 'string' ? body._csrf : undefined);
  if (!sent) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(s.csrf);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}
