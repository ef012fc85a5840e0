/** Wrong magic bytes, empty and huge files, hostile file names. */
import { Rng } from '../../../../fixtures/lib/index.js';
import { cvLines, cvText, fileCase, FILE_ERRORS, HOSTILE_ENTITY, parsedAs } from './common.js';
import { densePdf, onePage, textContent } from './pdf-build.js';
import { docxFile, documentXml, zipFile } from './zip-build.js';
import type { HostileCase, SourceFile } from './types.js';

const MiB = 1024 * 1024;
const bytes = (...parts: Array<number[] | string | Buffer>): Buffer =>
  Buffer.concat(parts.map((p) => (Array.isArray(p) ? Buffer.from(p) : typeof p === 'string' ? Buffer.from(p, 'latin1') : p)));

function noise(seed: string, n: number): Buffer {
  const rng = Rng.from('noise', seed);
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = rng.int(0, 255);
  return b;
}

/** Files whose bytes are not what their name says, and formats we do not read. */
function magic(src: { pdf: SourceFile; docx: SourceFile; txt: SourceFile }): HostileCase[] {
  const n = (s: string): Buffer => noise(s, 2048);
  const unsupported: Record<string, Buffer> = {
    png: bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], n('png')),
    jpeg: bytes([0xff, 0xd8, 0xff, 0xe0], n('jpeg')),
    gif: bytes('GIF89a', n('gif')),
    tiff: bytes([0x49, 0x49, 0x2a, 0x00], n('tiff')),
    webp: bytes('RIFF\x00\x10\x00\x00WEBPVP8 ', n('webp')),
    exe: bytes('MZ\x90\x00\x03\x00\x00\x00', n('exe')),
    elf: bytes([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0], n('elf')),
    macho: bytes([0xcf, 0xfa, 0xed, 0xfe], n('macho')),
    gzip: bytes([0x1f, 0x8b, 0x08, 0x00], n('gzip')),
    rar: bytes('Rar!\x1a\x07\x00', n('rar')),
    sevenzip: bytes([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], n('7z')),
    bzip2: bytes('BZh91AY&SY', n('bz2')),
    ogg: bytes('OggS', n('ogg')),
    mp3: bytes([0x49, 0x44, 0x33, 0x03, 0x00], n('mp3')),
    wasm: bytes([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], n('wasm')),
    mp4: bytes([0, 0, 0, 0x18], 'ftypmp42', n('mp4')),
    heic: bytes([0, 0, 0, 0x18], 'ftypheic', n('heic')),
    'ole2-doc': bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], n('doc')),
    'ole2-encrypted-docx': bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], n('enc'), Buffer.from('EncryptedPackage', 'utf16le'), n('enc2')),
    rtf: bytes('{\\rtf1\\ansi Robin Hostile Java developer}'),
    postscript: bytes('%!PS-Adobe-3.0\n/Helvetica findfont 12 scalefont setfont (Robin) show showpage\n'),
    html: bytes('<!DOCTYPE html><html><body><h1>Robin Hostile</h1><script>alert(1)</script></body></html>'),
    'html-no-doctype': bytes('<html><body>Robin Hostile, Java developer</body></html>'),
    xlsx: zipFile([{ name: '[Content_Types].xml', data: Buffer.from('<Types/>') }, { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') }]),
    pptx: zipFile([{ name: '[Content_Types].xml', data: Buffer.from('<Types/>') }, { name: 'ppt/presentation.xml', data: Buffer.from('<p/>') }]),
    odt: zipFile([{ name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.text'), store: true }, { name: 'content.xml', data: Buffer.from('<office:document-content/>') }]),
    epub: zipFile([{ name: 'mimetype', data: Buffer.from('application/epub+zip'), store: true }, { name: 'OEBPS/content.opf', data: Buffer.from('<package/>') }]),
    jar: zipFile([{ name: 'META-INF/MANIFEST.MF', data: Buffer.from('Manifest-Version: 1.0\n') }]),
    'zip-plain': zipFile([{ name: 'cv.txt', data: Buffer.from(cvText('in-zip')) }]),
    'zip-empty': bytes([0x50, 0x4b, 0x05, 0x06], Buffer.alloc(18)),
    'zip-magic-then-noise': bytes([0x50, 0x4b, 0x03, 0x04], n('zipnoise')),
    'random-64k': noise('random', 64 * 1024),
    'nul-bytes': Buffer.alloc(4096),
    'pdf-marker-too-late': bytes(noise('late', 2000), '%PDF-1.4\n', n('late2')),
    'utf32-bom': Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from([...cvText('utf32')].flatMap((c) => [c.charCodeAt(0), 0, 0, 0]))]),
  };
  const out: HostileCase[] = Object.entries(unsupported).map(([name, b]) => fileCase(`magic-${name}`, 'wrong magic bytes', 'reject', b, `${name}.pdf`, { codes: ['unsupported_media_type', 'unprocessable_file'] }));
  // Real files under the wrong name: the type comes from the bytes, so these parse.
  const renamed: Array<[string, Buffer, string]> = [
    ['pdf-named-docx', src.pdf.bytes, 'cv.docx'],
    ['docx-named-pdf', src.docx.bytes, 'cv.pdf'],
    ['txt-named-pdf', src.txt.bytes, 'cv.pdf'],
    ['pdf-named-exe', onePage(textContent(cvLines('named-exe'))), 'setup.exe'],
    ['docx-named-png', docxFile(documentXml(cvLines('named-png'))), 'photo.png'],
  ];
  for (const [id, b, name] of renamed) out.push(fileCase(`magic-${id}`, 'wrong magic bytes', 'parse', b, name));
  // Text that is really markup or data: taken as text or refused, never a 5xx.
  const texty: Record<string, Buffer> = {
    'utf16le-no-bom': Buffer.from(cvText('utf16-nobom'), 'utf16le'),
    svg: bytes('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><text>Robin Hostile Java</text></svg>'),
    json: bytes(JSON.stringify({ name: 'Robin Hostile', skills: ['Java', 'SQL'] })),
    'shell-script': bytes('#!/bin/sh\nrm -rf / --no-preserve-root\n# Robin Hostile, Java developer\n'),
  };
  for (const [name, b] of Object.entries(texty)) out.push(fileCase(`magic-${name}`, 'wrong magic bytes', 'either', b, `${name}.txt`, { codes: FILE_ERRORS }));
  return out;
}

function empty(): HostileCase[] {
  const cases: Record<string, { b: Buffer; expect: 'reject' | 'either'; codes: HostileCase['codes'] }> = {
    'zero-bytes': { b: Buffer.alloc(0), expect: 'reject', codes: ['unsupported_media_type'] },
    'one-space': { b: Buffer.from(' '), expect: 'reject', codes: ['unprocessable_file', 'unsupported_media_type'] },
    'newlines-only': { b: Buffer.from('\n\n\n\r\n'), expect: 'reject', codes: ['unprocessable_file', 'unsupported_media_type'] },
    'bom-only': { b: Buffer.from([0xef, 0xbb, 0xbf]), expect: 'reject', codes: ['unprocessable_file', 'unsupported_media_type'] },
    'utf16-bom-only': { b: Buffer.from([0xff, 0xfe]), expect: 'reject', codes: ['unprocessable_file', 'unsupported_media_type'] },
    'punctuation-only': { b: Buffer.from('... --- !!! ???\n'), expect: 'reject', codes: ['unprocessable_file'] },
    'zero-width-only': { b: Buffer.from('\u200b\u200c\u200d\u2060\ufeff'), expect: 'reject', codes: ['unprocessable_file', 'unsupported_media_type'] },
    'one-letter': { b: Buffer.from('a'), expect: 'either', codes: ['unprocessable_file'] },
    'one-nul': { b: Buffer.from([0]), expect: 'reject', codes: ['unsupported_media_type'] },
  };
  return Object.entries(cases).map(([name, c]) => fileCase(`empty-${name}`, 'empty and near-empty', c.expect, c.b, `${name}.txt`, { codes: c.codes }));
}

/**
 * Large files. The 100 MB upload is streamed, never held in memory; the others sit just around the
 * 10 MB limit, or are within it but far more text than any CV (the profile is built on the main
 * thread, so these test that /healthz still answers while they are processed).
 */
function large(maxBytes: number): HostileCase[] {
  const line = 'Built Java and SQL services for retail clients in three countries.\n';
  const filler = (n: number): Buffer => Buffer.from(cvText('large') + line.repeat(Math.ceil(n / line.length))).subarray(0, n);
  return [
    { id: 'large-100mb-streamed', category: 'large uploads', expect: 'reject', codes: ['payload_too_large'], request: { kind: 'stream', totalBytes: 100 * MiB, fileName: 'huge.pdf' } },
    fileCase('large-limit-plus-one', 'large uploads', 'reject', filler(maxBytes + 1), 'over.txt', { codes: ['payload_too_large'] }),
    fileCase('large-text-at-limit', 'large uploads', 'either', filler(maxBytes), 'at-limit.txt', { codes: FILE_ERRORS }),
    fileCase('large-one-line-2mb', 'large uploads', 'either', Buffer.from(`Robin Hostile\n${'a'.repeat(2 * MiB)}`), 'one-line.txt', { codes: FILE_ERRORS }),
    fileCase('large-one-line-digits-1mb', 'large uploads', 'either', Buffer.from(`Robin Hostile\n${'7'.repeat(MiB)}`), 'digits.txt', { codes: FILE_ERRORS }),
    fileCase('large-spaces-1mb', 'large uploads', 'either', Buffer.from(`Robin Hostile\na${' '.repeat(MiB)}b`), 'spaces.txt', { codes: FILE_ERRORS }),
    fileCase('large-roles-3000', 'large uploads', 'either', Buffer.from(`Robin Hostile\n\nExperience\n${Array.from({ length: 3000 }, (_, i) => `Developer ${i} at Acme\nJan 2018 - Dec 2023\n`).join('\n')}`), 'roles.txt', { codes: FILE_ERRORS }),
  ];
}

const C0 = '\u0000\u0001\u0007\u0008\u001b\u007f';
/** Names that must be stored without directories, control characters or unbounded length. */
const NAMES: Record<string, string> = {
  'traversal-unix': '../../../../etc/passwd',
  'traversal-windows': '..\\..\\..\\windows\\system32\\drivers\\etc\\hosts',
  'traversal-mixed': '..//..\\/..//cv.txt',
  'absolute-unix': '/var/lib/jobmatch/files/../../../tmp/x.txt',
  'absolute-windows': 'C:\\Users\\Public\\cv.txt',
  unc: '\\\\server\\share\\cv.txt',
  'encoded-traversal': '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  'double-encoded': '%252e%252e%252fetc',
  'nul-extension': 'cv.txt\u0000.pdf',
  'control-chars': `cv${C0}\t.txt`,
  'ansi-escape': 'cv\u001b[31mRED\u001b[0m.txt',
  'rtl-override': 'cv\u202etxt.exe',
  'zero-width': 'c\u200bv\u200d.txt',
  dots: '....',
  'dot-file': '.htaccess',
  'home-ssh': '~/.ssh/authorized_keys',
  'very-long': `${'a'.repeat(5000)}.txt`,
  emoji: `${'😀'.repeat(300)}.txt`,
  unicode: 'Lebenslauf Müller ﬁnal ĳ Ωmega 履歴書.txt',
  'windows-reserved': 'CON',
  spaces: '   ',
  html: '<img src=x onerror=alert(1)>.txt',
  sql: "cv'); DROP TABLE candidates; --.txt",
  'header-injection': 'cv.txt"; name="entity',
  'crlf-encoded': 'cv%0d%0aSet-Cookie: a=b.txt',
};

function fileNames(): HostileCase[] {
  // Control characters inside a header may be refused as a malformed form (400); never a 5xx.
  // eslint-disable-next-line no-control-regex
  const controls = /[\u0000-\u001f\u007f]/;
  const out: HostileCase[] = Object.entries(NAMES).map(([name, fileName]) => ({
    id: `name-${name}`,
    category: 'hostile file names',
    expect: controls.test(fileName) ? 'either' : 'parse',
    codes: ['bad_request'],
    check: parsedAs(`name ${name}`, safeName),
    request: { kind: 'multipart', fields: [['entity', HOSTILE_ENTITY]], files: [{ bytes: Buffer.from(cvText(`name ${name}`)), fileName }] },
  }));
  // Raw header bytes, as a hostile client would send them (not escaped by any library).
  const raw: Record<string, Buffer> = {
    'raw-crlf': Buffer.from('; filename="cv\r\nX-Injected: yes.txt"', 'latin1'),
    'raw-unquoted': Buffer.from('; filename=../../etc/passwd', 'latin1'),
    'raw-rfc5987': Buffer.from("; filename*=UTF-8''..%2F..%2F..%2Fetc%2Fpasswd%00.txt", 'latin1'),
    'raw-latin1-bytes': Buffer.from('; filename="\xe9t\xe9\xff\xfe.txt"', 'latin1'),
    'raw-two-filenames': Buffer.from('; filename="a.txt"; filename="../../b.txt"', 'latin1'),
    'raw-empty-filename': Buffer.from('; filename=""', 'latin1'),
    'raw-header-64kb': Buffer.from(`; filename="${'b'.repeat(64 * 1024)}.txt"`, 'latin1'),
  };
  for (const [name, rawDisposition] of Object.entries(raw)) {
    out.push({
      id: `name-${name}`,
      category: 'hostile file names',
      expect: 'either',
      codes: ['bad_request', 'validation_failed'],
      check: parsedAs(`raw ${name}`, safeName),
      request: { kind: 'multipart', fields: [['entity', HOSTILE_ENTITY]], files: [{ bytes: Buffer.from(cvText(`raw ${name}`)), rawDisposition }] },
    });
  }
  return out;
}

/** The stored file name: no directories, no control or format characters, bounded, not hidden. */
export function safeName(body: unknown): string | null {
  const name = (body as { candidate?: { fileName?: unknown } }).candidate?.fileName;
  if (typeof name !== 'string') return 'no candidate.fileName in the answer';
  if (/[/\\]/.test(name)) return `file name keeps a path separator: ${JSON.stringify(name.slice(0, 80))}`;
  if (/[\p{Cc}\p{Cf}]/u.test(name)) return `file name keeps control or format characters: ${JSON.stringify(name.slice(0, 80))}`;
  if (name.length > 255) return `file name is ${name.length} characters long`;
  if (name.startsWith('.') || name.trim() === '') return `file name is hidden or blank: ${JSON.stringify(name)}`;
  return null;
}

export interface OtherSources {
  pdf: SourceFile;
  docx: SourceFile;
  txt: SourceFile;
  maxBytes: number;
}

export function otherCases(src: OtherSources): HostileCase[] {
  return [...magic(src), ...empty(), ...large(src.maxBytes), ...fileNames(), ...controlCases()];
}

/** Big but honest CVs: the limits must not refuse these. */
export function controlCases(): HostileCase[] {
  const words = ['Java', 'SQL', 'services', 'retail', 'clients', 'migrated', 'platform', 'teams', 'reliable', 'latency', 'customers', 'reports'];
  const sentence = (p: number, i: number): string => `${p + 1}.${i + 1} ${Array.from({ length: 11 }, (_, k) => words[(p * 7 + i * 3 + k) % words.length]).join(' ')} and more.`;
  const head = cvLines('control');
  const roles = Array.from({ length: 40 }, (_, i) => [`Developer ${i + 1} at Acme ${i + 1}`, `Jan ${1980 + (i % 40)} - Dec ${1981 + (i % 40)}`, sentence(i, 0), ''].join('\n')).join('\n');
  return [
    fileCase('control-pdf-50-dense-pages', 'controls: big honest CVs', 'parse', densePdf(50, 40, (p, i) => (p === 0 && i < head.length ? head[i]! : sentence(p, i))), 'long.pdf', { check: parsedAs('control') }),
    fileCase('control-docx-1200-paragraphs', 'controls: big honest CVs', 'parse', docxFile(documentXml([...head, ...Array.from({ length: 1200 }, (_, i) => sentence(i, i))])), 'long.docx', { check: parsedAs('control') }),
    fileCase('control-txt-150k-chars', 'controls: big honest CVs', 'parse', Buffer.from(`${head.join('\n')}\n\n${roles}\n${Array.from({ length: 1900 }, (_, i) => sentence(i, 1)).join('\n')}\n`), 'long.txt', { check: parsedAs('control') }),
  ];
}
