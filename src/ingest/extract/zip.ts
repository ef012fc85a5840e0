import { inflateRawSync } from 'node:zlib';

/** One file as the zip central directory describes it (nothing is inflated to read this). */
export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_ENTRIES = 20_000;
const U16_MAX = 0xffff;
const U32_MAX = 0xffffffff;

function view(buf: Uint8Array): DataView {
  return new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
}

function u64(dv: DataView, at: number): number {
  return Number(dv.getBigUint64(at, true));
}

function findEocd(dv: DataView): number {
  const last = dv.byteLength - 22;
  const first = Math.max(0, last - 0xffff);
  for (let at = last; at >= first; at--) {
    if (dv.getUint32(at, true) === EOCD) return at;
  }
  return -1;
}

interface Directory {
  count: number;
  size: number;
  offset: number;
}

function readDirectoryLocation(dv: DataView, eocd: number): Directory | null {
  let count = dv.getUint16(eocd + 10, true);
  let size = dv.getUint32(eocd + 12, true);
  let offset = dv.getUint32(eocd + 16, true);
  if (count === U16_MAX || size === U32_MAX || offset === U32_MAX) {
    const locator = eocd - 20;
    if (locator < 0 || dv.getUint32(locator, true) !== ZIP64_LOCATOR) return null;
    const z64 = u64(dv, locator + 8);
    if (z64 + 56 > dv.byteLength || dv.getUint32(z64, true) !== ZIP64_EOCD) return null;
    count = u64(dv, z64 + 32);
    size = u64(dv, z64 + 40);
    offset = u64(dv, z64 + 48);
  }
  if (offset + size > dv.byteLength) return null;
  return { count, size, offset };
}

/** Reads the zip64 extra field (id 1): 8-byte values present only for fields saturated in the header. */
function applyZip64(dv: DataView, extraAt: number, extraLen: number, entry: ZipEntry): boolean {
  const end = extraAt + extraLen;
  let at = extraAt;
  while (at + 4 <= end) {
    const id = dv.getUint16(at, true);
    const len = dv.getUint16(at + 2, true);
    if (id === 1) {
      let p = at + 4;
      const take = (): number | null => {
        if (p + 8 > at + 4 + len) return null;
        const v = u64(dv, p);
        p += 8;
        return v;
      };
      if (entry.uncompressedSize === U32_MAX) entry.uncompressedSize = take() ?? -1;
      if (entry.compressedSize === U32_MAX) entry.compressedSize = take() ?? -1;
      if (entry.localOffset === U32_MAX) entry.localOffset = take() ?? -1;
      return entry.uncompressedSize >= 0 && entry.compressedSize >= 0 && entry.localOffset >= 0;
    }
    at += 4 + len;
  }
  return false;
}

/**
 * Lists the entries of a zip from its central directory, without inflating anything.
 * Returns null when the buffer is not a readable zip (no end record, directory out of bounds, ...).
 */
export function readZipDirectory(buf: Uint8Array): ZipEntry[] | null {
  if (buf.byteLength < 22) return null;
  const dv = view(buf);
  const eocd = findEocd(dv);
  if (eocd < 0) return null;
  const dir = readDirectoryLocation(dv, eocd);
  if (!dir || dir.count > MAX_ENTRIES) return null;
  const names = new TextDecoder('utf-8');
  const entries: ZipEntry[] = [];
  let at = dir.offset;
  const end = dir.offset + dir.size;
  for (let i = 0; i < dir.count; i++) {
    if (at + 46 > end || dv.getUint32(at, true) !== CENTRAL) return null;
    const nameLen = dv.getUint16(at + 28, true);
    const extraLen = dv.getUint16(at + 30, true);
    const commentLen = dv.getUint16(at + 32, true);
    if (at + 46 + nameLen + extraLen + commentLen > end) return null;
    const entry: ZipEntry = {
      name: names.decode(buf.subarray(at + 46, at + 46 + nameLen)),
      flags: dv.getUint16(at + 8, true),
      method: dv.getUint16(at + 10, true),
      compressedSize: dv.getUint32(at + 20, true),
      uncompressedSize: dv.getUint32(at + 24, true),
      localOffset: dv.getUint32(at + 42, true),
    };
    const saturated =
      entry.compressedSize === U32_MAX || entry.uncompressedSize === U32_MAX || entry.localOffset === U32_MAX;
    if (saturated && !applyZip64(dv, at + 46 + nameLen, extraLen, entry)) return null;
    entries.push(entry);
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Where an entry's compressed bytes lie, from its local header; null if out of bounds. */
function dataRange(buf: Uint8Array, entry: ZipEntry): [number, number] | null {
  const dv = view(buf);
  const at = entry.localOffset;
  if (at + 30 > buf.byteLength || dv.getUint32(at, true) !== LOCAL) return null;
  const start = at + 30 + dv.getUint16(at + 26, true) + dv.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  return end <= buf.byteLength ? [start, end] : null;
}

export type EntryProblem = 'encrypted' | 'method' | 'bounds' | 'size mismatch' | 'corrupt';

/**
 * Inflates one entry with its output capped at the size the directory declares, so a directory
 * that lies about sizes cannot make us inflate more than it claims. Returns a problem or null.
 */
export function checkEntry(buf: Uint8Array, entry: ZipEntry): EntryProblem | null {
  if ((entry.flags & 1) !== 0) return 'encrypted';
  if (entry.method !== 0 && entry.method !== 8) return 'method';
  const range = dataRange(buf, entry);
  if (!range) return 'bounds';
  const data = buf.subarray(range[0], range[1]);
  if (entry.method === 0) return data.byteLength === entry.uncompressedSize ? null : 'size mismatch';
  try {
    const out = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
    return out.byteLength === entry.uncompressedSize ? null : 'size mismatch';
  } catch (e) {
    return (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? 'size mismatch' : 'corrupt';
  }
}
