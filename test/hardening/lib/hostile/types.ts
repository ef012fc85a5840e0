import type { ErrorCode } from '../../../../src/domain/index.js';
import type { FilePart } from '../http.js';

/**
 * What a hostile case must end in:
 *  - parse: a 201 (or 200 for bytes already stored) with a profile;
 *  - reject: a 4xx JSON error (with one of `codes` when given);
 *  - either: one of the two, never anything else.
 */
export type Expectation = 'parse' | 'reject' | 'either';

export type HostileRequest =
  /** A multipart upload to POST /api/candidates. */
  | { kind: 'multipart'; fields: Array<[string, string]>; files: FilePart[]; headers?: Record<string, string> }
  /** Any other body to POST /api/candidates, with its content type. */
  | { kind: 'raw'; contentType: string; body: Buffer; headers?: Record<string, string> }
  /** A multipart upload of `totalBytes` generated on the fly and streamed (the 100 MB upload). */
  | { kind: 'stream'; totalBytes: number; fileName: string };

export interface HostileCase {
  /** Unique, e.g. `pdf-truncated-p00-en-pdf1col-35`. */
  id: string;
  /** The family it belongs to, for the counts. */
  category: string;
  expect: Expectation;
  /** Accepted error codes when rejected (any 4xx when absent). */
  codes?: ErrorCode[];
  request: HostileRequest;
  /** More checks on a successful answer's body: a problem description, or null. */
  check?: (body: unknown) => string | null;
}

export interface SourceFile {
  /** e.g. p00-en-pdf1col.pdf */
  file: string;
  format: 'pdf' | 'docx' | 'txt';
  bytes: Buffer;
}
