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

// French elision ("d'analyse", "l’équipe"): the article is dropped, the word is matched on its own.
const ELISION = /^(?:d|l|qu|j|n|s|c|m|t)['’](?=[\p{L}])/iu;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    let orig = m[0];
    let start = m.index;
    const el = ELISION.exec(orig);
    if (el) {
      start += el[0].length;
      orig = orig.slice(el[0].length);
    }
    out.push({ norm: fold(orig), orig, start, end: start + orig.length });
  }
  return out;
}

/** Normalised key of a phrase, as the matcher looks it up. */
export function phraseKey(phrase: string): string {
  return tokenize(phrase)
    .map((t) => t.norm)
    .join(' ');
}
