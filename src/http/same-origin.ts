import type { RequestHandler } from 'express';
import { AppError } from '../domain/index.js';

/**
 * Refuses a browser request sent from another site (the cross-site form post a CSRF attack needs).
 * Browsers say where a request comes from: `Sec-Fetch-Site` (cross-site / same-site / same-origin /
 * none) and `Origin`. When either is present it must name this service: the Host the request
 * came to, or PUBLIC_URL's origin. API clients send neither and are not affected; a request
 * with a bearer token is not a browser's ambient credential and passes too.
 */
export function sameOriginOnly(publicUrl: string): RequestHandler {
  const publicOrigin = new URL(publicUrl).origin;
  return (req, _res, next) => {
    if (req.get('authorization')) return next();
    const site = req.get('sec-fetch-site');
    if (site && site !== 'same-origin' && site !== 'none') return next(refused());
    const origin = req.get('origin');
    if (origin === undefined) return next();
    // The host is compared, not the scheme: behind a TLS proxy the browser says https, this server sees http.
    if (origin !== publicOrigin && hostOf(origin) !== req.get('host')) return next(refused());
    next();
  };
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null; // "null" (a sandboxed page, a file) or garbage
  }
}

function refused(): AppError {
  return new AppError('forbidden', 'Uploads from another website are refused. Upload your CV on this site.', { reason: 'cross_site' });
}
