import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Profile } from '../../src/domain/index.js';
import { ExtractorPool } from '../../src/ingest/extract/index.js';
import { extractProfile } from '../../src/ingest/profile/index.js';
import { loadVocabulary } from '../../src/taxonomy/index.js';

const DIR = '../shared/data/resume-matcher-samples/resumes';
const present = fs.existsSync(DIR);
if (!present) console.warn(`samples: ${DIR} is absent — the real-CV tests are skipped`);

/** What each sample CV states about itself (its own summary or dates). */
const STATED: Record<string, { minYears: number; maxYears: number; field: string; title: string; employer: string }> = {
  'alfred_pennyworth_pm.pdf': { minYears: 18, maxYears: 30, field: 'product manager', title: 'Product Manager', employer: 'Google' },
  'barry_allen_fe.pdf': { minYears: 0.5, maxYears: 3, field: 'software developer', title: 'Software Engineer (Front-End)', employer: 'Google' },
  'bruce_wayne_fullstack.pdf': { minYears: 9, maxYears: 13, field: 'software developer', title: 'MERN Stack Developer', employer: 'OpenAI' },
  'harvey_dent_mle.pdf': { minYears: 4, maxYears: 9, field: 'data scientist', title: 'Machine Learning Engineer', employer: 'OpenAI' },
  'john_doe.pdf': { minYears: 4, maxYears: 9, field: 'software developer', title: 'Full Stack Java Developer', employer: 'ABC Company' },
};
const profiles = new Map<string, Profile>();

beforeAll(async () => {
  if (!present) return;
  const pool = new ExtractorPool({ threads: 1, limits: { maxBytes: 10e6, maxPages: 50, timeoutMs: 30_000, maxUncompressedBytes: 50e6 } });
  const vocab = loadVocabulary('../shared/data');
  try {
    for (const f of fs.readdirSync(DIR).filter((f) => f.endsWith('.pdf'))) {
      const ex = await pool.extract(new Uint8Array(fs.readFileSync(path.join(DIR, f))));
      // The samples were written in July 2023 ("present" means then).
      profiles.set(f, extractProfile(ex.text, { uploadDate: '2023-07-01', vocab }));
    }
  } finally {
    await pool.close();
  }
}, 120_000);
afterAll(() => profiles.clear());

describe.skipIf(!present)('real sample CVs (../shared/data/resume-matcher-samples)', () => {
  it('parses all five', () => {
    expect([...profiles.keys()].sort()).toEqual(Object.keys(STATED).sort());
  });
  for (const [file, stated] of Object.entries(STATED)) {
    it(`${file}: email, ≥ 5 skills, plausible experience and field, the latest role's title and employer`, () => {
      const p = profiles.get(file)!;
      console.log(`samples: ${file} years ${p.yearsExperience} roles ${p.roles.length} skills ${p.skills.length} field ${p.field?.label}; first role "${p.roles[0]?.title}" at "${p.roles[0]?.employer}"`);
      // the latest role as the CV writes it ("Title, Employer, City, dates"; the employer may carry its place)
      expect(p.roles[0]?.title).toBe(stated.title);
      expect(p.roles[0]?.employer ?? '').toMatch(new RegExp(`^${stated.employer}\\b`));
      for (const r of p.roles) expect(r.title, file).not.toBe('Untitled role');
      expect(p.email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
      expect(p.phone).toMatch(/\d{3}.*\d{4}/);
      expect(p.skills.length).toBeGreaterThanOrEqual(5);
      expect(p.yearsExperience).toBeGreaterThanOrEqual(stated.minYears);
      expect(p.yearsExperience).toBeLessThanOrEqual(stated.maxYears);
      expect(p.field?.label).toBe(stated.field);
      expect(p.language).toBe('en');
    });
  }
});
