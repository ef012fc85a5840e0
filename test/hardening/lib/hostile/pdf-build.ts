/** Hand-written PDF files: objects, streams, page trees and the encoders hostile streams need. */
import { createDeflate, createDeflateRaw, deflateSync } from 'node:zlib';

export type Body = string | Buffer;

const latin1 = (s: string): Buffer => Buffer.from(s, 'latin1');

export interface PdfSpec {
  /** Object n is objects[n - 1]; a null leaves the number free (no xref entry). */
  objects: Array<Body | null>;
  /** Added to the trailer after /Size and /Root 1 0 R. */
  trailer?: string;
  /** Written before the objects (default `%PDF-1.7` and a binary comment). */
  header?: string;
  /** Override the startxref offset (a lying pointer). */
  startxref?: number;
  /** Leave out the xref table and trailer (pdf.js then reconstructs by scanning). */
  noXref?: boolean;
}

/** Writes a PDF with a correct xref table (unless told to lie). */
export function pdfFile(spec: PdfSpec): Buffer {
  const parts: Buffer[] = [latin1(spec.header ?? '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')];
  let offset = parts[0]!.byteLength;
  const offsets: Array<number | null> = [];
  spec.objects.forEach((body, i) => {
    if (body === null) {
      offsets.push(null);
      return;
    }
    const chunk = Buffer.concat([latin1(`${i + 1} 0 obj\n`), typeof body === 'string' ? latin1(body) : body, latin1('\nendobj\n')]);
    offsets.push(offset);
    parts.push(chunk);
    offset += chunk.byteLength;
  });
  if (spec.noXref) return Buffer.concat(parts);
  const xref = [`xref\n0 ${offsets.length + 1}\n`, '0000000000 65535 f \n'];
  for (const o of offsets) xref.push(o === null ? '0000000000 00001 f \n' : `${String(o).padStart(10, '0')} 00000 n \n`);
  xref.push(`trailer\n<< /Size ${offsets.length + 1} /Root 1 0 R ${spec.trailer ?? ''} >>\nstartxref\n${spec.startxref ?? offset}\n%%EOF\n`);
  parts.push(latin1(xref.join('')));
  return Buffer.concat(parts);
}

/** A stream object body: the dictionary entries (without << >>) get /Length added. */
export function stream(data: Buffer | string, dict = ''): Buffer {
  const bytes = typeof data === 'string' ? latin1(data) : data;
  return Buffer.concat([latin1(`<< /Length ${bytes.byteLength} ${dict} >>\nstream\n`), bytes, latin1('\nendstream')]);
}

export const flate = (data: Buffer | string, dict = ''): Buffer =>
  stream(deflateSync(typeof data === 'string' ? latin1(data) : data), `/Filter /FlateDecode ${dict}`);

/** PDF string literal with the three special characters escaped. */
export const pdfString = (s: string): string => `(${s.replace(/[\\()]/g, (c) => `\\${c}`)})`;

/** Content that writes the given lines in Helvetica 11, top to bottom. */
export function textContent(lines: string[], x = 72, top = 740): string {
  return ['BT', '/F1 11 Tf', '14 TL', `${x} ${top} Td`, ...lines.map((l) => `${pdfString(l)} Tj T*`), 'ET'].join('\n');
}

export const HELVETICA = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';

export interface OnePageOptions {
  mediaBox?: string;
  /** Extra entries in the page dictionary. */
  page?: string;
  /** Extra entries in /Resources. */
  resources?: string;
  /** The content stream object body (default: flate of the content). */
  contentObject?: Body;
  /** Objects appended after the font (numbered from 6). */
  extra?: Body[];
  trailer?: string;
  catalog?: string;
}

/** A one-page PDF: 1 catalog, 2 pages, 3 page, 4 content, 5 Helvetica, then `extra` from 6. */
export function onePage(content: string, o: OnePageOptions = {}): Buffer {
  return pdfFile({
    objects: [
      `<< /Type /Catalog /Pages 2 0 R ${o.catalog ?? ''} >>`,
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      `<< /Type /Page /Parent 2 0 R /MediaBox ${o.mediaBox ?? '[0 0 612 792]'} /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> ${o.resources ?? ''} >> ${o.page ?? ''} >>`,
      o.contentObject ?? flate(content),
      HELVETICA,
      ...(o.extra ?? []),
    ],
    trailer: o.trailer,
  });
}

