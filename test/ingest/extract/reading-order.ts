/**
 * A reading-order measure for tests and benches: the share of reference sentences (from a
 * single-column rendering of the same CV) found whole, and in order within their section, in a
 * candidate text. Comparison ignores case, spaces and punctuation, so line wrapping does not matter
 * but interleaved columns do.
 */

const squash = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
const words = (s: string): string[] => s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
const isHeading = (line: string): boolean => /^[A-Z][A-Z &]{2,30}$/.test(line.trim());

/** Sentences of at least `minWords` words, grouped by section (a heading line in capitals). */
export function referenceSections(text: string, minWords = 4): string[][] {
  const sections: string[][] = [];
  let lines: string[] = [];
  const flush = (): void => {
    const sentences = lines
      .join(' ')
      .split(/•|(?<=[.!?])\s+(?=[A-Z])/)
      .map((s) => s.trim())
      .filter((s) => words(s).length >= minWords);
    if (sentences.length) sections.push(sentences);
    lines = [];
  };
  for (const line of text.split('\n')) {
    if (isHeading(line)) flush();
    else if (line.trim()) lines.push(line);
  }
  flush();
  return sections;
}

function longestIncreasing(values: number[]): number {
  const tails: number[] = [];
  for (const v of values) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((tails[mid] ?? 0) < v) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = v;
  }
  return tails.length;
}

export interface OrderScore {
  score: number;
  reference: number;
  whole: number;
  inOrder: number;
}

/**
 * Sentences whose words are not all in the candidate (content the other template renders
 * differently, e.g. a skills list) are left out of the reference.
 */
export function readingOrderScore(reference: string[][], candidate: string): OrderScore {
  const flat = squash(candidate);
  const vocabulary = new Set(words(candidate));
  let total = 0;
  let whole = 0;
  let inOrder = 0;
  for (const section of reference) {
    const positions: number[] = [];
    for (const sentence of section) {
      if (!words(sentence).every((w) => vocabulary.has(w))) continue;
      total++;
      const at = flat.indexOf(squash(sentence));
      if (at >= 0) {
        whole++;
        positions.push(at);
      }
    }
    inOrder += longestIncreasing(positions);
  }
  return { score: total ? inOrder / total : 0, reference: total, whole, inOrder };
}
