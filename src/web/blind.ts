/**
 * Blind review: text shown to a reviewer loses the person's name, contact details and location,
 * and common age, gender and family-status hints (in English, Dutch, German and French).
 * The replacement has no brackets, so FTS snippet marks stay unambiguous.
 */
import type { Profile } from '../domain/index.js';

export const HIDDEN = '•••';

export interface Identity {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  location?: string | null;
  /** More words to hide, e.g. from the CV's contact block (headerWords). */
  extra?: readonly string[];
}

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const PHONE = /\+?\(?\d[\d\s()./-]{6,}\d/g;
const URL_RE = /\b(?:https?:\/\/|www\.)\S+/gi;
const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';
const AGE_WORDS = ['born(?: on| in)?', 'date of birth', 'd\\.?o\\.?b\\.?', 'age[ds]?', 'geboren(?: op| in| am| le)?', 'geboortedatum', 'leeftijd', 'geburtsdatum', 'geb\\.', 'alter', 'née?', 'date de naissance', 'âge'];
const AGE = new RegExp(`${B}(?:${AGE_WORDS.join('|')})${E}(?:[:\\s]*\\p{N}[\\p{N}./-]*)?`, 'giu');
const YEARS_OLD = new RegExp(`${B}\\d{1,3}\\s*(?:years old|yrs old|jaar oud|jahre alt|ans)${E}`, 'giu');
const GENDER_WORDS = [
  'male', 'female', 'man', 'woman', 'mr', 'mrs', 'ms', 'miss', 'he', 'she', 'him', 'her', 'his', 'hers', 'gender', 'sex', 'married', 'single', 'divorced', 'widow(?:ed|er)?', 'husband', 'wife', 'children',
  'dhr', 'mevr', 'de heer', 'mevrouw', 'meneer', 'man', 'vrouw', 'geslacht', 'gehuwd', 'getrouwd', 'ongehuwd', 'weduwe', 'kinderen',
  'herr', 'frau', 'geschlecht', 'verheiratet', 'ledig', 'kinder',
  'monsieur', 'madame', 'mme', 'mlle', 'sexe', 'marié', 'mariée', 'célibataire', 'enfants',
];
const GENDER = new RegExp(`${B}(?:${GENDER_WORDS.join('|')})${E}\\.?`, 'giu');

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Words of a name or place worth hiding (two letters or more). */
function words(s: string | null | undefined): string[] {
  return (s ?? '').split(/[\s,]+/).filter((w) => w.replace(/\W/g, '').length >= 2);
}

export function redact(text: string, who: Identity): string {
  let out = text.replace(EMAIL, HIDDEN).replace(URL_RE, HIDDEN).replace(PHONE, HIDDEN);
  for (const w of [...words(who.name), ...words(who.location), ...(who.extra ?? [])].sort((a, b) => b.length - a.length)) {
    out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(w)}(?![\\p{L}\\p{N}])`, 'giu'), HIDDEN);
  }
  return out.replace(AGE, HIDDEN).replace(YEARS_OLD, HIDDEN).replace(GENDER, HIDDEN);
}

/**
 * Capitalised words of the CV's head (the lines before the first section heading: name, address,
 * town), except words of the candidate's skills and job titles. The parser does not always find
 * the location, so blind review hides these too.
 */
export function headerWords(cvText: string, p: Pick<Profile, 'sections' | 'skills' | 'roles'>): string[] {
  const first = p.sections[0]?.heading;
  const lines = cvText.split('\n');
  const end = first ? lines.findIndex((l) => l.trim() === first.trim()) : -1;
  const head = lines.slice(0, end > 0 ? end : Math.min(lines.length, 6)).join(' ');
  const keep = new Set(
    [...p.skills.flatMap((s) => [s.label, s.surface]), ...p.roles.map((r) => r.title)]
      .join(' ')
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u),
  );
  const found = head.match(/\p{Lu}[\p{L}'-]+/gu) ?? [];
  return [...new Set(found.filter((w) => w.length >= 2 && !keep.has(w.toLowerCase())))];
}
