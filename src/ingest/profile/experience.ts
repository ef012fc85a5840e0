import type { Role } from '../../domain/index.js';
import { findDateRanges, findSplitRange, monthsCovered, ymString, type DateRange, type YearMonth } from './dates.js';
import { employerCue, titleCue } from './role-words.js';

/** Separators between title and employer, strongest first: "Title at Employer", "Title | Employer", "Title – Employer", "Title, Employer". */
const SEPARATORS = [/\s+(?:at|bij|bei|chez)\s+|\s+@\s+/i, /\s*[|•·]\s*/, /\s+[—–-]\s+/, /,\s+/];
const BULLET = /^[-•*▪◦·►✓–]/;
const MAX_HEADER_CHARS = 90;
const MAX_SHORT_WORDS = 6;
/** A line ending in "B.V.", "Inc." or "Co." is a name, not the end of a sentence. */
const ABBREVIATION_END = /(?:^|\s)(?:(?:\p{L}\.){2,}|\p{Lu}\p{Ll}{0,3}\.)$/u;

function cleanPiece(s: string): string {
  let t = s.replace(/^[\s|•·,;:[\]–—-]+|[\s|•·,;:[\]–—-]+$/g, '').trim();
  // Brackets only go when they are left unpaired ("(Front-End)" stays whole).
  const open = (t.match(/\(/g) ?? []).length;
  const close = (t.match(/\)/g) ?? []).length;
  if (close > open) t = t.replace(/^\)+\s*|\s*\)+$/g, '').trim();
  else if (open > close) t = t.replace(/\s*\(+$/, '').trim();
  return t === '()' ? '' : t;
}

function isHeaderLine(line: string): boolean {
  const t = line.trim();
  if (!t || t.length > MAX_HEADER_CHARS || BULLET.test(t) || /^\p{Ll}/u.test(t) || /[!?;]$/.test(t)) return false;
  return !t.endsWith('.') || ABBREVIATION_END.test(t);
}

const wordCount = (s: string): number => s.trim().split(/\s+/).filter(Boolean).length;

/** Written like a name ("Kestrel Systems Ltd", "Université de Lyon"), not like a phrase ("Built the billing service"). */
function looksLikeName(s: string): boolean {
  const words = s.split(/\s+/).filter((w) => /\p{L}/u.test(w) && w.length > 3);
  if (words.length === 0) return /^\p{Lu}/u.test(s.trim());
  return words.filter((w) => /^[\p{Lu}\p{N}]/u.test(w)).length * 2 >= words.length;
}

/** Splits at the strongest separator present: title before it, employer after it. */
export function splitTitle(text: string): { title: string; employer: string | null } {
  const t = cleanPiece(text);
  for (const sep of SEPARATORS) {
    const parts = t.split(sep).map(cleanPiece).filter(Boolean);
    if (parts.length > 1) return { title: parts[0]!, employer: parts.slice(1).join(', ') };
  }
  return { title: t, employer: null };
}

/** Two header pieces in layout order (title first); the words swap them when they clearly say otherwise. */
function pair(a: string, b: string | null): { title: string; employer: string | null } {
  if (!b) return { title: a, employer: null };
  const [ta, tb, ea, eb] = [titleCue(a), titleCue(b), employerCue(a), employerCue(b)];
  const swap = (tb > ta && eb <= ea) || (ea > eb && ta <= tb);
  return swap ? { title: b, employer: a } : { title: a, employer: b };
}

interface Found {
  line: number;
  range: DateRange;
  /** The dated line's own text without the dates. */
  own: string;
}

interface Head {
  title: string;
  employer: string | null;
  /** First and last line that belong to the role's header. */
  firstLine: number;
  lastLine: number;
}

function findDated(lines: string[], now: YearMonth): Found[] {
  const found: Found[] = [];
  lines.forEach((line, i) => {
    const r = findDateRanges(line, now)[0];
    if (r) {
      const own = [line.slice(0, r.index), line.slice(r.index + r.length)].map(cleanPiece).filter(Boolean).join(' | ');
      found.push({ line: i, range: r, own });
      return;
    }
    const split = findSplitRange(line, lines[i + 1] ?? '', now);
    if (split) {
      found.push({ line: i, range: split.range, own: cleanPiece(line.slice(split.range.index + split.range.length)) });
      lines[i + 1] = (lines[i + 1] ?? '').slice(split.nextUsed);
    }
  });
  return found;
}

