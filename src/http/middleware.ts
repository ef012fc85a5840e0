import crypto from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from '../log.js';

/** A request id per request (taken from X-Request-Id when it is sane), and one JSON log line per response. */
export function requestContext(log: Logger): RequestHandler {
  return (req, res, next) => {
    const given = req.get('x-request-id');
    const id = given && /^[\w.-]{1,64}$/.test(given) ? given : crypto.randomUUID();
    res.locals.requestId = id;
    res.setHeader('X-Request-Id', id);
    const t0 = performance.now();
    res.on('finish', () => {
      // Route path only: query strings and bodies may carry personal data.
      log.info({ reqId: id, method: req.method, route: req.route?.path ?? req.path.split('/').slice(0, 3).join('/'), status: res.statusCode, ms: Math.round(performance.now() - t0) }, 'request');
    });
    next();
  };
}
