/**
 * Vector index bench: `npx tsx bench/index-bench.ts` (100,000 × 384 and × 512 synthetic
 * clustered vectors), or a quick run: `--n 20000 --dims 384`.
 *
 * Measures, in one run: build rate, recall@10 / QPS / p50 / p99 at each ef for the wrapper and
 * for raw hnswlib-node at the same parameters, exact brute force, file size, save time, cold
 * start and RSS in a fresh process, filtered search at several selectivities (the planner, each
 * of its plans, and hnswlib's filter callback alone) and where exact search should read vectors.
 * Writes bench/results/<tag>.json, <tag>.md and two SVG charts, and prints ratio lines.
 *
 * Flags: --n --dims 384,512 --queries 1000 --filtered-queries 200 --k 10 --M 16
 *   --efc 200 --efs 16,32,64,128,256 --ef 64 --rounds 3 --seed 42 --clusters N --spread 0.8
 *   --vectors file.(json|f32) [--vectors-dim D] (adds a real vector set; queries held out)
 *   --no-synthetic --no-raw --no-sqlite --no-fixtures --tag name --out bench/results
 * Without flags it then runs bench/index-fixtures.ts (the fixture corpus's real vectors) too.
 * From code: `runIndexBench({ extraSets: () => [...] })` adds vector sets from a function.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { DEFAULT_PARAMS } from '../src/index/index.js';
import { intFlag, intListFlag, parseFlags } from './lib/args.js';
import { childMain } from './lib/index-bench/child.js';
import { filteredChart, markdown, recallChart, targets } from './lib/index-bench/report.js';
import { runDataset, type BenchConfig, type Dataset, type DatasetResult } from './lib/index-bench/run.js';
import { machineInfo, writeJson, writeText } from './lib/report.js';
import { clusteredQueries, clusteredVectors, holdOut, readVectorFile, type VectorSet } from './lib/vectors.js';

const SCRIPT = fileURLToPath(import.meta.url);

export interface IndexBenchOptions {
  n?: number;
  dims?: number[];
  synthetic?: boolean;
  /** Extra vector sets (e.g. the fixture corpus's real embeddings); queries are held out. */
  extraSets?: () => VectorSet[] | Promise<VectorSet[]>;
  config?: Partial<BenchConfig>;
  clusters?: number;
  spread?: number;
  outDir?: string;
  tag?: string;
  command?: string;
}

export async function runIndexBench(o: IndexBenchOptions = {}): Promise<DatasetResult[]> {
  const n = o.n ?? 100_000;
  const cfg: BenchConfig = {
    k: 10,
    M: DEFAULT_PARAMS.M,
    efConstruction: DEFAULT_PARAMS.efConstruction,
    efs: [16, 32, 64, 128, 256],
    ef: DEFAULT_PARAMS.ef,
    rounds: 3,
    queries: 1000,
    filteredQueries: 200,
    selectivities: [0.5, 0.3, 0.2, 0.1, 0.05, 0.02, 0.01, 0.001],
    sourceSelectivities: [0.01, 0.001],
    seed: 42,
    raw: true,
    sqlite: true,
    script: SCRIPT,
    ...o.config,
  };
  const sets: (() => Dataset)[] = [];
  if (o.synthetic ?? true) {
    for (const dim of o.dims ?? [384, 512]) {
      sets.push(() => {
        const opts = { n, dim, seed: cfg.seed + dim, clusters: o.clusters, spread: o.spread };
        return { base: clusteredVectors(opts), queries: clusteredQueries(opts, cfg.queries), synthetic: true };
      });
    }
  }
  if (o.extraSets) {
    for (const set of await o.extraSets()) {
      sets.push(() => ({ ...holdOut(set, cfg.queries), synthetic: false }));
    }
  }
  const results: DatasetResult[] = [];
  for (const make of sets) {
    results.push(await runDataset(make(), cfg));
  }
  const outDir = o.outDir ?? 'bench/results';
  const tag = o.tag ?? (n === 100_000 && (o.synthetic ?? true) ? 'index' : `index-n${n}`);
  const meta = {
    machine: machineInfo(),
    command: o.command ?? 'npx tsx bench/index-bench.ts',
    config: { k: cfg.k, M: cfg.M, efConstruction: cfg.efConstruction, ef: cfg.ef, efs: cfg.efs, rounds: cfg.rounds, queries: cfg.queries, filteredQueries: cfg.filteredQueries, seed: cfg.seed },
  };
  writeJson(join(outDir, `${tag}.json`), { ...meta, results, targets: results.flatMap(targets) });
  writeText(join(outDir, `${tag}.md`), markdown(results, meta, tag));
  writeText(join(outDir, `${tag}-recall-qps.svg`), recallChart(results));
  writeText(join(outDir, `${tag}-filtered.svg`), filteredChart(results));
  console.log('\n== targets');
  for (const t of results.flatMap(targets)) console.log(`${t.met ? 'MET    ' : 'NOT MET'} ${t.dataset}: ${t.target} — ${t.measured}`);
  console.log(`\nwrote ${outDir}/${tag}.{json,md} and ${tag}-recall-qps.svg, ${tag}-filtered.svg`);
  return results;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const f = parseFlags(argv);
  if (f['child-open']) {
    await childMain({
      mode: f['child-open'] === 'raw' ? 'raw' : 'wrapper',
      dir: f.dir!,
      name: f.name!,
      dim: intFlag(f, 'dim', 0),
      count: intFlag(f, 'count', 0),
      modelId: f.model ?? 'bench',
      ef: intFlag(f, 'ef', DEFAULT_PARAMS.ef),
    });
    return;
  }
  const vectorsFile = f.vectors;
  await runIndexBench({
    n: intFlag(f, 'n', 100_000),
    dims: intListFlag(f, 'dims', [384, 512]),
    synthetic: f['no-synthetic'] === undefined,
    clusters: f.clusters ? intFlag(f, 'clusters', 0) : undefined,
    spread: f.spread ? Number(f.spread) : undefined,
    extraSets: vectorsFile ? () => [readVectorFile(vectorsFile, f['vectors-dim'] ? intFlag(f, 'vectors-dim', 0) : undefined)] : undefined,
    outDir: f.out,
    tag: f.tag,
    command: `npx tsx bench/index-bench.ts ${argv.join(' ')}`.trim(),
    config: {
      k: intFlag(f, 'k', 10),
      M: intFlag(f, 'M', DEFAULT_PARAMS.M),
      efConstruction: intFlag(f, 'efc', DEFAULT_PARAMS.efConstruction),
      efs: intListFlag(f, 'efs', [16, 32, 64, 128, 256]),
      ef: intFlag(f, 'ef', DEFAULT_PARAMS.ef),
      rounds: intFlag(f, 'rounds', 3),
      queries: intFlag(f, 'queries', 1000),
      filteredQueries: intFlag(f, 'filtered-queries', 200),
      seed: intFlag(f, 'seed', 42),
      raw: f['no-raw'] === undefined,
      sqlite: f['no-sqlite'] === undefined,
    },
  });
  // The full run also measures the real vectors of the fixture corpus (its own results
  // file, index-fixtures.*): run after the synthetic sets unless --no-fixtures or a custom set.
  if (f['no-fixtures'] === undefined && !vectorsFile && argv.length === 0) {
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./index-fixtures.ts', import.meta.url))], { stdio: 'inherit' });
    if (r.status !== 0) process.exitCode = r.status ?? 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
