import { z } from 'zod';
import { appendAudit } from '../audit/index.js';
import { AppError, type Candidate, type Concept, type Profile, type Role, type SkillMention } from '../domain/index.js';
import type { CandidateRepo, Db } from '../store/index.js';

const Ym = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM');
const Iso2 = z.string().regex(/^[a-z]{2}$/, 'ISO 639-1 code, e.g. "en"');

export const RoleInput = z
  .object({
    title: z.string().trim().min(1).max(200),
    employer: z.string().trim().min(1).max(200).nullable().default(null),
    start: Ym,
    end: Ym.nullable().default(null),
    /** Omitted: the description of the stored role with the same title and start is kept. */
    description: z.string().trim().max(5000).optional(),
  })
  .strict()
  .refine((r) => r.end === null || r.start <= r.end, { message: 'start must not be after end', path: ['start'] });

/** What a candidate may correct (Art. 16). Every field is optional; a given list replaces the stored one. */
export const RectifyPatch = z
  .object({
    name: z.string().trim().min(1).max(200).nullable(),
    email: z.string().trim().email().max(254).nullable(),
    phone: z.string().trim().regex(/^\+?[\d\s()./-]{5,30}$/, 'digits, spaces, + ( ) . / -').nullable(),
    location: z.string().trim().min(1).max(200).nullable(),
    /** Skill names; a name equal to a stored skill's label or id keeps that skill, others are resolved in the vocabulary. */
    skills: z.array(z.string().trim().min(1).max(100)).max(200),
    spokenLanguages: z.array(Iso2).max(20),
    roles: z.array(RoleInput).max(50),
  })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, { message: 'give at least one field to correct' });
export type RectifyPatchT = z.infer<typeof RectifyPatch>;

export interface RectifyDeps {
  db: Db;
  candidates: CandidateRepo;
  /** Skill names to concepts (the taxonomy's resolveSkills). */
  resolveSkills(names: string[]): Concept[];
  /** Years of experience of a list of roles (the ingest rule, overlaps merged, up to today). */
  yearsOf(roles: Role[]): number;
  /** Re-embeds the candidate's chunks into the CV index. */
  reindex(c: Candidate): Promise<void>;
  /** Drops cached vectors of a profile's old chunk texts (optional). */
  forgetCached?(profile: Profile): void;
}

/** Applies a patch to a profile (pure). */
export function applyPatch(old: Profile, patch: RectifyPatchT, deps: Pick<RectifyDeps, 'resolveSkills' | 'yearsOf'>): Profile {
  const p: Profile = { ...old };
  if (patch.name !== undefined) p.name = patch.name;
  if (patch.email !== undefined) p.email = patch.email;
  if (patch.phone !== undefined) p.phone = patch.phone;
  if (patch.location !== undefined) p.location = patch.location;
  if (patch.spokenLanguages) p.spokenLanguages = [...new Set(patch.spokenLanguages)];
  if (patch.skills) p.skills = resolveNames(patch.skills, old.skills, deps.resolveSkills);
  if (patch.roles) {
    p.roles = patch.roles.map((r) => ({
      title: r.title,
      employer: r.employer,
      start: r.start,
      end: r.end,
      description: r.description ?? old.roles.find((o) => o.title === r.title && o.start === r.start)?.description ?? '',
    }));
    p.yearsExperience = deps.yearsOf(p.roles);
  }
  return p;
}

function resolveNames(names: string[], stored: SkillMention[], resolve: (names: string[]) => Concept[]): SkillMention[] {
  // Exact label or id first (stored skills may differ only in case), then case-insensitive.
  const exact = new Map<string, SkillMention>();
  const folded = new Map<string, SkillMention>();
  for (const s of stored) {
    for (const k of [s.label, s.id]) {
      if (!exact.has(k)) exact.set(k, s);
      if (!folded.has(k.toLowerCase())) folded.set(k.toLowerCase(), s);
    }
  }
  const out = new Map<string, SkillMention>();
  for (const name of names) {
    const kept = exact.get(name) ?? folded.get(name.toLowerCase());
    const concept = kept ?? resolve([name])[0];
    if (concept && !out.has(concept.id)) out.set(concept.id, kept ?? { id: concept.id, label: concept.label, surface: name });
  }
  return [...out.values()];
}

/**
 * Rectification: the new profile, its skills, languages and full-text row, and the audit event
 * in one transaction; then the CV is re-embedded. The audit event names the fields, never their values.
 */
export async function rectify(deps: RectifyDeps, id: string, patch: RectifyPatchT): Promise<Candidate> {
  const old = deps.candidates.getAny(id);
  if (!old) throw new AppError('not_found', 'No such candidate.');
  const profile = applyPatch(old.profile, patch, deps);
  const updated = deps.db.transaction(() => {
    const c = deps.candidates.rectify(id, profile);
    if (!c) throw new AppError('not_found', 'No such candidate.');
    appendAudit(deps.db, { actor: 'candidate', action: 'candidate.rectified', subject: id, data: { fields: Object.keys(patch).sort() } });
    return c;
  })();
  deps.forgetCached?.(old.profile);
  await deps.reindex(updated);
  return updated;
}
