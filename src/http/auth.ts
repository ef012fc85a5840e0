import type { RequestHandler, Response } from 'express';
import { can, type Action, type UserRepo } from '../access/index.js';
import { AppError, scopeOfUser, type Scope, type User } from '../domain/index.js';

/** Reads a bearer token when one is sent; a wrong token is refused, a missing one leaves the request anonymous. */
export function authenticate(users: UserRepo): RequestHandler {
  return (req, res, next) => {
    const h = req.get('authorization');
    if (!h) return next();
    const m = /^Bearer\s+(\S+)$/i.exec(h);
    const user = m ? users.byToken(m[1]!) : null;
    if (!user) return next(new AppError('unauthorized', 'The bearer token is not valid.'));
    res.locals.user = user;
    next();
  };
}

export function requireAction(action: Action): RequestHandler {
  return (_req, res, next) => {
    const user = res.locals.user as User | undefined;
    if (!user) return next(new AppError('unauthorized', 'Send a bearer token: Authorization: Bearer <token>.'));
    if (!can(user.role, action)) return next(new AppError('forbidden', `Your role (${user.role}) may not do this (${action}).`));
    next();
  };
}

export function currentUser(res: Response): User {
  const u = res.locals.user as User | undefined;
  if (!u) throw new AppError('unauthorized', 'Send a bearer token: Authorization: Bearer <token>.');
  return u;
}

export function currentScope(res: Response): Scope {
  return scopeOfUser(currentUser(res));
}
