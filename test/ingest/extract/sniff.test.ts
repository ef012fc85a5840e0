import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sniff } from '../../../src/ingest/extract/index.js';
import { handDocx, libraryDocx, textPdf, zipFile } from './files.js';

const REAL_PDF = '../shared/data/resume-matcher-samples/resumes/john_doe.pdf';
/** A real CV from ../shared/data when it is there (beside the repository); else those two cases are left out. */
const realPdf = existsSync(REAL_PDF) ? new Uint8Array(readFileSync(REAL_PDF)) : null;
const bytes = (...b: number[]): Uint8Array => new Uint8Array(b);
const ascii = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));
const withTail = (head: Uint8Array, size = 64): Uint8Array => {
  const out = new Uint8Array(size);
  out.set(head);
  for (let i = head.byteLength; i < size; i++) out[i] = (i * 31) & 0xff;
  return out;
};

describe('sniff', () => {
  const zipOf = (name: string): Uint8Array => zipFile([{ name, data: Buffer.from('<x/>') }]);
  const cases: Array<[string, () => Uint8Array | Promise<Uint8Array>, ReturnType<typeof sniff>]> = [
    ...(realPdf ? [['a real PDF', () => realPdf, { kind: 'pdf' }] as [string, () => Uint8Array, ReturnType<typeof sniff>]] : []),
    ['a pdfkit PDF', () => textPdf(1), { kind: 'pdf' }],
    ['a PDF after 500 bytes of garbage', async () => new Uint8Array([...new Uint8Array(500).fill(7), ...(realPdf ?? (await textPdf(1)))]), { kind: 'pdf' }],
    ['a DOCX from the docx library', () => libraryDocx(), { kind: 'docx' }],
    ['a hand-made DOCX', () => handDocx(['Hello']), { kind: 'docx' }],
    ['UTF-8 text', () => new Uint8Array(Buffer.from('Jan Jansen\nOntwikkelaar — Zürich\n')), { kind: 'txt' }],
    ['UTF-16LE text with a BOM', () => new Uint8Array(Buffer.from('\ufeffJürgen Müller\r\nEntwickler', 'utf16le')), { kind: 'txt' }],
    ['windows-1252 text', () => ascii('Ren\xe9 Dupont, d\xe9veloppeur \x96 Lyon\n'), { kind: 'txt' }],
    ['text that starts with "MZ"', () => ascii('MZ Consulting\nSenior consultant\n'), { kind: 'txt' }],
    ['a PNG', () => withTail(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13)), { kind: 'unknown', detected: 'image/png' }],
    ['a JPEG', () => withTail(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10)), { kind: 'unknown', detected: 'image/jpeg' }],
    ['a plain zip', () => zipOf('notes/readme.txt'), { kind: 'unknown', detected: 'application/zip' }],
    ['an XLSX', () => zipOf('xl/workbook.xml'), { kind: 'unknown', detected: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }],
    [
      'an ODT',
      () => zipFile([{ name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.text'), store: true }, { name: 'content.xml', data: Buffer.from('<x/>') }]),
      { kind: 'unknown', detected: 'application/vnd.oasis.opendocument.text' },
    ],
    ['a Windows executable', () => withTail(bytes(0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00)), { kind: 'unknown', detected: 'application/x-msdownload' }],
    ['an old Word .doc (OLE2)', () => withTail(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1), 512), { kind: 'unknown', detected: 'application/msword' }],
    ['RTF', () => ascii('{\\rtf1\\ansi Hello}'), { kind: 'unknown', detected: 'application/rtf' }],
    ['HTML', () => ascii('<!DOCTYPE html><html><body>CV</body></html>'), { kind: 'unknown', detected: 'text/html' }],
    ['an empty file', () => new Uint8Array(0), { kind: 'unknown', detected: 'empty' }],
    ['random bytes', () => withTail(bytes(0x13, 0x00, 0x9c), 256), { kind: 'unknown', detected: 'unknown binary' }],
    ['text with NULs', () => ascii('abc\x00def\x00ghi'), { kind: 'unknown', detected: 'unknown binary' }],
  ];
  it.each(cases)('%s', async (_name, make, expected) => {
    expect(sniff(await make())).toEqual(expected);
  });

  it('ignores what a file claims to be apart from its bytes (a PNG with PDF-looking text late in it)', () => {
    const png = withTail(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), 4096);
    png.set(ascii('%PDF-1.7'), 2000);
    expect(sniff(png)).toEqual({ kind: 'unknown', detected: 'image/png' });
  });

  it('takes a damaged zip that names word/ parts as DOCX, so extraction reports it as damaged', () => {
    const docx = handDocx(['Hello']);
    expect(sniff(docx.subarray(0, docx.byteLength - 30))).toEqual({ kind: 'docx' });
  });
});
