/** Fixture CVs for the hardening runs: files, the personal data they hold, and the baseline upload. */
import { planFixtures, renderFixture, type GroundTruth } from '../../../fixtures/lib/index.js';
import { FIRST_NAMES, SURNAMES } from '../../../fixtures/lib/vocab/people.js';
import { personalIn } from './checks.js';
import type { SourceFile } from './hostile/index.js';
import { json, uploadFile } from './http.js';
import type { UserSpec } from './protocol.js';

export const FIXTURE_SEED = 7;

export interface FixtureSet {
  files: Array<SourceFile & { truth: GroundTruth; text: string }>;
  /** Every e-mail address, name and phone number written in the fixtures. */
  personal: string[];
}

/** `personas` × 4 fixture CVs (deterministic), rendered in memory, with the text drawn into each. */
export async function fixtureSet(personas: number): Promise<FixtureSet> {
  const planned = planFixtures({ outDir: 'unused', seed: FIXTURE_SEED, personas });
  const files = [];
  for (const p of planned) {
    const r = await renderFixture(p);
    files.push({ file: p.truth.file, format: p.truth.format, bytes: r.bytes, text: r.text, truth: p.truth });
  }
  return { files, personal: personalOf(planned.map((p) => p.truth)) };
}

/** The personal data of the first `personas` fixture personas (all the hardening runs use), without rendering. */
export function personalUpTo(personas = 25): string[] {
  return personalOf(planFixtures({ outDir: 'unused', seed: FIXTURE_SEED, personas }).map((p) => p.truth));
}

export function personalOf(truths: readonly GroundTruth[]): string[] {
  return [...new Set(truths.flatMap((t) => [t.email, t.name, t.phone]))];
}

/** Every name the fixture generator can give a persona: a first name and a surname of the same country. */
export function fixtureNames(): string[] {
  const out: string[] = [];
  for (const [country, firsts] of Object.entries(FIRST_NAMES)) {
    const surnames = SURNAMES[country as keyof typeof SURNAMES];
    for (const first of [...firsts.female, ...firsts.male]) for (const last of surnames) out.push(`${first} ${last}`);
  }
  return [...new Set(out)];
}

/** An e-mail address anywhere in a text (bounded, so a long line costs linear time). */
const ANY_EMAIL = /(?<![\w.%+-])[\w.%+-]{1,64}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,8}\.[a-z]{2,24}/gi;
/** The service's own sender addresses, which are not anyone's personal data. */
const SERVICE_MAIL = /@jobmatch\.(?:local|test)$/i;

/**
 * The check of the end-of-run log grep: any e-mail address (every fixture's, the generated ones
 * and those written by hand in tests), any name the fixture generator can produce, and the
 * hardening fixtures' e-mail addresses, names and phone numbers. Returns the first one found.
 */
export function fixturePersonalCheck(): (line: string) => string | null {
  const known = personalUpTo();
  // Names by their lower-cased first name, so a line is searched for ~100 first names, not ~1,000 names.
  const byFirst = new Map<string, string[]>();
  for (const n of fixtureNames()) {
    const lower = n.toLowerCase();
    const first = lower.slice(0, lower.indexOf(' ') + 1);
    byFirst.set(first, [...(byFirst.get(first) ?? []), lower]);
  }
  return (line) => {
    for (const m of line.matchAll(ANY_EMAIL)) if (!SERVICE_MAIL.test(m[0])) return m[0];
    const lower = line.toLowerCase();
    for (const [first, names] of byFirst) {
      if (!lower.includes(first)) continue;
      for (const n of names) if (lower.includes(n)) return n;
    }
    return personalIn(line, known);
  };
}

/** Staff users of the hardening runs. */
export const STAFF: UserSpec[] = [
  { name: 'h-recruiter', role: 'recruiter', entities: ['NL', 'DE', 'FR'] },
  { name: 'h-reviewer', role: 'reviewer', entities: ['NL', 'DE', 'FR'] },
  { name: 'h-admin', role: 'admin', entities: ['NL', 'DE', 'FR'] },
  { name: 'h-privacy', role: 'privacy', entities: ['NL', 'DE', 'FR'] },
  { name: 'h-nl-recruiter', role: 'recruiter', entities: ['NL'] },
];

/** The entity a fixture goes to: German CVs to DE, French to FR, the others to NL. */
export const entityOf = (t: GroundTruth): 'NL' | 'DE' | 'FR' => (t.language === 'de' ? 'DE' : t.language === 'fr' ? 'FR' : 'NL');

/** Uploads the files (named after the person, as people do) and returns the ids of the 201 answers. */
export async function uploadAll(url: string, files: FixtureSet['files']): Promise<string[]> {
  const ids: string[] = [];
  for (const f of files) {
    const e = entityOf(f.truth);
    const r = await uploadFile(url, f.bytes, `${f.truth.name} CV.${f.format}`, { entity: e, uploadDate: '2026-06-15' }, undefined, 120_000);
    if (r.status !== 201) throw new Error(`baseline upload of ${f.file} answered ${r.status}: ${r.text.slice(0, 200)}`);
    ids.push((r.json as { candidate: { id: string } }).candidate.id);
  }
  return ids;
}

/** Each candidate as the API shows it (JSON text), read with a staff token; a missing one is `null`. */
export async function snapshot(url: string, ids: readonly string[], token: string): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  for (const id of ids) {
    const r = await json(url, 'GET', `/api/candidates/${id}`, token);
    out.set(id, r.status === 200 ? JSON.stringify((r.json as { candidate: unknown }).candidate) : null);
  }
  return out;
}
