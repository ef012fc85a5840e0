/**
 * bench/ingest: files per second of our extraction + profile on the generated fixture set, beside
 * raw pdf-parse and (where installed) poppler's pdftotext on the same PDFs in the same run; then
 * ingest end to end (parse + extract + embed + index + store) beside the raw embedding of the
 * same chunk texts. Prints ratio lines; writes bench/results/ingest.{json,md}.
 *   npm run bench:ingest [-- --personas 25]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateFixtures } from '../fixtures/lib/index.js';
import { ExtractorPool, extractInProcess } from '../src/ingest/extract/index.js';
import { extractProfile } from '../src/ingest/profile/index.js';
import { loadVocabulary } from '../src/taxonomy/index.js';
import { ingestVsRawEmbedding, timeIt } from './lib/ingest-vs-embed.js';
import { machineInfo, mdTable, writeJson, writeText } from './lib/report.js';

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const personas = arg('personas', 25);
const LIMITS = { maxBytes: 10e6, maxPages: 50, timeoutMs: 60_000, maxUncompressedBytes: 50e6 };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-bench-ingest-'));
const truths = await generateFixtures({ outDir: dir, seed: 5, personas });
const files = truths.map((t) => ({ t, buf: fs.readFileSync(path.join(dir, t.file)) }));
const pdfs = files.filter((f) => f.t.format === 'pdf');
const vocab = loadVocabulary(fs.existsSync('../shared/data') ? '../shared/data' : null);
console.log(`bench/ingest: ${files.length} fixture CVs (${pdfs.length} PDF) on ${os.cpus().length} cores`);

const rows = [];
// Warm-up: load pdf.js once in this thread and in the pool.
await extractInProcess(new Uint8Array(pdfs[0]!.buf), LIMITS);
for (const threads of [1, 2]) {
  const pool = new ExtractorPool({ threads, limits: LIMITS });
  await pool.extract(new Uint8Array(pdfs[0]!.buf));
  rows.push(
    await timeIt(`ours: pool(${threads}) extract + profile, all formats`, files.length, async () => {
      await Promise.all(files.map(async (f) => extractProfile((await pool.extract(new Uint8Array(f.buf))).text, { uploadDate: f.t.uploadDate, vocab })));
    }),
  );
  rows.push(
    await timeIt(`ours: pool(${threads}) extract + profile, PDF only`, pdfs.length, async () => {
      await Promise.all(pdfs.map(async (f) => extractProfile((await pool.extract(new Uint8Array(f.buf))).text, { uploadDate: f.t.uploadDate, vocab })));
    }),
  );
  await pool.close();
}
const ours = rows.find((r) => r.label.startsWith('ours: pool(1)') && r.label.endsWith('PDF only'))!;
rows.push(
  await timeIt('ours: in-process extract + profile, PDF only', pdfs.length, async () => {
    for (const f of pdfs) extractProfile((await extractInProcess(new Uint8Array(f.buf), LIMITS)).text, { uploadDate: f.t.uploadDate, vocab });
  }),
);
const child = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', 'bench/lib/pdf-parse-child.ts', ...pdfs.map((f) => path.join(dir, f.t.file))], { encoding: 'utf8' }).trim().split('\n').pop()!) as { files: number; s: number };
const raw = { label: 'raw pdf-parse 2 getText, PDF only (own process)', files: child.files, s: child.s, perSec: child.files / child.s };
console.log(`${raw.label.padEnd(44)} ${raw.perSec.toFixed(1).padStart(7)} files/s  (${raw.files} files in ${raw.s.toFixed(2)} s)`);
rows.push(raw);
const hasPdftotext = spawnSync('pdftotext', ['-v']).status === 0;
let pt: (typeof rows)[number] | null = null;
if (hasPdftotext) {
  pt = await timeIt('raw pdftotext (poppler, one process a file)', pdfs.length, async () => {
    for (const f of pdfs) execFileSync('pdftotext', [path.join(dir, f.t.file), '-'], { stdio: ['ignore', 'pipe', 'ignore'] });
  });
  rows.push(pt);
}
console.log(`ours(pool 1 thread)/pdf-parse files/s: ${(ours.perSec / raw.perSec).toFixed(2)}`);
if (pt) console.log(`ours(pool 1 thread)/pdftotext files/s: ${(ours.perSec / pt.perSec).toFixed(2)}`);

// End to end: the real ingestor vs the raw embedding of the same chunks (bench/lib/ingest-vs-embed.ts).
const e2e = await ingestVsRawEmbedding(files);
rows.push(...e2e.rows);

const result = { machine: machineInfo(), personas, files: files.length, pdfs: pdfs.length, rows, ratios: { oursVsPdfParse: ours.perSec / raw.perSec, oursVsPdftotext: pt ? ours.perSec / pt.perSec : null, e2eVsRawEmbedding: e2e.ratio, e2eVsRawEmbeddingUnsorted: e2e.ratioUnsorted } };
writeJson('bench/results/ingest.json', result);
writeText('bench/results/ingest.md', `# bench/ingest\n\n${files.length} generated CVs (${pdfs.length} PDF), ${result.machine.cores} cores, ${result.machine.date}\n\n${mdTable(['what', 'files', 'seconds', 'files/s'], rows.map((r) => [r.label, r.files, r.s, r.perSec]))}\n\nRatios: ours/pdf-parse ${result.ratios.oursVsPdfParse.toFixed(2)}, ours/pdftotext ${result.ratios.oursVsPdftotext?.toFixed(2) ?? 'n/a'}, ingest end-to-end / raw embedding ${result.ratios.e2eVsRawEmbedding.toFixed(2)} (against the faster of the two raw calls; ${result.ratios.e2eVsRawEmbeddingUnsorted.toFixed(2)} against plain batches)\n`);
fs.rmSync(dir, { recursive: true, force: true });
