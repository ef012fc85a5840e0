/** A skill or occupation concept: language-independent id (ESCO URI, O*NET tech name or built-in id). */
export interface Concept {
  /** ESCO URI, `onet:<name>` or `jm:<slug>` for built-in fallback concepts. */
  id: string;
  /** English preferred label. */
  label: string;
}

export interface SkillMention extends Concept {
  /** The text as it appeared in the CV (any language). */
  surface: string;
}

export interface Role {
  title: string;
  employer: string | null;
  /** ISO month `YYYY-MM`. */
  start: string;
  /** ISO month `YYYY-MM`; null when the role is ongoing ("present", "heden", "heute", "aujourd'hui"). */
  end: string | null;
  description: string;
}

export interface Education {
  degree: string;
  institution: string | null;
  start: string | null;
  end: string | null;
}

export type CvLanguage = 'en' | 'nl' | 'de' | 'fr' | 'und';

export const SECTION_KINDS = [
  'summary',
  'experience',
  'education',
  'skills',
  'languages',
  'certifications',
  'projects',
  'interests',
  'references',
  'other',
] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

export interface Section {
  kind: SectionKind;
  heading: string;
  text: string;
}

/** The structured profile extracted from a CV. Never holds special-category data. */
export interface Profile {
  name: string | null;
  email: string | null;
  phone: string | null;
  location: string | null;
  language: CvLanguage;
  /** Short professional summary, if found. */
  summary: string | null;
  sections: Section[];
  roles: Role[];
  /** Total years of experience, overlapping roles merged, rounded to one decimal. */
  yearsExperience: number;
  education: Education[];
  /** Spoken languages as ISO 639-1 codes (e.g. "en", "nl"). */
  spokenLanguages: string[];
  skills: SkillMention[];
  /** Best-guess occupation group (ESCO occupation or built-in field). */
  field: Concept | null;
}

/** Controller entities of the group. */
export const ENTITIES = ['NL', 'DE', 'FR'] as const;
export type Entity = (typeof ENTITIES)[number];
