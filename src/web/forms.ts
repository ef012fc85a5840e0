import { html, type SafeHtml } from './html.js';
import type { Session } from './session.js';

export function csrfField(s: Session): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${s.csrf}">`;
}

export interface FieldOpts {
  id: string;
  name?: string;
  label: string;
  value?: string | number | null;
  type?: string;
  hint?: string;
  /** Shown under the field, tied to it with aria-describedby, and aria-invalid set. */
  error?: string | null;
  required?: boolean;
  autocomplete?: string;
  inputmode?: string;
  min?: number;
  max?: number;
  step?: string;
  rows?: number;
  readonly?: boolean;
}

function described(o: FieldOpts): { ids: string; hint: SafeHtml; error: SafeHtml } {
  const ids = [o.hint ? `${o.id}-hint` : '', o.error ? `${o.id}-error` : ''].filter(Boolean).join(' ');
  return {
    ids,
    hint: html`${o.hint ? html`<p class="hint" id="${o.id}-hint">${o.hint}</p>` : ''}`,
    error: html`${o.error ? html`<p class="field-error" id="${o.id}-error">${o.error}</p>` : ''}`,
  };
}

function attrs(o: FieldOpts, ids: string): SafeHtml {
  return html`id="${o.id}" name="${o.name ?? o.id}"${ids ? html` aria-describedby="${ids}"` : ''}${o.error ? html` aria-invalid="true"` : ''}${o.required ? html` required` : ''}${o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ''}${o.readonly ? html` readonly` : ''}`;
}

export function input(o: FieldOpts): SafeHtml {
  const d = described(o);
  const num = html`${o.inputmode ? html` inputmode="${o.inputmode}"` : ''}${o.min !== undefined ? html` min="${o.min}"` : ''}${o.max !== undefined ? html` max="${o.max}"` : ''}${o.step ? html` step="${o.step}"` : ''}`;
  return html`<div class="field${o.error ? ' has-error' : ''}"><label for="${o.id}">${o.label}</label>${d.hint}${d.error}<input type="${o.type ?? 'text'}" ${attrs(o, d.ids)}${num} value="${o.value ?? ''}"></div>`;
}

export function textarea(o: FieldOpts): SafeHtml {
  const d = described(o);
  return html`<div class="field${o.error ? ' has-error' : ''}"><label for="${o.id}">${o.label}</label>${d.hint}${d.error}<textarea ${attrs(o, d.ids)} rows="${o.rows ?? 4}">${o.value ?? ''}</textarea></div>`;
}

export function select(o: FieldOpts & { options: { value: string; label: string }[] }): SafeHtml {
  const d = described(o);
  const cur = o.value === null || o.value === undefined ? '' : String(o.value);
  return html`<div class="field${o.error ? ' has-error' : ''}"><label for="${o.id}">${o.label}</label>${d.hint}${d.error}<select ${attrs(o, d.ids)}>${o.options.map((x) => html`<option value="${x.value}"${x.value === cur ? html` selected` : ''}>${x.label}</option>`)}</select></div>`;
}

export function checkbox(o: FieldOpts & { checked: boolean; value?: string }): SafeHtml {
  const d = described(o);
  return html`<div class="field check${o.error ? ' has-error' : ''}"><input type="checkbox" ${attrs(o, d.ids)} value="${o.value ?? '1'}"${o.checked ? html` checked` : ''}><label for="${o.id}">${o.label}</label>${d.hint}${d.error}</div>`;
}

/** A one-button form (POST with the CSRF token). */
export function postButton(s: Session, action: string, label: string, opts: { hidden?: Record<string, string>; cls?: string; ariaLabel?: string; disabled?: boolean } = {}): SafeHtml {
  return html`<form method="post" action="${action}" class="inline">${csrfField(s)}${Object.entries(opts.hidden ?? {}).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`)}<button type="submit"${opts.cls ? html` class="${opts.cls}"` : ''}${opts.ariaLabel ? html` aria-label="${opts.ariaLabel}"` : ''}${opts.disabled ? html` disabled` : ''}>${label}</button></form>`;
}
