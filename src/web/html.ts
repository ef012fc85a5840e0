/**
 * The one way pages are written: a tagged template that escapes every interpolation unless it is
 * already SafeHtml (the output of another `html` template). There is no other way to produce
 * SafeHtml from outside this file except `markSnippet`, which escapes first.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type Html = SafeHtml | string | number | null | undefined | false | readonly Html[];

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"'`]/g, (c) => ESC[c]!);
}

function render(v: Html): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof SafeHtml) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  return escapeHtml(String(v));
}

export function html(strings: TemplateStringsArray, ...values: Html[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new SafeHtml(out);
}

/** Joins fragments (each escaped unless SafeHtml). */
export function join(parts: readonly Html[], sep: Html = ''): SafeHtml {
  const s = render(sep);
  return new SafeHtml(parts.map(render).join(s));
}

/** An FTS snippet with hits in [brackets]: escaped first, then the brackets become <mark>. */
export function markSnippet(snippet: string): SafeHtml {
  return new SafeHtml(escapeHtml(snippet).replace(/\[([^[\]]*)\]/g, '<mark>$1</mark>'));
}
