import type { Role } from '../../domain/index.js';
import { findDateRanges, findSplitRange, monthsCovered, ymString, type DateRange, type YearMonth } from './dates.js';

const SPLIT_TITLE = /\s+(?:at|bij|bei|chez|@)\s+|\s+[—–|]\s+|\s+-\s+|\s*[|•·]\s*|,\s+/i;

function cleanPiece(s: string): string {
  return s.replace(/^[\s|•·,;:()[\]–—-]+|[\s|•·,;:()[\]–—-]+$/g, '').trim();
}

function isHeaderLine(line: string): boolean {
  const t = line.trim();
  return t.length > 0 && t.length <= 90 && !/^[-•*▪◦·]/.test(t) && !/[.!?]$/.test(t);
}

function splitTitle(text: string): { title: string; employer: string | null } {
  const parts = text.split(SPLIT_TITLE).map(cleanPiece).filter(Boolean);
  return { title: parts[0] ?? '', employer: parts.length > 1 ? parts.slice(1).join(', ') : null };
}

interface Found {
  line: number;
  range: DateRange;
  rest: string;
}

/** Dated roles in an experience section. Title and employer come from the dated line or the short lines above it. */
export function extractRoles(section: string, now: YearMonth): Role[] {
  const lines = section.split('\n');
  const found: Found[] = [];
  lines.forEach((line, i) => {
    const r = findDateRanges(line, now)[0];
    if (r) {
      const rest = cleanPiece(line.slice(0, r.index) + ' | ' + line.slice(r.index + r.length));
      found.push({ line: i, range: r, rest });
      return;
    }
    const split = findSplitRange(line, lines[i + 1] ?? '', now);
    if (split) {
      found.push({ line: i, range: split.range, rest: cleanPiece(line.slice(split.range.index + split.range.length)) });
      lines[i + 1] = (lines[i + 1] ?? '').slice(split.nextUsed);
    }
  });
  // Pass 1: each role's header (the dated line's own text, or up to two short lines right above the dates).
  const heads = found.map((f, k) => {
    if (f.rest.length >= 3) return { text: f.rest, firstLine: f.line };
    const prevEnd = k > 0 ? found[k - 1]!.line : -1;
    const above: string[] = [];
    let firstLine = f.line;
    for (let i = f.line - 1; i > prevEnd && above.length < 2; i--) {
      const t = lines[i]!.trim();
      if (!t) {
        if (above.length) break;
        continue;
      }
      if (!isHeaderLine(t)) break;
      above.unshift(t);
      firstLine = i;
    }
    return { text: above.join(' | '), firstLine };
  });
  // Pass 2: a role's description runs from its dated line to the next role's header.
  const roles: Role[] = found.map((f, k) => {
    const stop = k + 1 < found.length ? heads[k + 1]!.firstLine : lines.length;
    const { title, employer } = splitTitle(heads[k]!.text);
    return {
      title: title || 'Untitled role',
      employer,
      start: ymString(f.range.start),
      end: f.range.end ? ymString(f.range.end) : null,
      description: lines.slice(f.line + 1, Math.max(f.line + 1, stop)).join('\n').trim(),
    };
  });
  return roles;
}

export function yearsOfExperience(roles: Role[], now: YearMonth): number {
  const ranges = roles.map((r) => ({
    start: { y: Number(r.start.slice(0, 4)), m: Number(r.start.slice(5, 7)) },
    end: r.end ? { y: Number(r.end.slice(0, 4)), m: Number(r.end.slice(5, 7)) } : null,
  }));
  return Math.round((monthsCovered(ranges, now) / 12) * 10) / 10;
}
