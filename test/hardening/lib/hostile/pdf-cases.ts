/** Hostile and broken PDFs: truncated, corrupt, encrypted, huge, deep, bombs, lying structure. */
import { Rng } from '../../../../fixtures/lib/index.js';
import { cvLines, fileCase, FILE_ERRORS, parsedAs } from './common.js';
import { flate, HELVETICA, lzwBomb, manyPages, onePage, pdfFile, runLengthBomb, stream, textContent, spacesDeflated, type Body } from './pdf-build.js';
import type { HostileCase, SourceFile } from './types.js';

const CUTS = [0.02, 0.1, 0.2, 0.3, 0.45, 0.6, 0.75, 0.9, 0.97, 0.995];

function truncated(pdfs: SourceFile[]): HostileCase[] {
  return pdfs.flatMap((f) =>
    CUTS.map((cut) => fileCase(`pdf-truncated-${f.file}-${Math.round(cut * 1000)}`, 'pdf: truncated', 'either', f.bytes.subarray(0, Math.floor(f.bytes.byteLength * cut)), f.file)),
  );
}

type Corruption = (b: Buffer, rng: Rng) => Buffer;
const CORRUPTIONS: Record<string, Corruption> = {
  'flip-1': (b, rng) => flip(b, rng, 1),
  'flip-16': (b, rng) => flip(b, rng, 16),
  'flip-512': (b, rng) => flip(b, rng, 512),
  'zero-quarter-middle': (b) => {
    const c = Buffer.from(b);
    c.fill(0, Math.floor(c.byteLength / 2), Math.floor(c.byteLength * 0.75));
    return c;
  },
  'shuffle-256b-blocks': (b, rng) => {
    const blocks: Buffer[] = [];
    for (let i = 0; i < b.byteLength; i += 256) blocks.push(b.subarray(i, i + 256));
    return Buffer.concat([blocks[0]!, ...rng.shuffle(blocks.slice(1))]);
  },
  'garbage-around': (b, rng) => Buffer.concat([randomBytes(rng, 700), b, randomBytes(rng, 5000)]),
  'xref-garbled': (b) => {
    const c = Buffer.from(b);
    const at = c.lastIndexOf('xref');
    if (at > 0) c.fill(0x39, at + 5, Math.min(c.byteLength, at + 200));
    return c;
  },
  'streams-swapped-endstream': (b) => Buffer.from(b.toString('latin1').replace(/endstream/g, 'endstreax'), 'latin1'),
};

function randomBytes(rng: Rng, n: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = rng.int(0, 255);
  return b;
}

function flip(b: Buffer, rng: Rng, n: number): Buffer {
  const c = Buffer.from(b);
  for (let i = 0; i < n; i++) c[rng.int(0, c.byteLength - 1)] = rng.int(0, 255);
  return c;
}

function corrupt(pdfs: SourceFile[]): HostileCase[] {
  return pdfs.flatMap((f) =>
    Object.entries(CORRUPTIONS).map(([name, fn]) => fileCase(`pdf-corrupt-${f.file}-${name}`, 'pdf: corrupt bytes', 'either', fn(f.bytes, Rng.from('hostile', f.file, name)), f.file)),
  );
}

const hex = (bytes: number, seed: number): string => Array.from({ length: bytes }, (_, i) => ((i * 37 + seed) & 0xff).toString(16).padStart(2, '0')).join('');
const ID = `/ID [<${hex(16, 1)}> <${hex(16, 1)}>]`;

