/** A small zip writer that can lie: claimed sizes, methods, flags, zip64 fields, many entries. */
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipPart {
  name: string;
  data: Buffer;
  /** Store instead of deflate. */
  store?: boolean;
  /** Pre-compressed bytes to write instead of compressing `data` (with `data` giving crc and size). */
  raw?: Buffer;
  /** Uncompressed size to write in the headers instead of the real one. */
  claimedSize?: number;
  /** Method number to write instead of 0/8 (e.g. 12 bzip2, 14 LZMA, 99 AES). */
  method?: number;
  /** Write the sizes as zip64 (0xffffffff plus an extra field). */
  zip64?: boolean;
  /** General-purpose flags (bit 0: encrypted, bit 3: data descriptor). */
  flags?: number;
}

export interface ZipOptions {
  /** Bytes appended after the end record (zip comment length stays 0: a trailing-junk zip). */
  trailing?: Buffer;
  /** Entry count to write in the end record instead of the real one. */
  claimedCount?: number;
  /** Directory offset to write instead of the real one. */
  claimedOffset?: number;
}

export function zipFile(parts: ZipPart[], opts: ZipOptions = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const body = part.raw ?? (part.store ? part.data : deflateRawSync(part.data));
    const method = part.method ?? (part.store ? 0 : 8);
    const size = part.claimedSize ?? part.data.byteLength;
    const crc = crc32(part.data);
    const flags = part.flags ?? 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(part.zip64 ? 45 : 20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(part.zip64 ? 0xffffffff : body.byteLength, 18);
    local.writeUInt32LE(part.zip64 ? 0xffffffff : size >>> 0, 22);
    local.writeUInt16LE(name.byteLength, 26);
    const extra = Buffer.alloc(part.zip64 ? 20 : 0);
    if (part.zip64) {
      extra.writeUInt16LE(1, 0);
      extra.writeUInt16LE(16, 2);
      extra.writeBigUInt64LE(BigInt(size), 4);
      extra.writeBigUInt64LE(BigInt(body.byteLength), 12);
    }
    local.writeUInt16LE(extra.byteLength, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(part.zip64 ? 45 : 20, 4);
    central.writeUInt16LE(part.zip64 ? 45 : 20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(part.zip64 ? 0xffffffff : body.byteLength, 20);
    central.writeUInt32LE(part.zip64 ? 0xffffffff : size >>> 0, 24);
    central.writeUInt16LE(name.byteLength, 28);
    central.writeUInt16LE(extra.byteLength, 30);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, extra, body);
    centrals.push(central, name, extra);
    offset += 30 + name.byteLength + extra.byteLength + body.byteLength;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  const count = opts.claimedCount ?? parts.length;
  end.writeUInt16LE(Math.min(count, 0xffff), 8);
  end.writeUInt16LE(Math.min(count, 0xffff), 10);
  end.writeUInt32LE(directory.byteLength, 12);
  end.writeUInt32LE(opts.claimedOffset ?? offset, 16);
  return Buffer.concat([...locals, directory, end, opts.trailing ?? Buffer.alloc(0)]);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>`;
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** word/document.xml with one paragraph per line (escaped), an optional prologue (DOCTYPE) and raw body XML. */
export function documentXml(lines: string[], o: { prologue?: string; rawBody?: string } = {}): string {
  const body = lines.map((p) => `<w:p><w:r><w:t xml:space="preserve">${escapeXml(p)}</w:t></w:r></w:p>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n${o.prologue ?? ''}<w:document ${W}><w:body>${body}${o.rawBody ?? ''}</w:body></w:document>`;
}

/** A minimal DOCX; `document` overrides parts of the word/document.xml entry; `extra` adds entries. */
export function docxFile(documentXmlText: string, document: Partial<ZipPart> = {}, extra: ZipPart[] = [], opts: ZipOptions = {}): Buffer {
  return zipFile(
    [
      { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
      { name: '_rels/.rels', data: Buffer.from(RELS) },
      { name: 'word/document.xml', data: Buffer.from(documentXmlText), ...document },
      ...extra,
    ],
    opts,
  );
}

export const contentTypesXml = CONTENT_TYPES;
export const relsXml = RELS;
