/**
 * The floor under one search: embed the query text with the USE model (in-process, no cache) and
 * ask raw hnswlib-node for k nearest vectors on the index file the server saved, at the server's
 * ef. No SQL, no filters, no rescoring, no HTTP.
 */
import hnswlib from 'hnswlib-node';
import type { Embedder } from '../../../src/embed/index.js';
import { latencyOf, type Latency } from './load-test.js';

export interface RawRun {
  queries: number;
  k: number;
  ef: number;
  embed: Latency;
  knn: Latency;
  /** embed + knn per query. */
  total: Latency;
  /** The same texts through the worker-thread embedder the server uses (no cache): the thread hop's cost. */
  embedViaWorker: Latency | null;
}

export async function measureRaw(o: { indexFile: string; dim: number; ef: number; k: number; texts: string[]; embedder: Embedder; worker?: Embedder; warmup?: number }): Promise<RawRun> {
  const index = new hnswlib.HierarchicalNSW('ip', o.dim);
  await index.readIndex(o.indexFile);
  index.setEf(o.ef);
  const k = Math.min(o.k, index.getCurrentCount());
  for (const t of o.texts.slice(0, o.warmup ?? 3)) {
    const [v] = await o.embedder.embed([t], 'query');
    index.searchKnn(Array.from(v!), k);
    if (o.worker) await o.worker.embed([t], 'query');
  }
  const embed: number[] = [];
  const knn: number[] = [];
  const total: number[] = [];
  const viaWorker: number[] = [];
  for (const t of o.texts) {
    const a = performance.now();
    const [v] = await o.embedder.embed([t], 'query');
    const b = performance.now();
    index.searchKnn(Array.from(v!), k);
    const c = performance.now();
    embed.push(b - a);
    knn.push(c - b);
    total.push(c - a);
    if (o.worker) {
      const d = performance.now();
      await o.worker.embed([t], 'query');
      viaWorker.push(performance.now() - d);
    }
  }
  return { queries: o.texts.length, k, ef: o.ef, embed: latencyOf(embed), knn: latencyOf(knn), total: latencyOf(total), embedViaWorker: o.worker ? latencyOf(viaWorker) : null };
}
