/**
 * Runs an embedding backend off the request thread, behind the same Embedder interface:
 * USE in a worker thread, transformers.js in a child process (see worker-host.ts for why).
 * Vectors come back packed in one buffer (transferred from a thread, structured-cloned from a
 * process). If the host dies, pending calls fail and the next call starts a fresh one.
 */
import { AppError } from '../domain/index.js';
import type { BackendConfig } from './config.js';
import { deserializeError, type EmbedRequest } from './protocol.js';
import type { EmbedKind, Embedder } from './types.js';
import { defaultIsolation, spawnHost, type Host, type Isolation } from './worker-host.js';

interface Pending {
  resolve(v: Float32Array[]): void;
  reject(e: Error): void;
}

export interface WorkerEmbedderOptions {
  /** Default: 'thread' for USE, 'process' for transformers (onnxruntime-node allows one thread per process). */
  isolation?: Isolation;
}

export class WorkerEmbedder implements Embedder {
  private host: Host | null = null;
  private detach: (() => void) | null = null;
  private starting: Promise<Host> | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  private constructor(
    private readonly cfg: BackendConfig,
    readonly isolation: Isolation,
    readonly id: string,
    readonly dimension: number,
  ) {}

  /** Starts the host and waits until its model is loaded (load errors are rethrown here). */
  static async start(cfg: BackendConfig, opts: WorkerEmbedderOptions = {}): Promise<WorkerEmbedder> {
    const isolation = opts.isolation ?? defaultIsolation(cfg);
    const { host, id, dimension } = await startHost(cfg, isolation);
    const e = new WorkerEmbedder(cfg, isolation, id, dimension);
    e.attach(host);
    return e;
  }

  /** Thread id or process id of the current host (for tests and diagnostics); null when none runs. */
  get hostId(): number | null {
    return this.host?.hostId ?? null;
  }

  async embed(texts: readonly string[], kind: EmbedKind = 'passage'): Promise<Float32Array[]> {
    if (this.closed) throw new AppError('not_ready', 'embedder is closed');
    if (texts.length === 0) return [];
    const host = await this.ensureHost();
    const reqId = this.nextId++;
    const result = new Promise<Float32Array[]>((resolve, reject) => this.pending.set(reqId, { resolve, reject }));
    if (this.pending.size === 1) host.ref(true);
    const msg: EmbedRequest = { type: 'embed', reqId, texts: [...texts], kind };
    host.send(msg);
    return result;
  }

  async close(): Promise<void> {
    this.closed = true;
    const host = this.host;
    this.detach?.();
    this.host = null;
    this.failAll(new AppError('not_ready', 'embedder was closed'));
    if (host) await host.stop();
  }

  private ensureHost(): Promise<Host> {
    if (this.host) return Promise.resolve(this.host);
    this.starting ??= startHost(this.cfg, this.isolation).then(
      async ({ host, id, dimension }) => {
        this.starting = null;
        if (this.closed || id !== this.id || dimension !== this.dimension) {
          await host.stop();
          throw this.closed
            ? new AppError('not_ready', 'embedder was closed')
            : new AppError('internal', `restarted embedder loaded ${id}/${dimension}, expected ${this.id}/${this.dimension}`);
        }
        this.attach(host);
        return host;
      },
      (e: unknown) => {
        this.starting = null;
        throw e;
      },
    );
    return this.starting;
  }

  private attach(host: Host): void {
    this.host = host;
    host.ref(false); // an idle embedder does not keep the process alive
    const offMessage = host.onMessage((msg) => {
      if (msg.type !== 'result' && msg.type !== 'error') return;
      const p = this.pending.get(msg.reqId);
      if (!p) return;
      this.pending.delete(msg.reqId);
      if (this.pending.size === 0) host.ref(false);
      if (msg.type === 'error') return p.reject(deserializeError(msg.error));
      const out: Float32Array[] = [];
      for (let i = 0; i < msg.count; i++) out.push(new Float32Array(msg.buffer, i * msg.dimension * 4, msg.dimension));
      p.resolve(out);
    });
    const offLost = host.onLost((why) => {
      if (this.host !== host) return;
      this.detach?.();
      this.host = null;
      this.failAll(new AppError('internal', `embedding ${host.isolation === 'thread' ? 'worker' : 'process'} stopped: ${why}`));
    });
    this.detach = () => {
      offMessage();
      offLost();
      this.detach = null;
    };
  }

  private failAll(e: Error): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(e);
  }
}

/** Starts a host and resolves once it reports its model loaded. */
function startHost(cfg: BackendConfig, isolation: Isolation): Promise<{ host: Host; id: string; dimension: number }> {
  const host = spawnHost(cfg, isolation);
  return new Promise((resolve, reject) => {
    const offMessage = host.onMessage((msg) => {
      if (msg.type === 'ready') {
        cleanup();
        resolve({ host, id: msg.id, dimension: msg.dimension });
      } else if (msg.type === 'failed') {
        cleanup();
        void host.stop();
        reject(deserializeError(msg.error));
      }
    });
    const offLost = host.onLost((why) => {
      cleanup();
      reject(new AppError('not_ready', `embedding ${isolation === 'thread' ? 'worker' : 'process'} failed to start: ${why}`));
    });
    const cleanup = () => {
      offMessage();
      offLost();
    };
  });
}
