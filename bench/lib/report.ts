import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import os from 'node:os';

/** Writes a file through a temporary name, so a reader never sees half a result. */
export function writeText(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

export function writeJson(path: string, value: unknown): void {
  writeText(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** What the numbers were measured on, to keep beside every result. */
export function machineInfo(): Record<string, string | number> {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    date: new Date().toISOString(),
  };
}

export type Cell = string | number | null | undefined;

/** A GitHub markdown table; numbers are printed with `fmt`. */
export function mdTable(headers: readonly string[], rows: readonly (readonly Cell[])[], align?: readonly ('l' | 'r')[]): string {
  const cell = (c: Cell): string => (c === null || c === undefined ? '–' : typeof c === 'number' ? fmt(c) : c);
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  const sep = headers.map((_, i) => ((align?.[i] ?? (i === 0 ? 'l' : 'r')) === 'r' ? '---:' : ':---'));
  return [line(headers), line(sep), ...rows.map((r) => line(r.map(cell)))].join('\n');
}

/** Compact number formatting: 3 significant digits below 100, grouped integers above. */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a >= 100) return Math.round(x).toLocaleString('en-US');
  if (a >= 10) return x.toFixed(1);
  if (a >= 1) return x.toFixed(2);
  if (a === 0) return '0';
  return x.toPrecision(3);
}

/** A ratio line as benches print it: `wrapper/raw QPS at ef=64: 0.97`. */
export function ratioLine(label: string, num: number, den: number): string {
  return `${label}: ${den === 0 ? 'n/a' : (num / den).toFixed(2)}`;
}
