const NUM = '(\\d{1,2}(?:[.,]5)?)';
const WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, een: 1, twee: 2, drie: 3, vier: 4, vijf: 5, zes: 6, ein: 1, zwei: 2, drei: 3, fünf: 5, sechs: 6, un: 1, deux: 2, trois: 3, quatre: 4, cinq: 5 };
const YEARS_WORD = "(?:years?|yrs?|jaar|jaren|jahre?n?|ans?|années?)";
// "5+ years", "3-5 years", "minimaal 3 jaar", "mindestens 5 Jahre", "5 ans d'expérience", "at least two years".
const RANGE_RE = new RegExp(`${NUM}\\s*(?:-|–|to|tot|bis|à)\\s*${NUM}\\s*${YEARS_WORD}`, 'giu');
const MIN_RE = new RegExp(`(?:${NUM}|(${Object.keys(WORDS).join('|')}))\\s*\\+?\\s*${YEARS_WORD}`, 'giu');

const num = (s: string): number => Number(s.replace(',', '.'));

/** Years of experience a job text asks for: the first range or minimum stated near experience words. */
export function yearsAsked(text: string): { min: number | null; max: number | null } {
  const t = text.toLowerCase();
  const r = RANGE_RE.exec(t);
  RANGE_RE.lastIndex = 0;
  if (r) return { min: num(r[1]!), max: num(r[2]!) };
  for (const m of t.matchAll(MIN_RE)) {
    const after = t.slice(m.index, m.index + m[0].length + 40);
    const before = t.slice(Math.max(0, m.index - 40), m.index);
    if (!/(experi|ervaring|erfahrung|expérience|berufs|werk)/.test(after + before)) continue;
    const n = m[1] ? num(m[1]) : WORDS[m[2]!];
    if (n !== undefined && n > 0 && n < 50) return { min: n, max: null };
  }
  return { min: null, max: null };
}
