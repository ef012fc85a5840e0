import type { SkillMention } from '../domain/index.js';
import type { Token } from './tokens.js';
import type { Surface, Vocabulary } from './vocabulary.js';

export interface MatchOptions {
  /** The text is a skills section: generic one-word vocabulary entries may match. */
  skillsSection?: boolean;
}

function caseOk(s: Surface, tokens: Token[], i: number): boolean {
  if (!s.exactCase) return true;
  const orig = tokens[i]!.orig;
  return orig === s.exactCase || (orig.length > 1 && orig === s.exactCase.toUpperCase());
}

/** Longest-match scan of the token stream against the vocabulary. */
export function matchSkills(tokens: Token[], vocab: Vocabulary, opts: MatchOptions = {}): SkillMention[] {
  const found: SkillMention[] = [];
  let i = 0;
  while (i < tokens.length) {
    // All matches starting here, longest first.
    const here: { s: Surface; n: number }[] = [];
    for (let n = Math.min(vocab.maxTokens, tokens.length - i); n >= 1; n--) {
      let key = tokens[i]!.norm;
      for (let j = 1; j < n; j++) key += ' ' + tokens[i + j]!.norm;
      const s = vocab.surfaces.get(key)?.find((x) => (!x.skillsSectionOnly || opts.skillsSection) && caseOk(x, tokens, i));
      if (s) here.push({ s, n });
    }
    // The longest wins, except that a longer ESCO synonym does not override the team's own term.
    const pick = here[0]?.s.source === 'esco' ? (here.find((h) => h.s.source === 'team') ?? here[0]) : here[0];
    if (!pick) {
      i++;
      continue;
    }
    const first = tokens[i]!;
    const last = tokens[i + pick.n - 1]!;
    found.push({ id: pick.s.concept.id, label: pick.s.concept.label, surface: first.orig + (pick.n > 1 ? `…${last.orig}` : '') });
    i += pick.n;
  }
  return found;
}

/** One mention per concept, in first-seen order. */
export function uniqueConcepts(mentions: SkillMention[]): SkillMention[] {
  const seen = new Set<string>();
  return mentions.filter((m) => (seen.has(m.id) ? false : (seen.add(m.id), true)));
}
