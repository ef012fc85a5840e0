import type { Section, SectionKind } from '../../domain/index.js';
import { SECTION_HEADINGS, fold, type Lang } from '../../taxonomy/index.js';

const headingIndex = new Map<string, { kind: SectionKind; langs: Set<Lang> }>();
for (const [kind, byLang] of Object.entries(SECTION_HEADINGS)) {
  for (const [lang, words] of Object.entries(byLang)) {
    for (const w of words) {
      const key = normHeading(w);
      const entry = headingIndex.get(key) ?? { kind: kind as SectionKind, langs: new Set<Lang>() };
      entry.langs.add(lang as Lang);
      headingIndex.set(key, entry);
    }
  }
}

function normHeading(s: string): string {
  return fold(s)
    .replace(/[^\p{L}\p{N}'&/ -]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface HeadingHit {
  kind: SectionKind;
  langs: Set<Lang>;
  /** Text after "Heading:" on the same line, if any. */
  rest: string;
}

/** Recognises a CV section heading in any of our languages ("Werkervaring", "BERUFSERFAHRUNG", "Skills: Java, SQL"). */
export function headingOf(line: string): HeadingHit | null {
  const t = line.trim();
  if (!t || t.length > 60) {
    const m = /^([^:]{2,40}):\s*(.+)$/.exec(t);
    if (!m) return null;
    const e = headingIndex.get(normHeading(m[1]!));
    return e ? { ...e, rest: m[2]! } : null;
  }
  const whole = headingIndex.get(normHeading(t));
  if (whole) return { ...whole, rest: '' };
  const m = /^([^:]{2,40}):\s*(.*)$/.exec(t);
  if (m) {
    const e = headingIndex.get(normHeading(m[1]!));
    if (e) return { ...e, rest: m[2]! };
  }
  return null;
}

export interface SplitCv {
  /** Lines before the first heading (name, contact). */
  header: string;
  sections: Section[];
  /** Votes per language from the headings found. */
  headingLangs: Map<Lang, number>;
}

export function splitSections(text: string): SplitCv {
  const lines = text.split('\n');
  const header: string[] = [];
  const sections: Section[] = [];
  const votes = new Map<Lang, number>();
  let cur: { kind: SectionKind; heading: string; lines: string[] } | null = null;
  const close = (): void => {
    if (cur) sections.push({ kind: cur.kind, heading: cur.heading, text: cur.lines.join('\n').trim() });
  };
  for (const line of lines) {
    const h = headingOf(line);
    if (h) {
      close();
      cur = { kind: h.kind, heading: line.trim(), lines: h.rest ? [h.rest] : [] };
      if (h.langs.size === 1) for (const l of h.langs) votes.set(l, (votes.get(l) ?? 0) + 1);
      continue;
    }
    if (cur) cur.lines.push(line);
    else header.push(line);
  }
  close();
  return { header: header.join('\n').trim(), sections, headingLangs: votes };
}

export function sectionText(sections: Section[], kind: SectionKind): string {
  return sections
    .filter((s) => s.kind === kind)
    .map((s) => s.text)
    .join('\n\n');
}
