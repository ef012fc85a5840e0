/**
 * bench/quality: ranking quality on the relevance corpus (fixtures/relevance) — nDCG@10 of
 * keyword-only, vector-only, hybrid-weighted and hybrid-rrf, the chunk-score aggregators and
 * hard-filter precision (the numbers test/search/quality.test.ts asserts on) — then a coarse
 * sweep of the weighted fusion's weights, tuned on corpus seed 11 and reported on seed 12, and
 * the real sample CVs and job descriptions of ../shared/data/resume-matcher-samples: each JD's
 * ranking of the 5 resumes with scores and score parts.
 *
 *   npm run bench:quality [-- --step 0.1]
 *
 * Writes bench/results/quality.{json,md}.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { filterPrecision, loadCorpus, measureAggregators, measureAll, measureMode, type Loaded, type ModeResult } from '../fixtures/relevance/evaluate.js';
import { loadConfig } from '../src/config.js';
import { ALL_ENTITIES_SCOPE } from '../src/domain/index.js';
import { extractInProcess } from '../src/ingest/extract/index.js';
import { parseJobText } from '../src/ingest/job.js';
import { SKILL_TERMS } from '../src/taxonomy/index.js';
import { buildQuery, hybridSearch, type HybridConfig, type SearchResult, type Weights } from '../src/search/index.js';
import { createServices, DEFAULT_HYBRID, type Services } from '../src/services.js';
import { SearchRepo } from '../src/store/index.js';
import { parseFlags } from './lib/args.js';
import { fmt, machineInfo, mdTable, writeJson, writeText } from './lib/report.js';

const flags = parseFlags(process.argv.slice(2));
const STEP = Number(flags.step ?? '0.1');
const AGGREGATORS = ['max', 'mean-top-2', 'weighted:0.5,0.3,0.2:2', 'softmax:0.1'];
const SAMPLES = '../shared/data/resume-matcher-samples';
const t0 = performance.now();
const log = (s: string): void => console.log(`[${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${s}`);
const dirs: string[] = [];

async function services(): Promise<Services> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-bench-quality-'));
  dirs.push(dir);
  return createServices(loadConfig({ DATA_DIR: dir, DEMO_DATA: 'false', LOG_LEVEL: 'silent', EMBED_WORKER: 'false' }));
}

// ---- 1. The relevance corpus, as the quality test measures it -------------------------------
interface CorpusReport {
  seed: number;
  modes: ModeResult[];
  aggregators: ModeResult[];
  filters: { years: number; mustHave: number; checked: number };
}

async function corpusReport(s: Services, loaded: Loaded, seed: number): Promise<CorpusReport> {
  const modes = await measureAll(s, loaded);
  for (const r of modes) log(`seed ${seed}: ${r.mode.padEnd(34)} nDCG@10 ${r.ndcg10.toFixed(3)}`);
  const aggregators = await measureAggregators(s, loaded, AGGREGATORS);
  for (const r of aggregators) log(`seed ${seed}: ${r.mode.padEnd(34)} nDCG@10 ${r.ndcg10.toFixed(3)}`);
  const filters = await filterPrecision(s, loaded);
  log(`seed ${seed}: years-filter precision ${filters.years.toFixed(3)}, must-have precision ${filters.mustHave.toFixed(3)} over ${filters.checked} results`);
  return { seed, modes, aggregators, filters };
}

// ---- 2. Weight sweep ------------------------------------------------------------------------
/** Every weight vector on the simplex with the given step (ranking is unchanged by scaling, so sum = 1 loses nothing). */
function simplex(step: number): Weights[] {
  const k = Math.round(1 / step);
  const out: Weights[] = [];
  for (let a = 0; a <= k; a++)
    for (let b = 0; a + b <= k; b++)
      for (let c = 0; a + b + c <= k; c++) {
        const d = k - a - b - c;
        out.push({ semantic: a / k, keyword: b / k, skills: c / k, experience: d / k });
      }
  return out;
}

const wKey = (w: Weights): string => `sem ${w.semantic.toFixed(2)} / kw ${w.keyword.toFixed(2)} / skills ${w.skills.toFixed(2)} / exp ${w.experience.toFixed(2)}`;

