/**
 * The main thread's side of the keyword worker (keyword-worker.ts): started lazily by the first
 * search, so processes that never search never pay for it. SQLite allows any number of readers
 * beside the writer in WAL mode; the worker's connection sees every committed change.
 */
import { Worker } from 'node:worker_threads';
import type { KeywordOptions, KeywordResult } from './keyword.js';
import type { KeywordRequest } from './keyword-worker.js';

type Reply = { ready: true } | { id: number; result: KeywordResult } | { id: number; error: string };

export class KeywordThread {
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private dead = false;
  private next = 0;
  private readonly pending = new Map<number, { resolve: (r: KeywordResult) => void; reject: (e: Error) => void }>();

  constructor(private readonly file: string) {}

  get alive(): boolean {
    return !this.dead;
  }

  async run(text: string, limit: number, opts: KeywordOptions): Promise<KeywordResult> {
    await this.start();
    const id = ++this.next;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker!.ref(); // a waiting search keeps the process alive (the CLI has nothing else)
      this.worker!.postMessage({ id, text, limit, opts } satisfies KeywordRequest);
    });
  }

  private start(): Promise<void> {
    if (this.ready) return this.ready;
    // Under tsx/vitest the sources are TypeScript: the plain-JS boot file registers tsx first.
    const self = import.meta.url;
    const ts = /\.ts$/.test(new URL(self).pathname);
    const script = ts ? new URL('../worker-boot.mjs', self) : new URL('./keyword-worker.js', self);
    const worker = new Worker(script, { workerData: { file: this.file }, argv: ts ? [new URL('./keyword-worker.ts', self).href] : [], execArgv: [] });
    worker.unref();
    this.worker = worker;
    this.ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (m: Reply) => {
        if ('ready' in m) return resolve();
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        if (this.pending.size === 0) worker.unref();
        if ('error' in m) p?.reject(new Error(m.error));
        else p?.resolve(m.result);
      });
      const lost = (why: string): void => {
        this.dead = true;
        reject(new Error(why));
        for (const p of this.pending.values()) p.reject(new Error(why));
        this.pending.clear();
      };
      worker.on('error', (e) => lost(`keyword worker failed: ${e.message}`));
      worker.on('exit', (code) => lost(`keyword worker exited (${code})`));
    });
    return this.ready;
  }

  async close(): Promise<void> {
    this.dead = true;
    await this.worker?.terminate();
    this.worker = null;
  }
}
