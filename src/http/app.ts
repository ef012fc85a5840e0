import express, { type Express } from 'express';
import type { Services } from '../services.js';
import { authenticate } from './auth.js';
import { candidateRoutes } from './candidates.js';
import { searchRoutes } from './search.js';
import { errorHandler, notFound } from './errors.js';
import { requestContext } from './middleware.js';

export function createApp(s: Services): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(requestContext(s.log));
  app.use(express.json({ limit: '1mb' }));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res) => {
    const r = s.readiness();
    res.status(r.ready ? 200 : 503).json(r);
  });
  app.use(authenticate(s.users));
  app.use(candidateRoutes(s));
  app.use(searchRoutes(s));

  app.use(notFound);
  app.use(errorHandler(s.log, s.config.upload.maxBytes));
  return app;
}
