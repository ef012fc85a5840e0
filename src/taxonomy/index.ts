import { loadEsco, loadOnetHot } from './load.js';
import { buildVocabulary, type Vocabulary } from './vocabulary.js';

export * from './terms.js';
export { tokenize, fold, phraseKey, type Token } from './tokens.js';
export { matchSkills, uniqueConcepts } from './match.js';
export { yearsAsked } from './years.js';
export { contentWords, STOPWORDS } from './stopwords.js';
export { resolveSkills, resolveField } from './resolve.js';
export { buildVocabulary, slug, type Vocabulary, type Surface } from './vocabulary.js';

const cache = new Map<string, Vocabulary>();

/** The skill/occupation vocabulary: ESCO + O*NET from sharedDataDir when present, the team's terms always. Cached per dir. */
export function loadVocabulary(sharedDataDir: string | null): Vocabulary {
  const key = sharedDataDir ?? '';
  let v = cache.get(key);
  if (!v) {
    v = sharedDataDir ? buildVocabulary(loadEsco(sharedDataDir), loadOnetHot(sharedDataDir)) : buildVocabulary();
    cache.set(key, v);
  }
  return v;
}
