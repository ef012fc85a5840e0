/** Piscina worker: extracts one file per task, off the main thread. */
import type { MessagePort } from 'node:worker_threads';
import { isAppError, type ErrorCode } from '../../domain/errors.js';
import { runExtraction } from './extract.js';
import { preloadPdfjs } from './pdf.js';
import type { ExtractLimits, Extracted } from './types.js';

export interface ExtractTask {
  data: ArrayBuffer;
  limits: ExtractLimits;
  /** The worker says "started" here, so the main thread times the parse, not the queue wait. */
  port: MessagePort;
}

export type ExtractOutcome =
  | { ok: true; value: Extracted }
  | { ok: false; code: ErrorCode; message: string; details?: Record<string, unknown> };

async function extractTask(task: ExtractTask): Promise<ExtractOutcome> {
  task.port.postMessage('started');
  try {
    const value = await runExtraction(new Uint8Array(task.data), task.limits, Date.now() + task.limits.timeoutMs);
    return { ok: true, value };
  } catch (e) {
    // Errors cross the thread boundary by structured clone, which drops AppError's fields: send them as data.
    if (isAppError(e)) return { ok: false, code: e.code, message: e.message, details: e.details };
    return { ok: false, code: 'unprocessable_file', message: 'The file could not be read.', details: { reason: 'crashed' } };
  }
}

/** Piscina awaits an exported promise before it hands the worker any task. */
async function ready(): Promise<typeof extractTask> {
  await preloadPdfjs();
  return extractTask;
}

export default ready();
