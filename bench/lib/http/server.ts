/** Starts and stops the real server in a child process (server-child.ts) and talks to it. */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildMessage, ParentMessage, ReadyMessage, StatsMessage } from './protocol.js';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'server-child.ts');

export interface ServerHandle {
  ready: ReadyMessage;
  /** Wall time from fork to `ready`, including Node and tsx start. */
  forkToReadyMs: number;
  pid: number;
  stats(): Promise<StatsMessage>;
  stop(): Promise<number>;
}

function next<T extends ChildMessage['type']>(child: ChildProcess, type: T): Promise<Extract<ChildMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMsg = (m: unknown): void => {
      const msg = m as ChildMessage;
      if (msg.type !== type) return;
      cleanup();
      resolve(msg as Extract<ChildMessage, { type: T }>);
    };
    const onExit = (code: number | null): void => {
      cleanup();
      reject(new Error(`server child exited with ${code} while waiting for ${type}`));
    };
    const cleanup = (): void => {
      child.off('message', onMsg);
      child.off('exit', onExit);
    };
    child.on('message', onMsg);
    child.on('exit', onExit);
  });
}

export async function startServerChild(dataDir: string, env: Record<string, string> = {}): Promise<ServerHandle> {
  const t0 = performance.now();
  const child = fork(CHILD, [dataDir], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    // Request logs go nowhere (pino still formats and writes them, as in production); errors show.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const ready = await next(child, 'ready');
  const send = (m: ParentMessage): void => {
    child.send(m);
  };
  return {
    ready,
    forkToReadyMs: performance.now() - t0,
    pid: child.pid!,
    stats: async () => {
      const p = next(child, 'stats');
      send({ type: 'stats' });
      return p;
    },
    stop: async () => {
      const p = next(child, 'stopped');
      send({ type: 'stop' });
      const m = await p;
      await new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
      return m.ms;
    },
  };
}
