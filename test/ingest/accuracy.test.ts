import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateFixtures, type GroundTruth } from '../../fixtures/lib/index.js';
import type { Profile } from '../../src/domain/index.js';
import { ExtractorPool } from '../../src/ingest/extract/index.js';
import { extractProfile } from '../../src/ingest/profile/index.js';
import { loadVocabulary } from '../../src/taxonomy/index.js';

/** Ground-truth accuracy of ingestion: generated CVs (PDF 1-/2-column, DOCX, TXT; en/nl/de/fr) through the real extractor and profile extraction. */
let dir: string;
let truths: GroundTruth[];
const results: { t: GroundTruth; p: Profile; text: string }[] = [];
const digits = (s: string | null | undefined): string => (s ?? '').replace(/\D/g, '');
const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-fixtures-'));
  truths = await generateFixtures({ outDir: dir, seed: 42, personas: 12 });
  const vocab = loadVocabulary(fs.existsSync('../shared/data') ? '../shared/data' : null);
  const pool = new ExtractorPool({ threads: 2, limits: { maxBytes: 10e6, maxPages: 50, timeoutMs: 30_000, maxUncompressedBytes: 50e6 } });
  try {
    for (const t of truths) {
      const ex = await pool.extract(new Uint8Array(fs.readFileSync(path.join(dir, t.file))));
      results.push({ t, p: extractProfile(ex.text, { uploadDate: t.uploadDate, vocab }), text: ex.text });
    }
  } finally {
    await pool.close();
  }
}, 300_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe(`ingestion accuracy against ground truth`, () => {
  it('years of experience: mean absolute error ≤ 0.5 years', () => {
    const errors = results.map((r) => Math.abs(r.p.yearsExperience - r.t.yearsExperience));
    const mae = errors.reduce((a, b) => a + b, 0) / errors.length;
    const worst = results.map((r, i) => ({ id: r.t.id, err: errors[i]! })).sort((a, b) => b.err - a.err).slice(0, 3);
    console.log(`accuracy: years MAE ${mae.toFixed(3)} over ${results.length} CVs; worst ${worst.map((w) => `${w.id} ${w.err.toFixed(1)}`).join(', ')}`);
    expect(results.length).toBe(48);
    expect(mae).toBeLessThanOrEqual(0.5);
  });

  it('roles: title and employer of every role ≥ 0.9 (first roles and all roles, as written)', () => {
    let first = 0;
    let all = 0;
    let total = 0;
    const misses: string[] = [];
    const perLang: Record<string, { ok: number; n: number }> = {};
    for (const r of results) {
      const l = (perLang[r.t.language] ??= { ok: 0, n: 0 });
      r.t.roles.forEach((want, i) => {
        const got = r.p.roles[i];
        const ok = got !== undefined && got.title === want.title && got.employer === want.employer && got.start === want.start && got.end === want.end;
        total++;
        l.n++;
        if (ok) {
          all++;
          l.ok++;
          if (i === 0) first++;
        } else if (misses.length < 5) misses.push(`${r.t.id} #${i}: ${got?.title} / ${got?.employer} vs ${want.title} / ${want.employer}`);
      });
    }
    console.log(
      `accuracy: first role title+employer ${first}/${results.length}, all roles ${all}/${total}; per language ${Object.entries(perLang).map(([k, v]) => `${k} ${v.ok}/${v.n}`).join(', ')}${misses.length ? `; e.g. ${misses.join('; ')}` : ''}`,
    );
    expect(first / results.length).toBeGreaterThanOrEqual(0.9);
    expect(all / total).toBeGreaterThanOrEqual(0.9);
  });

  it('skills: F1 ≥ 0.9 (normalised concepts vs the skills written)', () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const perLang: Record<string, { tp: number; fp: number; fn: number }> = {};
    for (const r of results) {
      const got = new Set(r.p.skills.map((s) => s.label));
      const want = new Set(r.t.skills);
      const l = (perLang[r.t.language] ??= { tp: 0, fp: 0, fn: 0 });
      for (const s of got) {
        if (want.has(s)) {
          tp++;
          l.tp++;
        } else {
          fp++;
          l.fp++;
        }
      }
      for (const s of want) {
        if (got.has(s)) continue;
        fn++;
        l.fn++;
      }
    }
    const f1 = (a: { tp: number; fp: number; fn: number }) => (2 * a.tp) / (2 * a.tp + a.fp + a.fn);
    console.log(`accuracy: skills precision ${(tp / (tp + fp)).toFixed(3)} recall ${(tp / (tp + fn)).toFixed(3)} F1 ${f1({ tp, fp, fn }).toFixed(3)}; per language ${Object.entries(perLang).map(([k, v]) => `${k} ${f1(v).toFixed(3)}`).join(', ')}`);
    expect(f1({ tp, fp, fn })).toBeGreaterThanOrEqual(0.9);
  });

  it('email and phone: 100%', () => {
    const email = results.filter((r) => r.p.email === r.t.email.toLowerCase()).length;
    const phone = results.filter((r) => digits(r.p.phone) === digits(r.t.phone)).length;
    console.log(`accuracy: email ${email}/${results.length}, phone ${phone}/${results.length}`);
    expect(results.filter((r) => digits(r.p.phone) !== digits(r.t.phone)).map((r) => `${r.t.id}: ${r.p.phone} vs ${r.t.phone}`)).toEqual([]);
    expect(email).toBe(results.length);
  });

  it('two-column PDFs come out column by column, also when the file is written row by row', () => {
    const twoCol = results.filter((r) => r.t.readingOrder);
    expect(twoCol.length).toBeGreaterThanOrEqual(10);
    let ok = 0;
    let blocks = 0;
    for (const r of twoCol) {
      const text = squash(r.text);
      let at = 0;
      for (const b of r.t.readingOrder!.blocks) {
        blocks++;
        const i = text.indexOf(squash(b), at);
        if (i >= 0) {
          ok++;
          at = i + 1;
        }
      }
    }
    console.log(`accuracy: reading order ${ok}/${blocks} blocks whole and in order over ${twoCol.length} two-column PDFs`);
    expect(ok).toBe(blocks);
  });

  it('language, name and field are found', () => {
    const lang = results.filter((r) => r.p.language === r.t.language).length;
    const name = results.filter((r) => r.p.name === r.t.name).length;
    console.log(`accuracy: language ${lang}/${results.length}, name ${name}/${results.length}`);
    expect(lang).toBe(results.length);
    expect(name / results.length).toBeGreaterThanOrEqual(0.95);
  });
});
