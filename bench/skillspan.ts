/**
 * bench/skillspan: how well the skill extractor finds expert-annotated skill and knowledge spans in
 * real job-posting sentences (SkillSpan test split, Zhang et al. NAACL 2022, MIT; read from
 * ../shared/data). Our extractor is dictionary-based (ESCO + O*NET + the team's terms), SkillSpan's
 * spans are free phrases ("work independently", "Java"), so exact-span scores are low by design;
 * the token-overlap score says how many annotated spans we touch at all.
 *   npx tsx bench/skillspan.ts
 */
import fs from 'node:fs';
import { z } from 'zod';
import { loadVocabulary, matchSkills, tokenize } from '../src/taxonomy/index.js';
import { writeJson } from './lib/report.js';

const FILE = '../shared/data/skillspan/json/test.json';
if (!fs.existsSync(FILE)) {
  console.log(`bench/skillspan: ${FILE} is absent — nothing to measure`);
  process.exit(0);
}
const Row = z.object({ tokens: z.array(z.string()), tags_skill: z.array(z.string()), tags_knowledge: z.array(z.string()), source: z.string() });
const rows = fs.readFileSync(FILE, 'utf8').trim().split('\n').map((l) => Row.parse(JSON.parse(l)));
const vocab = loadVocabulary('../shared/data');

type Span = [number, number]; // token indexes, end exclusive
function gold(tags: string[]): Span[] {
  const out: Span[] = [];
  let start = -1;
  tags.forEach((t, i) => {
    if (t.startsWith('B')) {
      if (start >= 0) out.push([start, i]);
      start = i;
    } else if (t === 'O' && start >= 0) {
      out.push([start, i]);
      start = -1;
    }
  });
  if (start >= 0) out.push([start, tags.length]);
  return out;
}

const stats = { exact: { tp: 0, pred: 0, gold: 0 }, overlap: { goldHit: 0, predHit: 0 } };
const bySource: Record<string, { gold: number; goldHit: number; pred: number; predHit: number }> = {};
const t0 = performance.now();
for (const r of rows) {
  const g = [...gold(r.tags_skill), ...gold(r.tags_knowledge)];
  // Map matcher tokens back to SkillSpan token indexes through character offsets.
  const text = r.tokens.join(' ');
  const starts: number[] = [];
  let pos = 0;
  for (const t of r.tokens) {
    starts.push(pos);
    pos += t.length + 1;
  }
  const tokenAt = (ch: number): number => {
    let i = 0;
    while (i + 1 < starts.length && starts[i + 1]! <= ch) i++;
    return i;
  };
  const toks = tokenize(text);
  const pred: Span[] = [];
  for (const m of matchSkills(toks, vocab)) {
    // Find the token run of this mention: the first token whose text starts the surface.
    const first = m.surface.split('…')[0]!;
    const last = m.surface.split('…').pop()!;
    const a = toks.findIndex((t) => t.orig === first);
    const b = toks.findIndex((t, i) => i >= a && t.orig === last);
    if (a < 0 || b < 0) continue;
    pred.push([tokenAt(toks[a]!.start), tokenAt(toks[b]!.start) + 1]);
  }
  const src = (bySource[r.source] ??= { gold: 0, goldHit: 0, pred: 0, predHit: 0 });
  const overlaps = (x: Span, y: Span): boolean => x[0] < y[1] && y[0] < x[1];
  stats.exact.gold += g.length;
  stats.exact.pred += pred.length;
  stats.exact.tp += pred.filter((p) => g.some((q) => q[0] === p[0] && q[1] === p[1])).length;
  const gh = g.filter((q) => pred.some((p) => overlaps(p, q))).length;
  const ph = pred.filter((p) => g.some((q) => overlaps(p, q))).length;
  stats.overlap.goldHit += gh;
  stats.overlap.predHit += ph;
  src.gold += g.length;
  src.goldHit += gh;
  src.pred += pred.length;
  src.predHit += ph;
}
const ms = performance.now() - t0;
const p = stats.exact.tp / Math.max(1, stats.exact.pred);
const rc = stats.exact.tp / Math.max(1, stats.exact.gold);
const f1 = (2 * p * rc) / Math.max(1e-9, p + rc);
const op = stats.overlap.predHit / Math.max(1, stats.exact.pred);
const orc = stats.overlap.goldHit / Math.max(1, stats.exact.gold);
const of1 = (2 * op * orc) / Math.max(1e-9, op + orc);
console.log(`bench/skillspan: ${rows.length} test sentences, ${stats.exact.gold} gold spans (skill + knowledge), ${stats.exact.pred} predicted, ${ms.toFixed(0)} ms`);
console.log(`exact span   precision ${p.toFixed(3)} recall ${rc.toFixed(3)} F1 ${f1.toFixed(3)}`);
console.log(`token overlap precision ${op.toFixed(3)} recall ${orc.toFixed(3)} F1 ${of1.toFixed(3)}`);
for (const [k, v] of Object.entries(bySource)) console.log(`  ${k}: overlap precision ${(v.predHit / Math.max(1, v.pred)).toFixed(3)} recall ${(v.goldHit / Math.max(1, v.gold)).toFixed(3)}`);
writeJson('bench/results/skillspan.json', { sentences: rows.length, gold: stats.exact.gold, predicted: stats.exact.pred, exact: { precision: p, recall: rc, f1 }, overlap: { precision: op, recall: orc, f1: of1 }, bySource });
