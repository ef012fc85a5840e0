import { afterAll, beforeAll, expect, it } from 'vitest';
import { call, startTestServer, type TestServer } from '../helpers/server.js';

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer({ RATE_LIMIT_PER_MINUTE: '5' });
}, 120_000);
afterAll(async () => srv?.stop());

it('limits requests per token with a 429 JSON error, and one token does not use up another', async () => {
  const a = srv.user('a', 'recruiter', ['NL']);
  const b = srv.user('b', 'recruiter', ['NL']);
  const statuses: number[] = [];
  for (let i = 0; i < 7; i++) statuses.push((await call(srv.url, 'GET', '/api/candidates', a)).status);
  expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
  const limited = await call(srv.url, 'GET', '/api/candidates', a);
  expect(limited.status).toBe(429);
  expect(limited.body.error.code).toBe('rate_limited');
  expect((await call(srv.url, 'GET', '/api/candidates', b)).status).toBe(200);
});
