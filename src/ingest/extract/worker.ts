/**
 * A parser process: reads one file per task, off the service's process, so that whatever a hostile
 * file makes the parser allocate goes back to the system when the pool kills this process.
 * Started by ExtractorPool (pool.ts) with an IPC channel; never imported by the service.
 */
import { Worker } from 'node:worker_threads';
import { isAppError } from '../../domain/errors.js';
import { runExtraction } from './extract.js';
import { preloadPdfjs } from './pdf.js';
import type { ExtractOutcome, ParserMessage, TaskMessage } from './protocol.js';

/**
 * The pool kills this process on time and memory; if the pool's process itself dies (kill -9), a
 * parse in a tight loop would never see the IPC channel close. A watchdog thread (it runs even
 * while this thread is busy) kills the process once its parent is gone.
 */
const WATCHDOG = `
const { workerData } = require('node:worker_threads');
setInterval(() => { if (process.ppid !== workerData.ppid) process.kill(process.pid, 'SIGKILL'); }, 500);
`;

function send(m: ParserMessage): void {
  process.send?.(m);
}

async function run(task: TaskMessage): Promise<ExtractOutcome> {
  send({ type: 'started', id: task.id });
  try {
    // Whatever view type arrives (a Buffer stays a Buffer through IPC), pdf.js wants a plain Uint8Array.
    const data = new Uint8Array(task.data.buffer, task.data.byteOffset, task.data.byteLength);
    const value = await runExtraction(data, task.limits, Date.now() + task.limits.timeoutMs);
    return { ok: true, value };
  } catch (e) {
    // AppError's fields do not survive serialisation: send them as data.
    if (isAppError(e)) return { ok: false, code: e.code, message: e.message, details: e.details };
    return { ok: false, code: 'unprocessable_file', message: 'The file could not be read.', details: { reason: 'crashed' } };
  }
}

async function main(): Promise<void> {
  if (!process.send) throw new Error('worker.ts is started by ExtractorPool with an IPC channel');
  new Worker(WATCHDOG, { eval: true, workerData: { ppid: process.ppid } }).unref();
  process.on('disconnect', () => process.exit(0));
  await preloadPdfjs();
  // One task at a time: the pool sends the next one after `done`.
  process.on('message', (m: TaskMessage) => {
    if (m?.type !== 'task') return;
    void run(m).then((outcome) => send({ type: 'done', id: m.id, outcome }));
  });
  send({ type: 'ready' });
}

await main();
