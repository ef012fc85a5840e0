import express, { type Express } from 'express';
import helmet from 'helmet';
import { authFailureLimiter, perCallerLimiter } from './rate-limit.js';
import type { User } from '../domain/index.js';
import { openApiDocument } from './openapi.js';
import type { Services } from '../services.js';
import { authenticate } from './auth.js';
import { meRoutes } from './me.js';
import { alertRoutes } from './alerts.js';
import { candidateRoutes } from './candidates.js';
import { searchRoutes } from './search.js';
import { reviewRoutes } from './review.js';
import { reportRoutes } from './reports.js';
import { errorHandler, notFound } from './errors.js';
import { requestContext } from './middleware.js';
import { webRoutes } from '../web/index.js';

export function createApp(s: Services): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(requestContext(s.log));
  app.use(helmet());
  app.use(express.json({ limit: '1mb' }));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res) => {
    const r = s.readiness();
    res.status(r.ready ? 200 : 503).json(r);
  });
  // Before anything that can answer 401 (API, candidate routes, staff sign-in page).
  app.use(authFailureLimiter(s.config.authFailuresPerMinute));
  // The candidate's own routes (jmc_ tokens) and the public job list come before the staff authentication.
  app.use(alertRoutes(s)); // before meRoutes: its /api/me catch-all would answer /api/me/alerts
  app.use(meRoutes(s));
  app.use(authenticate(s.users));
  // Per token (or per address when anonymous), so one busy client cannot starve the others.
  app.use(
    '/api',
    perCallerLimiter(s.config.rateLimitPerMinute, (_req, res) => (res.locals.user as User | undefined)?.id),
  );
  const doc = openApiDocument();
  app.get('/api/openapi.json', (_req, res) => {
    res.json(doc);
  });
  app.use(candidateRoutes(s));
  app.use(searchRoutes(s));
  app.use(reviewRoutes(s));
  app.use(reportRoutes(s));
  app.use(webRoutes(s));

  app.use(notFound);
  app.use(errorHandler(s.log, s.config.upload.maxBytes));
  return app;
}
