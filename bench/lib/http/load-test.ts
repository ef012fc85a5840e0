/**
 * One bounded autocannon run against POST /api/search on loopback, each request with the next
 * body of a rotating list. Latencies are also collected per response (float ms from autocannon's
 * own hrtime), so percentiles are exact and can be split by query kind.
 */
import autocannon from 'autocannon';
import { percentile } from '../stats.js';
import type { QueryBody } from './synthetic.js';

export type QueryKind = 'text' | 'text+mustHave' | 'text+minYears';

export const kindOf = (q: QueryBody): QueryKind => (q.filters?.mustHave ? 'text+mustHave' : q.filters?.minYears !== undefined ? 'text+minYears' : 'text');

export interface Latency {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

export interface LoadRun {
  label: string;
  connections: number;
  seconds: number;
  requests: number;
  rps: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  /** 2xx answers that held no candidate (a sign the bench asks for nothing). */
  emptyResults: number;
  latency: Latency;
  byKind: Record<string, Latency>;
  /** autocannon's own histogram (integer-ms buckets), for comparison. */
  autocannon: { p50: number; p99: number; avgRps: number };
  /** How many of the request bodies were distinct (the server caches query embeddings). */
  distinctBodies: number;
}

export function latencyOf(values: number[]): Latency {
  if (values.length === 0) return { n: 0, p50: NaN, p90: NaN, p99: NaN, max: NaN, mean: NaN };
  return {
    n: values.length,
    p50: percentile(values, 50),
    p90: percentile(values, 90),
    p99: percentile(values, 99),
    max: Math.max(...values),
    mean: values.reduce((a, b) => a + b, 0) / values.length,
  };
}

export interface LoadOptions {
  label: string;
  url: string;
  token: string;
  bodies: QueryBody[];
  /** Index of the first body to send (so consecutive runs do not repeat bodies). */
  offset: number;
  connections: number;
  seconds: number;
}

export function runLoad(o: LoadOptions): Promise<LoadRun> {
  let next = o.offset;
  let sent = 0;
  let lastKind: QueryKind = 'text';
  let empty = 0;
  const distinct = new Set<number>();
  const all: number[] = [];
  const byKind = new Map<QueryKind, number[]>();
  return new Promise((resolve, reject) => {
    const inst = autocannon(
      {
        url: `${o.url}/api/search`,
        connections: o.connections,
        duration: o.seconds,
        timeout: 30,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${o.token}` },
        requests: [
          {
            method: 'POST',
            path: '/api/search',
            setupRequest: (req, context) => {
              const i = next++ % o.bodies.length;
              distinct.add(i);
              sent++;
              const body = o.bodies[i]!;
              context.kind = kindOf(body);
              return { ...req, body: JSON.stringify(body) };
            },
            onResponse: (status, body, context) => {
              lastKind = context.kind as QueryKind;
              if (status < 300 && body.includes('"items":[]')) empty++;
            },
          },
        ],
      },
      (err, r) => {
        if (err) return reject(err);
        resolve({
          label: o.label,
          connections: o.connections,
          seconds: r.duration,
          requests: all.length,
          rps: all.length / r.duration,
          errors: r.errors,
          timeouts: r.timeouts,
          non2xx: r.non2xx,
          emptyResults: empty,
          latency: latencyOf(all),
          byKind: Object.fromEntries([...byKind].map(([k, v]) => [k, latencyOf(v)])),
          autocannon: { p50: r.latency.p50, p99: r.latency.p99, avgRps: r.requests.average },
          distinctBodies: Math.min(distinct.size, sent),
        });
      },
    );
    inst.on('response', (_client, _status, _bytes, ms) => {
      all.push(ms);
      const list = byKind.get(lastKind) ?? [];
      list.push(ms);
      byKind.set(lastKind, list);
    });
  });
}