function encrypted(): HostileCase[] {
  const lines = cvLines('encrypted');
  const variants: Record<string, string[]> = {
    'rc4-40': ['<< /Filter /Standard /V 1 /R 2 /P -44 /O <' + hex(32, 7) + '> /U <' + hex(32, 11) + '> >>'],
    'rc4-128': ['<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O <' + hex(32, 7) + '> /U <' + hex(32, 11) + '> >>'],
    'aes-128': ['<< /Filter /Standard /V 4 /R 4 /Length 128 /P -3904 /CF << /StdCF << /CFM /AESV2 /AuthEvent /DocOpen /Length 16 >> >> /StmF /StdCF /StrF /StdCF /O <' + hex(32, 7) + '> /U <' + hex(32, 11) + '> >>'],
    'aes-256': ['<< /Filter /Standard /V 5 /R 6 /Length 256 /P -3904 /CF << /StdCF << /CFM /AESV3 /AuthEvent /DocOpen /Length 32 >> >> /StmF /StdCF /StrF /StdCF /O <' + hex(48, 7) + '> /U <' + hex(48, 11) + '> /OE <' + hex(32, 3) + '> /UE <' + hex(32, 5) + '> /Perms <' + hex(16, 9) + '> >>'],
    'unknown-handler': ['<< /Filter /NotAHandler /V 9 /R 9 >>'],
    'public-key': ['<< /Filter /Adobe.PubSec /SubFilter /adbe.pkcs7.s5 /V 4 /Recipients [<3082>] >>'],
  };
  const out = Object.entries(variants).map(([name, extra]) =>
    fileCase(`pdf-encrypted-${name}`, 'pdf: encrypted', 'reject', onePage(textContent(lines), { trailer: `/Encrypt 6 0 R ${ID}`, extra }), `${name}.pdf`, { codes: ['encrypted_pdf', 'unprocessable_file', 'no_text_layer'] }),
  );
  out.push(fileCase('pdf-encrypted-missing-dict', 'pdf: encrypted', 'either', onePage(textContent(lines), { trailer: `/Encrypt 99 0 R ${ID}` }), 'missing.pdf', { codes: FILE_ERRORS }));
  return out;
}

function pages(): HostileCase[] {
  const lines = cvLines('pages');
  return [
    fileCase('pdf-pages-5000', 'pdf: page count', 'reject', manyPages(5000, lines), 'five-thousand.pdf', { codes: ['too_many_pages'] }),
    fileCase('pdf-pages-5000-tree', 'pdf: page count', 'reject', balancedTree(5000, 50, lines), 'five-thousand-tree.pdf', { codes: ['too_many_pages'] }),
    fileCase('pdf-pages-51', 'pdf: page count', 'reject', manyPages(51, lines), 'fifty-one.pdf', { codes: ['too_many_pages'] }),
    fileCase('pdf-pages-50', 'pdf: page count', 'parse', manyPages(50, cvLines('fifty')), 'fifty.pdf', { check: parsedAs('fifty') }),
    fileCase('pdf-pages-count-lies-1e8', 'pdf: page count', 'either', manyPages(1, cvLines('lie-1e8'), 100_000_000), 'count-lies.pdf', { codes: FILE_ERRORS }),
    fileCase('pdf-pages-count-negative', 'pdf: page count', 'either', manyPages(1, cvLines('lie-neg'), -1), 'count-negative.pdf', { codes: FILE_ERRORS }),
    fileCase('pdf-pages-count-zero', 'pdf: page count', 'either', manyPages(2, cvLines('lie-zero'), 0), 'count-zero.pdf', { codes: FILE_ERRORS }),
  ];
}

