/**
 * bench/search-variants: retrieval settings of hybridSearch compared on a 100k data folder made by
 * `npm run bench:http -- --keep --data DIR`, in one process on the same queries: time per search
 * (in-process, query embedding in the worker; the keyword query runs here, during the embedding
 * wait, so the two are reported together), the steps' medians, the overlap of the top 20 with
 * the reference setting, and a relevance proxy — the synthetic queries name skills, so each shown
 * CV gains 2^(asked skills it has) − 1 (DCG@20), and the share of the top 20 holding every asked
 * skill. It chose DEFAULT_HYBRID.vectorChunks and SearchRepo's common-word share.
 *
 *   npm run bench:search-variants -- --data DIR [--queries 60]
 */
import fs from 'node:fs';
import path from 'node:path';
import { createEmbedder, USE_DIMENSION, useModelId } from '../src/embed/index.js';
import { SearchRequest } from '../src/http/schemas.js';
import { OwnerVectors, buildQuery, hybridSearch, type HybridConfig } from '../src/search/index.js';
import { DEFAULT_HYBRID } from '../src/services.js';
import { KeywordThread, SearchRepo, VectorRepo, openDb } from '../src/store/index.js';
import { loadVocabulary } from '../src/taxonomy/index.js';
import { intFlag, parseFlags } from './lib/args.js';
import { queries } from './lib/http/synthetic.js';
import { machineInfo, writeText } from './lib/report.js';

const flags = parseFlags(process.argv.slice(2));
const dataDir = flags.data;
if (!dataDir || !fs.existsSync(path.join(dataDir, 'jobmatch.db'))) {
  console.error('usage: npm run bench:search-variants -- --data DIR (a folder kept by bench:http --keep)');
  process.exit(2);
}
const N = intFlag(flags, 'queries', 60);
const db = openDb(path.join(dataDir, 'jobmatch.db'));
const cvs = await OwnerVectors.open({ kind: 'cv', repo: new VectorRepo(db), dir: path.join(dataDir, 'index'), modelId: useModelId(), dim: USE_DIMENSION, ef: 64 });
const embedder = await createEmbedder({ backend: 'use', modelsDir: path.resolve('models'), worker: true });
const repos: Record<string, SearchRepo> = { or: new SearchRepo(db, 1), c10: new SearchRepo(db, 0.1), c05: new SearchRepo(db, 0.05), thread: new SearchRepo(db, 0.1) };
const keywordThread = new KeywordThread(path.join(dataDir, 'jobmatch.db'));
repos.thread!.useThread(keywordThread);
const vocab = loadVocabulary(fs.existsSync('../shared/data') ? '../shared/data' : null);
const bodies = queries(200 + N, 7).slice(200, 200 + N);
const med = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const KEYWORD_ONLY = { semantic: 0, keyword: 1, skills: 0, experience: 0 };

interface Variant {
  name: string;
  repo: string;
  config: Partial<HybridConfig>;
}
const variants: Variant[] = [
  { name: 'reference: 800 chunk hits, plain OR keyword query', repo: 'or', config: { vectorChunks: 800 } },
  { name: '200 chunk hits, plain OR', repo: 'or', config: { vectorChunks: 200 } },
  { name: '200 chunk hits, common words > 10% dropped (default)', repo: 'c10', config: { vectorChunks: 200 } },
  { name: '200 chunk hits, common words > 5% dropped', repo: 'c05', config: { vectorChunks: 200 } },
  { name: 'default, keyword query on its worker thread (as the server)', repo: 'thread', config: { vectorChunks: 200 } },
  { name: 'keyword only, plain OR', repo: 'or', config: { vectorChunks: 200, weights: KEYWORD_ONLY } },
  { name: 'keyword only, common words > 10% dropped', repo: 'c10', config: { vectorChunks: 200, weights: KEYWORD_ONLY } },
];

repos.or!.roster.refresh();
const m = machineInfo();
const out: string[] = [`# Search variants at ${repos.or!.roster.size.toLocaleString('en-US')} CVs`, '', `Machine: ${m.cores} cores, ${m.cpu}, ${m.memGiB} GiB, Node ${m.node}, ${m.date}.`, '', `${N} synthetic recruiter queries (bench/lib/http/synthetic.ts), two scopes. Medians in ms, in-process (no HTTP).`, ''];
for (const entities of [['NL'], ['NL', 'DE', 'FR']] as const) {
  out.push(`## Scope ${entities.join('+')}`, '', '| variant | search p50 | keyword query + embedding wait | vector | rescore | overlap@20 with reference | DCG@20 (asked skills) | top 20 with every asked skill |', '|---|---|---|---|---|---|---|---|');
  const reference = new Map<number, string[]>();
  for (const v of variants) {
    const config = { ...DEFAULT_HYBRID, ...v.config };
    const times: number[] = [];
    const steps: Record<string, number[]> = {};
    const dcg: number[] = [];
    const complete: number[] = [];
    let overlap = 0;
    let possible = 0;
    for (let i = 0; i < bodies.length; i++) {
      const q = buildQuery(SearchRequest.parse(bodies[i]), null, vocab);
      const t0 = performance.now();
      const r = await hybridSearch({ repo: repos[v.repo]!, vectors: cvs, embedder, config }, { entities: [...entities] }, q, { trace: (s, ms) => (steps[s] ??= []).push(ms) });
      times.push(performance.now() - t0);
      const top = r.items.slice(0, 20).map((x) => x.candidateId);
      const asked = new Set([...q.requiredSkills, ...q.niceSkills].map((x) => x.id));
      const skills = repos.or!.skills(top);
      const gains = top.map((id) => [...(skills.get(id) ?? [])].filter((c) => asked.has(c)).length);
      dcg.push(gains.reduce((a, g, j) => a + (2 ** g - 1) / Math.log2(j + 2), 0));
      complete.push(asked.size && top.length ? gains.filter((g) => g === asked.size).length / top.length : 1);
      if (!reference.has(i)) reference.set(i, top);
      else {
        const ref = new Set(reference.get(i));
        overlap += top.filter((x) => ref.has(x)).length;
        possible += Math.min(20, ref.size);
      }
    }
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    const row = [v.name, med(times).toFixed(1), med((steps.embed ?? []).map((e, j) => e + (steps.keyword?.[j] ?? 0))).toFixed(1), med(steps.vector ?? []).toFixed(1), med(steps.rescore ?? []).toFixed(1), possible ? (overlap / possible).toFixed(3) : '—', mean(dcg).toFixed(2), mean(complete).toFixed(3)];
    out.push(`| ${row.join(' | ')} |`);
    console.log(`${entities.join('+')}: ${row.join('  ')}`);
  }
  out.push('');
}
await embedder.close();
await keywordThread.close();
db.close();
writeText('bench/results/search-variants.md', `${out.join('\n')}\n`);
console.log('wrote bench/results/search-variants.md');
