import type { ConsentPurpose } from '../store/index.js';
import { CONSENT_WORDING } from './consent.js';

/** The languages the consent texts exist in (the website's languages). */
export const CONSENT_LANGS = ['en', 'nl'] as const;
export type ConsentLang = (typeof CONSENT_LANGS)[number];

/**
 * The consent texts per language. A candidate agrees to the text in the language of the page they
 * read, and that text is the one stored with the consent. English is CONSENT_WORDING itself.
 */
const WORDING: Readonly<Record<ConsentLang, Readonly<Record<ConsentPurpose, string>>>> = {
  en: CONSENT_WORDING,
  nl: {
    recruitment: 'Ik solliciteer via het bureau en ga ermee akkoord dat recruiters van het bureau mijn cv verwerken om mij aan vacatures te koppelen.',
    profiling:
      'Ik ga ermee akkoord dat het bureau mijn profiel (vaardigheden, ervaring, functies) automatisch met zijn vacatures vergelijkt om mij vacatures aan te bevelen. Ik kan deze toestemming altijd intrekken; alle vacatures blijven hoe dan ook voor mij zichtbaar.',
    job_alerts: 'Ik ga ermee akkoord dat het bureau mij berichten stuurt over nieuwe vacatures die bij mijn profiel passen. Ik kan deze toestemming altijd intrekken.',
  },
};

export function consentWording(purpose: ConsentPurpose, lang: ConsentLang = 'en'): string {
  return WORDING[lang][purpose];
}
