import type { Concept } from '../domain/index.js';
import { matchSkills, tokenize, uniqueConcepts, yearsAsked, type Vocabulary } from '../taxonomy/index.js';
import { guessField } from './profile/field.js';
import { spokenLanguages } from './profile/languages.js';

export interface ParsedJobText {
  skills: Concept[];
  minYears: number | null;
  maxYears: number | null;
  languages: string[];
  field: Concept | null;
}

/** A job description parsed into the same vocabulary as CVs: skills, years, languages, field. */
export function parseJobText(title: string, description: string, vocab: Vocabulary): ParsedJobText {
  const skills = uniqueConcepts(matchSkills(tokenize(`${title}\n${description}`), vocab)).map(({ id, label }) => ({ id, label }));
  const years = yearsAsked(description);
  return {
    skills,
    minYears: years.min,
    maxYears: years.max,
    languages: spokenLanguages(description),
    field: guessField([], vocab, [title]),
  };
}

