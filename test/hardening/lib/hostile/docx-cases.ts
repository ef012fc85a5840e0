/** Hostile DOCX files: zip bombs, lying zip structure, XML entity expansion, deep XML. */
import { cvLines, fileCase, FILE_ERRORS } from './common.js';
import { spacesDeflated } from './pdf-build.js';
import { docxFile, documentXml, zipFile, contentTypesXml, relsXml, type ZipPart } from './zip-build.js';
import type { HostileCase, SourceFile } from './types.js';

const MiB = 1024 * 1024;
/** Strings that must never come back: contents of local files an XML parser might include. */
const LEAKS = ['root:x:0:0', 'root:*:0:0', '/bin/bash', 'PRETTY_NAME'];

const noLeak = (body: unknown): string | null => {
  const s = JSON.stringify(body);
  const hit = LEAKS.find((l) => s.includes(l));
  return hit ? `the answer holds "${hit}" (a local file was read)` : null;
};

async function bombs(): Promise<HostileCase[]> {
  const doc = documentXml(cvLines('zip'));
  const padded = (mb: number): string => documentXml(cvLines(`pad${mb}`), { rawBody: `<w:p><w:r><w:t>${' '.repeat(mb * MiB)}</w:t></w:r></w:p>` });
  /** 100 MiB of spaces as raw deflate (~100 KB). */
  const big = await spacesDeflated(100, 'raw');
  const bigPart = (name: string, claimedSize: number): ZipPart => ({ name, data: Buffer.alloc(0), raw: big, claimedSize });
  const cases: Record<string, { bytes: Buffer; expect: 'reject' | 'either' | 'parse' }> = {
    'declared-2gb': { bytes: docxFile(doc, { claimedSize: 2 * 1024 * MiB }), expect: 'reject' },
    'declared-zip64-1tb': { bytes: docxFile(doc, { zip64: true, claimedSize: 1024 * 1024 * MiB }), expect: 'reject' },
    'lying-100mb-says-1kb': { bytes: docxFile(doc, { data: Buffer.from(doc), raw: big, claimedSize: 1024 }), expect: 'reject' },
    'honest-60mb-over-limit': { bytes: docxFile(padded(60)), expect: 'reject' },
    'honest-45mb-under-limit': { bytes: docxFile(padded(45)), expect: 'either' },
    'media-bomb-100mb-says-100b': { bytes: docxFile(doc, {}, [bigPart('word/media/image1.png', 100)]), expect: 'reject' },
    'nested-zip-bomb': { bytes: docxFile(documentXml(cvLines('nested-zip')), {}, [{ name: 'word/embeddings/bomb.zip', data: zipFile([bigPart('big.bin', 100 * MiB)]), store: true }]), expect: 'either' },
    'many-parts-over-limit': { bytes: docxFile(doc, {}, Array.from({ length: 60 }, (_, i): ZipPart => ({ name: `word/media/p${i}.bin`, data: Buffer.alloc(MiB, 0x20) }))), expect: 'reject' },
  };
  return Object.entries(cases).map(([name, c]) => fileCase(`docx-bomb-${name}`, 'docx: zip bombs', c.expect, c.bytes, `${name}.docx`, { codes: ['unprocessable_file', 'parse_timeout'] }));
}

function zipStructure(): HostileCase[] {
  const doc = documentXml(cvLines('zipstruct'));
  const many = (n: number): ZipPart[] => Array.from({ length: n }, (_, i) => ({ name: `word/x/${i}.xml`, data: Buffer.from('<a/>'), store: true }));
  const whole = docxFile(doc);
  const cases: Record<string, { bytes: Buffer; expect: 'reject' | 'either' | 'parse' }> = {
    'entries-20001': { bytes: docxFile(doc, {}, many(20_001)), expect: 'reject' },
    'entries-5000': { bytes: docxFile(documentXml(cvLines('entries-5000')), {}, many(5000)), expect: 'either' },
    'method-bzip2': { bytes: docxFile(doc, { method: 12 }), expect: 'reject' },
    'method-lzma': { bytes: docxFile(doc, { method: 14 }), expect: 'reject' },
    'method-aes': { bytes: docxFile(doc, { method: 99 }), expect: 'reject' },
    'encrypted-flag': { bytes: docxFile(doc, { flags: 1 }), expect: 'reject' },
    'data-descriptor-zero-sizes': { bytes: docxFile(doc, { flags: 8, claimedSize: 0 }), expect: 'reject' },
    'directory-offset-lies': { bytes: docxFile(doc, {}, [], { claimedOffset: 5 }), expect: 'reject' },
    'directory-count-lies': { bytes: docxFile(doc, {}, [], { claimedCount: 60_000 }), expect: 'reject' },
    'trailing-junk-100kb': { bytes: docxFile(documentXml(cvLines('trailing')), {}, [], { trailing: Buffer.alloc(100_000, 0x41) }), expect: 'either' },
    'truncated-half': { bytes: whole.subarray(0, Math.floor(whole.byteLength / 2)), expect: 'reject' },
    'no-document-part': { bytes: zipFile([{ name: '[Content_Types].xml', data: Buffer.from(contentTypesXml) }, { name: '_rels/.rels', data: Buffer.from(relsXml) }, { name: 'word/other.xml', data: Buffer.from(doc) }]), expect: 'reject' },
    'duplicate-document': { bytes: docxFile(documentXml(cvLines('dup-a')), {}, [{ name: 'word/document.xml', data: Buffer.from(documentXml(cvLines('dup-b'))) }]), expect: 'either' },
    'path-traversal-entries': {
      bytes: docxFile(documentXml(cvLines('traversal-entries')), {}, [
        { name: '../../../../tmp/jobmatch-pwned.txt', data: Buffer.from('pwned') },
        { name: '/etc/cron.d/jobmatch', data: Buffer.from('* * * * * root touch /tmp/pwned') },
        { name: 'word/..\\..\\evil.xml', data: Buffer.from('<a/>') },
      ]),
      expect: 'either',
    },
    'entry-name-nul': { bytes: docxFile(documentXml(cvLines('nul-name')), {}, [{ name: 'word/a\u0000b.xml', data: Buffer.from('<a/>') }]), expect: 'either' },
    'document-not-xml': { bytes: docxFile('this is not xml at all <<<< &&&'), expect: 'reject' },
    'document-invalid-utf8': { bytes: docxFile(Buffer.concat([Buffer.from('<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="x"><w:body><w:p><w:r><w:t>'), Buffer.from([0xff, 0xfe, 0xc0, 0xaf, 0xed, 0xa0, 0x80]), Buffer.from('</w:t></w:r></w:p></w:body></w:document>')]).toString('latin1')), expect: 'either' },
  };
  return Object.entries(cases).map(([name, c]) => fileCase(`docx-zip-${name}`, 'docx: lying zip structure', c.expect, c.bytes, `${name}.docx`, { codes: FILE_ERRORS }));
}

