/** Fixture CVs for the hardening runs: files, the personal data they hold, and the baseline upload. */
import fs from 'node:fs';
import path from 'node:path';
import { generateFixtures, type GroundTruth } from '../../../fixtures/lib/index.js';
import type { SourceFile } from './hostile/index.js';
import { json, uploadFile } from './http.js';
import type { UserSpec } from './protocol.js';

export const FIXTURE_SEED = 7;

export interface FixtureSet {
  files: Array<SourceFile & { truth: GroundTruth }>;
  /** Every e-mail address, name and phone number written in the fixtures. */
  personal: string[];
}

/** Writes `personas` × 4 fixture CVs into `dir` (deterministic) and reads them back. */
export async function fixtureSet(dir: string, personas: number): Promise<FixtureSet> {
  const truths = await generateFixtures({ outDir: dir, seed: FIXTURE_SEED, personas });
  const files = truths.map((truth) => ({ file: truth.file, format: truth.format, bytes: fs.readFileSync(path.join(dir, truth.file)), truth }));
  return { files, personal: personalOf(truths) };
}

export function personalOf(truths: readonly GroundTruth[]): string[] {
  return [...new Set(truths.flatMap((t) => [t.email, t.name, t.phone]))];
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
