import type { Server } from 'node:http';
import type { Express } from 'express';
import type { Config } from '../config.js';
import { createApp } from '../http/app.js';
import { createServices, type Services } from '../services.js';
import { seedDemoData } from './demo.js';
import { seedDemoJobs } from './demo-jobs.js';
import { DEMO_USERS, ensureDemoUsers } from './demo-users.js';

export interface Running {
  services: Services;
  server: Server;
  app: Express;
  url: string;
  demoTokens: Record<string, string>;
  stop(): Promise<void>;
}

/** Starts the service: database, demo data when empty, HTTP. Used by `npm start` and by the HTTP tests. */
export async function startServer(config: Config, opts: { demo?: boolean; onListening?: (url: string, demoTokens: Record<string, string>, loadingDemo: boolean) => void } = {}): Promise<Running> {
  const services = await createServices(config);
  const demo = opts.demo ?? config.demoData;
  const demoTokens = demo ? ensureDemoUsers(services) : {};
  const app = createApp(services);
  // Listen first, so /healthz answers at once; /readyz says 503 until the demo data is in.
  const seeding = demo && services.candidates.countAll() === 0;
  services.setStarting(seeding);
  const server = await new Promise<Server>((resolve) => {
    const srv = app.listen(config.port, config.host, () => resolve(srv));
  });
  // Keep idle connections longer than clients and proxies do (60 s is common): with Node's 5 s
  // default the server could close a kept-alive socket just as a client sent its next request on
  // it, which the client sees as "socket hang up" (seen once in the hostile-upload test).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const url = `http://${config.host}:${port}`;
  opts.onListening?.(url, demoTokens, seeding);
  if (seeding) {
    services.log.info('loading demo data');
    try {
      const n = await seedDemoData(services);
      const jobs = await seedDemoJobs(services);
      services.log.info({ candidates: n, jobs }, 'demo data loaded');
    } catch (err) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await services.close();
      throw err;
    }
    services.setStarting(false);
  }
  return {
    services,
    server,
    app,
    url,
    demoTokens,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await services.close();
    },
  };
}

export async function serve(config: Config): Promise<void> {
  const running = await startServer(config, {
    onListening: (url, demoTokens, loadingDemo) => {
      process.stdout.write(`JobMatch is running at ${url}\n`);
      const names = Object.keys(demoTokens);
      if (names.length) {
        process.stdout.write('Demo users (role, entities, bearer token):\n');
        for (const u of DEMO_USERS) if (demoTokens[u.name]) process.stdout.write(`  ${u.name.padEnd(20)} ${u.role.padEnd(10)} ${u.entities.join(',').padEnd(9)} ${demoTokens[u.name]}\n`);
      }
      if (loadingDemo) process.stdout.write('Loading the demo CVs and jobs (the first start takes a minute or two; /readyz answers 503 until then)…\n');
    },
  });
  running.services.log.info({ url: running.url }, 'listening');
  process.stdout.write('Ready.\n');
  const shutdown = (): void => {
    void running.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