/** `pages` pages under intermediate /Pages nodes of `fan` kids each. */
function balancedTree(pages: number, fan: number, lines: string[]): Buffer {
  const objects: Body[] = ['<< /Type /Catalog /Pages 2 0 R >>', '', flate(textContent(lines)), HELVETICA];
  const groups = Math.ceil(pages / fan);
  const groupIds: number[] = [];
  for (let g = 0; g < groups; g++) {
    const gid = objects.length + 1;
    groupIds.push(gid);
    objects.push('');
    const kids: number[] = [];
    for (let p = 0; p < fan && g * fan + p < pages; p++) {
      kids.push(objects.length + 1);
      objects.push(`<< /Type /Page /Parent ${gid} 0 R /MediaBox [0 0 612 792] /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>`);
    }
    objects[gid - 1] = `<< /Type /Pages /Parent 2 0 R /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  }
  objects[1] = `<< /Type /Pages /Kids [${groupIds.map((k) => `${k} 0 R`).join(' ')}] /Count ${pages} >>`;
  return pdfFile({ objects });
}

function pageSizes(): HostileCase[] {
  const boxes: Record<string, { box: string; page?: string }> = {
    'max-14400': { box: '[0 0 14400 14400]' },
    '1e9': { box: '[0 0 1000000000 1000000000]' },
    'negative-1e12': { box: '[-1000000000000 -1000000000000 1000000000000 1000000000000]' },
    zero: { box: '[0 0 0 0]' },
    'not-numbers': { box: '[0 0 /Wide (tall)]' },
    'userunit-75000': { box: '[0 0 14400 14400]', page: '/UserUnit 75000' },
    'rotate-odd': { box: '[0 0 612 792]', page: '/Rotate 45' },
    'cropbox-huge': { box: '[0 0 612 792]', page: '/CropBox [0 0 99999999 99999999]' },
  };
  const out = Object.entries(boxes).map(([name, b]) => fileCase(`pdf-pagesize-${name}`, 'pdf: huge page sizes', 'either', onePage(textContent(cvLines(`size-${name}`)), { mediaBox: b.box, page: b.page }), `${name}.pdf`, { codes: FILE_ERRORS, check: parsedAs(`size-${name}`) }));
  out.push(fileCase('pdf-pagesize-text-far-away', 'pdf: huge page sizes', 'either', onePage(textContent(cvLines('far'), 1e8, 1e8), { mediaBox: '[0 0 14400 14400]' }), 'far.pdf', { codes: FILE_ERRORS }));
  return out;
}

function nesting(): HostileCase[] {
  const lines = cvLines('nested');
  const content = textContent(lines);
  const deep = (open: string, close: string, n: number): string => open.repeat(n) + close.repeat(n);
  const cases: Record<string, Buffer> = {
    'array-1k': onePage(content, { resources: `/Deep ${deep('[', ']', 1000)}` }),
    'array-100k': onePage(content, { resources: `/Deep ${deep('[', ']', 100_000)}` }),
    'array-1m': onePage(content, { resources: `/Deep ${deep('[', ']', 1_000_000)}` }),
    'dict-100k': onePage(content, { resources: `/Deep ${deep('<< /A ', '>>', 100_000)}` }),
    'ref-chain-20k': refChain(20_000, content),
    'self-reference': onePage(content, { resources: '/Loop 6 0 R', extra: ['6 0 R'] }),
    'page-tree-loop': pdfFile({ objects: ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>', flate(content), HELVETICA] }),
    'page-tree-chain-3000': pageChain(3000, content),
    'xobject-self': onePage(`${content}\n/X1 Do`, { resources: '/XObject << /X1 6 0 R >>', extra: [flate(`${textContent(['inner'])}\n/X1 Do`, '/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> /XObject << /X1 6 0 R >> >>')] }),
    'xobject-mutual': onePage(`${content}\n/X1 Do`, {
      resources: '/XObject << /X1 6 0 R >>',
      extra: [
        flate('/X2 Do', '/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /XObject << /X2 7 0 R >> >>'),
        flate('/X1 Do', '/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /XObject << /X1 6 0 R >> >>'),
      ],
    }),
    'q-nesting-200k': onePage(`${'q '.repeat(200_000)}${content}${' Q'.repeat(200_000)}`),
    'operators-1m': onePage(`${content}\n${'0 0 m 1 1 l S\n'.repeat(300_000)}`),
    'string-5mb': onePage(`BT /F1 11 Tf 72 700 Td (${'A'.repeat(5_000_000)}) Tj ET\n${content}`),
    'tj-array-500k': onePage(`BT /F1 11 Tf 72 700 Td [${'(a) -10 '.repeat(500_000)}] TJ ET\n${content}`),
    'missing-xobject': onePage(`${content}\n/Nope Do`),
  };
  return Object.entries(cases).map(([name, bytes]) => fileCase(`pdf-deep-${name}`, 'pdf: deep nesting', 'either', bytes, `${name}.pdf`, { codes: FILE_ERRORS, check: parsedAs('nested') }));
}

function refChain(n: number, content: string): Buffer {
  const objects: Body[] = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> /Chain 6 0 R >> >>', flate(content), HELVETICA];
  for (let i = 0; i < n; i++) objects.push(`${objects.length + 2} 0 R`);
  objects.push('<< /End true >>');
  return pdfFile({ objects });
}

/** A page under `depth` nested /Pages nodes. */
function pageChain(depth: number, content: string): Buffer {
  const objects: Body[] = ['<< /Type /Catalog /Pages 4 0 R >>', flate(content), HELVETICA];
  for (let i = 0; i < depth; i++) {
    const self = objects.length + 1;
    objects.push(`<< /Type /Pages /Kids [${self + 1} 0 R] /Count 1 ${i > 0 ? `/Parent ${self - 1} 0 R` : ''} >>`);
  }
  objects.push(`<< /Type /Page /Parent ${objects.length} 0 R /MediaBox [0 0 612 792] /Contents 2 0 R /Resources << /Font << /F1 3 0 R >> >> >>`);
  return pdfFile({ objects });
}

async function bombs(): Promise<HostileCase[]> {
  const lines = cvLines('bomb');
  const page = (contentObject: Buffer): Buffer => onePage('', { contentObject });
  const big = await spacesDeflated(512);
  const part = stream(await spacesDeflated(25), '/Filter /FlateDecode');
  const contents: Body[] = Array.from({ length: 40 }, () => part);
  const cases: Record<string, Buffer> = {
    'flate-content-512mb': page(stream(big, '/Filter /FlateDecode')),
    'flate-content-200mb': page(stream(await spacesDeflated(200), '/Filter /FlateDecode')),
    'lzw-content-1gb': page(stream(lzwBomb(400_000), '/Filter /LZWDecode')),
    'runlength-content-512mb': page(stream(runLengthBomb(4_000_000), '/Filter /RunLengthDecode')),
    'hex-then-flate-512mb': page(stream(Buffer.from(`${big.toString('hex')}>`, 'latin1'), '/Filter [/ASCIIHexDecode /FlateDecode]')),
    'flate-font-512mb': onePage(textContent(lines), {
      resources: '/Font << /F2 6 0 R >>',
      extra: ['<< /Type /Font /Subtype /TrueType /BaseFont /Bomb /FirstChar 32 /LastChar 126 /Widths [] /FontDescriptor 7 0 R >>', '<< /Type /FontDescriptor /FontName /Bomb /Flags 32 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /FontFile2 8 0 R >>', stream(big, '/Filter /FlateDecode')],
    }),
    'flate-tounicode-512mb': onePage(textContent(lines), { resources: '/Font << /F3 6 0 R >>', extra: ['<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 7 0 R >>', stream(big, '/Filter /FlateDecode')] }),
    // 40 content streams of 25 MiB each: each alone is modest, together 1 GB.
    'many-contents-40x25mb': pdfFile({
      objects: ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents [${contents.map((_, i) => `${i + 5} 0 R`).join(' ')}] /Resources << /Font << /F1 4 0 R >> >> >>`, HELVETICA, ...contents],
    }),
  };
  // A bomb in a font or CMap stream that text extraction never decodes may parse correctly.
  const either = (name: string): boolean => /font|tounicode/.test(name);
  return Object.entries(cases).map(([name, bytes]) => fileCase(`pdf-bomb-${name}`, 'pdf: decompression bombs', either(name) ? 'either' : 'reject', bytes, `${name}.pdf`, { codes: ['unprocessable_file', 'no_text_layer', 'parse_timeout'] }));
}

