/**
 * Cold start in a fresh process: the bench re-runs its own file with `--child-open`, which opens
 * a saved index (the wrapper's openVectorIndex, or raw hnswlib readIndex) and prints one JSON
 * line with the time and memory it took.
 */
import { spawnSync } from 'node:child_process';
import hnswlib from 'hnswlib-node';
import { openVectorIndex, pathsFor } from '../../../src/index/index.js';
import { peakRssMiB, rssMiB, tryGc } from '../timing.js';

export interface ChildReport {
  mode: 'wrapper' | 'raw';
  status: string;
  openMs: number;
  firstQueryMs: number;
  rssBeforeMiB: number;
  rssAfterMiB: number;
  maxRssMiB: number;
  /** Spawn to exit, including node + tsx start-up. */
  wallMs: number;
}

export interface ChildArgs {
  mode: 'wrapper' | 'raw';
  dir: string;
  name: string;
  dim: number;
  count: number;
  modelId: string;
  ef: number;
}

export function runChild(script: string, a: ChildArgs): ChildReport {
  const args = ['--expose-gc', '--import', 'tsx', script, '--child-open', a.mode, '--dir', a.dir, '--name', a.name, '--dim', String(a.dim), '--count', String(a.count), '--model', a.modelId, '--ef', String(a.ef)];
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  const wallMs = performance.now() - t0;
  const line = r.stdout.trim().split('\n').pop() ?? '';
  try {
    return { ...(JSON.parse(line) as Omit<ChildReport, 'wallMs'>), wallMs };
  } catch {
    throw new Error(`child open failed (exit ${r.status}): ${r.stderr.slice(-2000)}`);
  }
}

/** The child's side: open, run one query, report. */
export async function childMain(a: ChildArgs): Promise<void> {
  tryGc();
  const rssBeforeMiB = rssMiB();
  const q = new Float32Array(a.dim).fill(1 / Math.sqrt(a.dim));
  let status = 'loaded';
  const t0 = performance.now();
  let openMs: number;
  let firstQueryMs: number;
  if (a.mode === 'wrapper') {
    const r = await openVectorIndex({
      dir: a.dir,
      name: a.name,
      expect: { modelId: a.modelId, dim: a.dim, count: a.count, lastSeq: 0 },
      source: () => [],
      saveAfterRebuild: false,
    });
    openMs = performance.now() - t0;
    status = r.status === 'loaded' ? 'loaded' : `rebuilt: ${JSON.stringify(r.reason)}`;
    const t1 = performance.now();
    r.index.search(q, 10);
    firstQueryMs = performance.now() - t1;
  } else {
    const h = new hnswlib.HierarchicalNSW('ip', a.dim);
    await h.readIndex(pathsFor(a.dir, a.name).index);
    h.setEf(a.ef);
    openMs = performance.now() - t0;
    const t1 = performance.now();
    h.searchKnn(Array.from(q), 10);
    firstQueryMs = performance.now() - t1;
  }
  tryGc();
  const report: Omit<ChildReport, 'wallMs'> = {
    mode: a.mode,
    status,
    openMs,
    firstQueryMs,
    rssBeforeMiB,
    rssAfterMiB: rssMiB(),
    maxRssMiB: peakRssMiB(),
  };
  console.log(JSON.stringify(report));
}