function entities(): HostileCase[] {
  const lines = cvLines('xml');
  const laughs = ['<!DOCTYPE w:document [', '<!ENTITY l0 "lol">'];
  for (let i = 1; i <= 10; i++) laughs.push(`<!ENTITY l${i} "${`&l${i - 1};`.repeat(10)}">`);
  laughs.push(']>');
  const quadratic = `<!DOCTYPE w:document [<!ENTITY big "${'x'.repeat(100_000)}">]>`;
  const withText = (prologue: string, text: string): string => documentXml(lines, { prologue, rawBody: `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>` });
  const header = (xml: string): ZipPart => ({ name: 'word/header1.xml', data: Buffer.from(xml) });
  const cases: Record<string, Buffer> = {
    'billion-laughs': docxFile(withText(laughs.join('\n'), '&l10;')),
    'quadratic-blowup': docxFile(withText(quadratic, '&big;'.repeat(2000))),
    'xxe-file': docxFile(withText('<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', '&xxe;')),
    'xxe-os-release': docxFile(withText('<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/os-release">]>', '&xxe;')),
    'xxe-http': docxFile(withText('<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "http://127.0.0.1:9/hardening">]>', '&xxe;')),
    'xxe-parameter': docxFile(withText('<!DOCTYPE w:document [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>', 'x')),
    'laughs-in-header': docxFile(documentXml(cvLines('xml-header')), {}, [header(`<?xml version="1.0"?>${laughs.join('\n')}<w:hdr xmlns:w="x"><w:p><w:r><w:t>&l10;</w:t></w:r></w:p></w:hdr>`)]),
    'bad-char-refs-in-header': docxFile(documentXml(cvLines('xml-charref')), {}, [header('<w:hdr xmlns:w="x"><w:p><w:r><w:t>&#x110000; &#0; &#xD800; &#99999999999;</w:t></w:r></w:p></w:hdr>')]),
    'deep-elements-100k': docxFile(documentXml(lines, { rawBody: `${'<w:p>'.repeat(100_000)}${'</w:p>'.repeat(100_000)}` })),
    'huge-attribute-5mb': docxFile(documentXml(lines, { rawBody: `<w:p w:rsidR="${'A'.repeat(5 * MiB)}"><w:r><w:t>x</w:t></w:r></w:p>` })),
    'many-runs-500k': docxFile(documentXml(lines, { rawBody: `<w:p>${'<w:r><w:t>a</w:t></w:r>'.repeat(500_000)}</w:p>` })),
  };
  // The [Content_Types].xml with an entity bomb replaces the normal one.
  cases['laughs-in-content-types'] = zipFile([
    { name: '[Content_Types].xml', data: Buffer.from(contentTypesXml.replace('<Types', `${laughs.join('\n')}<Types a="&l10;"`)) },
    { name: '_rels/.rels', data: Buffer.from(relsXml) },
    { name: 'word/document.xml', data: Buffer.from(documentXml(cvLines('xml-ct'))) },
  ]);
  return Object.entries(cases).map(([name, bytes]) => fileCase(`docx-xml-${name}`, 'docx: XML entities and depth', 'either', bytes, `${name}.docx`, { codes: FILE_ERRORS, check: noLeak }));
}

/** Every hostile DOCX case; `docx` are fixture DOCX files (cut and damaged copies are added). */
export async function docxCases(docx: SourceFile[]): Promise<HostileCase[]> {
  const damaged = docx.flatMap((f) => [
    fileCase(`docx-truncated-${f.file}`, 'docx: lying zip structure', 'reject', f.bytes.subarray(0, Math.floor(f.bytes.byteLength * 0.7)), f.file, { codes: FILE_ERRORS }),
    fileCase(`docx-zeroed-${f.file}`, 'docx: lying zip structure', 'either', Buffer.from(f.bytes).fill(0, 40, 400), f.file, { codes: FILE_ERRORS }),
  ]);
  return [...(await bombs()), ...zipStructure(), ...entities(), ...damaged];
}
