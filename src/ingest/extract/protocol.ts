/** Messages between ExtractorPool and its parser processes (worker.ts), over the IPC channel. */
import type { ErrorCode } from '../../domain/errors.js';
import type { ExtractLimits, Extracted } from './types.js';

export type ExtractOutcome =
  | { ok: true; value: Extracted }
  | { ok: false; code: ErrorCode; message: string; details?: Record<string, unknown> };

/** Parent → parser: one file to read. */
export interface TaskMessage {
  type: 'task';
  id: number;
  data: Uint8Array;
  limits: ExtractLimits;
}

/** Parser → parent: started (pdf.js loaded, waiting for files); a task started; a task done. */
export type ParserMessage = { type: 'ready' } | { type: 'started'; id: number } | { type: 'done'; id: number; outcome: ExtractOutcome };