/** A PDF with `pages` pages sharing one content stream, in a flat page tree. */
export function manyPages(pages: number, lines: string[], declaredCount = pages): Buffer {
  const first = 5;
  const kids = Array.from({ length: pages }, (_, i) => `${first + i} 0 R`).join(' ');
  const objects: Body[] = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${declaredCount} >>`,
    flate(textContent(lines)),
    HELVETICA,
  ];
  for (let i = 0; i < pages; i++) objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>`);
  return pdfFile({ objects });
}

/** A PDF of `pages` pages, each with its own content stream of `lines` different lines. */
export function densePdf(pages: number, lines: number, line: (page: number, i: number) => string): Buffer {
  const objects: Body[] = ['<< /Type /Catalog /Pages 2 0 R >>', '', HELVETICA];
  const kids: number[] = [];
  for (let p = 0; p < pages; p++) {
    const content = objects.length + 1;
    objects.push(flate(textContent(Array.from({ length: lines }, (_, i) => line(p, i)), 56, 770)));
    kids.push(objects.length + 1);
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents ${content} 0 R /Resources << /Font << /F1 3 0 R >> >> >>`);
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${pages} >>`;
  return pdfFile({ objects });
}

/** LZW codes for `repeats` repetitions of the longest dictionary entry of a run of one byte (pdf.js, EarlyChange 1). */
export function lzwBomb(repeats: number): Buffer {
  let acc = 0;
  let n = 0;
  const out: number[] = [];
  const put = (code: number, width: number): void => {
    acc = (acc << width) | code;
    n += width;
    while (n >= 8) {
      out.push((acc >>> (n - 8)) & 0xff);
      n -= 8;
    }
    acc &= (1 << n) - 1;
  };
  let width = 9;
  let next = 258;
  const grow = (): void => {
    next++;
    const v = next + 1;
    if ((v & (v - 1)) === 0) width = Math.min(Math.floor(Math.log2(v)) + 1, 12);
  };
  put(256, 9);
  put(0x61, width);
  for (let code = 258; code < 4096; code++) {
    put(code, width);
    grow();
  }
  for (let i = 0; i < repeats; i++) put(4095, width);
  put(257, width);
  if (n > 0) out.push((acc << (8 - n)) & 0xff);
  return Buffer.from(out);
}

/** RunLengthDecode data: each pair of bytes expands to 128 spaces. */
export function runLengthBomb(pairs: number): Buffer {
  const b = Buffer.alloc(pairs * 2 + 1);
  for (let i = 0; i < pairs; i++) {
    b[i * 2] = 129;
    b[i * 2 + 1] = 0x20;
  }
  b[pairs * 2] = 128;
  return b;
}

const deflated = new Map<string, Promise<Buffer>>();

/**
 * `mb` MiB of spaces compressed at level 9 (~1000:1): a zlib stream (PDF FlateDecode), or raw
 * deflate (zip). Streamed through zlib, never held whole; built once per process.
 */
export function spacesDeflated(mb: number, format: 'zlib' | 'raw' = 'zlib'): Promise<Buffer> {
  const key = `${format}:${mb}`;
  let p = deflated.get(key);
  if (!p) {
    p = (async () => {
      const z = format === 'zlib' ? createDeflate({ level: 9 }) : createDeflateRaw({ level: 9 });
      const out: Buffer[] = [];
      z.on('data', (c: Buffer) => out.push(c));
      const done = new Promise<void>((resolve, reject) => {
        z.on('end', resolve);
        z.on('error', reject);
      });
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      for (let i = 0; i < mb; i++) if (!z.write(chunk)) await new Promise((r) => z.once('drain', r));
      z.end();
      await done;
      return Buffer.concat(out);
    })();
    deflated.set(key, p);
  }
  return p;
}
