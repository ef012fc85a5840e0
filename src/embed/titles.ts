/**
 * English occupation labels for job titles in any of our languages, from the team's
 * vocabulary (taxonomy/terms.ts): "Senior Softwareontwikkelaar" -> "software developer".
 */
import { OCCUPATION_TERMS } from '../taxonomy/terms.js';

/** Lower-case, accents stripped, whitespace collapsed. */
export function foldText(s: string): string {
  return s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface TitleTerm {
  re: RegExp;
  label: string;
  length: number;
}

/** Minimum length for a term to match as the head of a compound ("java" + "ontwikkelaar"). */
const COMPOUND_HEAD_MIN = 6;

let terms: TitleTerm[] | null = null;

function titleTerms(): TitleTerm[] {
  if (terms) return terms;
  const out: TitleTerm[] = [];
  for (const t of OCCUPATION_TERMS) {
    const surfaces = new Set([t.label, ...(t.en ?? []), ...(t.nl ?? []), ...(t.de ?? []), ...(t.fr ?? [])].map(foldText));
    for (const s of surfaces) {
      const lead = s.length >= COMPOUND_HEAD_MIN ? '' : '(?<![\\p{L}\\p{N}])';
      out.push({ re: new RegExp(`${lead}${escape(s)}(?![\\p{L}\\p{N}])`, 'u'), label: t.label, length: s.length });
    }
  }
  out.sort((a, b) => b.length - a.length);
  terms = out;
  return out;
}

/** The English occupation label a title names, or null when none is recognised. Longest match wins. */
export function englishTitle(title: string): string | null {
  const folded = foldText(title);
  if (!folded) return null;
  return titleTerms().find((t) => t.re.test(folded))?.label ?? null;
}
