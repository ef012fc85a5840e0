/** 401 answers (missing or wrong bearer token) are limited per client address, through the real server. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { call, startTestServer, type TestServer } from '../helpers/server.js';

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer({ AUTH_FAILURES_PER_MINUTE: '5', RATE_LIMIT_PER_MINUTE: '1000' });
}, 120_000);
afterAll(async () => srv?.stop());

it('after 5 refused tokens in a minute the address gets 429 with Retry-After; answers that are not 401 do not count', async () => {
  const good = srv.user('auth-ok', 'recruiter', ['NL']);
  // Successful requests and other refusals (404) are not counted.
  for (let i = 0; i < 8; i++) expect((await call(srv.url, 'GET', '/api/candidates', good)).status).toBe(200);
  expect((await call(srv.url, 'GET', '/api/candidates/00000000-0000-4000-8000-000000000000', good)).status).toBe(404);
  // Five 401s of three kinds: a wrong staff token, no token, a wrong candidate token.
  const tries: Array<[string, string | undefined]> = [
    ['/api/candidates', 'jm_wrong-1'],
    ['/api/candidates', undefined],
    ['/api/me', 'jmc_wrong'],
    ['/api/candidates', 'jm_wrong-2'],
    ['/api/candidates', 'jm_wrong-3'],
  ];
  for (const [p, token] of tries) expect((await call(srv.url, 'GET', p, token)).status).toBe(401);
  const res = await fetch(`${srv.url}/api/candidates`, { headers: { authorization: 'Bearer jm_wrong-4' } });
  expect(res.status).toBe(429);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('rate_limited');
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  // The token is not even looked at now, a good one included; health checks still answer.
  expect((await call(srv.url, 'GET', '/api/candidates', good)).status).toBe(429);
  expect((await call(srv.url, 'GET', '/healthz')).status).toBe(200);
});
