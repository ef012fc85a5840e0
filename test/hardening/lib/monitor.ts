/** Watches a running server child: /healthz answers (and how fast), and its RSS over time. */
import http from 'node:http';
import { request } from './http.js';
import type { ServerChild } from './child.js';

export interface HealthStats {
  probes: number;
  /** Probes that failed: no answer within the timeout, an error, or not 200. */
  failures: number;
  maxMs: number;
  /** The first few failures, for the report. */
  failed: string[];
}

export interface RssStats {
  samples: number;
  /** RSS when the watch started (MiB). */
  startMiB: number;
  maxMiB: number;
  lastMiB: number;
}

export interface Monitor {
  health(): HealthStats;
  rss(): RssStats;
  stop(): Promise<void>;
}

/**
 * Probes GET /healthz every `healthMs` (one at a time, each with its own connection pool so
 * uploads cannot hold it up at the client) and samples RSS every `rssMs`.
 */
export function watch(child: ServerChild, o: { healthMs?: number; rssMs?: number; healthTimeoutMs?: number } = {}): Monitor {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const h: HealthStats = { probes: 0, failures: 0, maxMs: 0, failed: [] };
  const start = child.rssMiB() ?? 0;
  const r: RssStats = { samples: 1, startMiB: start, maxMiB: start, lastMiB: start };
  let stopped = false;
  const sample = setInterval(() => {
    const v = child.rssMiB();
    if (v === null) return;
    r.samples++;
    r.lastMiB = v;
    if (v > r.maxMiB) r.maxMiB = v;
  }, o.rssMs ?? 100);
  const loop = (async () => {
    while (!stopped) {
      const t0 = performance.now();
      try {
        const res = await request(child.url, 'GET', '/healthz', { agent, timeoutMs: o.healthTimeoutMs ?? 5000 });
        if (res.status !== 200) throw new Error(`status ${res.status}`);
      } catch (e) {
        if (stopped) break;
        h.failures++;
        if (h.failed.length < 10) h.failed.push(`${new Date().toISOString()} ${(e as Error).message}`);
      }
      const ms = performance.now() - t0;
      h.probes++;
      if (ms > h.maxMs) h.maxMs = ms;
      await new Promise((res) => setTimeout(res, o.healthMs ?? 250));
    }
  })();
  return {
    health: () => ({ ...h, failed: [...h.failed] }),
    rss: () => ({ ...r }),
    stop: async () => {
      stopped = true;
      clearInterval(sample);
      await loop;
      agent.destroy();
    },
  };
}
