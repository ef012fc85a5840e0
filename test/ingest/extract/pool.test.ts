import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/domain/errors.js';
import { ExtractorPool } from '../../../src/ingest/extract/index.js';
import { LIMITS, contentPdf, encryptedPdf, libraryDocx } from './files.js';

const SAMPLES = '../shared/data/resume-matcher-samples';
/** The sample CVs in ../shared/data (beside the repository); these tests skip without them. */
const HAS_SAMPLES = existsSync(SAMPLES);
const johnDoe = (): Uint8Array => new Uint8Array(readFileSync(`${SAMPLES}/resumes/john_doe.pdf`));

/** One page with `runs` separately placed text runs: slow and memory-hungry for pdf.js. */
function heavyPdf(runs: number): Uint8Array {
  const ops: string[] = ['BT /F1 8 Tf'];
  for (let i = 0; i < runs; i++) ops.push(`1 0 0 1 ${(i % 50) * 10} ${(i % 70) * 10} Tm (w${i % 100}) Tj`);
  ops.push('ET');
  return contentPdf(ops.join('\n'));
}

async function failure(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

async function expectHealthy(pool: ExtractorPool): Promise<void> {
  const out = await pool.extract(johnDoe());
  expect(out.text).toContain('john.doe@email.com');
}

describe.skipIf(!HAS_SAMPLES)('ExtractorPool (TypeScript worker started with tsx)', () => {
  let pool: ExtractorPool;
  beforeAll(() => {
    pool = new ExtractorPool({ limits: { ...LIMITS, timeoutMs: 800 } });
  });
  afterAll(async () => {
    await pool.close();
  });

  it('extracts PDF, DOCX and text in the worker', async () => {
    const pdf = await pool.extract(johnDoe());
    expect(pdf).toMatchObject({ kind: 'pdf', pages: 2 });
    expect(pdf.text).toMatch(/^JOHN DOE\n/);
    expect((await pool.extract(await libraryDocx())).text).toContain('jane.roe@example.org');
    expect(await pool.extract(new Uint8Array(Buffer.from('Ann Lee\r\nGo developer')))).toMatchObject({
      kind: 'txt',
      text: 'Ann Lee\nGo developer',
    });
  });

  it('sends errors back as AppError with code and details', async () => {
    const enc = await failure(pool.extract(encryptedPdf()));
    expect(enc.code).toBe('encrypted_pdf');
    const png = new Uint8Array(64);
    png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const unsupported = await failure(pool.extract(png));
    expect(unsupported.code).toBe('unsupported_media_type');
    expect(unsupported.details).toEqual({ detected: 'image/png' });
    await expectHealthy(pool);
  });

  it('transfers a whole buffer (detaching it), copies views and buffers the caller keeps', async () => {
    const whole = johnDoe();
    await pool.extract(whole);
    expect(whole.byteLength).toBe(0);
    const kept = johnDoe();
    await pool.extract(kept, { transfer: false });
    expect(kept.byteLength).toBeGreaterThan(0);
    const backing = new Uint8Array(kept.byteLength + 16);
    backing.set(kept, 16);
    await pool.extract(backing.subarray(16));
    expect(backing.byteLength).toBe(kept.byteLength + 16);
  });

  it('checks the size before sending anything to a worker', async () => {
    const small = new ExtractorPool({ limits: { ...LIMITS, maxBytes: 1000 } });
    try {
      const buf = johnDoe();
      expect((await failure(small.extract(buf))).code).toBe('payload_too_large');
      expect(buf.byteLength).toBeGreaterThan(1000); // never transferred
    } finally {
      await small.close();
    }
  });

  it('stops a parse that overruns the timeout by terminating its worker, then carries on', async () => {
    await expectHealthy(pool); // warm
    const started = performance.now();
    const e = await failure(pool.extract(heavyPdf(200_000)));
    const elapsed = performance.now() - started;
    expect(e.code).toBe('parse_timeout');
    // One page: the worker's own between-page check cannot fire; only the main thread can stop it.
    expect(elapsed).toBeLessThan(800 + 1200);
    await expectHealthy(pool);
  });

  it('does not count time waiting in the queue against the timeout', async () => {
    const timeoutMs = 400;
    const quick = new ExtractorPool({ limits: { ...LIMITS, timeoutMs } });
    try {
      // Warm up (a cold worker on a busy machine may overrun this short timeout once).
      await quick.extract(johnDoe()).catch(() => undefined);
      const one = performance.now();
      await expectHealthy(quick);
      // Enough files that the last one waits about three timeouts before it starts.
      const count = Math.ceil((3 * timeoutMs) / Math.max(5, performance.now() - one));
      const started = performance.now();
      const results = await Promise.all(Array.from({ length: count }, () => quick.extract(johnDoe())));
      expect(performance.now() - started).toBeGreaterThan(timeoutMs);
      expect(results.every((r) => r.text.includes('john.doe@email.com'))).toBe(true);
    } finally {
      await quick.close();
    }
  });
});

describe.skipIf(!HAS_SAMPLES)('ExtractorPool memory limit', () => {
  it('a file that needs more than the heap cap kills only its worker: unprocessable_file, then the next file works', async () => {
    const pool = new ExtractorPool({ limits: { ...LIMITS, timeoutMs: 30_000 }, maxMemoryMb: 64 });
    try {
      await expectHealthy(pool);
      const e = await failure(pool.extract(heavyPdf(300_000)));
      expect(e.code).toBe('unprocessable_file');
      expect(e.details).toMatchObject({ reason: 'memory' });
      await expectHealthy(pool);
    } finally {
      await pool.close();
    }
  });
});

describe.skipIf(!HAS_SAMPLES)('ExtractorPool whose workers cannot start', () => {
  it('fails queued files with internal instead of leaving them waiting, and reports itself unhealthy', async () => {
    // A 2 MB heap is too small for a worker to even load pdf.js.
    const pool = new ExtractorPool({ limits: LIMITS, maxMemoryMb: 2, onWorkerError: () => undefined });
    try {
      const results = await Promise.allSettled([pool.extract(johnDoe()), pool.extract(johnDoe()), pool.extract(johnDoe())]);
      expect(results.map((r) => (r.status === 'rejected' ? (r.reason as AppError).code : 'ok'))).toEqual([
        'internal',
        'internal',
        'internal',
      ]);
      expect(pool.healthy).toBe(false);
      expect((await failure(pool.extract(johnDoe()))).code).toBe('internal');
    } finally {
      await pool.close();
    }
  });
});
