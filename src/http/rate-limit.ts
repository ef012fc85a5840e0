import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { AppError } from '../domain/index.js';

/**
 * Requests per minute per caller: the id `who` finds for the request (a user or a candidate),
 * else the client address. Over the limit: 429 with the JSON error body.
 */
export function perCallerLimiter(limit: number, who: (req: Request, res: Response) => string | undefined): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req, res) => who(req, res) ?? ipKeyGenerator(req.ip ?? '0.0.0.0'),
    handler: (_req, _res, next) => next(new AppError('rate_limited', 'Too many requests; try again in a minute.')),
  });
}
