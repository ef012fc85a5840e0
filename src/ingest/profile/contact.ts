import { headingOf } from './sections.js';
import { findDateRanges } from './dates.js';

/**
 * An e-mail address. Every quantifier is bounded (local part 64, labels 63, 8 labels, TLD 24, as
 * RFC 5321 allows) and a match can only start where a local part starts (the look-behind), so a
 * hostile line costs linear time: a run of n address characters is tried once, not n times.
 */
export const EMAIL = /(?<![A-Z0-9._%+-])[A-Z0-9._%+-]{1,64}@(?:[A-Z0-9-]{1,63}\.){1,8}[A-Z]{2,24}/i;
const PHONE = /(?:\+|00)?\(?\d[\d\s().\-/]{6,}\d/g;
/** The parts of a contact line: "Jan de Vries | Developer • Utrecht". Fixed width: no backtracking over runs of spaces. */
export const HEADER_PARTS = /[|•·\t]/;
/** Longest line the header rules look at (a name or contact line is far shorter). */
const MAX_HEADER_LINE = 500;

export function findEmail(text: string): string | null {
  return EMAIL.exec(text)?.[0].toLowerCase() ?? null;
}

/** A phone number: 9–15 digits, not a date range, preferring international or labelled ones. */
export function findPhone(text: string): string | null {
  const now = { y: 2100, m: 1 };
  let best: { s: string; score: number } | null = null;
  for (const m of text.matchAll(PHONE)) {
    const raw = m[0].trim();
    const digits = raw.replace(/\D/g, '');
    if (digits.length < 9 || digits.length > 15) continue;
    if (findDateRanges(raw, now).length > 0) continue;
    if (/^(19|20)\d{2}\D+(19|20)\d{2}$/.test(raw)) continue;
    const before = text.slice(Math.max(0, m.index - 25), m.index).toLowerCase();
    let score = 0;
    if (/^\+|^00|^\(?0/.test(raw)) score += 2;
    if (/(tel|phone|mobile|mobiel|telefon|handy|portable|téléphone|gsm)/.test(before)) score += 3;
    score -= m.index / 10_000;
    if (!best || score > best.score) best = { s: raw.replace(/\s+/g, ' '), score };
  }
  return best?.s ?? null;
}

const NAME_LABEL = /^(?:name|naam|nom|vorname und name|full name)\s*:\s*(.+)$/i;
const LOCATION_LABEL =
  /(?:^|[|•·])\s*(?:location|address|city|residence|adres|woonplaats|wohnort|adresse|anschrift|lieu|ville|domicile)\s*:\s*([^|•·@]+)/i;

function looksLikeName(line: string): boolean {
  const t = line.trim();
  if (!t || t.length > 60 || /[@\d:/]/.test(t) || headingOf(t)) return false;
  const words = t.split(/\s+/);
  if (words.length < 2 || words.length > 5) return false;
  return words.every((w) => /^[\p{Lu}][\p{L}'’.-]*$/u.test(w) || /^(van|de|der|den|von|zu|du|la|le|ten|ter|d'|da|di)$/i.test(w));
}

export function findName(header: string, text: string): string | null {
  for (const line of text.split('\n').slice(0, 40)) {
    const m = NAME_LABEL.exec(line.trim());
    if (m && looksLikeName(m[1]!)) return m[1]!.trim();
  }
  for (const src of [header, text]) {
    for (const line of src.split('\n').slice(0, 12)) {
      // A header line may carry the name first, then a title or contact: "Jan de Vries | Developer".
      const first = line.slice(0, MAX_HEADER_LINE).split(/\s[|•·–—]\s|\t/)[0] ?? '';
      if (looksLikeName(first)) return first.trim();
    }
  }
  return null;
}

export function findLocation(header: string, text: string): string | null {
  for (const src of [header, text]) {
    for (const line of src.split('\n').slice(0, 60)) {
      const m = LOCATION_LABEL.exec(line);
      if (m) return m[1]!.trim().replace(/[.,;]+$/, '');
    }
  }
  // An unlabelled "City, Country" part of a contact line in the header.
  for (const line of header.split('\n').slice(0, 8)) {
    for (const part of line.slice(0, MAX_HEADER_LINE).split(HEADER_PARTS)) {
      const p = part.trim();
      if (p.length <= 50 && /^[\p{Lu}][\p{L}' .-]+,\s*[\p{Lu}][\p{L}' .-]+$/u.test(p)) return p;
    }
  }
  return null;
}
