/** Messages between WorkerEmbedder (main thread) and worker.ts. */
import { AppError, ERROR_CODES, type ErrorCode } from '../domain/index.js';
import type { EmbedKind } from './types.js';

export interface EmbedRequest {
  type: 'embed';
  reqId: number;
  texts: string[];
  kind: EmbedKind;
}

export interface SerializedError {
  message: string;
  code?: ErrorCode;
  details?: Record<string, unknown>;
}

export type WorkerReply =
  | { type: 'ready'; id: string; dimension: number }
  | { type: 'failed'; error: SerializedError }
  /** `buffer` holds `count` vectors of `dimension` floats back to back; it is transferred, not copied. */
  | { type: 'result'; reqId: number; count: number; dimension: number; buffer: ArrayBuffer }
  | { type: 'error'; reqId: number; error: SerializedError };

export function serializeError(e: unknown): SerializedError {
  if (e instanceof AppError) return { message: e.message, code: e.code, details: e.details };
  return { message: e instanceof Error ? e.message : String(e) };
}

export function deserializeError(s: SerializedError): Error {
  if (s.code && s.code in ERROR_CODES) return new AppError(s.code, s.message, s.details);
  return new Error(s.message);
}