async function sweep(s: Services, loaded: Loaded, grid: Weights[]): Promise<{ weights: Weights; ndcg10: number }[]> {
  const out: { weights: Weights; ndcg10: number }[] = [];
  for (const w of grid) {
    const r = await measureMode(s, loaded, wKey(w), { ...DEFAULT_HYBRID, fusion: 'weighted', weights: w }, true);
    out.push({ weights: w, ndcg10: r.ndcg10 });
  }
  return out.sort((a, b) => b.ndcg10 - a.ndcg10);
}

// ---- 3. Real sample CVs and job descriptions ------------------------------------------------
const LIMITS = { maxBytes: 10e6, maxPages: 50, timeoutMs: 60_000, maxUncompressedBytes: 50e6 };
const EXPECTED: Record<string, string> = {
  'job_desc_java_developer.pdf': 'john_doe.pdf',
  'job_desc_product_manager.pdf': 'alfred_pennyworth_pm.pdf',
  'job_desc_front_end_engineer.pdf': 'barry_allen_fe.pdf',
  'job_desc_full_stack_engineer.pdf': 'bruce_wayne_fullstack.pdf',
};

interface SampleRanking {
  jd: string;
  title: string;
  parsed: { skills: string[]; minYears: number | null; maxYears: number | null; languages: string[]; field: string | null };
  ranking: { rank: number; resume: string; score: number; years: number; parts: { name: string; value: number; weight: number; contribution: number }[]; matched: string[] }[];
  hardYearsEligible: string[];
  expectedFirst: string;
  expectedRank: number;
  /** The same search with the weights tuned on corpus seed 11. */
  tuned: { ranking: string[]; expectedRank: number };
}

async function samples(alt: HybridConfig): Promise<{ resumes: { file: string; years: number; field: string | null; skills: number; language: string }[]; jds: SampleRanking[] } | null> {
  if (!fs.existsSync(SAMPLES)) return null;
  const s = await services();
  const fileOf = new Map<string, string>();
  const resumes = [];
  for (const f of fs.readdirSync(path.join(SAMPLES, 'resumes')).filter((x) => x.endsWith('.pdf')).sort()) {
    const r = await s.ingestor.ingest({ buf: fs.readFileSync(path.join(SAMPLES, 'resumes', f)), fileName: f, entity: 'NL', uploadDate: '2023-07-01' });
    fileOf.set(r.candidate.id, f);
    const p = r.candidate.profile;
    resumes.push({ file: f, years: p.yearsExperience, field: p.field?.label ?? null, skills: p.skills.length, language: p.language });
    log(`resume ${f}: ${p.yearsExperience} years, field ${p.field?.label ?? '-'}, ${p.skills.length} skills`);
  }
  const jds: SampleRanking[] = [];
  for (const f of fs.readdirSync(path.join(SAMPLES, 'job-descriptions')).filter((x) => x.endsWith('.pdf')).sort()) {
    const text = (await extractInProcess(new Uint8Array(fs.readFileSync(path.join(SAMPLES, 'job-descriptions', f))), LIMITS)).text;
    const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
    const title = lines[0]!;
    const description = lines.slice(1).join('\n');
    // As POST /api/jobs does with no skills listed: every skill found in the text is nice-to-have.
    const parsed = parseJobText(title, description, s.vocab);
    const job = s.jobs.insert(
      { entity: 'NL', title, description, requiredSkills: [], niceSkills: parsed.skills, minYears: parsed.minYears, maxYears: parsed.maxYears, languages: parsed.languages, location: null, field: parsed.field },
      null,
    );
    await s.engine.indexJob(job);
    const search = (softYears: boolean): Promise<SearchResult> =>
      s.engine.search(ALL_ENTITIES_SCOPE, buildQuery({ filters: { mustHave: [], mustNot: [], languages: [], soft: { years: softYears } }, limit: 10, page: 1 }, job, s.vocab));
    const soft = await search(true);
    const hard = await search(false);
    const q = buildQuery({ filters: { mustHave: [], mustNot: [], languages: [], soft: { years: true } }, limit: 10, page: 1 }, job, s.vocab);
    const altResult = await hybridSearch({ repo: new SearchRepo(s.db), vectors: s.engine.deps.cvs, embedder: s.embedder, config: alt }, ALL_ENTITIES_SCOPE, q);
    const altRanking = altResult.items.map((it) => fileOf.get(it.candidateId) ?? it.candidateId);
    const ranking = soft.items.map((it) => ({
      rank: it.rank,
      resume: fileOf.get(it.candidateId) ?? it.candidateId,
      score: it.score,
      years: it.years,
      parts: it.parts.map((p) => ({ name: p.name, value: p.value, weight: p.weight, contribution: p.contribution })),
      matched: it.matchedSkills.map((c) => c.label),
    }));
    const expectedFirst = EXPECTED[f] ?? '';
    const r: SampleRanking = {
      jd: f,
      title,
      parsed: { skills: parsed.skills.map((c) => c.label), minYears: parsed.minYears, maxYears: parsed.maxYears, languages: parsed.languages, field: parsed.field?.label ?? null },
      ranking,
      hardYearsEligible: hard.items.map((it) => fileOf.get(it.candidateId) ?? it.candidateId),
      expectedFirst,
      expectedRank: ranking.findIndex((x) => x.resume === expectedFirst) + 1,
      tuned: { ranking: altRanking, expectedRank: altRanking.indexOf(expectedFirst) + 1 },
    };
    jds.push(r);
    log(`${f} ("${title}"): ${ranking.map((x) => `${x.rank}. ${x.resume} ${x.score.toFixed(3)}`).join(', ')}; expected first ${expectedFirst} → rank ${r.expectedRank} (${r.tuned.expectedRank} with the seed-11 weights)`);
    for (const x of ranking) console.log(`      ${String(x.rank).padStart(2)}. ${x.resume.padEnd(28)} ${x.score.toFixed(3)}  ${x.parts.map((p) => `${p.name} ${p.value.toFixed(2)}×${p.weight}=${p.contribution.toFixed(3)}`).join('  ')}  (${x.years} y)`);
  }
  await s.close();
  return { resumes, jds };
}

