import type { Sniffed } from './types.js';
import { readZipDirectory } from './zip.js';
import { looksLikeText } from './text.js';

/** How far into the file a `%PDF-` header may start (pdf.js tolerates leading garbage too). */
const PDF_HEADER_WINDOW = 1024;

function startsWith(buf: Uint8Array, bytes: readonly number[], at = 0): boolean {
  if (buf.byteLength < at + bytes.length) return false;
  return bytes.every((b, i) => buf[at + i] === b);
}

function ascii(buf: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...buf.subarray(from, Math.min(to, buf.byteLength)));
}

/** Where `needle` starts within the first `limit` bytes (native search), or -1. */
function indexOfBytes(buf: Uint8Array, needle: readonly number[], limit: number): number {
  const scope = buf.subarray(0, Math.min(buf.byteLength, limit + needle.length));
  return Buffer.from(scope.buffer, scope.byteOffset, scope.byteLength).indexOf(Buffer.from(needle));
}

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * Signatures as [bytes, offset, MIME name]. Some are printable ASCII ("MZ", "GIF8", "ID3"): a file
 * that is plain text is taken as text even if it happens to start with one of them.
 */
const MAGIC: ReadonlyArray<[readonly number[], number, string]> = [
  [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 0, 'image/png'],
  [[0xff, 0xd8, 0xff], 0, 'image/jpeg'],
  [[0x47, 0x49, 0x46, 0x38], 0, 'image/gif'],
  [[0x49, 0x49, 0x2a, 0x00], 0, 'image/tiff'],
  [[0x4d, 0x4d, 0x00, 0x2a], 0, 'image/tiff'],
  [[0x57, 0x45, 0x42, 0x50], 8, 'image/webp'],
  [[0x4d, 0x5a], 0, 'application/x-msdownload'],
  [[0x7f, 0x45, 0x4c, 0x46], 0, 'application/x-elf'],
  [[0xcf, 0xfa, 0xed, 0xfe], 0, 'application/x-mach-binary'],
  [[0x1f, 0x8b], 0, 'application/gzip'],
  [[0x52, 0x61, 0x72, 0x21], 0, 'application/vnd.rar'],
  [[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], 0, 'application/x-7z-compressed'],
  [[0x42, 0x5a, 0x68], 0, 'application/x-bzip2'],
  [[0x4f, 0x67, 0x67, 0x53], 0, 'audio/ogg'],
  [[0x49, 0x44, 0x33], 0, 'audio/mpeg'],
  [[0x00, 0x61, 0x73, 0x6d], 0, 'application/wasm'],
  [[0x7b, 0x5c, 0x72, 0x74, 0x66], 0, 'application/rtf'],
  [[0x25, 0x21, 0x50, 0x53], 0, 'application/postscript'],
];

/** Office files with a password are OLE2 containers holding an `EncryptedPackage` stream. */
const ENCRYPTED_PACKAGE = [...'EncryptedPackage'].flatMap((c) => [c.charCodeAt(0), 0]);

function sniffOle2(buf: Uint8Array): string {
  if (indexOfBytes(buf, ENCRYPTED_PACKAGE, buf.byteLength) >= 0) return 'application/x-encrypted-office';
  return 'application/msword';
}

function sniffIsoMedia(buf: Uint8Array): string | null {
  if (ascii(buf, 4, 8) !== 'ftyp') return null;
  const brand = ascii(buf, 8, 12);
  return ['heic', 'heix', 'mif1', 'msf1'].includes(brand) ? 'image/heic' : 'video/mp4';
}

const ZIP_TYPES: ReadonlyArray<[string, string]> = [
  ['xl/workbook.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ['ppt/presentation.xml', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
  ['META-INF/MANIFEST.MF', 'application/java-archive'],
];

/** The `mimetype` entry of ODF and EPUB files is stored uncompressed as the first entry. */
function zipMimetype(buf: Uint8Array): string | null {
  if (buf.byteLength < 38 || ascii(buf, 30, 38) !== 'mimetype') return null;
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const size = dv.getUint32(18, true);
  const start = 38 + dv.getUint16(28, true);
  const mime = ascii(buf, start, start + Math.min(size, 100));
  return /^[a-z0-9.+/-]+$/i.test(mime) ? mime : null;
}

function sniffZip(buf: Uint8Array): Sniffed {
  const entries = readZipDirectory(buf);
  const word = 'word/document.xml';
  if (entries) {
    const names = new Set(entries.map((e) => e.name));
    if (names.has(word)) return { kind: 'docx' };
    const mime = zipMimetype(buf);
    if (mime) return { kind: 'unknown', detected: mime };
    for (const [name, type] of ZIP_TYPES) if (names.has(name)) return { kind: 'unknown', detected: type };
    return { kind: 'unknown', detected: 'application/zip' };
  }
  // Unreadable directory (truncated or damaged): local headers still name the parts.
  const wordPart = [...'word/'].map((c) => c.charCodeAt(0));
  if (indexOfBytes(buf, wordPart, buf.byteLength) >= 0) return { kind: 'docx' };
  return { kind: 'unknown', detected: 'application/zip' };
}

/** Text-based formats we do not read as plain text (their markup would pollute a profile). */
function textFormat(buf: Uint8Array): string | null {
  const head = ascii(buf, 0, 512).replace(/^(\u00ef\u00bb\u00bf)?\s*/, '').toLowerCase();
  if (head.startsWith('{\\rtf')) return 'application/rtf';
  if (head.startsWith('%!ps')) return 'application/postscript';
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) return 'text/html';
  return null;
}

/** Decides the kind of a file from its bytes alone (never its name). */
export function sniff(buf: Uint8Array): Sniffed {
  if (buf.byteLength === 0) return { kind: 'unknown', detected: 'empty' };
  if (indexOfBytes(buf, PDF, PDF_HEADER_WINDOW) >= 0) return { kind: 'pdf' };
  if (startsWith(buf, ZIP_LOCAL)) return sniffZip(buf);
  if (startsWith(buf, ZIP_EMPTY)) return { kind: 'unknown', detected: 'application/zip' };
  if (startsWith(buf, OLE2)) return { kind: 'unknown', detected: sniffOle2(buf) };
  const text = looksLikeText(buf);
  if (text) {
    const markup = textFormat(buf);
    return markup ? { kind: 'unknown', detected: markup } : { kind: 'txt' };
  }
  for (const [bytes, at, mime] of MAGIC) if (startsWith(buf, bytes, at)) return { kind: 'unknown', detected: mime };
  const media = sniffIsoMedia(buf);
  if (media) return { kind: 'unknown', detected: media };
  return { kind: 'unknown', detected: 'unknown binary' };
}
