import { describe, expect, it } from 'vitest';
import { checkEntry, readZipDirectory } from '../../../src/ingest/extract/zip.js';
import { libraryDocx, zipFile } from './files.js';

const part = (name: string, text: string): { name: string; data: Buffer } => ({ name, data: Buffer.from(text) });

describe('readZipDirectory', () => {
  it('lists names and sizes from the central directory', () => {
    const zip = zipFile([part('a.xml', 'x'.repeat(1000)), { ...part('b.txt', 'hello'), store: true }]);
    const entries = readZipDirectory(zip);
    expect(entries?.map((e) => [e.name, e.method, e.uncompressedSize])).toEqual([
      ['a.xml', 8, 1000],
      ['b.txt', 0, 5],
    ]);
    expect(entries?.every((e) => checkEntry(zip, e) === null)).toBe(true);
  });

  it('reads a DOCX written by the docx library, every part passing the inflate check', async () => {
    const docx = await libraryDocx();
    const entries = readZipDirectory(docx) ?? [];
    expect(entries.map((e) => e.name)).toContain('word/document.xml');
    expect(entries.map((e) => checkEntry(docx, e))).toEqual(entries.map(() => null));
  });

  it('reads zip64 sizes from the extra field', () => {
    const zip = zipFile([{ ...part('big.xml', 'y'.repeat(300)), zip64: true }]);
    const [entry] = readZipDirectory(zip) ?? [];
    expect(entry).toMatchObject({ name: 'big.xml', uncompressedSize: 300 });
    expect(entry && checkEntry(zip, entry)).toBeNull();
  });

  it('returns null for a truncated zip or one whose directory points outside the file', () => {
    const zip = zipFile([part('a.xml', 'hello')]);
    expect(readZipDirectory(zip.subarray(0, zip.byteLength - 10))).toBeNull();
    const broken = zip.slice();
    new DataView(broken.buffer).setUint32(broken.byteLength - 6, 1_000_000, true); // directory offset
    expect(readZipDirectory(broken)).toBeNull();
    expect(readZipDirectory(new Uint8Array(10))).toBeNull();
  });
});

describe('checkEntry', () => {
  it('catches a directory that under-reports a size without inflating past the claim', () => {
    const zip = zipFile([{ ...part('bomb.xml', ' '.repeat(2_000_000)), claimedSize: 100 }]);
    const [entry] = readZipDirectory(zip) ?? [];
    expect(entry?.uncompressedSize).toBe(100);
    expect(entry && checkEntry(zip, entry)).toBe('size mismatch');
  });

  it('refuses encrypted entries and unknown methods', () => {
    const zip = zipFile([{ ...part('a.xml', 'hello'), encrypted: true }]);
    const [entry] = readZipDirectory(zip) ?? [];
    expect(entry && checkEntry(zip, entry)).toBe('encrypted');
    expect(entry && checkEntry(zip, { ...entry, flags: 0, method: 14 })).toBe('method');
    expect(entry && checkEntry(zip, { ...entry, flags: 0, localOffset: 5 })).toBe('bounds');
  });
});
