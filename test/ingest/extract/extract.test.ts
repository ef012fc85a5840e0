import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/domain/errors.js';
import { extractInProcess } from '../../../src/ingest/extract/index.js';
import {
  LIMITS,
  contentPdf,
  encryptedPdf,
  handDocx,
  imageOnlyPdf,
  libraryDocx,
  pdfkitFile,
  scannedPdf,
  textPdf,
  PAGE_LINE,
} from './files.js';

const SAMPLES = '../shared/data/resume-matcher-samples';
const read = (path: string): Uint8Array => new Uint8Array(readFileSync(path));
/** The sample CVs in ../shared/data (read-only, beside the repository); their tests skip without it. */
const HAS_SAMPLES = existsSync(SAMPLES);
const pdfsIn = (dir: string): string[] =>
  (HAS_SAMPLES ? readdirSync(`${SAMPLES}/${dir}`) : [])
    .filter((f) => f.endsWith('.pdf'))
    .map((f) => `${SAMPLES}/${dir}/${f}`);

async function failure(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe.skipIf(!HAS_SAMPLES)('extractInProcess on the sample PDFs', () => {
  it.each(pdfsIn('resumes'))('resume %s has text and an email', async (path) => {
    const out = await extractInProcess(read(path), LIMITS);
    expect(out.kind).toBe('pdf');
    expect(out.pages).toBeGreaterThanOrEqual(1);
    expect(out.text).toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
    expect(out.text.length).toBeGreaterThan(500);
  });

  it.each(pdfsIn('job-descriptions'))('job description %s has text', async (path) => {
    const out = await extractInProcess(read(path), LIMITS);
    expect(out.pages).toBe(2);
    expect(out.text).toMatch(/Job Description/);
    expect(out.text.length).toBeGreaterThan(1000);
  });

  it('keeps section headings on their own lines, sections apart, pages apart', async () => {
    const { text } = await extractInProcess(read(`${SAMPLES}/resumes/john_doe.pdf`), LIMITS);
    expect(text).toMatch(/\n\nPROFESSIONAL SUMMARY\n/);
    expect(text).toMatch(/\n\nWORK EXPERIENCE\n/);
    expect(text).not.toMatch(/\n{3}/);
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
  });

  it('leaves the caller its buffer', async () => {
    const buf = read(`${SAMPLES}/resumes/harvey_dent_mle.pdf`);
    const size = buf.byteLength;
    await extractInProcess(buf, LIMITS);
    expect(buf.byteLength).toBe(size);
  });

  it('reads a PDF with garbage before its header', async () => {
    const pdf = read(`${SAMPLES}/resumes/harvey_dent_mle.pdf`);
    const out = await extractInProcess(new Uint8Array([...Buffer.from('garbage'.repeat(50)), ...pdf]), LIMITS);
    expect(out.text).toContain('hdent@email.com');
  });
});

describe('extractInProcess on DOCX and text', () => {
  it('reads a DOCX: headings on their own lines, paragraphs apart, the header text included', async () => {
    const out = await extractInProcess(await libraryDocx(), LIMITS);
    expect(out).toMatchObject({ kind: 'docx', pages: 1 });
    expect(out.text).toContain('jane.roe@example.org');
    expect(out.text).toMatch(/^Jane Roe$/m);
    expect(out.text).toMatch(/\n\nExperience\n\nBackend developer at Acme, 2019 – 2024\. Go, Kafka\.\n\nEducation\n/);
  });

  it('decodes UTF-8, UTF-16 and windows-1252 text and normalises it', async () => {
    const utf16 = new Uint8Array(Buffer.from('\ufeffJürgen Müller\r\nEntwickler\r\n', 'utf16le'));
    expect((await extractInProcess(utf16, LIMITS)).text).toBe('Jürgen Müller\nEntwickler');
    const cp1252 = new Uint8Array(Buffer.from('Ren\xe9 Dupont\r\nd\xe9veloppeur \x96 Lyon', 'latin1'));
    expect((await extractInProcess(cp1252, LIMITS)).text).toBe('René Dupont\ndéveloppeur – Lyon');
    const messy = new Uint8Array(Buffer.from('Name\x07: Ann\t\tLee  \r\rSkills\x1b: Go\n\n\n\nEnd'));
    expect((await extractInProcess(messy, LIMITS)).text).toBe('Name: Ann\t\tLee\n\nSkills: Go\n\nEnd');
  });
});

describe('extraction errors', () => {
  it('unsupported_media_type names what it found', async () => {
    const png = new Uint8Array(64);
    png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const e = await failure(extractInProcess(png, LIMITS));
    expect(e.code).toBe('unsupported_media_type');
    expect(e.details).toEqual({ detected: 'image/png' });
    const empty = await failure(extractInProcess(new Uint8Array(0), LIMITS));
    expect(empty.details).toEqual({ detected: 'empty' });
  });

  it('payload_too_large before anything is parsed', async () => {
    const e = await failure(extractInProcess(await textPdf(1), { ...LIMITS, maxBytes: 100 }));
    expect(e.code).toBe('payload_too_large');
    expect(e.status).toBe(413);
  });

  it('too_many_pages', async () => {
    const e = await failure(extractInProcess(await textPdf(30), LIMITS));
    expect(e.code).toBe('too_many_pages');
    expect(e.details).toMatchObject({ pages: 30, maxPages: 10 });
    const ok = await extractInProcess(await textPdf(10), LIMITS);
    expect(ok.pages).toBe(10);
    expect(ok.text.replace(/\s+/g, ' ')).toContain(`${PAGE_LINE} 10`);
  });

  it('encrypted_pdf for a PDF that needs a password', async () => {
    expect((await failure(extractInProcess(encryptedPdf(), LIMITS))).code).toBe('encrypted_pdf');
  });

  it('no_text_layer for an image-only PDF', async () => {
    const e = await failure(extractInProcess(await imageOnlyPdf(), LIMITS));
    expect(e.code).toBe('no_text_layer');
    expect(e.message).toMatch(/no text layer/);
  });

  it('no_text_layer for a scan whose only text is a scanner footer or a few words a page', async () => {
    for (const [pages, footer] of [
      [2, 'Scanned with CamScanner'],
      [1, 'Scanned with CamScanner'],
      [10, 'Scanned with CamScanner on 12 March 2024 by Adobe Scan Mobile'],
    ] as const) {
      const e = await failure(extractInProcess(await scannedPdf(pages, footer), LIMITS));
      expect({ pages, code: e.code }).toEqual({ pages, code: 'no_text_layer' });
      expect(e.details).toEqual({ pages });
    }
  });

  it('a short but real one-page CV is not taken for a scan', async () => {
    const cv = await pdfkitFile((doc) => {
      doc.fontSize(11).text(['Sam Example', 'sam@example.com', 'Experience', 'Java Developer at Acme', 'Jan 2018 - Dec 2023', 'Built Java and SQL services for retail clients.', 'Skills', 'Java, SQL, Python, Docker'].join('\n'), 72, 72);
    });
    const ok = await extractInProcess(cv, LIMITS);
    expect(ok.text).toContain('Java Developer at Acme');
  });

  it.skipIf(!HAS_SAMPLES)('unprocessable_file for a PDF cut in half', async () => {
    const pdf = read(`${SAMPLES}/resumes/john_doe.pdf`);
    const e = await failure(extractInProcess(pdf.subarray(0, pdf.byteLength >> 1), LIMITS));
    expect(e.code).toBe('unprocessable_file');
  });

  it('unprocessable_file for a broken DOCX zip', async () => {
    const docx = await libraryDocx();
    const e = await failure(extractInProcess(docx.subarray(0, docx.byteLength - 40), LIMITS));
    expect(e.code).toBe('unprocessable_file');
  });

  it('unprocessable_file for a DOCX whose directory claims more than maxUncompressedBytes', async () => {
    const claims = handDocx(['Hello'], { claimedSize: 3_000_000_000 });
    const e = await failure(extractInProcess(claims, LIMITS));
    expect(e.code).toBe('unprocessable_file');
    expect(e.details).toMatchObject({ reason: 'expands too much' });
  });

  it('unprocessable_file for a highly compressible DOCX over the limit, refused before inflating', async () => {
    const bomb = handDocx(['Hello'], {
      data: Buffer.from(`<w:document>${' '.repeat(12_000_000)}</w:document>`),
    });
    expect(bomb.byteLength).toBeLessThan(100_000);
    const e = await failure(extractInProcess(bomb, { ...LIMITS, maxUncompressedBytes: 10_000_000 }));
    expect(e.details).toMatchObject({ reason: 'expands too much' });
  });

  it('unprocessable_file for a DOCX whose directory under-reports a part', async () => {
    const liar = handDocx(['Hello'], { data: Buffer.from(' '.repeat(5_000_000)), claimedSize: 1000 });
    const e = await failure(extractInProcess(liar, LIMITS));
    expect(e.code).toBe('unprocessable_file');
    expect(e.details).toMatchObject({ reason: 'damaged docx', problem: 'size mismatch' });
  });

  it('unprocessable_file for a DOCX with no text, and for one whose document part is not XML', async () => {
    expect((await failure(extractInProcess(handDocx([]), LIMITS))).details).toMatchObject({ reason: 'no text' });
    const garbage = handDocx([], { data: Buffer.from('this is <<< not xml') });
    expect((await failure(extractInProcess(garbage, LIMITS))).code).toBe('unprocessable_file');
  });

  it.skipIf(!HAS_SAMPLES)('parse_timeout with a tiny timeout', async () => {
    const e = await failure(extractInProcess(read(`${SAMPLES}/resumes/john_doe.pdf`), { ...LIMITS, timeoutMs: 1 }));
    expect(e.code).toBe('parse_timeout');
  });

  it('messages are plain: no stack, no file content', async () => {
    const secret = contentPdf('BT /F1 12 Tf 72 700 Td (TopSecretWord) Tj ET').subarray(0, 300);
    const e = await failure(extractInProcess(secret, LIMITS));
    expect(e.message).not.toMatch(/TopSecret|at \w+ \(|\.ts:/);
  });
});
