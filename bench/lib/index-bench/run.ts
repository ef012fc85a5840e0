/**
 * One dataset through the index bench: ground truth by brute force, wrapper and raw hnswlib
 * builds, the ef sweep, save + cold start in a fresh process, and filtered search.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os, { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import hnswlib from 'hnswlib-node';
import { VectorIndex } from '../../../src/index/index.js';
import { TopK } from '../../../src/index/exact.js';
import { bruteTopK } from '../brute.js';
import { createRng, sampleDistinct } from '../prng.js';
import { mib, rssMiB, tryGc } from '../timing.js';
import { row, type VectorSet } from '../vectors.js';
import { runChild, type ChildReport } from './child.js';
import { runContenders, runPaired, type Contender, type Measured } from './contenders.js';

export interface BenchConfig {
  k: number;
  M: number;
  efConstruction: number;
  efs: number[];
  /** ef for filtered search and the default of the wrapper. */
  ef: number;
  rounds: number;
  /** Queries for the ef sweep (and brute force). */
  queries: number;
  /** Queries for filtered search. */
  filteredQueries: number;
  selectivities: number[];
  /** Selectivities at which the exact-search vector sources are compared. */
  sourceSelectivities: number[];
  seed: number;
  raw: boolean;
  sqlite: boolean;
  /** This script, re-run as the cold-start child. */
  script: string;
}

export interface Dataset {
  base: VectorSet;
  queries: VectorSet;
  synthetic: boolean;
}

export interface EfRow {
  ef: number;
  wrapper: Measured;
  raw?: Measured;
  /** wrapper QPS / raw QPS: median over rounds of the same-round ratio. */
  ratio?: number;
}

export interface FilterRow {
  selectivity: number;
  allowed: number;
  /** The plan the planner picked. */
  plan: string;
  results: Record<string, Measured>;
}

export interface SourceRow {
  selectivity: number;
  allowed: number;
  results: Record<string, Measured & { usPerVector: number }>;
}

export interface DatasetResult {
  name: string;
  n: number;
  dim: number;
  synthetic: boolean;
  queries: number;
  /** The ef the wrapper uses by default in this run (and for filtered search). */
  defaultEf: number;
  /** 1-minute load average of the machine at the start and the end (other processes' work). */
  load: { start: number; end: number };
  build: { wrapper: BuildStats; raw?: BuildStats };
  brute: { qps: number; queries: number };
  efSweep: EfRow[];
  save: { ms: number; bytes: number; vectorBytes: number };
  coldStart: { wrapper: ChildReport; raw?: ChildReport };
  filtered: FilterRow[];
  exactSources: SourceRow[];
}

export interface BuildStats {
  ms: number;
  perSec: number;
  rssDeltaMiB: number;
}

const log = (s: string): void => console.log(s);

