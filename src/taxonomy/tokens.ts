/** Word tokens with their normalised form (lower case, no diacritics) and position in the source text. */
export interface Token {
  norm: string;
  orig: string;
  start: number;
  end: number;
}

// A word: letters/digits, optionally joined by . + # - / ' (node.js, c++, c#, ci/cd, front-end), trailing + or #.
const WORD = /[\p{L}\p{N}]+(?:[.+#\-/'’][\p{L}\p{N}]+)*[+#]*/gu;

export function fold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/’/g, "'")
    .replace(/ß/g, 'ss')
    .toLowerCase();
}

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const orig = m[0];
    out.push({ norm: fold(orig), orig, start: m.index, end: m.index + orig.length });
  }
  return out;
}

/** Normalised key of a phrase, as the matcher looks it up. */
export function phraseKey(phrase: string): string {
  return tokenize(phrase)
    .map((t) => t.norm)
    .join(' ');
}
