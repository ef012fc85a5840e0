import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../domain/errors.js';
import { checkSize } from './extract.js';
import { timedOut, unprocessable } from './errors.js';
import type { ExtractOutcome, ParserMessage, TaskMessage } from './protocol.js';
import type { ExtractLimits, Extracted } from './types.js';

export interface ExtractorPoolOptions {
  /** Parser processes (default 1). pdf.js is CPU-bound: more processes than cores does not help. */
  threads?: number;
  limits: ExtractLimits;
  /** V8 heap cap per parser process (MiB, default 512); a file that needs more kills only its process. */
  maxMemoryMb?: number;
  /**
   * Growth of a parser process's RSS during one parse (MiB, default 160) at which the parse is
   * stopped. The heap cap does not cover ArrayBuffers, where pdf.js decodes streams: a 1 MB PDF
   * whose content stream inflates to 1 GB took the RSS 3 GB up.
   */
  maxRssGrowthMb?: number;
  /** Told when a parser process dies outside a task, or cannot start (for logs; the pool copes either way). */
  onWorkerError?: (error: Error) => void;
  /**
   * Most files waiting for a parser (default: no bound). One more is refused at once with 503
   * `overloaded` and a retry estimate, rather than queued: every waiting file is held in memory.
   */
  maxQueued?: number;
}

const DEFAULT_MEMORY_MB = 512;
const DEFAULT_RSS_GROWTH_MB = 160;
/** How often a busy parser's RSS is read. */
const RSS_SAMPLE_MS = 20;
/** After the parsers failed to start, wait this long before starting fresh ones. */
const RESTART_AFTER_MS = 5_000;
/** On close, parsers still busy after this long are killed. */
const CLOSE_GRACE_MS = 5_000;
/** The parser's plain-JS entry (it registers tsx itself, after loading pdf.js natively) and its TypeScript main. */
const bootFile = fileURLToPath(new URL('./parser-boot.mjs', import.meta.url));
const workerUrl = new URL('./worker.ts', import.meta.url).href;

const unavailable = (): AppError => new AppError('internal', 'The file reader is not available right now.');
/** Parse time assumed before any parse was measured (ms). */
const INITIAL_PARSE_MS = 1_000;

