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
export async function startServer(config: Config, opts: { demo?: boolean } = {}): Promise<Running> {
  const services = await createServices(config);
  const demo = opts.demo ?? config.demoData;
  const demoTokens = demo ? ensureDemoUsers(services) : {};
  if (demo && services.candidates.countAll() === 0) {
    const n = await seedDemoData(services);
    const jobs = await seedDemoJobs(services);
    services.log.info({ candidates: n, jobs }, 'demo data loaded');
  }
  const app = createApp(services);
  const server = await new Promise<Server>((resolve) => {
    const srv = app.listen(config.port, config.host, () => resolve(srv));
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const url = `http://${config.host}:${port}`;
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
  const running = await startServer(config);
  running.services.log.info({ url: running.url }, 'listening');
  process.stdout.write(`JobMatch is running at ${running.url}\n`);
  const names = Object.keys(running.demoTokens);
  if (names.length) {
    process.stdout.write('Demo users (role, entities, bearer token):\n');
    for (const u of DEMO_USERS) if (running.demoTokens[u.name]) process.stdout.write(`  ${u.name.padEnd(20)} ${u.role.padEnd(10)} ${u.entities.join(',').padEnd(9)} ${running.demoTokens[u.name]}\n`);
  }
  const shutdown = (): void => {
    void running.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
