/**
 * Where an off-thread embedder runs: a worker thread or a child process. Both speak the
 * protocol in protocol.ts.
 *
 * Why two: onnxruntime-node 1.14 (under transformers.js) is not a context-aware addon, so it
 * can be loaded in only one thread per process. A second load in another worker fails with
 * "Module did not self-register", and loading it in the main thread and in a worker corrupted
 * the heap (glibc "free(): invalid pointer" aborts, seen on Node 20.20). The transformers
 * backend therefore runs in a child process; USE (TensorFlow.js on WASM) runs fine in threads.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BackendConfig } from './config.js';
import type { EmbedRequest, WorkerReply } from './protocol.js';

export type Isolation = 'thread' | 'process';

export interface Host {
  readonly isolation: Isolation;
  /** Thread id or process id. */
  readonly hostId: number;
  send(msg: EmbedRequest): void;
  onMessage(fn: (msg: WorkerReply) => void): () => void;
  /** Called once when the host dies (error or exit), with a reason. */
  onLost(fn: (why: string) => void): () => void;
  /** Whether the host keeps the process alive. */
  ref(on: boolean): void;
  stop(): Promise<void>;
}

/**
 * The entry script. When the sources run as TypeScript (tsx, vitest) the host starts from
 * worker-boot.mjs, which registers tsx and then imports worker.ts. On Node 20.20
 * `execArgv: ['--import', 'tsx']` is not enough for a worker thread: tsx 4.23 registers its
 * hooks only on the main thread there, so the worker fails with 'Unknown file extension ".ts"'
 * (seen under tsx, vitest and plain node alike).
 */
function entry(): { script: URL; argv: string[] } {
  const self = import.meta.url;
  if (/\.ts$/.test(new URL(self).pathname)) return { script: new URL('../worker-boot.mjs', self), argv: [new URL('./worker.ts', self).href] };
  return { script: new URL('./worker.js', self), argv: [] };
}

export function defaultIsolation(cfg: BackendConfig): Isolation {
  return cfg.backend === 'transformers' ? 'process' : 'thread';
}

export function spawnHost(cfg: BackendConfig, isolation: Isolation): Host {
  const { script, argv } = entry();
  return isolation === 'thread' ? threadHost(new Worker(script, { workerData: cfg, argv, execArgv: [] })) : processHost(script, argv, cfg);
}

function threadHost(worker: Worker): Host {
  return {
    isolation: 'thread',
    hostId: worker.threadId,
    send: (msg) => worker.postMessage(msg),
    onMessage(fn) {
      worker.on('message', fn);
      return () => worker.off('message', fn);
    },
    onLost(fn) {
      const onError = (e: Error) => fn(e.message);
      const onExit = (code: number) => fn(`exit code ${code}`);
      worker.once('error', onError);
      worker.once('exit', onExit);
      return () => {
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
    },
    ref: (on) => (on ? worker.ref() : worker.unref()),
    stop: async () => void (await worker.terminate()),
  };
}

function processHost(script: URL, argv: string[], cfg: BackendConfig): Host {
  const child: ChildProcess = fork(fileURLToPath(script), [...argv, JSON.stringify(cfg)], {
    serialization: 'advanced', // structured clone: Float32Array buffers survive the trip
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    isolation: 'process',
    hostId: child.pid ?? -1,
    send: (msg) => void child.send(msg),
    onMessage(fn) {
      const h = (m: unknown) => fn(m as WorkerReply);
      child.on('message', h);
      return () => child.off('message', h);
    },
    onLost(fn) {
      const onError = (e: Error) => fn(e.message);
      const onExit = (code: number | null, signal: string | null) => fn(`exit ${signal ?? `code ${code}`}`);
      child.once('error', onError);
      child.once('exit', onExit);
      return () => {
        child.off('error', onError);
        child.off('exit', onExit);
      };
    },
    ref(on) {
      const channel = child.channel as { ref(): void; unref(): void } | null | undefined;
      if (on) {
        child.ref();
        channel?.ref();
      } else {
        child.unref();
        channel?.unref();
      }
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill();
      await exited;
    },
  };
}
