import type { Concept, Job } from '../domain/index.js';
import type { ScorePart } from '../search/index.js';
import { html, type SafeHtml } from './html.js';
import { isKey, type Lang, type T } from './i18n.js';

const LOCALE: Record<Lang, string> = { en: 'en-GB', nl: 'nl-NL' };

export function fmtDate(lang: Lang, iso: string | null | undefined, withTime = false): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(LOCALE[lang], withTime ? { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' } : { dateStyle: 'medium', timeZone: 'UTC' });
}

export function fmtNum(lang: Lang, n: number, digits = 2): string {
  return n.toLocaleString(LOCALE[lang], { minimumFractionDigits: 0, maximumFractionDigits: digits });
}

export function chips(list: readonly (Concept | string)[], cls = ''): SafeHtml {
  if (!list.length) return html``;
  return html`<ul class="chips ${cls}">${list.map((c) => html`<li>${typeof c === 'string' ? c : c.label}</li>`)}</ul>`;
}

/** The named score parts as a small bar list: the same objects that computed the score. */
export function scoreBars(t: T, lang: Lang, parts: readonly ScorePart[]): SafeHtml {
  return html`<ul class="bars">${parts.map((p) => {
    const key = `part.${p.name}`;
    const label = isKey(key) ? t(key) : p.name;
    return html`<li><span class="bar-label">${label}</span><meter min="0" max="1" value="${p.value}" aria-label="${label}">${fmtNum(lang, p.value)}</meter><span class="bar-num">${t('part.value', { value: fmtNum(lang, p.value), weight: fmtNum(lang, p.weight), contribution: fmtNum(lang, p.contribution, 3) })}</span></li>`;
  })}</ul>`;
}

export function yearsWanted(t: T, j: Pick<Job, 'minYears' | 'maxYears'>): string | null {
  if (j.minYears !== null && j.maxYears !== null) return t('jobs.yearsRange', { min: j.minYears, max: j.maxYears });
  if (j.minYears !== null) return t('jobs.yearsMin', { min: j.minYears });
  return null;
}

/** A relative path on this site for a redirect: never another origin. */
export function safeBack(v: unknown, fallback: string, prefixes: readonly string[]): string {
  if (typeof v !== 'string' || !v.startsWith('/') || v.startsWith('//') || v.includes('\\')) return fallback;
  return prefixes.some((p) => v === p || v.startsWith(`${p}/`) || v.startsWith(`${p}?`)) ? v : fallback;
}

export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** A comma- or newline-separated list. */
export function list(v: unknown): string[] {
  return str(v)
    .split(/[,\n;]/)
    .map((x) => x.trim())
    .filter(Boolean);
}
