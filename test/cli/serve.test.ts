import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type Running } from '../../src/cli/serve.js';
import { loadConfig } from '../../src/config.js';
import { call } from '../helpers/server.js';
import { testLogEnv } from '../helpers/test-logs.js';

/** What `npm start` does on a fresh machine: an empty data folder, demo users, demo CVs and jobs. */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-start-'));
let running: Running | undefined;
afterAll(async () => {
  await running?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('npm start on an empty database', () => {
  it('listens at once (healthz 200, readyz 503 while loading), then has demo CVs, jobs and users', async () => {
    const config = loadConfig({ DATA_DIR: dir, DEMO_DATA: 'true', PORT: '0', EMBED_WORKER: 'false', ...testLogEnv('start') });
    let during: Promise<[{ status: number; body: any }, { status: number; body: any }]> | undefined;
    running = await startServer(config, {
      onListening: (url, _tokens, loadingDemo) => {
        expect(loadingDemo).toBe(true);
        during = Promise.all([call(url, 'GET', '/healthz'), call(url, 'GET', '/readyz')]);
      },
    });
    const [health, ready] = await during!;
    expect(health.status).toBe(200);
    expect(ready.status).toBe(503);
    expect(ready.body.checks.started).toBe(false);

    const after = await call(running.url, 'GET', '/readyz');
    expect(after.status).toBe(200);
    expect(after.body.checks).toMatchObject({ started: true, parsers: true });

    expect(running.demoTokens['nl-recruiter']).toMatch(/./);
    const search = await call(running.url, 'POST', '/api/search', running.demoTokens['nl-recruiter'], { query: 'software developer' });
    expect(search.status).toBe(200);
    expect(search.body.items.length).toBeGreaterThan(0);
    const jobs = await call(running.url, 'GET', '/api/jobs/public?entity=NL');
    expect(jobs.status).toBe(200);
    expect(jobs.body.items.length).toBeGreaterThan(0);
  }, 300_000);
});
