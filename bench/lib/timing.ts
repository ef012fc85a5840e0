import { readFileSync } from 'node:fs';
import { percentile } from './stats.js';

export const nowMs = (): number => performance.now();

export function mib(bytes: number): number {
  return bytes / (1024 * 1024);
}

/** Resident set size of this process in MiB. */
export function rssMiB(): number {
  return mib(process.memoryUsage.rss());
}

/**
 * Peak resident set of this process in MiB, from /proc/self/status (VmHWM). Unlike
 * process.resourceUsage().maxRSS, it is not inherited from the parent across fork + exec.
 */
export function peakRssMiB(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch {
    /* not Linux */
  }
  return process.resourceUsage().maxRSS / 1024;
}

/** Runs `gc` when node was started with --expose-gc; a no-op otherwise. */
export function tryGc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) g();
}

export async function timeIt<T>(fn: () => T | Promise<T>): Promise<{ result: T; ms: number }> {
  const t0 = nowMs();
  const result = await fn();
  return { result, ms: nowMs() - t0 };
}

export interface LatencyRun {
  /** Queries per second over the whole pass. */
  qps: number;
  p50Ms: number;
  p99Ms: number;
  totalMs: number;
}

/** Calls `fn(i)` for i in [0, count), timing each call; returns QPS and latency percentiles. */
export function measureLoop(count: number, fn: (i: number) => unknown): LatencyRun {
  const lat = new Float64Array(count);
  const t0 = nowMs();
  for (let i = 0; i < count; i++) {
    const a = nowMs();
    fn(i);
    lat[i] = nowMs() - a;
  }
  const totalMs = nowMs() - t0;
  return { qps: (count * 1000) / totalMs, p50Ms: percentile(lat, 50), p99Ms: percentile(lat, 99), totalMs };
}

/**
 * Measures several contenders in alternating rounds (A B C, C B A, …) so that noise from other
 * processes on a shared machine hits all of them alike; reports the median round of each.
 */
export function measureInterleaved(
  rounds: number,
  count: number,
  contenders: Record<string, (i: number) => unknown>,
): Record<string, LatencyRun> {
  const names = Object.keys(contenders);
  const runs: Record<string, LatencyRun[]> = {};
  for (const n of names) runs[n] = [];
  for (let r = 0; r < rounds; r++) {
    for (const n of r % 2 === 0 ? names : [...names].reverse()) runs[n]!.push(measureLoop(count, contenders[n]!));
  }
  const out: Record<string, LatencyRun> = {};
  for (const n of names) {
    const sorted = [...runs[n]!].sort((a, b) => a.qps - b.qps);
    out[n] = sorted[Math.floor(sorted.length / 2)]!;
  }
  return out;
}
