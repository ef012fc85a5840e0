import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateFixtures, type GroundTruth } from '../../fixtures/lib/index.js';
import { ALL_ENTITIES_SCOPE } from '../../src/domain/index.js';
import { buildQuery } from '../../src/search/index.js';
import type { Services } from '../../src/services.js';
import { tempServices } from '../helpers/services.js';

/**
 * The embedded model (USE lite) knows only English, yet a Dutch, German or French CV must rank
 * close to its English twin for an English query: skills and occupations are normalised to
 * language-independent concepts and the English labels are embedded with the CV.
 */
let s: Services;
let cleanup: () => Promise<void>;
let truths: GroundTruth[];
const idOf = new Map<string, string>();
let dir: string;

beforeAll(async () => {
  ({ s, cleanup } = await tempServices());
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-ml-'));
  truths = await generateFixtures({ outDir: dir, seed: 42, personas: 8 });
  for (const t of truths) {
    const r = await s.ingestor.ingest({ buf: fs.readFileSync(path.join(dir, t.file)), fileName: t.file, entity: 'NL', uploadDate: t.uploadDate });
    idOf.set(r.candidate.id, t.id);
  }
}, 300_000);
afterAll(async () => {
  await cleanup?.();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('multilingual matching with an English-only model', () => {
  it('ranks the Dutch, German and French twins close to the English CV for an English query', async () => {
    const personas = [...new Set(truths.map((t) => t.personaId))];
    const gaps: Record<string, number[]> = { nl: [], de: [], fr: [] };
    let twinsInTop8 = 0;
    for (const p of personas) {
      const en = truths.find((t) => t.personaId === p && t.language === 'en')!;
      const english = `${en.roles[0]!.title}. ${en.skills.slice(0, 6).map((x) => x.replace(/ \(.*\)$/, '')).join(', ')}`;
      const q = buildQuery({ query: english, filters: { mustHave: [], mustNot: [], languages: [], soft: { years: true } }, limit: 32, page: 1 }, null, s.vocab);
      const res = await s.engine.search(ALL_ENTITIES_SCOPE, q);
      const rankOf = (lang: string) => res.items.findIndex((it) => truths.find((t) => t.id === idOf.get(it.candidateId))!.personaId === p && idOf.get(it.candidateId)!.includes(`-${lang}-`)) + 1;
      const enRank = rankOf('en');
      for (const lang of ['nl', 'de', 'fr']) {
        const r = rankOf(lang);
        gaps[lang]!.push(r > 0 ? Math.abs(r - enRank) : 32);
        if (r > 0 && r <= 8) twinsInTop8++;
      }
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    console.log(`multilingual: mean |rank(twin) − rank(en)| nl ${mean(gaps.nl!).toFixed(2)}, de ${mean(gaps.de!).toFixed(2)}, fr ${mean(gaps.fr!).toFixed(2)}; twins in top 8: ${twinsInTop8}/${personas.length * 3}`);
    for (const lang of ['nl', 'de', 'fr']) expect(mean(gaps[lang]!)).toBeLessThanOrEqual(3);
    expect(twinsInTop8 / (personas.length * 3)).toBeGreaterThanOrEqual(0.9);
  });
});
