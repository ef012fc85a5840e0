/** Messages between the bench and the server child process (server-child.ts). */
export type ParentMessage = { type: 'stats' } | { type: 'stop' };

export interface ReadyMessage {
  type: 'ready';
  url: string;
  /** From process start of the module to listening: services, index open/rebuild, HTTP. */
  startupMs: number;
  index: { status: 'loaded' | 'rebuilt'; reason: string | null; ms: number; count: number; candidates: number };
  rssMiB: number;
  ef: number;
}

export interface StatsMessage {
  type: 'stats';
  /** Query-embedding cache of the server (hits: served from SQLite, misses: embedded by the model). */
  cache: { hits: number; misses: number } | null;
  rssMiB: number;
  /** CPU time of the server process since it became ready. */
  cpuUserMs: number;
  cpuSystemMs: number;
}

export type ChildMessage = ReadyMessage | StatsMessage | { type: 'stopped'; ms: number };
