/**
 * Load on loopback, bounded: 10 s of mixed traffic (searches, profile reads, uploads, review steps)
 * at 25 requests/s with no errors, and memory after 3,000 requests within 10% of memory after
 * 1,000. (Full run: npm run bench:load -- --seconds 60, memory after 10,000.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSetup, memoryAt, type LoadSetup } from './lib/load-setup.js';
import { logFile, scanLogs } from './lib/logs.js';
import { loadAverage, table } from './lib/report.js';

let root: string;
let s: LoadSetup;
const log = logFile('load-test');

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-load-'));
  fs.rmSync(log, { force: true });
  s = await loadSetup({ dataDir: path.join(root, 'data'), logFile: log, personas: 6, extraUploads: 40 });
}, 300_000);

afterAll(async () => {
  s?.gen.close();
  await s?.child.stop();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe('load', () => {
  it('10 s of mixed traffic at 25 requests/s: every request answered without error', async () => {
    const r = await s.gen.openLoop(25, 10);
    console.log(
      `load: ${r.requests} requests in ${r.seconds.toFixed(1)} s (${r.perSecond.toFixed(1)}/s), ${r.errors} errors, ${r.skipped} not sent; load ${loadAverage()}\n` +
        table(['route', 'requests', 'p50 ms', 'p99 ms', 'max ms', 'errors'], r.routes.map((x) => [x.route, x.count, x.p50, x.p99, x.max, x.errors])),
    );
    expect(r.errorSamples).toEqual([]);
    expect(r.skipped).toBe(0);
    expect(r.routes.map((x) => x.route).sort()).toEqual(['profile read', 'review: decide', 'review: open profile', 'review: start', 'search', 'upload']);
  }, 120_000);

  it('memory after 3,000 requests is within 10% of memory after 1,000', async () => {
    const m = await memoryAt(s, 1000, 3000, 4);
    console.log(`memory after a full GC: ${Math.round(m.first.rssMiB)} MiB RSS (heap ${Math.round(m.first.heapMiB)}) after 1,000 requests, ${Math.round(m.last.rssMiB)} MiB (heap ${Math.round(m.last.heapMiB)}) after 3,000 (×${m.ratio.toFixed(3)}), ${m.seconds.toFixed(1)} s, ${m.errors} errors`);
    expect(m.errors).toBe(0);
    expect(m.ratio).toBeLessThan(1.1);
  }, 300_000);

  it('logs hold no personal data or stack traces', async () => {
    const scan = scanLogs(s.fx.personal, [log]);
    expect(scan.lines).toBeGreaterThan(1000);
    expect(scan.personal).toEqual([]);
    expect(scan.stacks).toEqual([]);
    expect(scan.errors).toEqual([]);
  });
});
