import { franc } from 'franc-min';
import type { CvLanguage } from '../../domain/index.js';
import { LANGUAGE_NAMES, fold, tokenize, type Lang } from '../../taxonomy/index.js';

const nameToIso = new Map<string, string>();
for (const [iso, byLang] of Object.entries(LANGUAGE_NAMES)) for (const names of Object.values(byLang)) for (const n of names) nameToIso.set(fold(n), iso);

/** Spoken languages named in a text (a languages section), as ISO 639-1 codes in order of mention. */
export function spokenLanguages(text: string): string[] {
  const out: string[] = [];
  for (const t of tokenize(text)) {
    const iso = nameToIso.get(t.norm);
    if (iso && !out.includes(iso)) out.push(iso);
  }
  return out;
}

const FRANC: Record<string, Lang> = { eng: 'en', nld: 'nl', deu: 'de', fra: 'fr' };

/** The CV's language: headings unique to one language decide when they agree, else trigram statistics (franc). */
export function detectLanguage(text: string, headingVotes: Map<Lang, number>): CvLanguage {
  const ranked = [...headingVotes.entries()].sort((a, b) => b[1] - a[1]);
  const [top, second] = ranked;
  if (top && top[1] >= 2 && (!second || top[1] >= second[1] * 2)) return top[0];
  const guess = franc(text.slice(0, 5000), { only: Object.keys(FRANC), minLength: 20 });
  return FRANC[guess] ?? top?.[0] ?? 'und';
}
