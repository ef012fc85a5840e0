import type { Education } from '../../domain/index.js';
import { findDateRanges, ymString, type YearMonth } from './dates.js';

const DEGREE =
  /\b(bachelor|master|msc|bsc|ba|ma|mba|phd|doctorate|diploma|hbo|wo|mbo|vwo|havo|propedeuse|diplom|abitur|ausbildung|bachelorstudium|masterstudium|licence|maîtrise|master 2|bts|dut|baccalauréat|doctorat|ingénieur|engineer|degree|b\.sc|m\.sc)\b/i;

/** Education entries: lines naming a degree, with dates and the institution from the same or next line. */
export function extractEducation(section: string, now: YearMonth): Education[] {
  const lines = section.split('\n').map((l) => l.trim());
  const out: Education[] = [];
  lines.forEach((line, i) => {
    if (!DEGREE.test(line)) return;
    const range = findDateRanges(line, now)[0] ?? findDateRanges(lines[i + 1] ?? '', now)[0];
    let text = line;
    if (range && findDateRanges(line, now)[0]) text = line.slice(0, range.index) + line.slice(range.index + range.length);
    const parts = text.split(/\s+[—–|-]\s+|,\s+|\s+(?:at|aan|an der|an|à|à l'|bij)\s+/i).map((p) => p.trim()).filter(Boolean);
    const next = lines[i + 1] ?? '';
    const institution = parts[1] ?? (next && !DEGREE.test(next) && !findDateRanges(next, now).length ? next : null);
    out.push({
      degree: parts[0] ?? text.trim(),
      institution: institution || null,
      start: range ? ymString(range.start) : null,
      end: range?.end ? ymString(range.end) : null,
    });
  });
  return out;
}
