import { inflateRawSync } from 'node:zlib';
import mammoth from 'mammoth';
import { isAppError } from '../../domain/errors.js';
import { timedOut, unprocessable } from './errors.js';
import { checkEntry, readZipDirectory, type ZipEntry } from './zip.js';

const DOCUMENT = 'word/document.xml';
const HEADER = /^word\/header\d*\.xml$/;
const FOOTER = /^word\/footer\d*\.xml$/;

/**
 * Refuses zip bombs and broken zips before any library inflates them: the total uncompressed size
 * comes from the central directory; then each entry is inflated with its output capped at its
 * declared size, so a directory that under-reports sizes is caught too.
 */
function checkZip(buf: Uint8Array, maxUncompressedBytes: number, deadline: number, timeoutMs: number): ZipEntry[] {
  const entries = readZipDirectory(buf);
  if (!entries || !entries.some((e) => e.name === DOCUMENT)) throw unprocessable('damaged docx');
  const total = entries.reduce((n, e) => n + e.uncompressedSize, 0);
  if (total > maxUncompressedBytes) throw unprocessable('expands too much', { uncompressedBytes: total });
  for (const entry of entries) {
    if (Date.now() > deadline) throw timedOut(timeoutMs);
    const problem = checkEntry(buf, entry);
    if (problem) throw unprocessable('damaged docx', { problem });
  }
  return entries;
}

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(parseInt(dec, 10)))
    .replace(/&amp;/g, '&');
}

/** Paragraph texts of a header or footer part (mammoth reads only the body). */
function partParagraphs(buf: Uint8Array, entry: ZipEntry): string[] {
  const start = entry.localOffset;
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const dataAt = start + 30 + dv.getUint16(start + 26, true) + dv.getUint16(start + 28, true);
  const raw = buf.subarray(dataAt, dataAt + entry.compressedSize);
  const xml = (entry.method === 0 ? Buffer.from(raw) : inflateRawSync(raw)).toString('utf8');
  const paragraphs: string[] = [];
  for (const p of xml.match(/<w:p[\s>][\s\S]*?<\/w:p>/g) ?? []) {
    const text = (p.match(/<w:t(?:\s[^>]*)?>[^<]*<\/w:t>|<w:tab\/>/g) ?? [])
      .map((t) => (t === '<w:tab/>' ? '\t' : decodeXml(t.replace(/<[^>]+>/g, ''))))
      .join('')
      .trim();
    if (text) paragraphs.push(text);
  }
  return paragraphs;
}

function partsText(buf: Uint8Array, entries: ZipEntry[], pattern: RegExp, body: string): string {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const entry of entries.filter((e) => pattern.test(e.name)).sort((a, b) => a.name.localeCompare(b.name))) {
    for (const p of partParagraphs(buf, entry)) {
      if (seen.has(p) || body.includes(p)) continue;
      seen.add(p);
      lines.push(p);
    }
  }
  return lines.join('\n\n');
}

/** Text of a DOCX: paragraphs separated by a blank line; header text first, footer text last. */
export async function extractDocx(
  buf: Uint8Array,
  maxUncompressedBytes: number,
  deadline: number,
  timeoutMs: number,
): Promise<string> {
  try {
    const entries = checkZip(buf, maxUncompressedBytes, deadline, timeoutMs);
    const result = await mammoth.extractRawText({ buffer: Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength) });
    const body = result.value;
    const header = partsText(buf, entries, HEADER, body);
    const footer = partsText(buf, entries, FOOTER, body);
    return [header, body, footer].filter((t) => t.trim().length > 0).join('\n\n');
  } catch (e) {
    if (isAppError(e)) throw e;
    throw unprocessable('damaged docx');
  }
}
