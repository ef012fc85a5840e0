import type { Profile, SkillMention } from '../../domain/index.js';
import { matchSkills, tokenize, uniqueConcepts, type Vocabulary } from '../../taxonomy/index.js';
import { findEmail, findLocation, findName, findPhone } from './contact.js';
import { parseYm, type YearMonth } from './dates.js';
import { extractEducation } from './education.js';
import { extractRoles, yearsOfExperience } from './experience.js';
import { guessField } from './field.js';
import { detectLanguage, spokenLanguages } from './languages.js';
import { sectionText, splitSections } from './sections.js';

export { findDateRanges, monthsCovered, type YearMonth } from './dates.js';
export { splitSections, headingOf } from './sections.js';
export { yearsOfExperience } from './experience.js';

export interface ExtractOptions {
  /** YYYY-MM-DD; "present" in a CV resolves to this date's month. */
  uploadDate: string;
  vocab: Vocabulary;
}

/** Text → structured profile. Pure: no I/O; never looks for special-category data. */
/** A CV is never longer than this; hostile text beyond it is not scanned (it runs on the main thread). */
export const MAX_PROFILE_CHARS = 200_000;
/** Longer lines are cut before the line-based rules (dates, phones) see them. */
const MAX_LINE_CHARS = 2_000;

export function extractProfile(fullText: string, opts: ExtractOptions): Profile {
  const text = fullText
    .slice(0, MAX_PROFILE_CHARS)
    .split('\n')
    .map((l) => (l.length > MAX_LINE_CHARS ? l.slice(0, MAX_LINE_CHARS) : l))
    .join('\n');
  const now: YearMonth = parseYm(opts.uploadDate.slice(0, 7));
  const cv = splitSections(text);
  const exp = sectionText(cv.sections, 'experience');
  // Without an experience heading, dated lines anywhere but in education count.
  const expSource = exp || cv.sections.filter((s) => s.kind !== 'education').map((s) => s.text).join('\n') || text;
  const roles = extractRoles(expSource, now);
  const skillsText = sectionText(cv.sections, 'skills');
  const mentions: SkillMention[] = [
    ...matchSkills(tokenize(skillsText), opts.vocab, { skillsSection: true }),
    ...cv.sections
      .filter((s) => s.kind !== 'skills' && s.kind !== 'languages' && s.kind !== 'interests' && s.kind !== 'references')
      .flatMap((s) => matchSkills(tokenize(s.text), opts.vocab)),
  ];
  if (cv.sections.length === 0) mentions.push(...matchSkills(tokenize(text), opts.vocab));
  const langText = sectionText(cv.sections, 'languages');
  const summary = sectionText(cv.sections, 'summary');
  return {
    name: findName(cv.header, text),
    email: findEmail(text),
    phone: findPhone(cv.header + '\n' + text),
    location: findLocation(cv.header, text),
    language: detectLanguage(text, cv.headingLangs),
    summary: summary ? summary.slice(0, 1200) : null,
    sections: cv.sections,
    roles,
    yearsExperience: yearsOfExperience(roles, now),
    education: extractEducation(sectionText(cv.sections, 'education'), now),
    spokenLanguages: langText ? spokenLanguages(langText) : [],
    skills: uniqueConcepts(mentions),
    field: guessField(roles, opts.vocab, cv.header.split('\n').slice(0, 3)),
  };
}
