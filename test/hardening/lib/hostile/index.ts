/** The hostile file set: at least 200 broken or malicious uploads, built in memory from a few fixture files. */
import { docxCases } from './docx-cases.js';
import { otherCases } from './other-cases.js';
import { pdfCases } from './pdf-cases.js';
import { textCases } from './text-cases.js';
import type { HostileCase, SourceFile } from './types.js';

export type { HostileCase, HostileRequest, Expectation, SourceFile } from './types.js';
export { HOSTILE_ENTITY, cvText } from './common.js';
export { safeName } from './other-cases.js';
export { INJECTION_LINES, MARKUP } from './text-cases.js';

export interface HostileSources {
  /** Fixture files (real CVs) to cut and damage: at least one PDF, one DOCX and one text file. */
  files: SourceFile[];
  /** The service's upload limit (UPLOAD_MAX_BYTES). */
  maxBytes: number;
}

export async function hostileCases(src: HostileSources): Promise<HostileCase[]> {
  const of = (format: SourceFile['format']): SourceFile[] => src.files.filter((f) => f.format === format);
  const [pdf, docx, txt] = [of('pdf'), of('docx'), of('txt')];
  if (!pdf[0] || !docx[0] || !txt[0]) throw new Error('hostileCases needs at least one PDF, one DOCX and one text fixture');
  const cases = [...(await pdfCases(pdf)), ...(await docxCases(docx)), ...otherCases({ pdf: pdf[0], docx: docx[0], txt: txt[0], maxBytes: src.maxBytes }), ...textCases()];
  const ids = new Set<string>();
  for (const c of cases) {
    if (ids.has(c.id)) throw new Error(`duplicate hostile case id ${c.id}`);
    ids.add(c.id);
  }
  return cases;
}