// ---- run ------------------------------------------------------------------------------------
const s11 = await services();
const loaded11 = await loadCorpus(s11, { seed: 11 });
log(`corpus seed 11: ${loaded11.cvs.length} CVs, ${loaded11.jobs.length} jobs`);
const c11 = await corpusReport(s11, loaded11, 11);
const s12 = await services();
const loaded12 = await loadCorpus(s12, { seed: 12 });
log(`corpus seed 12: ${loaded12.cvs.length} CVs, ${loaded12.jobs.length} jobs`);
const c12 = await corpusReport(s12, loaded12, 12);

const grid = simplex(STEP);
const sw0 = performance.now();
const tuned = await sweep(s11, loaded11, grid);
log(`sweep: ${grid.length} weight vectors (step ${STEP}) on seed 11 in ${((performance.now() - sw0) / 1000).toFixed(1)} s`);
const best11 = tuned[0]!;
const ties = tuned.filter((r) => r.ndcg10 >= best11.ndcg10 - 1e-9);
const onHeldOut = await sweep(s12, loaded12, grid);
const at12 = (w: Weights): number => onHeldOut.find((r) => wKey(r.weights) === wKey(w))!.ndcg10;
const dflt = DEFAULT_HYBRID.weights;
const default11 = (await measureMode(s11, loaded11, 'default', DEFAULT_HYBRID, true)).ndcg10;
const default12 = (await measureMode(s12, loaded12, 'default', DEFAULT_HYBRID, true)).ndcg10;
// Of the weight vectors tied best on seed 11, the one nearest the default (the least change).
const dist = (w: Weights): number => Math.abs(w.semantic - dflt.semantic) + Math.abs(w.keyword - dflt.keyword) + Math.abs(w.skills - dflt.skills) + Math.abs(w.experience - dflt.experience);
const chosen = [...ties].sort((a, b) => dist(a.weights) - dist(b.weights))[0]!;
const tiesOn12 = ties.map((t) => at12(t.weights));
const sweepSummary = {
  step: STEP,
  vectors: grid.length,
  default: { weights: dflt, seed11: default11, seed12: default12 },
  bestOnSeed11: { ndcg10: best11.ndcg10, tiedVectors: ties.length, chosen: chosen.weights, chosenOnSeed12: at12(chosen.weights), tiesOnSeed12: { min: Math.min(...tiesOn12), max: Math.max(...tiesOn12), mean: tiesOn12.reduce((a, b) => a + b, 0) / tiesOn12.length } },
  oracleBestOnSeed12: { weights: onHeldOut[0]!.weights, ndcg10: onHeldOut[0]!.ndcg10 },
  top10OnSeed11: tuned.slice(0, 10).map((r) => ({ ...r, seed12: at12(r.weights) })),
  perComponent: (['semantic', 'keyword', 'skills', 'experience'] as const).map((k) => ({
    part: k,
    zero: Math.max(...tuned.filter((r) => r.weights[k] === 0).map((r) => r.ndcg10)),
    nonZero: Math.max(...tuned.filter((r) => r.weights[k] > 0).map((r) => r.ndcg10)),
  })),
};
log(`default weights (${wKey(dflt)}): seed 11 ${default11.toFixed(3)}, seed 12 ${default12.toFixed(3)}`);
log(`best on seed 11: ${best11.ndcg10.toFixed(3)} (${ties.length} vectors tied); nearest the default: ${wKey(chosen.weights)} → seed 12 ${sweepSummary.bestOnSeed11.chosenOnSeed12.toFixed(3)}; tied vectors on seed 12 ${sweepSummary.bestOnSeed11.tiesOnSeed12.min.toFixed(3)}–${sweepSummary.bestOnSeed11.tiesOnSeed12.max.toFixed(3)}`);
log(`oracle best on seed 12: ${onHeldOut[0]!.ndcg10.toFixed(3)} (${wKey(onHeldOut[0]!.weights)})`);
await s11.close();
await s12.close();

