/**
 * bench/index on real vectors: the fixture corpus (generated CVs in four languages, through the real
 * extractor and profile) chunked and embedded by the embedded default model, then the same index
 * measurements as bench/index-bench.ts (wrapper vs raw hnswlib vs brute force, filtered search).
 *   npx tsx bench/index-fixtures.ts [--personas 100]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateFixtures } from '../fixtures/lib/index.js';
import { createEmbedder, profileChunks } from '../src/embed/index.js';
import { extractInProcess } from '../src/ingest/extract/index.js';
import { extractProfile } from '../src/ingest/profile/index.js';
import { loadVocabulary } from '../src/taxonomy/index.js';
import { runIndexBench } from './index-bench.js';

const i = process.argv.indexOf('--personas');
const personas = i > 0 ? Number(process.argv[i + 1]) : 100;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-bench-fixvec-'));
const truths = await generateFixtures({ outDir: dir, seed: 9, personas });
const vocab = loadVocabulary(fs.existsSync('../shared/data') ? '../shared/data' : null);
const limits = { maxBytes: 10e6, maxPages: 50, timeoutMs: 60_000, maxUncompressedBytes: 50e6 };
const texts: string[] = [];
for (const t of truths) {
  const ex = await extractInProcess(new Uint8Array(fs.readFileSync(path.join(dir, t.file))), limits);
  texts.push(...profileChunks(extractProfile(ex.text, { uploadDate: t.uploadDate, vocab })).map((c) => c.text));
}
fs.rmSync(dir, { recursive: true, force: true });
const embedder = await createEmbedder({ backend: 'use', modelsDir: 'models' });
const t0 = performance.now();
const vectors = await embedder.embed(texts, 'passage');
await embedder.close();
console.log(`bench/index-fixtures: ${truths.length} CVs → ${texts.length} chunks embedded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const data = new Float32Array(vectors.length * vectors[0]!.length);
vectors.forEach((v, j) => data.set(v, j * v.length));
await runIndexBench({
  synthetic: false,
  extraSets: () => [{ name: `fixture-corpus-${texts.length}x${vectors[0]!.length}`, dim: vectors[0]!.length, n: vectors.length, data }],
  tag: 'index-fixtures',
  command: `npx tsx bench/index-fixtures.ts --personas ${personas}`,
  config: { queries: 200, filteredQueries: 100 },
});
