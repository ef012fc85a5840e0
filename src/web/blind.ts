/**
 * Blind review: text shown to a reviewer loses the person's name, contact details and location,
 * and common age, gender and family-status hints (in English, Dutch, German and French).
 * The replacement has no brackets, so FTS snippet marks stay unambiguous.
 */
import type { Profile, Section } from '../domain/index.js';

export const HIDDEN = '•••';

export interface Identity {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  location?: string | null;
  /** More words to hide, e.g. from the CV's contact block (headerWords). */
  extra?: readonly string[];
  /** The CV's language: some words are pronouns in one language only. */
  language?: string;
}

// Search highlighting may have put [brackets] inside an address ("jdoe1988@[gmail].com"):
// redactSnippet takes them out first, these patterns only see plain text.
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const PHONE = /\+?\(?\d[\d\s()./-]{6,}\d/g;
const URL_RE = /\b(?:https?:\/\/|www\.)\S+/gi;
const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';
const AGE_WORDS = ['born(?: on| in)?', 'date of birth', 'd\\.?o\\.?b\\.?', 'age[ds]?', 'geboren(?: op| in| am| le)?', 'geboortedatum', 'leeftijd', 'geburtsdatum', 'geb\\.', 'alter', 'née?', 'date de naissance', 'âge'];
const AGE = new RegExp(`${B}(?:${AGE_WORDS.join('|')})${E}(?:[:\\s]*\\p{N}[\\p{N}./-]*)?`, 'giu');
const YEARS_OLD = new RegExp(`${B}\\d{1,3}\\s*(?:years old|yrs old|jaar oud|jahre alt)${E}|${B}\\d{1,3}[- ]?(?:year-old|jarige|jährige[rn]?)${E}`, 'giu');
/**
 * "34 jaar", "34 Jahre", "34 years": an age, unless what follows says it is experience. Below 16
 * it is never an age, so "5 jaar ervaring" stays either way.
 */
const EXPERIENCE_NEXT = ['ervaring', 'werkervaring', 'werkzaam', 'bij', 'als', 'in', 'op', 'experience', 'of', 'at', 'as', 'with', 'working', 'erfahrung', 'berufserfahrung', 'bei', 'im', "d['’]expérience", 'expérience', 'chez', 'comme', 'dans'];
const AGE_YEARS = new RegExp(`${B}(?:1[6-9]|[2-9]\\d)\\s*(?:jaar|years?|jahre|ans)${E}(?!\\s+(?:${EXPERIENCE_NEXT.join('|')})${E})`, 'giu');
const GENDER_WORDS = [
  'male', 'female', 'man', 'woman', 'mr', 'mrs', 'ms', 'miss', 'he', 'she', 'him', 'her', 'his', 'hers', 'himself', 'herself', 'gender', 'sex', 'married', 'single', 'divorced', 'widow(?:ed|er)?', 'husband', 'wife', 'children',
  'mother', 'father', 'mum', 'mom', 'dad', 'son', 'daughter', 'pregnant', 'pregnancy', 'maternity', 'paternity', 'boyfriend', 'girlfriend',
  'dhr', 'mevr', 'de heer', 'mevrouw', 'meneer', 'vrouw', 'geslacht', 'gehuwd', 'getrouwd', 'ongehuwd', 'gescheiden', 'weduwe', 'weduwnaar', 'kinderen',
  'zij', 'ze', 'hij', 'haar', 'hem', 'zijn', 'moeder', 'vader', 'echtgenote', 'echtgenoot', 'dochter', 'zoon', 'zwanger', 'zwangerschap(?:sverlof)?', 'moederschap', 'bevallingsverlof',
  'herr', 'frau', 'geschlecht', 'verheiratet', 'ledig', 'geschieden', 'witwe', 'witwer', 'kinder',
  'sie', 'ihr', 'ihre', 'ihrer', 'ihren', 'ihrem', 'ihn', 'ihm', 'sein', 'seine', 'seiner', 'seinen', 'seinem', 'mutter', 'vater', 'ehefrau', 'ehemann', 'tochter', 'sohn', 'schwanger', 'schwangerschaft', 'mutterschutz', 'elternzeit',
  'monsieur', 'madame', 'mme', 'mlle', 'sexe', 'marié', 'mariée', 'célibataire', 'divorcée?', 'veuve', 'veuf', 'enfants',
  'elle', 'elles', 'il', 'lui', 'mère', 'père', 'épouse', 'époux', 'mari', 'femme', 'homme', 'fille', 'fils', 'enceinte', 'grossesse', 'congé maternité',
];
const GENDER = new RegExp(`${B}(?:${GENDER_WORDS.join('|')})${E}\\.?`, 'giu');
/** German "er" (he) is also Dutch "er" (there): hidden only in German CVs. */
const GENDER_DE = new RegExp(`${B}er${E}`, 'giu');
const YEAR = /(?<![\p{L}\p{N}])(?:19|20)\d{2}(?![\p{L}\p{N}])/gu;
const HIT = /\[([^[\]]*)\]/g;

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
  out = out.replace(AGE, HIDDEN).replace(YEARS_OLD, HIDDEN).replace(AGE_YEARS, HIDDEN).replace(GENDER, HIDDEN);
  return who.language === 'de' ? out.replace(GENDER_DE, HIDDEN) : out;
}

/**
 * A search snippet with its hits in [brackets]: the brackets come out first (a hit inside an
 * address or a name must not split it), the text is redacted, then the hits that are still there
 * are marked again.
 */
export function redactSnippet(snippet: string, who: Identity): string {
  const hits = [...new Set([...snippet.matchAll(HIT)].map((m) => m[1]!).filter((h) => h.trim()))].sort((a, b) => b.length - a.length);
  let out = redact(snippet.replace(HIT, '$1'), who);
  for (const h of hits) out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}[])${escapeRe(h)}(?![\\p{L}\\p{N}\\]])`, 'gu'), `[${h}]`);
  return out;
}

/** Years (19xx, 20xx) hidden: in blind review the education part shows no graduation years. */
export function hideYears(text: string): string {
  return text.replace(YEAR, HIDDEN);
}

/** The CV text with the years of its education section(s) hidden (the rest is left to redact). */
export function hideEducationYears(cvText: string, sections: readonly Pick<Section, 'kind' | 'heading'>[]): string {
  const lines = cvText.split('\n');
  const headings = new Set(sections.map((x) => x.heading.trim()));
  const education = new Set(sections.filter((x) => x.kind === 'education').map((x) => x.heading.trim()));
  let inEducation = false;
  return lines
    .map((l) => {
      const t = l.trim();
      if (headings.has(t)) {
        inEducation = education.has(t);
        return l;
      }
      return inEducation ? hideYears(l) : l;
    })
    .join('\n');
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
