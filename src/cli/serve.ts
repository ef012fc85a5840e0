import type { Server } from 'node:http';
import type { Config } from '../config.js';
import { createApp } from '../http/app.js';
import { createServices, type Services } from '../services.js';
import { seedDemoData } from './demo.js';

export interface Running {
  services: Services;
  server: Server;
  url: string;
  stop(): Promise<void>;
}

/** Starts the service: database, demo data when empty, HTTP. Used by `npm start` and by the HTTP tests. */
export async function startServer(config: Config, opts: { demo?: boolean } = {}): Promise<Running> {
  const services = createServices(config);
  if ((opts.demo ?? config.demoData) && services.candidates.countAll() === 0) {
    const n = await seedDemoData(services);
    services.log.info({ candidates: n }, 'demo data loaded');
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
    url,
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
  const shutdown = (): void => {
    void running.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
