import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { AppError } from '../domain/index.js';

export interface LimiterOptions {
  /** Count only the requests whose answer this accepts (default: every request). */
  counts?: (res: Response) => boolean;
  /** The message of the 429 error. */
  message?: string;
}

/**
 * Requests per minute per caller: the id `who` finds for the request (a user or a candidate),
 * else the client address. Over the limit: 429 with the JSON error body.
 */
export function perCallerLimiter(limit: number, who: (req: Request, res: Response) => string | undefined, opts: LimiterOptions = {}): RequestHandler {
  const counts = opts.counts;
  return rateLimit({
    windowMs: 60_000,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req, res) => who(req, res) ?? ipKeyGenerator(req.ip ?? '0.0.0.0'),
    // With `counts`, a request is counted when it starts and taken back when its answer is not one that counts.
    ...(counts ? { skipSuccessfulRequests: true, requestWasSuccessful: (_req: Request, res: Response) => !counts(res) } : {}),
    handler: (_req, _res, next) => next(new AppError('rate_limited', opts.message ?? 'Too many requests; try again in a minute.')),
  });
}

/**
 * Answers 401 (a missing or wrong bearer token, an unknown candidate token) per client address
 * per minute; beyond the limit every request from that address is a 429 until the minute is over,
 * so nobody can try tokens (or fill the logs) at full speed.
 */
export function authFailureLimiter(limit: number): RequestHandler {
  return perCallerLimiter(limit, () => undefined, {
    counts: (res) => res.statusCode === 401,
    message: 'Too many requests with a missing or wrong token from this address; try again in a minute.',
  });
}
