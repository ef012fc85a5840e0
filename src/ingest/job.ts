import type { Concept } from '../domain/index.js';
import { matchSkills, tokenize, uniqueConcepts, type Vocabulary } from '../taxonomy/index.js';
import { guessField } from './profile/field.js';
import { spokenLanguages } from './profile/languages.js';

const NUM = '(\\d{1,2}(?:[.,]5)?)';
const WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, een: 1, twee: 2, drie: 3, vier: 4, vijf: 5, zes: 6, ein: 1, zwei: 2, drei: 3, fünf: 5, sechs: 6, un: 1, deux: 2, trois: 3, quatre: 4, cinq: 5 };
const YEARS_WORD = "(?:years?|yrs?|jaar|jaren|jahre?n?|ans?|années?)";
// "5+ years", "3-5 years", "minimaal 3 jaar", "mindestens 5 Jahre", "5 ans d'expérience", "at least two years".
const RANGE_RE = new RegExp(`${NUM}\\s*(?:-|–|to|tot|bis|à)\\s*${NUM}\\s*${YEARS_WORD}`, 'giu');
const MIN_RE = new RegExp(`(?:${NUM}|(${Object.keys(WORDS).join('|')}))\\s*\\+?\\s*${YEARS_WORD}`, 'giu');

const num = (s: string): number => Number(s.replace(',', '.'));

/** Years of experience a job text asks for: the first range or minimum stated near experience words. */
export function yearsAsked(text: string): { min: number | null; max: number | null } {
  const t = text.toLowerCase();
  const r = RANGE_RE.exec(t);
  RANGE_RE.lastIndex = 0;
  if (r) return { min: num(r[1]!), max: num(r[2]!) };
  for (const m of t.matchAll(MIN_RE)) {
    const after = t.slice(m.index, m.index + m[0].length + 40);
    const before = t.slice(Math.max(0, m.index - 40), m.index);
    if (!/(experi|ervaring|erfahrung|expérience|berufs|werk)/.test(after + before)) continue;
    const n = m[1] ? num(m[1]) : WORDS[m[2]!];
    if (n !== undefined && n > 0 && n < 50) return { min: n, max: null };
  }
  return { min: null, max: null };
}

export interface ParsedJobText {
  skills: Concept[];
  minYears: number | null;
  maxYears: number | null;
  languages: string[];
  field: Concept | null;
}

/** A job description parsed into the same vocabulary as CVs: skills, years, languages, field. */
export function parseJobText(title: string, description: string, vocab: Vocabulary): ParsedJobText {
  const skills = uniqueConcepts(matchSkills(tokenize(`${title}\n${description}`), vocab, { skillsSection: true })).map(({ id, label }) => ({ id, label }));
  const years = yearsAsked(description);
  return {
    skills,
    minYears: years.min,
    maxYears: years.max,
    languages: spokenLanguages(description),
    field: guessField([], vocab, [title]),
  };
}

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
