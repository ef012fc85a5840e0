import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getDocument, GlobalWorkerOptions, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { isAppError } from '../../domain/errors.js';
import { encryptedPdf, noTextLayer, timedOut, tooManyPages, unprocessable } from './errors.js';
import { pageText, type TextItem } from './layout.js';
import { hasTextLayer } from './text.js';

const require = createRequire(import.meta.url);
const pdfjsRoot = dirname(require.resolve('pdfjs-dist/package.json'));
// pdf.js runs on the calling thread in Node ("fake worker"): its worker half is imported on first use.
GlobalWorkerOptions.workerSrc = pathToFileURL(join(pdfjsRoot, 'legacy/build/pdf.worker.mjs')).href;
const CMAPS = join(pdfjsRoot, 'cmaps') + '/';
const STANDARD_FONTS = join(pdfjsRoot, 'standard_fonts') + '/';

/**
 * Imports pdf.js's worker half ahead of the first parse, so that cost is not charged to the first
 * file's timeout (the parser process calls it before it says it is ready).
 */
export async function preloadPdfjs(): Promise<void> {
  const handler: unknown = await import(GlobalWorkerOptions.workerSrc);
  (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = handler;
}

export interface PdfText {
  text: string;
  pages: number;
}

interface RawItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

/** Maps pdf.js items to page-view coordinates (honours /Rotate and crop offsets), y up. */
function toItems(raw: RawItem[], view: number[]): TextItem[] {
  const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = view;
  return raw.map((it) => {
    const [, , tc = 0, td = 0, x = 0, y = 0] = it.transform;
    return {
      str: it.str,
      x: a * x + c * y + e,
      y: -(b * x + d * y + f),
      w: it.width,
      h: it.height > 0 ? it.height : Math.hypot(tc, td),
    };
  });
}

function mapError(e: unknown): Error {
  if (isAppError(e)) return e;
  if ((e as { name?: string } | null)?.name === 'PasswordException') return encryptedPdf();
  return unprocessable('damaged pdf');
}

/**
 * Text of a PDF in reading order. Takes ownership of `data` (pdf.js may detach its buffer).
 * Checks the page count before reading any text; stops at `deadline` (epoch ms) between pages.
 */
export async function extractPdf(data: Uint8Array, maxPages: number, deadline: number, timeoutMs: number): Promise<PdfText> {
  const task = getDocument({
    data,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    cMapUrl: CMAPS,
    cMapPacked: true,
    standardFontDataUrl: STANDARD_FONTS,
    verbosity: VerbosityLevel.ERRORS,
  });
  try {
    const doc = await task.promise;
    if (doc.numPages > maxPages) throw tooManyPages(doc.numPages, maxPages);
    const texts: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      if (Date.now() > deadline) throw timedOut(timeoutMs);
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const view = page.getViewport({ scale: 1 }).transform;
      texts.push(pageText(toItems(content.items.flatMap((it) => ('str' in it ? [it] : [])), view)));
      page.cleanup();
    }
    const text = texts.filter((t) => t.length > 0).join('\n\n');
    if (!hasTextLayer(text, doc.numPages)) throw noTextLayer(doc.numPages);
    return { text, pages: doc.numPages };
  } catch (e) {
    throw mapError(e);
  } finally {
    await task.destroy().catch(() => undefined);
  }
}
