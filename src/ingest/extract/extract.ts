import { extractDocx } from './docx.js';
import { timedOut, tooLarge, unprocessable, unsupported } from './errors.js';
import { extractPdf } from './pdf.js';
import { sniff } from './sniff.js';
import { decodeText, hasReadableText, tidyText } from './text.js';
import type { ExtractLimits, Extracted } from './types.js';

/**
 * Most characters of text read from one file. A 50-page CV holds about 150,000; the profile is
 * built from the text on the main thread and every role becomes an embedding, so far more text
 * than a CV would hold up the service for everyone.
 */
export const MAX_TEXT_CHARS = 200_000;

export function checkSize(buf: Uint8Array, limits: ExtractLimits): void {
  if (buf.byteLength > limits.maxBytes) throw tooLarge(buf.byteLength, limits.maxBytes);
}

/**
 * Sniffs and extracts one file on the calling thread. Takes ownership of `buf` (pdf.js may detach
 * it). Stops cooperatively at `deadline` (epoch ms); a hard stop needs the worker pool.
 */
export async function runExtraction(buf: Uint8Array, limits: ExtractLimits, deadline: number): Promise<Extracted> {
  const started = performance.now();
  checkSize(buf, limits);
  const sniffed = sniff(buf);
  let raw: string;
  let pages = 1;
  switch (sniffed.kind) {
    case 'unknown':
      throw unsupported(sniffed.detected);
    case 'pdf': {
      const pdf = await extractPdf(buf, limits.maxPages, deadline, limits.timeoutMs);
      raw = pdf.text;
      pages = pdf.pages;
      break;
    }
    case 'docx':
      raw = await extractDocx(buf, limits.maxUncompressedBytes, deadline, limits.timeoutMs);
      break;
    case 'txt':
      raw = decodeText(buf) ?? '';
      break;
  }
  const text = tidyText(raw);
  if (!hasReadableText(text)) throw unprocessable('no text');
  const maxChars = limits.maxTextChars ?? MAX_TEXT_CHARS;
  if (text.length > maxChars) throw unprocessable('too much text', { chars: text.length, maxChars });
  return { kind: sniffed.kind, text, pages, ms: performance.now() - started };
}

/**
 * The same extraction without a worker (for benches and tools). The buffer is copied, so the
 * caller keeps it. The timeout rejects the promise on time, but the parse itself can only stop at
 * its next cooperative check: untrusted files belong in ExtractorPool.
 */
export async function extractInProcess(buf: Uint8Array, limits: ExtractLimits): Promise<Extracted> {
  checkSize(buf, limits);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timedOut(limits.timeoutMs)), limits.timeoutMs);
  });
  try {
    const work = runExtraction(buf.slice(), limits, Date.now() + limits.timeoutMs);
    work.catch(() => undefined); // a late failure after the timeout has nobody to tell
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
