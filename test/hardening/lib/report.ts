/** Plain-text and Markdown tables for the hardening reports. */
import os from 'node:os';

export function table(head: string[], rows: Array<Array<string | number>>): string {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const widths = head.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.slice(1).map(line)].join('\n');
}

export function countsTable(counts: Record<string, number>, label = 'outcome'): string {
  return table([label, 'count'], Object.entries(counts).sort((a, b) => b[1] - a[1]));
}

export const mib = (n: number): string => `${Math.round(n)} MiB`;

/** The 1, 5 and 15 minute load averages (the machine is shared: figures depend on them). */
export const loadAverage = (): string => os.loadavg().map((n) => n.toFixed(2)).join(' ');
