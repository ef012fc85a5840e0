/**
 * bench/http: 100,000 synthetic candidates loaded through the store layer (vectors from the real
 * USE model), the real server started in its own process (its start-up builds, then loads, the
 * HNSW index), then autocannon on loopback against POST /api/search with distinct realistic
 * searches: p50 / p99 latency and requests/s, printed beside the floor of the same queries in the
 * same run (query embedding + raw hnswlib searchKnn on the same vectors at the same ef), and a
 * split of one request's time over the route's steps.
 *
 *   npm run bench:http [-- --n 20000] [--seconds 25] [--connections 4] [--texts 2000] [--breakdown 12] [--raw 100] [--keep] [--data DIR]
 *
 * --data DIR reuses a data folder loaded by an earlier run with --keep (same --n), to iterate
 * quickly. Writes bench/results/http.{json,md}. Targets (issue): p50 ≤ 25 ms, p99 ≤ 100 ms,
 * HTTP ≤ 3× the floor.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UserRepo } from '../src/access/index.js';
import { createEmbedder, createUseEmbedder, USE_DIMENSION, useModelId } from '../src/embed/index.js';
import { OwnerVectors } from '../src/search/index.js';
import { DEFAULT_HYBRID } from '../src/services.js';
import { CandidateRepo, KeywordThread, SearchRepo, VectorRepo, openDb } from '../src/store/index.js';
import { loadVocabulary } from '../src/taxonomy/index.js';
import { intFlag, parseFlags } from './lib/args.js';
import { breakdown, STAGES, type Breakdown } from './lib/http/breakdown.js';
import { createRecruiter, loadDataset, type LoadStats } from './lib/http/load.js';
import { runLoad, type LoadRun } from './lib/http/load-test.js';
import { measureRaw } from './lib/http/raw.js';
import { httpMarkdown, type HttpResult, type Target } from './lib/http/report.js';
import { startServerChild } from './lib/http/server.js';
import { queries } from './lib/http/synthetic.js';
import { fmt, machineInfo, writeJson, writeText } from './lib/report.js';

const flags = parseFlags(process.argv.slice(2));
const N = intFlag(flags, 'n', 100_000);
const SECONDS = intFlag(flags, 'seconds', 25);
const CONNECTIONS = intFlag(flags, 'connections', 4);
const TEXTS = intFlag(flags, 'texts', 2000);
const BREAKDOWN_QUERIES = intFlag(flags, 'breakdown', 12);
const RAW_QUERIES = intFlag(flags, 'raw', 100);
const SEED = intFlag(flags, 'seed', 7);
const keep = flags.keep === 'true';
const reuse = flags.data !== undefined && fs.existsSync(path.join(flags.data, 'jobmatch.db'));
const dataDir = flags.data ?? fs.mkdtempSync(path.join(os.tmpdir(), 'jm-bench-http-'));
const t0 = performance.now();
const elapsed = (): string => `${((performance.now() - t0) / 1000).toFixed(0)} s`;
const log = (s: string): void => console.log(`[${elapsed().padStart(5)}] ${s}`);

log(`bench/http: ${N.toLocaleString('en-US')} candidates, data in ${dataDir}${reuse ? ' (reused)' : ''}, ${os.cpus().length} cores`);

// 1. Data.
let load: LoadStats;
const statsFile = path.join(dataDir, 'bench-load.json');
if (reuse) {
  load = JSON.parse(fs.readFileSync(statsFile, 'utf8')) as LoadStats;
  if (load.candidates !== N) throw new Error(`--data holds ${load.candidates} candidates, not --n ${N}`);
  // Earlier runs cached their query embeddings in the store: drop them, or every query would skip
  // its embedding and the comparison with the (uncached) floor would flatter the server.
  const cacheDb = openDb(path.join(dataDir, 'jobmatch.db'));
  const dropped = cacheDb.prepare('DELETE FROM embed_cache').run().changes;
  cacheDb.close();
  log(`dropped ${dropped} cached embeddings of earlier runs`);
} else {
  load = await loadDataset({
    dataDir,
    n: N,
    seed: SEED,
    texts: TEXTS,
    batch: 5000,
    noise: 0.25,
    onProgress: (done) => {
      if (done % 20_000 === 0 || done === N) log(`  loaded ${done.toLocaleString('en-US')} candidates`);
    },
  });
  fs.writeFileSync(statsFile, JSON.stringify(load));
}
log(`data: ${load.vectors.toLocaleString('en-US')} vectors from ${load.chunkTexts} embedded texts (${fmt(load.embedTextsPerSec)} texts/s); load ${fmt(load.loadSeconds)} s = ${fmt(load.candidatesPerSec)} candidates/s; db ${fmt(load.dbMiB)} MiB`);
const tokenNl = createRecruiter(dataDir, `bench-nl-${Date.now()}`, ['NL']);
const tokenAll = createRecruiter(dataDir, `bench-all-${Date.now()}`, ['NL', 'DE', 'FR']);

// 2. The real server: a first start (builds the index unless it was saved before), stop (saves), a second start (loads).
const startups: HttpResult['startups'] = [];
const first = await startServerChild(dataDir);
log(`server start 1: index ${first.ready.index.status} (${first.ready.index.reason ?? '-'}) ${first.ready.index.count.toLocaleString('en-US')} vectors in ${fmt(first.ready.index.ms / 1000)} s; startServer ${fmt(first.ready.startupMs / 1000)} s`);
const stop1 = await first.stop();
startups.push({ label: 'first start', ready: first.ready, forkToReadyMs: first.forkToReadyMs, stopMs: stop1 });
const server = await startServerChild(dataDir);
log(`server start 2: index ${server.ready.index.status} in ${fmt(server.ready.index.ms)} ms; startServer ${fmt(server.ready.startupMs)} ms; fork → listening ${fmt(server.forkToReadyMs)} ms`);

// 3. Load runs, each with bodies not sent before (the server caches query embeddings).
const bodies = queries(4000, SEED + 100);
let offset = 0;
const run = async (label: string, token: string, connections: number, seconds: number): Promise<LoadRun> => {
  const r = await runLoad({ label, url: server.ready.url, token, bodies, offset, connections, seconds });
  offset += r.requests + connections;
  log(`${label.padEnd(34)} ${fmt(r.rps).padStart(6)} req/s  p50 ${fmt(r.latency.p50).padStart(6)} ms  p99 ${fmt(r.latency.p99).padStart(6)} ms  errors ${r.errors}  non-2xx ${r.non2xx}`);
  return r;
};
await run('warm-up', tokenNl, 1, 3);
const mainStart = offset;
const runs: LoadRun[] = [];
runs.push(await run(`NL recruiter (1/3 of data), c=${CONNECTIONS}`, tokenNl, CONNECTIONS, SECONDS));
runs.push(await run('NL recruiter (1/3 of data), c=1', tokenNl, 1, Math.max(5, Math.round(SECONDS * 0.6))));
runs.push(await run(`all-entities recruiter, c=${CONNECTIONS}`, tokenAll, CONNECTIONS, Math.max(5, Math.round(SECONDS * 0.6))));
const st = await server.stats();
startups.push({ label: 'second start', ready: server.ready, forkToReadyMs: server.forkToReadyMs, stopMs: await server.stop() });

// 4. The floor, on the same query texts as the main run.
const sameTexts = bodies.slice(mainStart, mainStart + RAW_QUERIES).map((b) => b.query);
const embedder = await createUseEmbedder();
const worker = await createEmbedder({ backend: 'use', modelsDir: path.resolve('models'), worker: true });
const raw = await measureRaw({ indexFile: path.join(dataDir, 'index', 'cv-chunks.hnsw'), dim: USE_DIMENSION, ef: server.ready.ef, k: DEFAULT_HYBRID.vectorChunks ?? DEFAULT_HYBRID.pool * 4, texts: sameTexts, embedder, worker });
await worker.close();
log(`floor: embed p50 ${fmt(raw.embed.p50)} ms + searchKnn(k=${raw.k}) p50 ${fmt(raw.knn.p50)} ms = p50 ${fmt(raw.total.p50)} ms, p99 ${fmt(raw.total.p99)} ms`);

// 5. Where the time goes.
const db = openDb(path.join(dataDir, 'jobmatch.db'));
const vectorRepo = new VectorRepo(db);
const cvs = await OwnerVectors.open({ kind: 'cv', repo: vectorRepo, dir: path.join(dataDir, 'index'), modelId: useModelId(), dim: USE_DIMENSION, ef: server.ready.ef });
const repo = new SearchRepo(db);
const keywordThread = new KeywordThread(path.join(dataDir, 'jobmatch.db'));
repo.useThread(keywordThread); // as the server does
const deps = { db, repo, candidates: new CandidateRepo(db), users: new UserRepo(db), cvs, embedder, vocab: loadVocabulary(fs.existsSync('../shared/data') ? '../shared/data' : null), config: DEFAULT_HYBRID };
const sample = bodies.slice(mainStart, mainStart + BREAKDOWN_QUERIES + 2);
const breakdowns: Breakdown[] = [];
for (const token of [tokenNl, tokenAll]) {
  const b = await breakdown(deps, token, sample, 2);
  breakdowns.push(b);
  log(`breakdown ${b.scope}: sum of stage p50 ${fmt(b.sumOfMediansMs)} ms, real hybridSearch p50 ${fmt(b.hybridSearchWhole.p50)} ms`);
  for (const s of STAGES) console.log(`    ${s.padEnd(52)} p50 ${fmt(b.stages[s]!.p50).padStart(7)} ms   p99 ${fmt(b.stages[s]!.p99).padStart(7)} ms`);
}
await keywordThread.close();
db.close();
await embedder.close();

// 6. Ratios and targets.
const main = runs[0]!;
const single = runs[1]!;
const ratios: Record<string, number> = {
  [`HTTP p50 (c=${CONNECTIONS}) / raw p50`]: main.latency.p50 / raw.total.p50,
  [`HTTP p99 (c=${CONNECTIONS}) / raw p99`]: main.latency.p99 / raw.total.p99,
  'HTTP p50 (c=1) / raw p50': single.latency.p50 / raw.total.p50,
  'HTTP p99 (c=1) / raw p99': single.latency.p99 / raw.total.p99,
};
for (const [k, v] of Object.entries(ratios)) console.log(`${k}: ${v.toFixed(2)}`);
const targets: Target[] = [];
for (const r of [main, single]) {
  targets.push({ what: `p50, ${r.label}`, target: '≤ 25 ms', measured: `${fmt(r.latency.p50)} ms`, met: r.latency.p50 <= 25 });
  targets.push({ what: `p99, ${r.label}`, target: '≤ 100 ms', measured: `${fmt(r.latency.p99)} ms`, met: r.latency.p99 <= 100 });
  targets.push({ what: `HTTP p50 / floor p50, ${r.label}`, target: '≤ 3', measured: `${fmt(r.latency.p50 / raw.total.p50)} (${fmt(r.latency.p50)} / ${fmt(raw.total.p50)} ms)`, met: r.latency.p50 / raw.total.p50 <= 3 });
  targets.push({ what: `errors + non-2xx, ${r.label}`, target: '0', measured: String(r.errors + r.non2xx), met: r.errors + r.non2xx === 0 });
}

const result: HttpResult = {
  machine: machineInfo(),
  command: `npm run bench:http${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
  n: N,
  load,
  startups,
  runs,
  server: { cache: st.cache, rssMiB: st.rssMiB, cpuUserMs: st.cpuUserMs, cpuSystemMs: st.cpuSystemMs },
  raw,
  breakdowns,
  ratios,
  targets,
};
writeJson('bench/results/http.json', result);
writeText('bench/results/http.md', httpMarkdown(result));
log('wrote bench/results/http.json and http.md');
if (!keep && !flags.data) fs.rmSync(dataDir, { recursive: true, force: true });
