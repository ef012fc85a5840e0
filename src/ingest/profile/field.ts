import type { Concept, Role } from '../../domain/index.js';
import { tokenize, type Vocabulary } from '../../taxonomy/index.js';

/** Best-guess occupation group from the role titles, most recent first. */
export function guessField(roles: Role[], vocab: Vocabulary, extraTitles: string[] = []): Concept | null {
  const byRecency = [...roles].sort((a, b) => (b.end ?? '9999').localeCompare(a.end ?? '9999') || b.start.localeCompare(a.start));
  const titles = [...byRecency.map((r) => r.title), ...extraTitles];
  for (const title of titles) {
    const toks = tokenize(title).map((t) => t.norm);
    let best: { concept: Concept; n: number } | null = null;
    for (let i = 0; i < toks.length; i++) {
      for (let n = Math.min(4, toks.length - i); n >= 1; n--) {
        const key = toks.slice(i, i + n).join(' ');
        // Compound words end in the title word: "softwareontwikkelaar", "Pflegefachkraft".
        for (const f of vocab.fields) {
          if (f.keys.has(key) && (!best || n > best.n)) best = { concept: f.concept, n };
        }
      }
    }
    if (best) return best.concept;
    for (const f of vocab.fields) {
      for (const key of f.keys.keys()) {
        if (!key.includes(' ') && key.length >= 6 && toks.some((t) => t.length > key.length && t.endsWith(key))) return f.concept;
      }
    }
  }
  return null;
}
