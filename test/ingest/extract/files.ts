/** Small files built in memory for extraction tests: PDFs (pdfkit or by hand), zips, DOCX. */
import { deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { Document, HeadingLevel, Packer, Paragraph, TextRun, Header } from 'docx';
import { contentTypesXml, relsXml, zipFile as writeZip, type ZipPart as HostileZipPart } from '../../hardening/lib/hostile/zip-build.js';

export const LIMITS = { maxBytes: 5_000_000, maxPages: 10, timeoutMs: 20_000, maxUncompressedBytes: 20_000_000 };

export function pdfkitFile(draw: (doc: PDFKit.PDFDocument) => void): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ compress: true });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    draw(doc);
    doc.end();
  });
}

/** What a page of a CV holds at least: enough words that the PDF does not count as a scan. */
export const PAGE_LINE = 'Planned the weekly routes for twelve drivers and kept the stock reports of the warehouse up to date, page';

/** A PDF with one line of text per page. */
export const textPdf = (pages: number, line = PAGE_LINE): Promise<Uint8Array> =>
  pdfkitFile((doc) => {
    for (let i = 0; i < pages; i++) {
      if (i > 0) doc.addPage();
      doc.fontSize(12).text(`${line} ${i + 1}`, 72, 72);
    }
  });

/** A scan: every page a drawn "image", with a scanner app's footer as the only text. */
export const scannedPdf = (pages: number, footer = 'Scanned with CamScanner'): Promise<Uint8Array> =>
  pdfkitFile((doc) => {
    for (let i = 0; i < pages; i++) {
      if (i > 0) doc.addPage();
      doc.rect(72, 72, 450, 580).fill('#555555');
      doc.fillColor('#000000').fontSize(8).text(footer, 72, 690);
    }
  });

/** A page holding only drawn shapes, like a scan without a text layer. */
export const imageOnlyPdf = (): Promise<Uint8Array> =>
  pdfkitFile((doc) => {
    doc.rect(72, 72, 300, 400).fill('#333333');
    doc.circle(300, 600, 50).fill('#999999');
  });

/**
 * Writes a PDF from object bodies (object n is objects[n-1]) with a correct xref table.
 * `trailer` is added to the trailer dictionary after /Size and /Root (object 1).
 */
export function handPdf(objects: Array<string | Buffer>, trailer = ''): Uint8Array {
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0]?.byteLength ?? 0;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    const chunk = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`, 'latin1'),
      typeof body === 'string' ? Buffer.from(body, 'latin1') : body,
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    offsets.push(offset);
    parts.push(chunk);
    offset += chunk.byteLength;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n`, '0000000000 65535 f \n'];
  for (const o of offsets) xref.push(`${String(o).padStart(10, '0')} 00000 n \n`);
  xref.push(`trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailer} >>\nstartxref\n${offset}\n%%EOF\n`);
  parts.push(Buffer.from(xref.join(''), 'latin1'));
  return new Uint8Array(Buffer.concat(parts));
}

/** A one-page PDF whose page content is `content` (Flate-compressed), with Helvetica as /F1. */
export function contentPdf(content: string, trailer = '', extra: string[] = []): Uint8Array {
  const stream = deflateSync(Buffer.from(content, 'latin1'));
  return handPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
      Buffer.concat([
        Buffer.from(`<< /Length ${stream.byteLength} /Filter /FlateDecode >>\nstream\n`, 'latin1'),
        stream,
        Buffer.from('\nendstream', 'latin1'),
      ]),
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
      ...extra,
    ],
    trailer,
  );
}

const hex = (bytes: number, seed: number): string =>
  Array.from({ length: bytes }, (_, i) => ((i * 37 + seed) & 0xff).toString(16).padStart(2, '0')).join('');

/**
 * A PDF with a standard security handler whose user password is not empty: the /O and /U entries
 * match no empty password, so a reader must ask for one.
 */
export const encryptedPdf = (): Uint8Array =>
  contentPdf(
    'BT /F1 12 Tf 72 700 Td (Secret) Tj ET',
    `/Encrypt 6 0 R /ID [<${hex(16, 1)}> <${hex(16, 1)}>]`,
    [`<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O <${hex(32, 7)}> /U <${hex(32, 11)}> >>`],
  );

export type ZipPart = Omit<HostileZipPart, 'flags' | 'method' | 'raw'> & {
  /** Set the "encrypted" flag. */
  encrypted?: boolean;
};

/** A zip written by the hardening tests' zip writer (test/hardening/lib/hostile/zip-build.ts). */
export function zipFile(parts: ZipPart[]): Uint8Array {
  return new Uint8Array(writeZip(parts.map(({ encrypted, ...p }) => ({ ...p, flags: encrypted ? 1 : 0 }))));
}

export function documentXml(paragraphs: string[], padding = ''): string {
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${p}</w:t></w:r></w:p>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}${padding}</w:body></w:document>`;
}

/** A minimal DOCX from hand-written parts; `document` overrides word/document.xml. */
export function handDocx(paragraphs: string[], document?: Partial<ZipPart>): Uint8Array {
  return zipFile([
    { name: '[Content_Types].xml', data: Buffer.from(contentTypesXml) },
    { name: '_rels/.rels', data: Buffer.from(relsXml) },
    { name: 'word/document.xml', data: Buffer.from(documentXml(paragraphs)), ...document },
  ]);
}

/** A DOCX written by the `docx` library, with a header holding the contact line. */
export async function libraryDocx(): Promise<Uint8Array> {
  const doc = new Document({
    sections: [
      {
        headers: { default: new Header({ children: [new Paragraph('jane.roe@example.org · +31 6 1234 5678')] }) },
        children: [
          new Paragraph({ text: 'Jane Roe', heading: HeadingLevel.TITLE }),
          new Paragraph({ text: 'Experience', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ children: [new TextRun('Backend developer at Acme, 2019 – 2024. '), new TextRun({ text: 'Go, Kafka.', bold: true })] }),
          new Paragraph({ text: 'Education', heading: HeadingLevel.HEADING_1 }),
          new Paragraph('MSc Computer Science, TU Delft'),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
