import type { FileKind } from '../../domain/file.js';

export type { FileKind };

/** Limits applied to every untrusted file (ARCHITECTURE invariant 7). */
export interface ExtractLimits {
  /** Largest accepted upload, checked before any parsing. */
  maxBytes: number;
  /** Largest accepted PDF page count, checked before any text is extracted. */
  maxPages: number;
  /** Wall-clock budget of one parse, counted from the moment a worker starts it. */
  timeoutMs: number;
  /** Largest total uncompressed size of a DOCX, read from the zip directory before inflating. */
  maxUncompressedBytes: number;
  /** Most characters of extracted text (default MAX_TEXT_CHARS, 200,000). */
  maxTextChars?: number;
}

export interface Extracted {
  kind: FileKind;
  /** Plain text: lines separated by \n, paragraphs (and pages) by a blank line. */
  text: string;
  /** PDF page count; 1 for DOCX and plain text (they have no page model). */
  pages: number;
  /** Time spent extracting, in milliseconds. */
  ms: number;
}

export type Sniffed = { kind: FileKind } | { kind: 'unknown'; detected: string };