/** Resident set of a process in bytes (Linux /proc), or null where that cannot be read. */
function rssOf(pid: number): number | null {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

interface Task {
  id: number;
  data: Uint8Array;
  resolve: (v: Extracted) => void;
  reject: (e: Error) => void;
  started: boolean;
  /** When a parser started it (performance.now()). */
  startedAt?: number;
}

interface Parser {
  child: ChildProcess;
  ready: boolean;
  task: Task | null;
  /** Why the pool killed it, if it did. */
  killedFor: 'timeout' | 'memory' | null;
  timer?: NodeJS.Timeout;
  watch?: NodeJS.Timeout;
  /** The end of its stderr, to explain a failed start. */
  stderr: string;
}

/**
 * Parser processes for untrusted files (ARCHITECTURE invariant 7). The size is checked before a
 * parser sees the file; the timeout is enforced from this process (a hung parser is killed and
 * replaced); each parser has a heap cap and an RSS ceiling per parse. Parsing in processes rather
 * than worker threads means all memory a hostile file made the parser take goes back to the
 * system when the parser is killed (a worker thread killed mid-bomb left ~200 MiB behind in the
 * service each time).
 */
export class ExtractorPool {
  private readonly limits: ExtractLimits;
  private readonly size: number;
  private readonly maxMemoryMb: number;
  private readonly maxRssGrowth: number;
  private readonly onWorkerError: ((error: Error) => void) | undefined;
  private readonly maxQueued: number;
  /** Moving average of recent parse times (ms), for the retry estimate of a refusal. */
  private parseMs = INITIAL_PARSE_MS;
  private readonly parsers = new Set<Parser>();
  private readonly queue: Task[] = [];
  private nextId = 1;
  /** When the parsers last failed to start (0: they are fine). */
  private brokenAt = 0;
  private closed = false;

  constructor(opts: ExtractorPoolOptions) {
    this.limits = { ...opts.limits };
    this.size = Math.max(1, Math.min(opts.threads ?? 1, availableParallelism() * 2));
    this.maxMemoryMb = opts.maxMemoryMb ?? DEFAULT_MEMORY_MB;
    this.maxRssGrowth = (opts.maxRssGrowthMb ?? DEFAULT_RSS_GROWTH_MB) * 1024 * 1024;
    this.onWorkerError = opts.onWorkerError;
    this.maxQueued = opts.maxQueued ?? Number.POSITIVE_INFINITY;
    this.fill();
  }

  /** Starts parsers up to the pool size. */
  private fill(): void {
    while (!this.closed && this.brokenAt === 0 && this.parsers.size < this.size) this.spawn();
  }

  private spawn(): void {
    const child = fork(bootFile, [workerUrl], {
      execArgv: [`--max-old-space-size=${this.maxMemoryMb}`],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    const p: Parser = { child, ready: false, task: null, killedFor: null, stderr: '' };
    this.parsers.add(p);
    child.stderr?.on('data', (c: Buffer) => {
      if (!p.ready) p.stderr = (p.stderr + c.toString('utf8')).slice(-2000);
    });
    child.on('message', (m: ParserMessage) => this.onMessage(p, m));
    child.on('error', () => undefined); // 'exit' follows and does the work
    child.once('exit', (code, signal) => this.onExit(p, code, signal));
  }

  private onMessage(p: Parser, m: ParserMessage): void {
    if (m.type === 'ready') {
      p.ready = true;
      p.stderr = '';
      this.dispatch();
      return;
    }
    const task = p.task;
    if (!task || m.id !== task.id) return;
    if (m.type === 'started') {
      task.started = true;
      task.startedAt = performance.now();
      p.timer = setTimeout(() => this.kill(p, 'timeout'), this.limits.timeoutMs);
      // Memory the heap cap does not see (decoded streams live in ArrayBuffers) shows in the RSS.
      const base = rssOf(p.child.pid ?? -1);
      if (base !== null) {
        p.watch = setInterval(() => {
          const now = rssOf(p.child.pid ?? -1);
          if (now !== null && now > base + this.maxRssGrowth) this.kill(p, 'memory');
        }, RSS_SAMPLE_MS);
      }
      return;
    }
    this.settle(p);
    p.task = null;
    if (task.startedAt !== undefined) this.parseMs = 0.8 * this.parseMs + 0.2 * (performance.now() - task.startedAt);
    const o: ExtractOutcome = m.outcome;
    if (o.ok) task.resolve(o.value);
    else task.reject(new AppError(o.code, o.message, o.details));
    // A parser exits when its channel closes.
    if (this.closed) p.child.disconnect();
    else this.dispatch();
  }

  private settle(p: Parser): void {
    clearTimeout(p.timer);
    clearInterval(p.watch);
    p.timer = p.watch = undefined;
  }

  private kill(p: Parser, why: 'timeout' | 'memory'): void {
    if (p.killedFor) return;
    p.killedFor = why;
    this.settle(p);
    p.child.kill('SIGKILL');
  }

  private onExit(p: Parser, code: number | null, signal: NodeJS.Signals | null): void {
    this.settle(p);
    this.parsers.delete(p);
    const task = p.task;
    p.task = null;
    if (task) task.reject(this.deathError(p, task, code, signal));
    if (!p.ready && !this.closed) {
      // It died while starting: no file was to blame. Without a parser left, fail what waits.
      this.onWorkerError?.(new Error(`parser process could not start (${signal ?? `exit ${code}`})${p.stderr ? `: ${p.stderr.trim().split('\n').slice(-3).join(' | ')}` : ''}`));
      if (![...this.parsers].some((x) => x.ready)) this.breakDown();
      return;
    }
    if (!task && !p.killedFor && !this.closed) this.onWorkerError?.(new Error(`parser process exited (${signal ?? `exit ${code}`})`));
    this.fill();
    this.dispatch();
  }

  private deathError(p: Parser, task: Task, code: number | null, signal: NodeJS.Signals | null): AppError {
    if (p.killedFor === 'timeout') return timedOut(this.limits.timeoutMs);
    if (p.killedFor === 'memory') return unprocessable('memory');
    // The file was never looked at: the parser itself failed.
    if (!task.started) return unavailable();
    // V8 aborts when the heap cap is reached ("JavaScript heap out of memory").
    if (signal === 'SIGABRT' || code === 134) return unprocessable('memory');
    return unprocessable('crashed');
  }

  /** No parser could start: fail everything queued; the next file after a pause gets fresh parsers. */
  private breakDown(): void {
    this.brokenAt = Date.now();
    for (const t of this.queue.splice(0)) t.reject(unavailable());
    for (const p of this.parsers) p.child.kill('SIGKILL');
  }

  private dispatch(): void {
    for (const p of this.parsers) {
      if (!p.ready || p.task || p.killedFor || this.queue.length === 0) continue;
      const task = this.queue.shift()!;
      p.task = task;
      const msg: TaskMessage = { type: 'task', id: task.id, data: task.data, limits: this.limits };
      p.child.send(msg, (err) => {
        if (err && p.task === task) p.child.kill('SIGKILL');
      });
      task.data = new Uint8Array(0); // the parser has its copy now
    }
  }

  /** False while the parsers cannot start (files are refused until a restart succeeds). */
  get healthy(): boolean {
    return this.brokenAt === 0 && !this.closed;
  }

  /** Files waiting for a parser. */
  get queued(): number {
    return this.queue.length;
  }

  /**
   * The 503 to answer while the queue is full (null when there is room): the retry estimate is
   * the queue's length times the recent parse time, per parser, from 1 s to 2 min.
   */
  overloaded(): AppError | null {
    if (this.queue.length < this.maxQueued) return null;
    const seconds = Math.min(120, Math.max(1, Math.ceil((((this.queue.length + 1) / this.size) * this.parseMs) / 1000)));
    return new AppError('overloaded', `Too many files are waiting to be read; please try again in ${seconds} s.`, { queued: this.queue.length, maxQueued: this.maxQueued }, seconds);
  }

  /**
   * Extracts one file in a parser process. When `buf` spans a whole ArrayBuffer it is taken over
   * (the caller's `buf` is detached, empty afterwards) rather than copied; pass `{ transfer: false }`
   * to keep it.
   */
  async extract(buf: Uint8Array, opts: { transfer?: boolean } = {}): Promise<Extracted> {
    checkSize(buf, this.limits);
    if (this.closed) throw unavailable();
    const full = this.overloaded();
    if (full) throw full;
    if (this.brokenAt > 0) {
      if (Date.now() - this.brokenAt < RESTART_AFTER_MS) throw unavailable();
      this.brokenAt = 0;
      this.fill();
    }
    const whole = buf.buffer instanceof ArrayBuffer && buf.byteOffset === 0 && buf.byteLength === buf.buffer.byteLength;
    // A plain Uint8Array copy (Buffer.slice would share memory, and pdf.js refuses Buffers).
    const data = whole && opts.transfer !== false ? new Uint8Array(structuredClone(buf.buffer, { transfer: [buf.buffer] })) : new Uint8Array(buf);
    return new Promise<Extracted>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, data, resolve, reject, started: false });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.queue.splice(0)) t.reject(unavailable());
    const exits = [...this.parsers].map((p) => new Promise<void>((resolve) => (p.child.exitCode !== null || p.child.signalCode !== null ? resolve() : p.child.once('exit', () => resolve()))));
    const deadline = setTimeout(() => {
      for (const p of this.parsers) p.child.kill('SIGKILL');
    }, this.limits.timeoutMs + CLOSE_GRACE_MS);
    // A parser exits when its channel closes; a busy one finishes its file first (onMessage).
    for (const p of this.parsers) if (!p.task && p.child.connected) p.child.disconnect();
    await Promise.all(exits);
    clearTimeout(deadline);
  }
}
