import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, type Running } from '../../src/cli/serve.js';
import { loadConfig } from '../../src/config.js';
import type { Entity, Role_ } from '../../src/domain/index.js';
import { recordErrorBody, testLogEnv } from './test-logs.js';

export interface TestServer {
  running: Running;
  url: string;
  dir: string;
  /** Creates a user with a token; returns the token. */
  user(name: string, role: Role_, entities: Entity[]): string;
  /** Stops the server and removes its data folder, unless `keepData` (to start again on it). */
  stop(opts?: { keepData?: boolean }): Promise<void>;
}

/**
 * The real HTTP server on a free loopback port and a fresh data folder (or `opts.dir`, to start
 * again on the data of a stopped one). It logs into the test run's log folder (helpers/test-logs.ts).
 */
export async function startTestServer(env: Record<string, string> = {}, opts: { dir?: string } = {}): Promise<TestServer> {
  const dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'jm-http-'));
  const config = loadConfig({ DATA_DIR: dir, DEMO_DATA: 'false', ...testLogEnv('server'), PORT: '0', EMBED_WORKER: 'false', ...env });
  const running = await startServer(config, { demo: false });
  return {
    running,
    url: running.url,
    dir,
    user: (name, role, entities) => {
      const u = running.services.users.create(name, role, entities);
      return running.services.users.issueToken(u.id, 'test');
    },
    stop: async (o = {}) => {
      await running.stop();
      if (!o.keepData) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function upload(url: string, file: Uint8Array, name: string, fields: Record<string, string>, token?: string): Promise<{ status: number; body: any; headers: Headers }> {
  const form = new FormData();
  form.set('file', new Blob([file]), name);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  const res = await fetch(`${url}/api/candidates`, { method: 'POST', body: form, headers: token ? { authorization: `Bearer ${token}` } : {} });
  const text = await res.text();
  recordErrorBody('POST', '/api/candidates', res.status, text);
  return { status: res.status, body: JSON.parse(text), headers: res.headers };
}

export async function call(url: string, method: string, p: string, token?: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}${p}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  recordErrorBody(method, p, res.status, text);
  let parsed: any = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed };
}
