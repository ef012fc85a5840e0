/**
 * Upload quotas per caller and the bound on the parser queue, through the real HTTP server: the
 * quota is kept in SQLite and holds across a restart; a full parser queue answers 503 at once.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { contentPdf } from '../ingest/extract/files.js';
import { startTestServer, upload, type TestServer } from '../helpers/server.js';

const HOUR_MS = 3_600_000;
const cv = (i: number): Buffer => Buffer.from(`Quota Tester\n\nExperience\nJava Developer at Acme ${i}\nJan 2018 - Dec 2023\n\nSkills\nJava, SQL, item${i}`);
const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

/** The test counts within one clock hour: close to its end, wait for the next one. */
async function awayFromHourEnd(marginMs = 90_000): Promise<void> {
  const left = HOUR_MS - (Date.now() % HOUR_MS);
  if (left < marginMs) await new Promise((r) => setTimeout(r, left + 1000));
}

function expectQuotaRefusal(r: Awaited<ReturnType<typeof upload>>, window: 'hour' | 'day', limit: number): { resetsAt: number; retryAfter: number } {
  expect(r.status).toBe(429);
  expect(r.body.error.code).toBe('quota_exceeded');
  expect(r.body.error.message).toMatch(new RegExp(`${limit} uploads per ${window === 'hour' ? 'hour' : '24 hours'}`));
  const q = r.body.error.details.quota;
  expect(q).toMatchObject({ window, limit, used: limit });
  const resetsAt = Date.parse(q.resetsAt);
  expect(resetsAt % HOUR_MS).toBe(0);
  const retryAfter = Number(r.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBe(q.retryAfterSeconds);
  // Retry-After points at the reset, give or take the request's own duration.
  expect(Math.abs(Date.now() + retryAfter * 1000 - resetsAt)).toBeLessThan(5_000);
  return { resetsAt, retryAfter };
}

describe('upload quota per token and per address', () => {
  let srv: TestServer | undefined;
  afterAll(async () => srv?.stop());

  it('refuses the upload past the hourly quota with 429 and Retry-After, counts every request, and still does after a restart', async () => {
    await awayFromHourEnd();
    const hourly = { UPLOAD_QUOTA_PER_HOUR: '3', UPLOAD_QUOTA_PER_DAY: '1000' };
    srv = await startTestServer(hourly);
    const a = srv.user('quota-a', 'recruiter', ['NL']);
    const b = srv.user('quota-b', 'recruiter', ['NL']);
    const hourStart = Date.now() - (Date.now() % HOUR_MS);

    // Every request let through counts: a stored file, an unsupported one, an already stored one.
    expect((await upload(srv.url, cv(1), 'cv.txt', { entity: 'NL' }, a)).status).toBe(201);
    expect((await upload(srv.url, png, 'cv.pdf', { entity: 'NL' }, a)).status).toBe(415);
    expect((await upload(srv.url, cv(1), 'again.txt', { entity: 'NL' }, a)).status).toBe(200);
    const refused = await upload(srv.url, cv(2), 'cv.txt', { entity: 'NL' }, a);
    expect(expectQuotaRefusal(refused, 'hour', 3).resetsAt).toBe(hourStart + HOUR_MS);
    // Refusals count nothing and nothing was stored.
    expect((await upload(srv.url, cv(2), 'cv.txt', { entity: 'NL' }, a)).status).toBe(429);
    expect(srv.running.services.candidates.countAll()).toBe(1);

    // Another token, and anonymous uploads (counted per address), have their own quota.
    expect((await upload(srv.url, cv(3), 'cv.txt', { entity: 'NL' }, b)).status).toBe(201);
    expect((await upload(srv.url, cv(4), 'cv.txt', { entity: 'NL' })).status).toBe(201);
    expect((await upload(srv.url, cv(5), 'cv.txt', { entity: 'NL' })).status).toBe(201);

    // The counts are in the database: a restart on the same data keeps them.
    const dir = srv.dir;
    await srv.stop({ keepData: true });
    srv = undefined;
    srv = await startTestServer(hourly, { dir });
    expectQuotaRefusal(await upload(srv.url, cv(6), 'cv.txt', { entity: 'NL' }, a), 'hour', 3);
    expect((await upload(srv.url, cv(7), 'cv.txt', { entity: 'NL' }, b)).status).toBe(201);
    expect((await upload(srv.url, cv(8), 'cv.txt', { entity: 'NL' })).status).toBe(201);
    expectQuotaRefusal(await upload(srv.url, cv(9), 'cv.txt', { entity: 'NL' }), 'hour', 3);

    // The daily quota: restarted with a larger hourly one, the same three uploads use up a daily quota of 3.
    await srv.stop({ keepData: true });
    srv = undefined;
    srv = await startTestServer({ UPLOAD_QUOTA_PER_HOUR: '100', UPLOAD_QUOTA_PER_DAY: '3' }, { dir });
    const daily = expectQuotaRefusal(await upload(srv.url, cv(10), 'cv.txt', { entity: 'NL' }, a), 'day', 3);
    // Free again when the hour of the first upload leaves the 24-hour window.
    expect(daily.resetsAt).toBe(hourStart + 24 * HOUR_MS);
    expect((await upload(srv.url, cv(11), 'cv.txt', { entity: 'NL' }, b)).status).toBe(201);
    expect((await upload(srv.url, cv(12), 'cv.txt', { entity: 'NL' }, b)).status).toBe(429);
  }, 400_000);
});

/** One page with `runs` separately placed text runs: slow for pdf.js (seconds), small to send. */
function slowPdf(runs: number): Uint8Array {
  const ops: string[] = ['BT /F1 8 Tf'];
  for (let i = 0; i < runs; i++) ops.push(`1 0 0 1 ${(i % 50) * 10} ${(i % 70) * 10} Tm (w${i % 100}) Tj`);
  ops.push('ET');
  return contentPdf(ops.join('\n'));
}

describe('the parser queue is bounded', () => {
  let srv: TestServer | undefined;
  afterAll(async () => srv?.stop());

  it('answers 503 with Retry-After when more files would wait than PARSE_MAX_QUEUED, and keeps serving', async () => {
    srv = await startTestServer({ PARSE_MAX_QUEUED: '1', PARSE_THREADS: '1', PARSE_TIMEOUT_MS: '3000' });
    // The parser is up (a first file waits for it to start).
    expect((await upload(srv.url, cv(1), 'cv.txt', { entity: 'NL' })).status).toBe(201);
    // One file parses for seconds, one waits; the others find the queue full.
    const replies = await Promise.all([0, 1, 2, 3].map((i) => upload(srv!.url, slowPdf(200_000 + i), `slow${i}.pdf`, { entity: 'NL' })));
    const busy = replies.filter((r) => r.status === 503);
    expect(busy.length).toBe(2);
    for (const r of busy) {
      expect(r.body.error.code).toBe('overloaded');
      expect(r.body.error.details).toEqual({ queued: 1, maxQueued: 1 });
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    // The two that were taken get the parser's own answer (read, or stopped at the time limit).
    for (const r of replies.filter((x) => x.status !== 503)) expect([201, 422]).toContain(r.status);
    expect((await upload(srv.url, cv(2), 'cv.txt', { entity: 'NL' })).status).toBe(201);
  }, 120_000);
});
