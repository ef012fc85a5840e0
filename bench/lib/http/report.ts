/** Markdown for bench/results/http.md. */
import { fmt, mdTable } from '../report.js';
import { STAGES, type Breakdown } from './breakdown.js';
import type { LoadStats } from './load.js';
import type { Latency, LoadRun } from './load-test.js';
import type { ReadyMessage } from './protocol.js';
import type { RawRun } from './raw.js';

export interface Target {
  what: string;
  target: string;
  measured: string;
  met: boolean;
}

export interface HttpResult {
  machine: Record<string, string | number>;
  command: string;
  n: number;
  load: LoadStats;
  startups: { label: string; ready: ReadyMessage; forkToReadyMs: number; stopMs: number | null }[];
  runs: LoadRun[];
  server: { cache: { hits: number; misses: number } | null; rssMiB: number; cpuUserMs: number; cpuSystemMs: number };
  raw: RawRun;
  breakdowns: Breakdown[];
  ratios: Record<string, number>;
  targets: Target[];
}

const ms = (v: number): string => (Number.isFinite(v) ? `${fmt(v)} ms` : '–');
const lat = (l: Latency): string[] => [fmt(l.p50), fmt(l.p90), fmt(l.p99), fmt(l.max)];

export function httpMarkdown(r: HttpResult): string {
  const m = r.machine;
  const out: string[] = [];
  out.push('# bench/http');
  out.push('');
  out.push(`Command: \`${r.command}\` — node ${m.node}, ${m.cpu}, ${m.cores} cores, ${m.memGiB} GiB, ${m.date}. The machine is shared: other work may have run at the same time.`);
  out.push('');
  out.push('## Targets');
  out.push('');
  out.push(mdTable(['what', 'target', 'measured', 'met'], r.targets.map((t) => [t.what, t.target, t.measured, t.met ? 'yes' : '**no**']), ['l', 'l', 'r', 'l']));
  out.push('');
  out.push('## Data');
  out.push('');
  const l = r.load;
  out.push(
    `${l.candidates.toLocaleString('en-US')} synthetic candidates (NL ${l.byEntity.NL}, DE ${l.byEntity.DE}, FR ${l.byEntity.FR}), ${l.vectors.toLocaleString('en-US')} chunk vectors ` +
      `(1–5 per candidate) drawn from ${l.chunkTexts} distinct chunk texts embedded by the real model (${l.modelId}) in ${fmt(l.embedSeconds)} s (${fmt(l.embedTextsPerSec)} texts/s), ` +
      `with noise, re-normalised. Loaded through CandidateRepo.insert + VectorRepo.replace, one transaction per batch: ${fmt(l.loadSeconds)} s, ${fmt(l.candidatesPerSec)} candidates/s; database ${fmt(l.dbMiB)} MiB.`,
  );
  out.push('');
  out.push('## Start-up (real startServer in a child process)');
  out.push('');
  out.push(
    mdTable(
      ['start', 'CV index', 'vectors', 'index open (ms)', 'startServer (ms)', 'fork → listening (ms)', 'RSS (MiB)', 'stop incl. save (ms)'],
      r.startups.map((s) => [s.label, `${s.ready.index.status}${s.ready.index.reason ? ` (${s.ready.index.reason})` : ''}`, s.ready.index.count.toLocaleString('en-US'), s.ready.index.ms, s.ready.startupMs, s.forkToReadyMs, s.ready.rssMiB, s.stopMs]),
    ),
  );
  out.push('');
  out.push('## Load (autocannon on loopback, POST /api/search)');
  out.push('');
  out.push('Each request carries the next of a list of distinct realistic searches (free text; a quarter also with a must-have skill, a quarter with minYears), limit 20. Latency in ms.');
  out.push('');
  out.push(
    mdTable(
      ['run', 'conn.', 's', 'requests', 'req/s', 'p50', 'p90', 'p99', 'max', 'errors', 'non-2xx', 'timeouts', 'empty results'],
      r.runs.map((x) => [x.label, String(x.connections), x.seconds, String(x.requests), x.rps, ...lat(x.latency), String(x.errors), String(x.non2xx), String(x.timeouts), String(x.emptyResults)]),
    ),
  );
  out.push('');
  out.push('By query kind (p50 / p99 ms):');
  out.push('');
  const kinds = [...new Set(r.runs.flatMap((x) => Object.keys(x.byKind)))].sort();
  out.push(mdTable(['run', ...kinds], r.runs.map((x) => [x.label, ...kinds.map((k) => (x.byKind[k] ? `${fmt(x.byKind[k]!.p50)} / ${fmt(x.byKind[k]!.p99)} (n=${x.byKind[k]!.n})` : '–'))])));
  out.push('');
  const c = r.server.cache;
  out.push(
    `Server after the runs: query-embedding cache ${c ? `${c.hits} hits / ${c.misses} misses` : 'n/a'}, RSS ${fmt(r.server.rssMiB)} MiB, CPU ${fmt(r.server.cpuUserMs / 1000)} s user + ${fmt(r.server.cpuSystemMs / 1000)} s system.`,
  );
  out.push('');
  out.push('## Floor: query embedding + raw hnswlib searchKnn (same queries, same vectors, same ef)');
  out.push('');
  out.push(`${r.raw.queries} queries, k = ${r.raw.k} (pool × 4), ef = ${r.raw.ef}; USE in-process, no cache. Latency in ms.`);
  out.push('');
  const rawRows: (string | number)[][] = [
    ['embed (USE in-process)', ...lat(r.raw.embed)],
    ['raw searchKnn', ...lat(r.raw.knn)],
    ['raw total', ...lat(r.raw.total)],
  ];
  if (r.raw.embedViaWorker) rawRows.push(['embed through the worker thread (as the server, no cache)', ...lat(r.raw.embedViaWorker)]);
  out.push(mdTable(['', 'p50', 'p90', 'p99', 'max'], rawRows));
  out.push('');
  out.push('Ratios:');
  out.push('');
  for (const [k, v] of Object.entries(r.ratios)) out.push(`- ${k}: ${v.toFixed(2)}`);
  out.push('');
  out.push('## Where the time goes (the route\'s steps called one by one, one request at a time)');
  out.push('');
  for (const b of r.breakdowns) {
    out.push(`### Recruiter scope ${b.scope}: ${b.queries} queries, eligible p50 ${fmt(b.eligible.p50)}, pool p50 ${fmt(b.poolSize.p50)}, vector plans ${Object.entries(b.plans).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    out.push('');
    const total = b.sumOfMediansMs;
    out.push(
      mdTable(
        ['stage', 'p50 ms', 'p90 ms', 'p99 ms', 'share of sum of p50'],
        [...STAGES.map((s) => [s, b.stages[s]!.p50, b.stages[s]!.p90, b.stages[s]!.p99, `${((100 * b.stages[s]!.p50) / total).toFixed(0)}%`]), ['sum of p50', total, null, null, '100%']],
      ),
    );
    out.push('');
    out.push(`The real hybridSearch timed whole: p50 ${ms(b.hybridSearchWhole.p50)}, p99 ${ms(b.hybridSearchWhole.p99)}; the query embedding alone (uncached, overlapped with the keyword side in the route): p50 ${ms(b.embedAlone.p50)}, p99 ${ms(b.embedAlone.p99)}.`);
    out.push('');
    const top = [...STAGES].sort((x, y) => b.stages[y]!.p50 - b.stages[x]!.p50).slice(0, 3);
    out.push(`Largest stages: ${top.map((s) => `${s} ${fmt(b.stages[s]!.p50)} ms (${((100 * b.stages[s]!.p50) / total).toFixed(0)}%)`).join(', ')}.`);
    out.push(`The keyword side's OR query matched p50 ${fmt(b.ftsMatches.p50)} of ${b.candidatesTotal.toLocaleString('en-US')} CVs in FTS5 before scoping (every content word of the query counts).`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
