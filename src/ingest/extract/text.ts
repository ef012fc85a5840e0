/** Plain-text detection, decoding and the clean-up every extracted text goes through. */

type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** Bytes that windows-1252 leaves undefined: a file holding them is not cp1252 text. */
const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
/** Control characters other than \t \n \v \f \r. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f]/g;
/** Share of control characters above which a decoded file is not taken as text. */
const MAX_CONTROL_SHARE = 0.01;
/** ... but a few stray ones are always tolerated. */
const MIN_CONTROLS_ALLOWED = 4;
/** Share of bytes >= 0x80 above which a non-UTF-8 file is not taken as cp1252 text. */
const MAX_HIGH_SHARE = 0.3;

function bomEncoding(buf: Uint8Array): Encoding | null {
  if (buf[0] === 0xff && buf[1] === 0xfe) return 'utf-16le';
  if (buf[0] === 0xfe && buf[1] === 0xff) return 'utf-16be';
  return null;
}

function tryDecode(buf: Uint8Array, encoding: Encoding): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(buf);
  } catch {
    return null;
  }
}

/** windows-1252 bytes 0x80-0x9f (Node's TextDecoder treats the label as latin1 there). */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeCp1252(buf: Uint8Array): string {
  let out = '';
  for (const b of buf) out += b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b);
  return out;
}

function isCp1252Text(buf: Uint8Array): boolean {
  let high = 0;
  for (const b of buf) {
    if (b < 0x80) continue;
    if (CP1252_UNDEFINED.has(b)) return false;
    high++;
  }
  return high <= buf.byteLength * MAX_HIGH_SHARE;
}

function fewControls(text: string): boolean {
  if (text.length === 0) return false;
  const controls = text.match(CONTROL)?.length ?? 0;
  return controls <= Math.max(MIN_CONTROLS_ALLOWED, text.length * MAX_CONTROL_SHARE);
}

/** Decodes a text file: UTF-16 with a BOM, UTF-8, or (for older files) windows-1252. Null if not text. */
export function decodeText(buf: Uint8Array): string | null {
  const bom = bomEncoding(buf);
  let text: string | null;
  if (bom) {
    text = tryDecode(buf.subarray(2), bom);
  } else {
    if (buf.indexOf(0) >= 0) return null;
    text = tryDecode(buf, 'utf-8');
    if (text === null && isCp1252Text(buf)) text = decodeCp1252(buf);
  }
  if (text === null || text.includes('\u0000') || !fewControls(text)) return null;
  return text;
}

export function looksLikeText(buf: Uint8Array): boolean {
  return decodeText(buf) !== null;
}

/**
 * Lines longer than this are broken (at the last space before it, else hard). No CV line is this
 * long, and matching e-mail addresses and contact parts on one unbroken line costs time that grows
 * with the square of its length on the main thread (a 100,000-character line: ~10 s).
 */
export const MAX_LINE_CHARS = 1000;

/** Breaks every line longer than `max` characters into lines of at most `max`, at spaces where it can. */
export function wrapLongLines(text: string, max = MAX_LINE_CHARS): string {
  if (text.length <= max) return text;
  const out: string[] = [];
  for (let line of text.split('\n')) {
    while (line.length > max) {
      const cut = line.lastIndexOf(' ', max);
      const at = cut > max / 2 ? cut : max;
      out.push(line.slice(0, at));
      line = line.slice(cut > max / 2 ? at + 1 : at);
    }
    out.push(line);
  }
  return out.join('\n');
}

/**
 * Normalises any extracted text: NFC, \n newlines (form feeds become paragraph breaks), no control
 * characters except \n and \t, lines of at most MAX_LINE_CHARS, no trailing spaces, at most one
 * blank line in a row.
 */
export function tidyText(text: string): string {
  return wrapLongLines(
    text
      .replace(/^\uFEFF/, '')
      .normalize('NFC')
      .replace(/\r\n?/g, '\n')
      .replace(/\f/g, '\n\n')
      .replace(/\v|\u2028|\u2029/g, '\n'),
  )
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/g, '')
    .replace(/[ \t\u00a0]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|\s+$/g, '');
}

/** True when a text holds at least one letter or digit. */
export function hasReadableText(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

/** Fewest letters in a PDF's whole text layer that can be a CV (a scanner's footer has about 20). */
export const MIN_PDF_LETTERS = 100;
/** Fewest words per page, on average, of a PDF that is not a scan (a CV page holds 150–600). */
export const MIN_PDF_WORDS_PER_PAGE = 10;

/**
 * True when a PDF's text layer holds a CV's worth of text. A scan often carries a little text
 * ("Scanned with CamScanner", a page number, an OCR'd logo) that is not the CV: too few letters
 * in all, or too few words for its pages, counts as no text layer.
 */
export function hasTextLayer(text: string, pages: number): boolean {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (letters < MIN_PDF_LETTERS) return false;
  const words = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’.@-]*/gu)?.filter((w) => /\p{L}.*\p{L}/u.test(w)).length ?? 0;
  return words >= MIN_PDF_WORDS_PER_PAGE * Math.max(1, pages);
}
