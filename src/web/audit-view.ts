import type { AuditEventView } from '../privacy/audit-trail.js';
import { fmtDate } from './bits.js';
import { html, type SafeHtml } from './html.js';
import { isKey, type T } from './i18n.js';
import type { Ctx } from './layout.js';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const ERASED = /erased:[\w-]+/g;

/** Names the ids an audit event mentions: a candidate label, a user's name, a job title; null when unknown. */
export type Labeller = (id: string) => string | null;

/** An audit action in words ("shortlist.transition" → "State changed"); unknown actions keep their code. */
export function actionLabel(t: T, action: string): string {
  const k = `auditAction.${action}`;
  return isKey(k) ? t(k) : action;
}

/** Ids in a text replaced by what they name; erased candidates by "an erased candidate". */
export function readable(t: T, text: string, label: Labeller): string {
  return text.replace(ERASED, t('audit.erased')).replace(UUID, (id) => label(id) ?? t('audit.unknownId', { id: id.slice(0, 8) }));
}

function value(c: Ctx, key: string, v: unknown, label: Labeller): SafeHtml {
  const { t } = c;
  if (v === null || v === undefined) return html`—`;
  if (typeof v === 'boolean') return html`${t(v ? 'common.yes' : 'common.no')}`;
  if (typeof v === 'number') return html`${v}`;
  if (typeof v === 'string') {
    const st = `state.${v}`;
    if ((key === 'from' || key === 'to' || key === 'state') && isKey(st)) return html`${t(st)}`;
    return html`${readable(t, v, label)}`;
  }
  if (Array.isArray(v)) {
    if (!v.length) return html`${t('common.none')}`;
    return v.every((x) => typeof x !== 'object' || x === null) ? html`${v.map((x, i) => html`${i ? ', ' : ''}${value(c, key, x, label)}`)}` : html`<ol>${v.map((x) => html`<li>${value(c, key, x, label)}</li>`)}</ol>`;
  }
  return details(c, v as Record<string, unknown>, label);
}

/** An event's data as a small list of named values (wraps on a narrow screen), not raw JSON. */
function actorLabel(t: T, actor: string, label: Labeller): string {
  const k = `audit.actor.${actor}`;
  return isKey(k) ? t(k) : readable(t, actor, label);
}

export function details(c: Ctx, data: Record<string, unknown>, label: Labeller): SafeHtml {
  const entries = Object.entries(data ?? {});
  if (!entries.length) return html``;
  return html`<dl class="kv">${entries.map(([k, v]) => {
    const key = `auditKey.${k}`;
    return html`<dt>${isKey(key) ? c.t(key) : k}</dt><dd>${value(c, k, v, label)}</dd>`;
  })}</dl>`;
}

export function auditPage(c: Ctx, shortlistId: string, events: AuditEventView[], label: Labeller): SafeHtml {
  const { t } = c;
  const col = (k: Parameters<T>[0]) => t(k);
  return html`<h1>${t('audit.title')}</h1>
  <p class="lead">${t('audit.intro')}</p>
  <p><a href="/staff/shortlists/${shortlistId}">${t('profileView.backToList')}</a></p>
  ${events.length
    ? html`<div class="table-wrap" tabindex="0" role="region" aria-label="${t('audit.title')}"><table class="audit">
      <thead><tr><th scope="col">#</th><th scope="col">${col('audit.when')}</th><th scope="col">${col('audit.who')}</th><th scope="col">${col('audit.what')}</th><th scope="col">${col('audit.subject')}</th><th scope="col">${col('audit.data')}</th></tr></thead>
      <tbody>${events.map(
        (e) => html`<tr>
          <td data-label="#">${e.seq}</td>
          <td data-label="${col('audit.when')}">${fmtDate(c.lang, e.at, true)}</td>
          <td data-label="${col('audit.who')}">${e.actor ? actorLabel(t, e.actor, label) : '—'}</td>
          <td data-label="${col('audit.what')}"><span class="action" title="${e.action}">${actionLabel(t, e.action)}</span></td>
          <td data-label="${col('audit.subject')}">${e.subject ? (e.subject === shortlistId ? t('audit.thisShortlist') : readable(t, e.subject, label)) : '—'}</td>
          <td data-label="${col('audit.data')}">${details(c, (e.data ?? {}) as Record<string, unknown>, (id) => (id === shortlistId ? t('audit.thisShortlist') : label(id)))}</td>
        </tr>`,
      )}</tbody>
    </table></div>`
    : html`<p>${t('audit.none')}</p>`}`;
}