export async function runDataset(ds: Dataset, cfg: BenchConfig): Promise<DatasetResult> {
  const { base, queries } = ds;
  const { n, dim } = base;
  const loadStart = loadavg()[0]!;
  const nq = Math.min(cfg.queries, queries.n);
  const k = cfg.k;
  log(`\n== ${base.name}: ${n} × ${dim}, ${nq} queries, k=${k}, M=${cfg.M}, efConstruction=${cfg.efConstruction} (load average ${loadStart.toFixed(2)} on ${os.cpus().length} cores)`);
  const qf: Float32Array[] = [];
  const qa: number[][] = [];
  for (let i = 0; i < nq; i++) {
    qf.push(row(queries, i));
    qa.push(Array.from(row(queries, i)));
  }

  // Ground truth and exact brute force, same run.
  let t0 = performance.now();
  const truth: Int32Array[] = [];
  for (let i = 0; i < nq; i++) truth.push(bruteTopK(base, qf[i]!, k));
  const bruteMs = performance.now() - t0;
  const brute = { qps: (nq * 1000) / bruteMs, queries: nq };
  log(`brute force: ${brute.qps.toFixed(1)} QPS (${nq} queries)`);

  // Builds: wrapper and raw in alternating chunks, so that load from other processes hits both alike.
  const wrapper = new VectorIndex({ name: 'bench', dim, modelId: 'bench', params: { M: cfg.M, efConstruction: cfg.efConstruction, ef: cfg.ef, seed: 100 }, capacity: n });
  let raw: InstanceType<typeof hnswlib.HierarchicalNSW> | null = null;
  if (cfg.raw) {
    raw = new hnswlib.HierarchicalNSW('ip', dim);
    raw.initIndex(n, cfg.M, cfg.efConstruction, 100);
  }
  const buf = new Array<number>(dim).fill(0);
  const spent = { wrapper: 0, raw: 0, wrapperRss: 0, rawRss: 0 };
  const CHUNK = 2000;
  tryGc();
  for (let c = 0; c < n; c += CHUNK) {
    const end = Math.min(n, c + CHUNK);
    let r0 = rssMiB();
    t0 = performance.now();
    for (let i = c; i < end; i++) wrapper.add(i, row(base, i));
    spent.wrapper += performance.now() - t0;
    spent.wrapperRss += rssMiB() - r0;
    if (raw) {
      r0 = rssMiB();
      t0 = performance.now();
      for (let i = c; i < end; i++) {
        const o = i * dim;
        for (let j = 0; j < dim; j++) buf[j] = base.data[o + j]!;
        raw.addPoint(buf, i);
      }
      spent.raw += performance.now() - t0;
      spent.rawRss += rssMiB() - r0;
    }
  }
  const wBuild: BuildStats = { ms: spent.wrapper, perSec: (n * 1000) / spent.wrapper, rssDeltaMiB: spent.wrapperRss };
  log(`wrapper build: ${wBuild.perSec.toFixed(0)} vectors/s, ${(wBuild.ms / 1000).toFixed(1)} s, +${wBuild.rssDeltaMiB.toFixed(0)} MiB RSS`);
  let rBuild: BuildStats | undefined;
  if (raw) {
    rBuild = { ms: spent.raw, perSec: (n * 1000) / spent.raw, rssDeltaMiB: spent.rawRss };
    log(`raw build:     ${rBuild.perSec.toFixed(0)} vectors/s, ${(rBuild.ms / 1000).toFixed(1)} s, +${rBuild.rssDeltaMiB.toFixed(0)} MiB RSS`);
    log(`wrapper/raw build rate: ${(wBuild.perSec / rBuild.perSec).toFixed(2)}`);
  }

  // ef sweep.
  const efSweep: EfRow[] = [];
  const hitIds = (r: unknown): number[] => (r as { id: number }[]).map((h) => h.id);
  const rawIds = (r: unknown): number[] => (r as { neighbors: number[] }).neighbors;
  for (const ef of cfg.efs) {
    const w: Contender = { run: (i) => wrapper.search(qf[i]!, k, { ef }), ids: hitIds };
    let rowOut: EfRow;
    if (raw) {
      // Query by query against raw hnswlib: the ratio is a target within a few percent.
      const h = raw;
      h.setEf(ef);
      const p = runPaired(w, { run: (i) => h.searchKnn(qa[i]!, k), ids: rawIds }, truth, k, nq, Math.max(3, cfg.rounds));
      rowOut = { ef, wrapper: p.a, raw: p.b, ratio: p.ratio };
    } else {
      rowOut = { ef, wrapper: runContenders({ wrapper: w }, truth, k, { rounds: cfg.rounds, maxQueries: nq, minQueries: nq, budgetMs: Infinity }).wrapper! };
    }
    const m = rowOut;
    efSweep.push(rowOut);
    log(
      `ef=${ef}: wrapper recall@${k} ${m.wrapper!.recall.toFixed(4)} ${m.wrapper!.qps.toFixed(0)} QPS p50 ${m.wrapper!.p50Ms.toFixed(3)} ms p99 ${m.wrapper!.p99Ms.toFixed(3)} ms` +
        (m.raw ? ` | raw recall ${m.raw.recall.toFixed(4)} ${m.raw.qps.toFixed(0)} QPS` : ''),
    );
    if (rowOut.ratio !== undefined) log(`wrapper/raw QPS at ef=${ef}: ${rowOut.ratio.toFixed(2)}`);
  }
  wrapper.setEf(cfg.ef);
  raw?.setEf(cfg.ef);

  // Save and cold start in fresh processes.
  const dir = mkdtempSync(join(tmpdir(), 'index-bench-'));
  let save: DatasetResult['save'];
  let coldStart: DatasetResult['coldStart'];
  try {
    t0 = performance.now();
    const manifest = await wrapper.save(dir, { lastSeq: 0 });
    save = { ms: performance.now() - t0, bytes: statSync(join(dir, 'bench.hnsw')).size, vectorBytes: n * dim * 4 };
    log(`save: ${save.ms.toFixed(0)} ms, index file ${mib(save.bytes).toFixed(1)} MiB (vectors alone ${mib(save.vectorBytes).toFixed(1)} MiB), manifest count ${manifest.count}`);
    const childArgs = { dir, name: 'bench', dim, count: n, modelId: 'bench', ef: cfg.ef };
    const wChild = runChild(cfg.script, { ...childArgs, mode: 'wrapper' });
    coldStart = { wrapper: wChild };
    log(`cold start (fresh process) wrapper: open ${wChild.openMs.toFixed(0)} ms [${wChild.status}], first query ${wChild.firstQueryMs.toFixed(2)} ms, RSS ${wChild.rssBeforeMiB.toFixed(0)} → ${wChild.rssAfterMiB.toFixed(0)} MiB (peak ${wChild.maxRssMiB.toFixed(0)}), process wall ${wChild.wallMs.toFixed(0)} ms`);
    if (cfg.raw) {
      const rChild = runChild(cfg.script, { ...childArgs, mode: 'raw' });
      coldStart.raw = rChild;
      log(`cold start (fresh process) raw readIndex: ${rChild.openMs.toFixed(0)} ms, RSS ${rChild.rssBeforeMiB.toFixed(0)} → ${rChild.rssAfterMiB.toFixed(0)} MiB (peak ${rChild.maxRssMiB.toFixed(0)})`);
      log(`wrapper/raw open time: ${(wChild.openMs / rChild.openMs).toFixed(2)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // Filtered search.
  const fq = Math.min(cfg.filteredQueries, nq);
  const rng = createRng(cfg.seed + 31);
  const filtered: FilterRow[] = [];
  const subsets = new Map<number, Uint32Array>();
  for (const s of cfg.selectivities) {
    const count = Math.max(1, Math.round(n * s));
    const allowed = sampleDistinct(rng, n, count).sort();
    subsets.set(s, allowed);
    const set = new Set<number>(allowed);
    const ftruth: Int32Array[] = [];
    for (let i = 0; i < fq; i++) ftruth.push(bruteTopK(base, qf[i]!, k, allowed));
    wrapper.search(qf[0]!, k, { allowed });
    const plan = wrapper.lastPlan;
    const contenders: Record<string, Contender> = {
      unfiltered: { run: (i) => wrapper.search(qf[i]!, k), ids: hitIds },
      planner: { run: (i) => wrapper.search(qf[i]!, k, { allowed }), ids: hitIds },
      exact: { run: (i) => wrapper.search(qf[i]!, k, { allowed, plan: 'exact' }), ids: hitIds },
      'hnsw-filter': { run: (i) => wrapper.search(qf[i]!, k, { allowed, plan: 'hnsw-filter' }), ids: hitIds },
      overfetch: { run: (i) => wrapper.search(qf[i]!, k, { allowed, plan: 'overfetch' }), ids: hitIds },
    };
    if (raw) {
      const h = raw;
      contenders['raw-callback'] = { run: (i) => h.searchKnn(qa[i]!, k, (l) => set.has(l)), ids: rawIds };
    }
    const m = runContenders(contenders, ftruth, k, { rounds: cfg.rounds, maxQueries: fq, minQueries: 20, budgetMs: 600 });
    filtered.push({ selectivity: s, allowed: count, plan, results: m });
    const parts = Object.entries(m).map(([name, r]) => `${name} ${r.qps.toFixed(0)} QPS r=${r.recall.toFixed(3)}`);
    log(`filtered ${(s * 100).toPrecision(3)}% (${count} allowed, planner → ${plan}): ${parts.join(' | ')}`);
    if (m['raw-callback']) log(`planner/raw-callback QPS at ${(s * 100).toPrecision(3)}%: ${(m.planner!.qps / m['raw-callback'].qps).toFixed(2)}`);
    log(`planner/unfiltered QPS at ${(s * 100).toPrecision(3)}%: ${(m.planner!.qps / m.unfiltered!.qps).toFixed(2)}`);
  }

  // Where exact search gets its vectors: the JS copy, hnswlib getPoint, or the store (SQLite BLOBs).
  const exactSources: SourceRow[] = [];
  const db = cfg.sqlite ? sqliteVectors(base) : null;
  try {
    for (const s of cfg.sourceSelectivities) {
      const allowed = subsets.get(s) ?? sampleDistinct(rng, n, Math.max(1, Math.round(n * s))).sort();
      const ftruth: Int32Array[] = [];
      for (let i = 0; i < fq; i++) ftruth.push(bruteTopK(base, qf[i]!, k, allowed));
      const ids = Array.from(allowed);
      const contenders: Record<string, Contender> = {
        'js-copy': { run: (i) => wrapper.search(qf[i]!, k, { allowed, plan: 'exact' }), ids: hitIds },
      };
      if (raw) {
        const h = raw;
        contenders['hnswlib-getPoint'] = { run: (i) => scoreAll(qf[i]!, ids, (id) => h.getPoint(id), k), ids: (r) => r as number[] };
      }
      if (db) {
        const getVectors = db;
        contenders['sqlite-getVectors'] = {
          run: (i) => {
            const vs = getVectors(ids);
            return scoreAll(qf[i]!, ids, (_id, t) => vs[t]!, k);
          },
          ids: (r) => r as number[],
        };
      }
      const m = runContenders(contenders, ftruth, k, { rounds: cfg.rounds, maxQueries: fq, minQueries: 10, budgetMs: 500 });
      const results: SourceRow['results'] = {};
      for (const [name, r] of Object.entries(m)) results[name] = { ...r, usPerVector: 1e6 / r.qps / allowed.length };
      exactSources.push({ selectivity: s, allowed: allowed.length, results });
      log(`exact search vector source at ${(s * 100).toPrecision(3)}% (${allowed.length} vectors): ` + Object.entries(results).map(([name, r]) => `${name} ${r.qps.toFixed(0)} QPS (${r.usPerVector.toFixed(2)} µs/vector)`).join(' | '));
    }
  } finally {
    db?.close();
  }

  return {
    name: base.name,
    n,
    dim,
    synthetic: ds.synthetic,
    queries: nq,
    defaultEf: cfg.ef,
    load: { start: loadStart, end: loadavg()[0]! },
    build: { wrapper: wBuild, raw: rBuild },
    brute,
    efSweep,
    save,
    coldStart,
    filtered,
    exactSources,
  };
}

/** An in-memory SQLite table of vector BLOBs, as the store keeps them; returns getVectors. */
function sqliteVectors(base: VectorSet): ((ids: number[]) => Float32Array[]) & { close: () => void } {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE v (id INTEGER PRIMARY KEY, vec BLOB NOT NULL)');
  const ins = db.prepare('INSERT INTO v (id, vec) VALUES (?, ?)');
  db.transaction(() => {
    for (let i = 0; i < base.n; i++) {
      const r = row(base, i);
      ins.run(i, Buffer.from(r.buffer, r.byteOffset, r.byteLength));
    }
  })();
  const sel = db.prepare('SELECT id, vec FROM v WHERE id IN (SELECT value FROM json_each(?))');
  // The GetVectors contract: vectors in the order of the ids asked for.
  const get = (ids: number[]): Float32Array[] => {
    const byId = new Map<number, Float32Array>();
    for (const r of sel.all(JSON.stringify(ids)) as { id: number; vec: Buffer }[]) {
      const copy = new Uint8Array(r.vec.byteLength);
      copy.set(r.vec);
      byId.set(r.id, new Float32Array(copy.buffer));
    }
    return ids.map((id) => byId.get(id)!);
  };
  return Object.assign(get, { close: () => db.close() });
}

const top = new TopK();

/** Exact top-k over `ids`, reading each vector through `get` (same heap as the wrapper's exact path). */
function scoreAll(q: Float32Array, ids: number[], get: (id: number, t: number) => ArrayLike<number>, k: number): number[] {
  top.reset(k);
  for (let t = 0; t < ids.length; t++) {
    const v = get(ids[t]!, t);
    let s = 0;
    for (let j = 0; j < q.length; j++) s += q[j]! * v[j]!;
    top.push(ids[t]!, s);
  }
  return top.drain().map((h) => h.id);
}
