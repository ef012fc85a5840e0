import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { AppError } from '../../domain/errors.js';
import { checkSize } from './extract.js';
import { timedOut, unprocessable } from './errors.js';
import type { ExtractLimits, Extracted } from './types.js';
import type { ExtractOutcome, ExtractTask } from './worker.js';

export interface ExtractorPoolOptions {
  /** Worker threads (default 1). pdf.js is CPU-bound: more threads than cores does not help. */
  threads?: number;
  limits: ExtractLimits;
  /** V8 old-generation heap cap per worker (default 512); a file that needs more kills only its worker. */
  maxMemoryMb?: number;
  /** Told when a worker dies outside a task (for logs; the pool copes either way). */
  onWorkerError?: (error: Error) => void;
}

const DEFAULT_MEMORY_MB = 512;
/** After the workers failed to start, wait this long before starting fresh ones. */
const RESTART_AFTER_MS = 5_000;
const workerFile = new URL('./worker.ts', import.meta.url);
/** Workers load TypeScript through tsx; resolved from here so the process cwd does not matter. */
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

const unavailable = (): AppError => new AppError('internal', 'The file reader is not available right now.');

type Pool = Piscina<ExtractTask, ExtractOutcome>;

/**
 * Worker-thread pool for untrusted files (ARCHITECTURE invariant 7): the size is checked before a
 * worker sees the file, the timeout is enforced from this thread (a hung worker is terminated and
 * replaced), and each worker has a heap cap (a file that exceeds it kills only its worker).
 */
export class ExtractorPool {
  private readonly limits: ExtractLimits;
  private readonly threads: number;
  private readonly maxMemoryMb: number;
  private readonly onWorkerError: ((error: Error) => void) | undefined;
  private pool: Pool;
  /** Aborts of the tasks in flight, so they can all be failed if the workers cannot start. */
  private readonly pending = new Set<AbortController>();
  /** When the workers last failed to start (0: they are fine). */
  private brokenAt = 0;
  private closed = false;

  constructor(opts: ExtractorPoolOptions) {
    this.limits = { ...opts.limits };
    this.threads = Math.max(1, Math.min(opts.threads ?? 1, availableParallelism() * 2));
    this.maxMemoryMb = opts.maxMemoryMb ?? DEFAULT_MEMORY_MB;
    this.onWorkerError = opts.onWorkerError;
    this.pool = this.start();
  }

  private start(): Pool {
    const pool: Pool = new Piscina<ExtractTask, ExtractOutcome>({
      filename: workerFile.href,
      minThreads: this.threads,
      maxThreads: this.threads,
      idleTimeout: Infinity,
      // Workers keep a normal event loop between tasks (pdf.js finishes async clean-up there).
      atomics: 'disabled',
      execArgv: ['--import', tsxLoader],
      resourceLimits: { maxOldGenerationSizeMb: this.maxMemoryMb },
    });
    // Without a listener, a worker dying between tasks would throw on the main thread.
    pool.on('error', (e: Error) => {
      this.onWorkerError?.(e);
      this.checkWorkers(pool);
    });
    return pool;
  }

  /**
   * Piscina replaces a worker that dies during a task, but not one that fails while starting, and
   * queued tasks would then wait forever. When no worker is left, fail everything in flight; the
   * next file after a pause gets fresh workers.
   */
  private checkWorkers(pool: Pool): void {
    if (pool !== this.pool || this.brokenAt > 0 || pool.threads.length > 0) return;
    this.brokenAt = Date.now();
    for (const abort of this.pending) abort.abort();
    void pool.destroy().catch(() => undefined);
  }

  private ready(): Pool {
    if (this.closed) throw unavailable();
    if (this.brokenAt > 0) {
      if (Date.now() - this.brokenAt < RESTART_AFTER_MS) throw unavailable();
      this.brokenAt = 0;
      this.pool = this.start();
    }
    return this.pool;
  }

  /** False while the workers cannot start (files are refused until a restart succeeds). */
  get healthy(): boolean {
    return this.brokenAt === 0 && !this.closed;
  }

  /** Files waiting for a worker. */
  get queued(): number {
    return this.pool.queueSize;
  }

  /**
   * Extracts one file in a worker. The buffer is transferred, not copied, when it spans a whole
   * ArrayBuffer: the caller's `buf` is then detached (empty). Pass `{ transfer: false }` to keep it.
   */
  async extract(buf: Uint8Array, opts: { transfer?: boolean } = {}): Promise<Extracted> {
    checkSize(buf, this.limits);
    const pool = this.ready();
    const whole = buf.buffer instanceof ArrayBuffer && buf.byteOffset === 0 && buf.byteLength === buf.buffer.byteLength;
    const data = whole && opts.transfer !== false ? (buf.buffer as ArrayBuffer) : buf.slice().buffer;
    // The worker says when it starts, so the timeout covers the parse and not the wait in the queue.
    const { port1, port2 } = new MessageChannel();
    const abort = new AbortController();
    this.pending.add(abort);
    let timer: NodeJS.Timeout | undefined;
    let started = false;
    port1.once('message', () => {
      started = true;
      timer = setTimeout(() => abort.abort(), this.limits.timeoutMs);
    });
    try {
      const outcome = await pool.run(
        { data, limits: this.limits, port: port2 },
        { transferList: [data, port2], signal: abort.signal },
      );
      if (!outcome.ok) throw new AppError(outcome.code, outcome.message, outcome.details);
      return outcome.value;
    } catch (e) {
      if (e instanceof AppError) throw e;
      if (!started) {
        // The worker died before it saw the file (it failed to start): our fault, not the file's.
        this.checkWorkers(pool);
        throw unavailable();
      }
      if (abort.signal.aborted) throw this.brokenAt > 0 ? unavailable() : timedOut(this.limits.timeoutMs);
      if ((e as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') throw unprocessable('memory');
      throw unprocessable('crashed');
    } finally {
      clearTimeout(timer);
      this.pending.delete(abort);
      port1.close();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.brokenAt === 0) await this.pool.close();
  }
}
