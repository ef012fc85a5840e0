import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, type Running } from '../../src/cli/serve.js';
import { loadConfig } from '../../src/config.js';
import type { Entity, Role_ } from '../../src/domain/index.js';

export interface TestServer {
  running: Running;
  url: string;
  dir: string;
  /** Creates a user with a token; returns the token. */
  user(name: string, role: Role_, entities: Entity[]): string;
  stop(): Promise<void>;
}

/** The real HTTP server on a free loopback port and a fresh data folder. */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-http-'));
  const config = loadConfig({ DATA_DIR: dir, DEMO_DATA: 'false', LOG_LEVEL: 'silent', PORT: '0', EMBED_WORKER: 'false', ...env });
  const running = await startServer(config, { demo: false });
  return {
    running,
    url: running.url,
    dir,
    user: (name, role, entities) => {
      const u = running.services.users.create(name, role, entities);
      return running.services.users.issueToken(u.id, 'test');
    },
    stop: async () => {
      await running.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function upload(url: string, file: Uint8Array, name: string, fields: Record<string, string>, token?: string): Promise<{ status: number; body: any }> {
  const form = new FormData();
  form.set('file', new Blob([file]), name);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  const res = await fetch(`${url}/api/candidates`, { method: 'POST', body: form, headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: await res.json() };
}

export async function call(url: string, method: string, p: string, token?: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}${p}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let parsed: any = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed };
}