const real = await samples({ ...DEFAULT_HYBRID, weights: chosen.weights });

// ---- report ---------------------------------------------------------------------------------
const result = { machine: machineInfo(), corpus: [c11, c12], sweep: sweepSummary, samples: real };
writeJson('bench/results/quality.json', result);

const md: string[] = ['# bench/quality', '', `\`npm run bench:quality\` — node ${result.machine.node}, ${result.machine.cores} cores, ${result.machine.date}.`, ''];
md.push('## Relevance corpus (8 jobs × 12 CVs in en/nl/de/fr; fixtures/relevance)', '');
md.push('nDCG@10, searching by job with years as a soft wish (as test/search/quality.test.ts).', '');
const modeNames = c11.modes.map((m) => m.mode);
md.push(mdTable(['mode', 'seed 11', 'seed 12'], modeNames.map((n) => [n, c11.modes.find((m) => m.mode === n)!.ndcg10, c12.modes.find((m) => m.mode === n)!.ndcg10])), '');
md.push('Chunk-score aggregation (vector-only ranking):', '');
md.push(mdTable(['aggregator', 'seed 11', 'seed 12'], c11.aggregators.map((a, i) => [a.mode, a.ndcg10, c12.aggregators[i]!.ndcg10])), '');
md.push('Hard filters (every result must meet them):', '');
md.push(mdTable(['', 'seed 11', 'seed 12'], [['years-filter precision', c11.filters.years.toFixed(3), c12.filters.years.toFixed(3)], ['must-have precision', c11.filters.mustHave.toFixed(3), c12.filters.mustHave.toFixed(3)], ['results checked', String(c11.filters.checked), String(c12.filters.checked)]]), '');
md.push('## Weight sweep of the weighted fusion', '');
md.push(
  `All ${grid.length} weight vectors on the simplex with step ${STEP} (semantic + keyword + skills + experience = 1; scaling all weights changes no ranking), chunk aggregator max as in DEFAULT_HYBRID, tuned on seed 11 and reported on seed 12. ` +
    'Tuning and reporting on one corpus overfits; seed 12 is a weak hold-out: the corpus generator changes only the years of experience (so the dates and the grades) with the seed, while each CV\'s skills, language and wording follow from its index, so a real hold-out set is still needed before changing DEFAULT_HYBRID on these numbers. vector-only moved by up to 0.01 (0.935–0.944 on seed 11) across three runs of this script (ties broken by random candidate ids are a likely cause), so differences below ~0.01 are noise.',
  '',
);
md.push(
  mdTable(
    ['weights', 'seed 11 (tuning)', 'seed 12 (reported)'],
    [
      [`DEFAULT_HYBRID: ${wKey(dflt)}`, default11, default12],
      [`best on seed 11 (${ties.length} tied; the one nearest the default): ${wKey(chosen.weights)}`, best11.ndcg10, sweepSummary.bestOnSeed11.chosenOnSeed12],
      [`all ${ties.length} tied best on seed 11 (range on seed 12)`, best11.ndcg10, `${fmt(sweepSummary.bestOnSeed11.tiesOnSeed12.min)}–${fmt(sweepSummary.bestOnSeed11.tiesOnSeed12.max)} (mean ${fmt(sweepSummary.bestOnSeed11.tiesOnSeed12.mean)})`],
      [`oracle: best on seed 12 itself: ${wKey(onHeldOut[0]!.weights)}`, null, onHeldOut[0]!.ndcg10],
    ],
  ),
  '',
);
md.push('Top 10 on seed 11:', '');
md.push(mdTable(['weights', 'seed 11', 'seed 12'], sweepSummary.top10OnSeed11.map((r) => [wKey(r.weights), r.ndcg10, r.seed12])), '');
md.push('Best seed-11 nDCG@10 with each part switched off vs on:', '');
md.push(mdTable(['part', 'best with weight 0', 'best with weight > 0'], sweepSummary.perComponent.map((p) => [p.part, p.zero, p.nonZero])), '');
if (real) {
  md.push('## Real samples: resume-matcher job descriptions × resumes', '');
  md.push('The 5 resumes ingested through the real pipeline (upload date 2023-07-01); each JD PDF extracted in process, title = first line, description = the rest, parsed with parseJobText and stored as POST /api/jobs would (found skills as nice-to-have), then searched by job (years as a soft wish, all 5 shown).', '');
  md.push(mdTable(['resume', 'years', 'field', 'skills', 'language'], real.resumes.map((r) => [r.file, r.years.toFixed(1), r.field ?? '–', String(r.skills), r.language]), ['l', 'r', 'l', 'r', 'l']), '');
  md.push(
    mdTable(
      ['job description', 'expected first', 'rank with DEFAULT_HYBRID', 'ranking with DEFAULT_HYBRID', `rank with the seed-11 weights (${wKey(chosen.weights)})`, 'ranking with them'],
      real.jds.map((j) => [j.jd, j.expectedFirst, String(j.expectedRank || '–'), j.ranking.map((x) => x.resume.replace(/\.pdf$/, '')).join(' > '), String(j.tuned.expectedRank || '–'), j.tuned.ranking.map((x) => x.replace(/\.pdf$/, '')).join(' > ')]),
      ['l', 'l', 'r', 'l', 'r', 'l'],
    ),
    '',
  );
  md.push(`Expected resume first: ${real.jds.filter((j) => j.expectedRank === 1).length} of ${real.jds.length} JDs with DEFAULT_HYBRID, ${real.jds.filter((j) => j.tuned.expectedRank === 1).length} of ${real.jds.length} with the seed-11 weights.`, '');
  for (const j of real.jds) {
    md.push(`### ${j.jd} — "${j.title}"`, '');
    const team = new Set(SKILL_TERMS.map((t) => t.label));
    const outside = j.parsed.skills.filter((l) => !team.has(l));
    md.push(`Parsed: minYears ${j.parsed.minYears ?? '–'}, field ${j.parsed.field ?? '–'}, skills: ${j.parsed.skills.join(', ') || '–'}.`, '');
    if (outside.length) md.push(`Of these, from ESCO / O*NET rather than the team's terms (check for false matches): ${outside.join(', ')}.`, '');
    md.push(
      mdTable(
        ['rank', 'resume', 'score', 'years', 'parts (value × weight = contribution)', 'matched skills'],
        j.ranking.map((x) => [String(x.rank), x.resume, x.score.toFixed(3), x.years.toFixed(1), x.parts.map((p) => `${p.name} ${p.value.toFixed(2)}×${p.weight}=${p.contribution.toFixed(3)}`).join('; '), x.matched.join(', ') || '–']),
        ['r', 'l', 'r', 'r', 'l', 'l'],
      ),
      '',
    );
    md.push(`Expected first: ${j.expectedFirst} — ranked ${j.expectedRank || 'absent'}. With years as a hard filter (the API default): ${j.hardYearsEligible.join(', ') || 'nobody'}.`, '');
  }
}
writeText('bench/results/quality.md', `${md.join('\n')}\n`);
log('wrote bench/results/quality.json and quality.md');
for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