/**
 * The header of one role. Layouts read:
 *   "Title, Employer | Jan 2019 – Present" (also "at", "|", "–" between them)
 *   "Title" / "Employer | 2019 – 2021"    "Title" / "2019 – 2021" [/ "Employer"]
 *   "2019 – 2021" / "Title, Employer"     "2019 – 2021" / "Title" / "Employer"
 *   "Title" / "Employer" / "2019 – 2021"  and the same with employer and title swapped, told apart by their words.
 */
function readHead(lines: string[], f: Found, floor: number, dated: Set<number>): Head {
  const usable = (i: number): boolean => i < lines.length && !dated.has(i) && isHeaderLine(lines[i]!);
  // A short line that stands alone (followed by a blank, a bullet, a date line or the end), or names an organisation.
  const shortAt = (i: number): string | null => {
    if (!usable(i)) return null;
    const t = lines[i]!.trim();
    const next = (lines[i + 1] ?? '').trim();
    const alone = !next || BULLET.test(next) || dated.has(i + 1) || employerCue(t) > 0;
    return wordCount(t) <= MAX_SHORT_WORDS && alone && looksLikeName(t) ? cleanPiece(t) : null;
  };
  // The next line, over one blank line (word processors put one between paragraphs).
  const after = (i: number): number => (i < lines.length && !lines[i]!.trim() ? i + 1 : i);
  const above: string[] = [];
  let firstLine = f.line;
  for (let i = f.line - 1; i > floor && above.length < 2; i--) {
    const t = lines[i]!.trim();
    if (!t) continue; // word processors put a blank line between paragraphs
    if (!usable(i)) break;
    above.unshift(cleanPiece(t));
    firstLine = i;
  }
  const head = (h: { title: string; employer: string | null }, lastLine = f.line): Head => ({ ...h, firstLine, lastLine });
  const own = splitTitle(f.own);
  if (f.own.length >= 2) {
    if (above.length === 2) return head(pair(above[0]!, above[1]!));
    if (above.length === 1) {
      const a = splitTitle(above[0]!);
      if (own.employer && titleCue(own.title) > 0 && titleCue(above[0]!) === 0) {
        firstLine = f.line; // the line above belongs to what came before
        return head(pair(own.title, own.employer));
      }
      if (a.employer) return head(a);
      return head(pair(above[0]!, f.own));
    }
    if (own.employer) return head(pair(own.title, own.employer));
    const bi = after(f.line + 1);
    const below = shortAt(bi);
    return below ? head(pair(own.title, below), bi) : head(own);
  }
  if (above.length === 2) return head(pair(above[0]!, above[1]!));
  if (above.length === 1) {
    const a = splitTitle(above[0]!);
    if (a.employer) return head(pair(a.title, a.employer));
    const bi = after(f.line + 1);
    const below = shortAt(bi);
    return below ? head(pair(a.title, below), bi) : head(a);
  }
  // Dates first: the header is on the line(s) below.
  const bi = after(f.line + 1);
  if (!usable(bi)) return head({ title: '', employer: null });
  const b = splitTitle(lines[bi]!);
  if (b.employer) return head(pair(b.title, b.employer), bi);
  const ci = after(bi + 1);
  const second = shortAt(ci);
  return second ? head(pair(b.title, second), ci) : head(b, bi);
}

/** Dated roles in an experience section, with title and employer from the lines around the dates. */
export function extractRoles(section: string, now: YearMonth): Role[] {
  const lines = section.split('\n');
  const found = findDated(lines, now);
  const dated = new Set(found.map((f) => f.line));
  // Pass 1: each role's header, reading no further up than the previous role's header.
  const heads: Head[] = [];
  found.forEach((f, k) => heads.push(readHead(lines, f, k > 0 ? heads[k - 1]!.lastLine : -1, dated)));
  // Pass 2: a role's description runs from its header to the next role's header.
  return found.map((f, k) => {
    const h = heads[k]!;
    const from = h.lastLine + 1;
    const stop = k + 1 < found.length ? heads[k + 1]!.firstLine : lines.length;
    return {
      title: h.title || 'Untitled role',
      employer: h.employer || null,
      start: ymString(f.range.start),
      end: f.range.end ? ymString(f.range.end) : null,
      description: lines.slice(from, Math.max(from, stop)).join('\n').trim(),
    };
  });
}

export function yearsOfExperience(roles: Role[], now: YearMonth): number {
  const ranges = roles.map((r) => ({
    start: { y: Number(r.start.slice(0, 4)), m: Number(r.start.slice(5, 7)) },
    end: r.end ? { y: Number(r.end.slice(0, 4)), m: Number(r.end.slice(5, 7)) } : null,
  }));
  return Math.round((monthsCovered(ranges, now) / 12) * 10) / 10;
}