function structure(): HostileCase[] {
  const content = textContent(cvLines('structure'));
  const base = onePage(content);
  const objs: Body[] = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>', flate(content), HELVETICA];
  const text = base.toString('latin1');
  const xrefAt = text.lastIndexOf('xref');
  const cases: Record<string, { bytes: Buffer; expect: 'either' | 'parse' | 'reject' }> = {
    'startxref-beyond-eof': { bytes: pdfFile({ objects: objs, startxref: 999_999_999 }), expect: 'either' },
    'startxref-negative': { bytes: Buffer.from(text.replace(/startxref\n\d+/, 'startxref\n-5'), 'latin1'), expect: 'either' },
    'no-xref': { bytes: pdfFile({ objects: objs, noXref: true }), expect: 'either' },
    'xref-prev-loop': { bytes: Buffer.from(text.replace('trailer\n<<', `trailer\n<< /Prev ${xrefAt}`), 'latin1'), expect: 'either' },
    'xref-stream-huge-size': {
      bytes: pdfFile({ objects: [...objs, stream(Buffer.alloc(12), '/Type /XRef /Size 1000000000 /W [4 4 4] /Index [0 1000000000] /Root 1 0 R')], trailer: '/XRefStm 99999' }),
      expect: 'either',
    },
    'objstm-huge-n': { bytes: onePage(content, { extra: [flate('1 0 2 5', '/Type /ObjStm /N 100000000 /First 999999999')] }), expect: 'either' },
    'root-missing': { bytes: Buffer.from(text.replace('/Root 1 0 R', ''), 'latin1'), expect: 'either' },
    'root-not-dict': { bytes: pdfFile({ objects: ['42', ...objs.slice(1)] }), expect: 'either' },
    'header-only': { bytes: Buffer.from('%PDF-1.7\n', 'latin1'), expect: 'reject' },
    'header-then-garbage': { bytes: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from(Rng.from('garbage').shuffle([...Array(8192).keys()]).map((n) => n & 0xff))]), expect: 'reject' },
    'header-at-1000': { bytes: Buffer.concat([Buffer.alloc(1000, 0x20), base]), expect: 'parse' },
    'version-9.9': { bytes: Buffer.from(text.replace('%PDF-1.7', '%PDF-9.9'), 'latin1'), expect: 'parse' },
    'javascript-openaction': { bytes: onePage(content, { catalog: '/OpenAction << /S /JavaScript /JS (app.alert\\(1\\); while\\(true\\){}) >>' }), expect: 'parse' },
    'embedded-exe': { bytes: onePage(content, { catalog: '/Names << /EmbeddedFiles << /Names [(evil.exe) 6 0 R] >> >>', extra: ['<< /Type /Filespec /F (evil.exe) /EF << /F 7 0 R >> >>', stream(Buffer.from('MZ\x90\x00 this would be a program', 'latin1'), '/Type /EmbeddedFile')] }), expect: 'parse' },
    'annotations-10k': { bytes: onePage(content, { page: `/Annots [${Array.from({ length: 10_000 }, () => '<< /Type /Annot /Subtype /Text /Rect [0 0 1 1] /Contents (x) >>').join(' ')}]` }), expect: 'parse' },
    'type3-recursive-charproc': {
      bytes: onePage(`${content}\nBT /F9 12 Tf 72 100 Td (a) Tj ET`, {
        resources: '/Font << /F9 6 0 R >>',
        extra: ['<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] /FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << /a 7 0 R >> /Encoding << /Type /Encoding /Differences [97 /a] >> /FirstChar 97 /LastChar 97 /Widths [1000] /Resources << /Font << /F9 6 0 R >> >> >>', flate('1000 0 d0 BT /F9 12 Tf (a) Tj ET')],
      }),
      expect: 'either',
    },
    'tounicode-usecmap-self': {
      bytes: onePage(content, { resources: '/Font << /F4 6 0 R >>', extra: ['<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 7 0 R >>', flate('/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Self def /Self usecmap 1 beginbfrange <0000> <FFFF> <0041> endbfrange endcmap end end')] }),
      expect: 'either',
    },
    'truetype-garbage': {
      bytes: onePage(`${content}\nBT /F5 12 Tf 72 100 Td (garbage font) Tj ET`, {
        resources: '/Font << /F5 6 0 R >>',
        extra: ['<< /Type /Font /Subtype /TrueType /BaseFont /Garbage /FirstChar 32 /LastChar 126 /FontDescriptor 7 0 R >>', '<< /Type /FontDescriptor /FontName /Garbage /Flags 32 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /FontFile2 8 0 R >>', flate(Buffer.from(Rng.from('font').shuffle([...Array(20000).keys()]).map((n) => (n * 7) & 0xff)))],
      }),
      expect: 'either',
    },
    'differences-1m': { bytes: onePage(content, { resources: '/Font << /F6 6 0 R >>', extra: [`<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Differences [0 ${'/a '.repeat(1_000_000)}] >> >>`] }), expect: 'either' },
  };
  return Object.entries(cases).map(([name, c]) => fileCase(`pdf-structure-${name}`, 'pdf: lying structure', c.expect, c.bytes, `${name}.pdf`, { codes: FILE_ERRORS, check: parsedAs('structure') }));
}

/** Every hostile PDF case, from the fixture PDFs given (truncated and corrupted copies) and hand-made files. */
export async function pdfCases(pdfs: SourceFile[]): Promise<HostileCase[]> {
  return [...truncated(pdfs), ...corrupt(pdfs), ...encrypted(), ...pages(), ...pageSizes(), ...nesting(), ...(await bombs()), ...structure()];
}
