import { MONTHS, PRESENT_WORDS } from '../../taxonomy/index.js';

/** A year and month, month 1–12. */
export interface YearMonth {
  y: number;
  m: number;
}

export interface DateRange {
  start: YearMonth;
  /** null: ongoing ("present", "tot heden", "bis heute", "en cours", "since …"). */
  end: YearMonth | null;
  /** Where the range stands in the line it was found in. */
  index: number;
  length: number;
}

/** Lower case and without diacritics, keeping every character's position (so cuts map back to the original). */
export function foldSameLength(s: string): string {
  let out = '';
  for (const ch of s) {
    const f = ch.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
    out += f.length === ch.length ? f : ch.toLowerCase().length === ch.length ? ch.toLowerCase() : ch;
  }
  return out;
}

const foldWord = (w: string): string => w.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/’/g, "'");
const escape = (w: string): string => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const monthIndex = new Map<string, number>();
for (const names of Object.values(MONTHS)) names.forEach((alts, i) => alts.forEach((a) => monthIndex.set(foldWord(a), i + 1)));
const monthAlt = [...monthIndex.keys()].sort((a, b) => b.length - a.length).map(escape).join('|');
const presentWords = [...new Set(Object.values(PRESENT_WORDS).flat().map(foldWord))].sort((a, b) => b.length - a.length);
/** Several words ("tot heden", "à ce jour") may be split by any run of spaces. */
const wordsAlt = (words: string[]): string => words.map((w) => escape(w).replace(/ /g, '\\s+')).join('|');
const presentAlt = wordsAlt(presentWords);
/** Phrases that start with their own separator word ("Jan 2019 to date", "2019 tot heden", "janv. 2019 à ce jour"). */
const LEAD_WORDS = new Set(['to', 'till', 'until', 'tot', 'bis', 'a']);
const presentLedAlt = wordsAlt(presentWords.filter((w) => w.includes(' ') && LEAD_WORDS.has(w.split(' ')[0]!)));

const YEAR = '(?:19[5-9]\\d|20[0-4]\\d)';
// One date: "März 2015", "sept. 2016", "15 march 2015", "03/2017", "3.2017", "2017-03", "2017".
const DATE =
  `(?:(?:\\d{1,2}\\.?\\s+)?(?:${monthAlt})\\.?,?\\s*'?(?:${YEAR}|\\d{2}(?!\\d))` +
  `|(?:0?[1-9]|1[0-2])\\s*[/.\\-]\\s*${YEAR}` +
  `|${YEAR}\\s*[/.\\-]\\s*(?:0?[1-9]|1[0-2])(?![\\d])` +
  `|${YEAR})`;
const SEP = `\\s*(?:-{1,2}|–|—|~|to|tot(?:\\s+en\\s+met)?|t/m|bis|au|a|à|until|till|->|→)\\s*`;
const SINCE = `(?:since|sinds|vanaf|seit|depuis|from|van|ab)`;
const WB = '(?<![\\p{L}\\p{N}])';
const WE = '(?![\\p{L}\\p{N}])';
const RANGE = new RegExp(
  `${WB}(?:(?<s1>${DATE})(?:${SEP}(?:(?<e1>${DATE})|(?<p1>${presentAlt}))|\\s+(?<p2>${presentLedAlt}))|${SINCE}\\s+(?<s2>${DATE})|(?<s3>${DATE})\\s*(?:-|–|—)\\s*(?=$|[|,;)]))${WE}`,
  'gu',
);
const ONE_DATE = new RegExp(`^${DATE}$`, 'u');

