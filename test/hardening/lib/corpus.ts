/**
 * Unique uploads for bulk ingest: fixture CV text with a unique reference word, written as text,
 * PDF or DOCX, so each upload is a new candidate that a keyword search for its word finds.
 */
import type { FixtureSet } from './fixtures.js';
import { entityOf } from './fixtures.js';
import { onePage, textContent } from './hostile/pdf-build.js';
import { docxFile, documentXml } from './hostile/zip-build.js';

export interface Upload {
  seq: number;
  /** A word that occurs in this upload only, e.g. `qz17x`. */
  token: string;
  entity: 'NL' | 'DE' | 'FR';
  fileName: string;
  bytes: Buffer;
}

const FORMATS = ['txt', 'pdf', 'docx'] as const;

/** The `seq`-th unique upload (any seq: the corpus never runs out). */
export function uniqueUpload(fx: FixtureSet, seq: number): Upload {
  const f = fx.files[seq % fx.files.length]!;
  const token = `qz${seq}x`;
  const lines = f.text.split('\n').filter((l) => l.trim().length > 0);
  const body = [...lines.slice(0, 44), '', `Reference ${token}`];
  const format = FORMATS[seq % FORMATS.length]!;
  const bytes =
    format === 'txt' ? Buffer.from(`${body.join('\n')}\n`) : format === 'pdf' ? onePage(textContent(body.map((l) => l.replace(/[^\x20-\x7e\xa0-\xff]/g, '?')), 56, 780), { mediaBox: '[0 0 612 1000]' }) : docxFile(documentXml(body));
  return { seq, token, entity: entityOf(f.truth), fileName: `${f.truth.id}-${seq}.${format}`, bytes };
}
