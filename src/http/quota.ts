import crypto from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import { AppError, type User } from '../domain/index.js';
import type { ExtractorPool } from '../ingest/extract/index.js';
import { loadKeyFile } from '../privacy/index.js';
import { UploadQuotaRepo, type Db, type QuotaLimits } from '../store/index.js';

/**
 * Who an upload is counted for: the staff user of the bearer token, else the client address
 * (IPv6 by its /56 network, as the rate limiter does). Addresses are kept only as a keyed hash
 * (per-install key in <dataDir>/quota.key), never in clear.
 */
export function uploadCaller(key: Buffer): (req: Request, res: Response) => string {
  return (req, res) => {
    const user = res.locals.user as User | undefined;
    if (user) return `user:${user.id}`;
    const addr = ipKeyGenerator(req.ip ?? '0.0.0.0');
    return `ip:${crypto.createHmac('sha256', key).update(addr).digest('hex').slice(0, 32)}`;
  };
}

/**
 * The upload quota (UPLOAD_QUOTA_PER_HOUR, UPLOAD_QUOTA_PER_DAY), checked before the body is read.
 * Every upload request let through counts, whatever its outcome: a refused, unreadable or
 * already-stored file costs reading and parsing just the same. Over quota: 429 `quota_exceeded`
 * naming the window, the limit and when it resets, with Retry-After.
 */
export function uploadQuota(db: Db, dataDir: string, limits: QuotaLimits, now?: () => number): RequestHandler {
  const repo = new UploadQuotaRepo(db, now);
  const callerOf = uploadCaller(loadKeyFile(dataDir, 'quota.key'));
  return (req, res, next) => {
    const d = repo.take(callerOf(req, res), limits);
    if (d.ok) return next();
    const per = d.window === 'hour' ? 'per hour' : 'per 24 hours';
    next(
      new AppError(
        'quota_exceeded',
        `Upload quota reached: ${d.limit} uploads ${per}. More are accepted from ${d.resetsAt.toISOString()}.`,
        { quota: { window: d.window, limit: d.limit, used: d.used, resetsAt: d.resetsAt.toISOString(), retryAfterSeconds: d.retryAfterSeconds } },
        d.retryAfterSeconds,
      ),
    );
  };
}

/** Refuses an upload with 503 before its body is read while the parsers' queue is full (the pool checks again when it queues). */
export function parsersAvailable(extractor: ExtractorPool): RequestHandler {
  return (_req, _res, next) => {
    const busy = extractor.overloaded();
    next(busy ?? undefined);
  };
}