function parseOne(raw: string, isEnd: boolean): YearMonth | null {
  const s = raw.trim().replace(/\s+/g, ' ');
  let m = /^(?:\d{1,2}\.?\s+)?([\p{L}]+)\.?,?\s*'?(\d{4}|\d{2})$/u.exec(s);
  if (m) {
    const month = monthIndex.get(m[1]!);
    if (!month) return null;
    let y = Number(m[2]);
    if (m[2]!.length === 2) y += y > 50 ? 1900 : 2000;
    return { y, m: month };
  }
  m = /^(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(s);
  if (m) return { y: Number(m[2]), m: Number(m[1]) };
  m = /^(\d{4})\s*[/.-]\s*(\d{1,2})$/.exec(s);
  if (m) return { y: Number(m[1]), m: Number(m[2]) };
  m = /^(\d{4})$/.exec(s);
  if (m) return { y: Number(m[1]), m: isEnd ? 12 : 1 };
  return null;
}

export const toIndex = (d: YearMonth): number => d.y * 12 + (d.m - 1);

/** Finds date ranges in one line of a CV. `now` resolves "present" and caps future ends. */
export function findDateRanges(line: string, now: YearMonth): DateRange[] {
  const folded = foldSameLength(line).replace(/’/g, "'");
  const out: DateRange[] = [];
  for (const m of folded.matchAll(RANGE)) {
    const g = m.groups ?? {};
    const startRaw = g.s1 ?? g.s2 ?? g.s3;
    if (!startRaw) continue;
    const start = parseOne(startRaw, false);
    if (!start || start.m < 1 || start.m > 12) continue;
    let end: YearMonth | null = null;
    if (g.e1) {
      end = parseOne(g.e1, true);
      if (!end || end.m < 1 || end.m > 12) continue;
      // A year-only end in the current year means "until now", not December.
      if (/^\d{4}$/.test(g.e1.trim()) && end.y === now.y) end = { ...now };
      if (toIndex(end) >= toIndex(now)) end = toIndex(end) > toIndex(now) ? { ...now } : end;
    }
    if (end && toIndex(end) < toIndex(start)) continue;
    if (toIndex(start) > toIndex(now)) continue;
    out.push({ start, end, index: m.index, length: m[0].length });
  }
  return out;
}

const OPEN_START = new RegExp(`^\\s*(?<s>${DATE})\\s*(?:-|–|—)\\s+(?=\\S)`, 'u');
const LEADING_END = new RegExp(`^\\s*(?:(?<e>${DATE})|(?<p>${presentAlt}))${WE}`, 'u');

/**
 * A range split over two lines, as two-column date layouts extract:
 *   "2017 – Product Manager, Google"   (start date, dash, then the title)
 *   "Present Leading cross-functional teams…" (end date first on the next line)
 * Returns the range and how many characters of the next line it used.
 */
export function findSplitRange(line: string, next: string, now: YearMonth): { range: DateRange; nextUsed: number } | null {
  const a = OPEN_START.exec(foldSameLength(line).replace(/’/g, "'"));
  if (!a?.groups?.s) return null;
  const b = LEADING_END.exec(foldSameLength(next).replace(/’/g, "'"));
  if (!b) return null;
  const start = parseOne(a.groups.s, false);
  if (!start || start.m < 1 || start.m > 12 || toIndex(start) > toIndex(now)) return null;
  let end: YearMonth | null = null;
  if (b.groups?.e) {
    end = parseOne(b.groups.e, true);
    if (!end || end.m < 1 || end.m > 12) return null;
    if (/^\d{4}$/.test(b.groups.e.trim()) && end.y === now.y) end = { ...now };
    if (toIndex(end) > toIndex(now)) end = { ...now };
    if (toIndex(end) < toIndex(start)) return null;
  }
  return { range: { start, end, index: a.index, length: a[0].length }, nextUsed: b[0].length };
}

export function isSingleDate(s: string): boolean {
  return ONE_DATE.test(foldSameLength(s.trim()));
}

/** Months covered by the union of ranges, both ends inclusive; an open end runs to `now`. */
export function monthsCovered(ranges: { start: YearMonth; end: YearMonth | null }[], now: YearMonth): number {
  const intervals = ranges
    .map((r) => [toIndex(r.start), toIndex(r.end ?? now)] as [number, number])
    .filter(([a, b]) => b >= a)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let curStart = -1;
  let curEnd = -2;
  for (const [a, b] of intervals) {
    if (a > curEnd + 1) {
      if (curEnd >= curStart && curStart >= 0) total += curEnd - curStart + 1;
      curStart = a;
      curEnd = b;
    } else curEnd = Math.max(curEnd, b);
  }
  if (curStart >= 0) total += curEnd - curStart + 1;
  return total;
}

export const ymString = (d: YearMonth): string => `${d.y}-${String(d.m).padStart(2, '0')}`;
export function parseYm(s: string): YearMonth {
  const [y, m] = s.split('-').map(Number);
  return { y: y!, m: m! };
}
