/**
 * The parser limits hostile files found missing: decoded-stream memory (a decompression bomb is
 * stopped and its memory goes back to the system), far more text than a CV (refused), and one
 * unbroken line of text (broken up, so the profile is built in bounded time on the main thread).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../src/domain/errors.js';
import { ExtractorPool, extractInProcess } from '../../src/ingest/extract/index.js';
import { MAX_LINE_CHARS, tidyText, wrapLongLines } from '../../src/ingest/extract/text.js';
import { extractProfile } from '../../src/ingest/profile/index.js';
import { loadVocabulary } from '../../src/taxonomy/index.js';
import { processTree, readRssMiB } from './lib/child.js';
import { cvLines } from './lib/hostile/common.js';
import { cvText } from './lib/hostile/index.js';
import { onePage, spacesDeflated, stream, textContent } from './lib/hostile/pdf-build.js';

const LIMITS = { maxBytes: 10 * 1024 * 1024, maxPages: 50, timeoutMs: 20_000, maxUncompressedBytes: 50 * 1024 * 1024 };

const failure = (p: Promise<unknown>): Promise<AppError> =>
  p.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e as AppError,
  );

describe('one unbroken line', () => {
  it('is broken into lines of at most MAX_LINE_CHARS, at spaces where there are any, losing nothing', () => {
    const words = Array.from({ length: 2000 }, (_, i) => `word${i}`).join(' ');
    const wrapped = wrapLongLines(words);
    const lines = wrapped.split('\n');
    expect(lines.length).toBeGreaterThan(10);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(MAX_LINE_CHARS);
    expect(lines.join(' ')).toBe(words);
    const solid = 'x'.repeat(5 * MAX_LINE_CHARS + 7);
    expect(wrapLongLines(solid).split('\n').map((l) => l.length)).toEqual([1000, 1000, 1000, 1000, 1000, 7]);
    expect(wrapLongLines('short\nlines')).toBe('short\nlines');
  });

  it('a 200,000-character line becomes a profile in bounded time (it took ~37 s before it was broken up)', () => {
    const vocab = loadVocabulary('../shared/data');
    for (const line of ['7'.repeat(199_000), 'a.'.repeat(99_000), `a${' '.repeat(199_000)}b`]) {
      const t0 = performance.now();
      extractProfile(tidyText(`Robin Hostile\n${line}`), { uploadDate: '2026-06-15', vocab });
      expect(performance.now() - t0).toBeLessThan(5_000);
    }
  });
});

describe('far more text than a CV', () => {
  it('is refused with unprocessable_file (too much text); a long CV is not', async () => {
    const line = 'Built Java and SQL services for retail clients in three countries.\n';
    const e = await failure(extractInProcess(Buffer.from(cvText('big') + line.repeat(4000)), LIMITS));
    expect(e.code).toBe('unprocessable_file');
    expect(e.details).toMatchObject({ reason: 'too much text', maxChars: 200_000 });
    const ok = await extractInProcess(Buffer.from(cvText('long') + line.repeat(2000)), LIMITS);
    expect(ok.text.length).toBeGreaterThan(130_000);
  });
});

describe('a decompression bomb in the parser process', () => {
  let pool: ExtractorPool;
  const parserRss = (): number => processTree(process.pid).slice(1).reduce((n, p) => n + (readRssMiB(p) ?? 0), 0);
  beforeAll(() => {
    pool = new ExtractorPool({ limits: LIMITS });
  });
  afterAll(async () => pool.close());

  it('is stopped at the RSS ceiling (unprocessable_file, memory), the memory goes back, and the next file works', async () => {
    const small = onePage(textContent(cvLines('small')));
    await pool.extract(new Uint8Array(small));
    const before = parserRss();
    // 512 MiB of spaces in a 0.5 MB content stream.
    const bomb = onePage('', { contentObject: stream(await spacesDeflated(512), '/Filter /FlateDecode') });
    const t0 = performance.now();
    const e = await failure(pool.extract(new Uint8Array(bomb)));
    expect(e.code).toBe('unprocessable_file');
    expect(e.details).toMatchObject({ reason: 'memory' });
    expect(performance.now() - t0).toBeLessThan(15_000);
    expect((await pool.extract(new Uint8Array(small))).text).toContain('Java Developer at Acme');
    // The killed parser's memory went with it: the fresh parser is no bigger than the old one.
    expect(parserRss()).toBeLessThan(before + 64);
  }, 60_000);
});
