import type { Concept } from '../domain/index.js';
import { matchSkills, uniqueConcepts } from './match.js';
import { tokenize } from './tokens.js';
import type { Vocabulary } from './vocabulary.js';

/** Resolves skill names given by a recruiter ("python", "projectmanagement") to concepts; unknown names stay as free-text concepts. */
export function resolveSkills(names: string[], vocab: Vocabulary): Concept[] {
  const out: Concept[] = [];
  for (const name of names) {
    const hit = matchSkills(tokenize(name), vocab, { skillsSection: true });
    if (hit.length === 1 || (hit.length > 0 && hit[0]!.surface.length >= name.trim().length * 0.6)) out.push({ id: hit[0]!.id, label: hit[0]!.label });
    else out.push({ id: `text:${name.trim().toLowerCase()}`, label: name.trim() });
  }
  return uniqueConcepts(out.map((c) => ({ ...c, surface: c.label }))).map(({ id, label }) => ({ id, label }));
}

/** A field (occupation group) by its name or any of its title words, e.g. "software", "verpleegkundige". */
export function resolveField(name: string, vocab: Vocabulary): Concept | null {
  const key = tokenize(name).map((t) => t.norm).join(' ');
  for (const f of vocab.fields) if (f.field === key || f.keys.has(key) || f.concept.id === name) return f.concept;
  return null;
}
