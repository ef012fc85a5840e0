import { can } from '../access/index.js';
import type { Candidate, Job } from '../domain/index.js';
import { PROFILE_PARTS, type ProfilePart, type ShortlistItemView, type ShortlistView } from '../review/index.js';
import { HIDDEN, headerWords, hideEducationYears, hideYears, redact } from './blind.js';
import { chips, fmtDate, fmtNum } from './bits.js';
import { csrfField, postButton, textarea } from './forms.js';
import { html, type SafeHtml } from './html.js';
import { isKey, type T } from './i18n.js';
import type { Ctx } from './layout.js';
import type { Flash } from './session.js';
import { blindToggle, who } from './staff-views.js';

export interface Approval {
  by: string;
  at: string;
  flags: string[];
}

/** A gate warning or flag ("code: English detail") in the page's language. */
export function gateNote(t: T, raw: string): string {
  const [code, ...rest] = raw.split(':');
  const key = `warn.${code}`;
  if (!isKey(key)) return raw;
  const n = /(\d+)/.exec(rest.join(':'))?.[1] ?? '';
  return t(key, { n });
}

function scoreOf(item: ShortlistItemView): number | null {
  const sc = item.score as { score?: unknown } | null;
  return typeof sc?.score === 'number' ? sc.score : null;
}

export function labelOf(c: Ctx, item: Pick<ShortlistItemView, 'engineRank' | 'position'>, cand: Candidate | null): string {
  return who(c, cand?.profile.name, item.engineRank ?? item.position);
}

export function shortlistPage(c: Ctx, v: ShortlistView, opts: { job: Job | null; createdBy: string; approval: Approval | null; people: Map<string, Candidate | null> }): SafeHtml {
  const { t } = c;
  const u = c.user!;
  const base = `/staff/shortlists/${v.id}`;
  const editable = v.state === 'draft' || v.state === 'in_review';
  const items = [...v.items].sort((a, b) => a.position - b.position);
  const approved = v.state === 'approved';
  return html`<h1>${t('review.title')}</h1>
  <p class="meta"><span class="badge state-${v.state}">${t(`state.${v.state}`)}</span>${opts.job ? html` · ${t('review.job', { title: opts.job.title })}` : ''} · ${t('review.createdBy', { name: opts.createdBy, at: fmtDate(c.lang, v.createdAt, true) })}</p>
  ${v.warnings.length ? html`<section class="notice warn" aria-labelledby="warn-title"><h2 id="warn-title">${t('review.warnings')}</h2><ul>${v.warnings.map((w) => html`<li>${gateNote(t, w)}</li>`)}</ul></section>` : ''}
  ${opts.approval ? html`<section class="notice ok" aria-labelledby="appr-title"><h2 id="appr-title">${t('review.approvedBy', { name: opts.approval.by, at: fmtDate(c.lang, opts.approval.at, true) })}</h2>${opts.approval.flags.length ? html`<p>${t('review.flags')}:</p><ul>${opts.approval.flags.map((f) => html`<li>${gateNote(t, f)} <span class="muted">(${f})</span></li>`)}</ul>` : ''}</section>` : ''}
  ${v.state === 'draft' ? html`<section class="card"><p>${t('review.startHint')}</p>${postButton(c.session, `${base}/start`, t('review.start'), { cls: 'primary' })}</section>` : ''}
  ${blindToggle(c, base)}
  <h2>${t('review.candidates')}</h2>
  <ol class="list review-items">${items.map((it, i) => {
    const cand = opts.people.get(it.candidateId) ?? null;
    const label = labelOf(c, it, cand);
    const score = scoreOf(it);
    const d = it.decision;
    return html`<li class="card item" id="item-${it.candidateId}">
      <div class="item-head">
        <h3>${label}</h3>
        ${editable
          ? html`<div class="move">${postButton(c.session, `${base}/move`, t('review.up'), { hidden: { cid: it.candidateId, dir: 'up' }, ariaLabel: t('review.moveUp', { who: label }), disabled: i === 0, cls: 'secondary small' })}${postButton(c.session, `${base}/move`, t('review.down'), { hidden: { cid: it.candidateId, dir: 'down' }, ariaLabel: t('review.moveDown', { who: label }), disabled: i === items.length - 1, cls: 'secondary small' })}</div>`
          : ''}
      </div>
      <p class="meta">${t('review.position')} ${it.position} · ${it.engineRank !== null ? html`${t('review.engineRank')} ${it.engineRank} (${it.aboveCut ? t('review.aboveCut') : t('review.belowCut')})` : t('review.addedByHand')}${score !== null ? html` · ${t('search.score', { score: fmtNum(c.lang, score, 3) })}` : ''}</p>
      <p class="decision">${t('review.decision')}: ${d ? html`<strong class="dec-${d.decision}">${t(d.decision === 'advance' ? 'review.advanced' : 'review.declined')}</strong>${d.override ? html` (${t('review.override')})` : ''}${d.reason ? html` — ${t('review.reasonShown', { reason: d.reason })}` : ''}` : html`<em>${t('review.undecided')}</em>`}</p>
      <p class="muted">${it.viewedParts.length ? t('review.viewed', { parts: it.viewedParts.map((p) => partLabel(t, p)).join(', ') }) : t('review.notViewed')}</p>
      <p><a class="button" href="${base}/candidates/${it.candidateId}">${t('review.open', { who: label })}</a></p>
    </li>`;
  })}</ol>
  ${v.state === 'in_review' && can(u.role, 'shortlists:approve')
    ? html`<section class="card" aria-labelledby="approve-title">
      <h2 id="approve-title">${t('review.approve')}</h2>
      <p>${t('review.approveHint')}</p>
      ${postButton(c.session, `${base}/approve`, t('review.approve'), { cls: 'primary' })}
      <form method="post" action="${base}/reject" class="reject" novalidate>${csrfField(c.session)}
        ${textarea({ id: 'reject-reason', name: 'reason', label: t('review.rejectReason'), rows: 2, error: null })}
        <button type="submit" class="secondary">${t('review.reject')}</button>
      </form>
    </section>`
    : ''}
  <section class="card" aria-labelledby="export-title">
    <h2 id="export-title">${t('review.export')}</h2>
    ${approved
      ? html`<p class="actions"><a class="button" id="export-csv" href="${base}/export?format=csv" download>${t('review.exportCsv')}</a> <a class="button" id="export-json" href="${base}/export?format=json" download>${t('review.exportJson')}</a></p>`
      : html`<p id="export-locked">${t('review.exportLocked')}</p><p class="actions"><button type="button" id="export-csv" disabled aria-describedby="export-locked">${t('review.exportCsv')}</button> <button type="button" id="export-json" disabled aria-describedby="export-locked">${t('review.exportJson')}</button></p>`}
  </section>
  ${can(u.role, 'audit:read') ? html`<p><a href="/staff/audit?shortlist=${v.id}">${t('review.audit')}</a></p>` : ''}`;
}

function partLabel(t: T, p: string): string {
  const k = `profileView.part.${p}`;
  return isKey(k) ? t(k) : p;
}

export function profilePartPage(
  c: Ctx,
  v: ShortlistView,
  item: ShortlistItemView,
  cand: Candidate,
  part: ProfilePart,
  cvText: string | null,
  nav: { prev: string | null; next: string | null },
  flash: Flash | null,
): SafeHtml {
  const { t } = c;
  const base = `/staff/shortlists/${v.id}`;
  const here = `${base}/candidates/${item.candidateId}`;
  const label = labelOf(c, item, cand);
  const p = cand.profile;
  const blind = c.session.blind;
  const idn = { name: p.name, email: p.email, phone: p.phone, location: p.location, language: p.language, extra: blind ? headerWords(cvText ?? '', p) : [] };
  const txt = (s: string) => (blind ? redact(s, idn) : s);
  let content: SafeHtml;
  switch (part) {
    case 'experience':
      content = html`<p>${t('common.years', { n: fmtNum(c.lang, p.yearsExperience, 1) })}</p><ol class="plain roles">${p.roles.map((r) => html`<li><h3>${r.title}${r.employer ? html` — ${r.employer}` : ''}</h3><p class="meta">${r.start} – ${r.end ?? '…'}</p>${r.description ? html`<p>${txt(r.description)}</p>` : ''}</li>`)}</ol>`;
      break;
    case 'skills':
      content = chips(p.skills);
      break;
    case 'education':
      // Blind review: no graduation years (they tell the age), and the texts are redacted like the rest.
      content = p.education.length
        ? html`<ul>${p.education.map((e) => (blind ? html`<li>${hideYears(txt(e.degree))}${e.institution ? html`, ${hideYears(txt(e.institution))}` : ''}</li>` : html`<li>${e.degree}${e.institution ? html`, ${e.institution}` : ''}${e.end ? html` (${e.end})` : ''}</li>`))}</ul>`
        : html`<p>${t('common.none')}</p>`;
      break;
    case 'cv':
      content = html`<pre class="cv-text">${blind ? redact(hideEducationYears(cvText ?? '', p.sections), idn) : (cvText ?? '')}</pre>`;
      break;
    default:
      content = html`<dl class="facts">
        <dt>${t('profile.name')}</dt><dd>${blind ? HIDDEN : (p.name ?? '—')}</dd>
        <dt>${t('profile.location')}</dt><dd>${blind ? HIDDEN : (p.location ?? '—')}</dd>
        <dt>${t('jobs.years')}</dt><dd>${t('common.years', { n: fmtNum(c.lang, p.yearsExperience, 1) })}</dd>
        <dt>${t('profile.field')}</dt><dd>${p.field?.label ?? '—'}</dd>
        <dt>${t('profileView.languages')}</dt><dd>${p.spokenLanguages.join(', ') || '—'}</dd>
      </dl>${p.summary ? html`<h3>${t('profileView.summary')}</h3><p>${txt(p.summary)}</p>` : ''}`;
  }
  const reasonErr = flash?.fields?.reason ?? null;
  const chosen = flash?.values?.decision ?? item.decision?.decision ?? '';
  return html`<p><a href="${base}">${t('profileView.backToList')}</a></p>
  <h1>${t('profileView.title')}: ${label}</h1>
  ${blindToggle(c, `${here}?part=${part}`)}
  <nav aria-label="${t('profileView.parts')}" class="tabs"><ul>${PROFILE_PARTS.map((x) => html`<li><a href="${here}?part=${x}"${x === part ? html` aria-current="page"` : ''}>${partLabel(t, x)}</a></li>`)}</ul></nav>
  <section class="card" aria-labelledby="part-title"><h2 id="part-title">${partLabel(t, part)}</h2>${content}<p class="muted">${t('profileView.recorded')}</p></section>
  <section class="card" aria-labelledby="decide-title">
    <h2 id="decide-title">${t('profileView.decide')}</h2>
    ${v.state === 'in_review'
      ? html`<form method="post" action="${here}/decision" novalidate>
        ${csrfField(c.session)}
        <input type="hidden" name="part" value="${part}">
        <fieldset><legend>${t('review.decision')}</legend>
          <div class="field check"><input type="radio" id="decision-advance" name="decision" value="advance"${chosen === 'advance' ? html` checked` : ''}><label for="decision-advance">${t('review.advance')}</label></div>
          <div class="field check"><input type="radio" id="decision-decline" name="decision" value="decline"${chosen === 'decline' ? html` checked` : ''}><label for="decision-decline">${t('review.decline')}</label></div>
        </fieldset>
        ${textarea({ id: 'reason', label: t('profileView.reason'), hint: t('profileView.reasonHint'), value: flash?.values?.reason ?? '', error: reasonErr, rows: 3 })}
        <button type="submit" class="primary">${t('profileView.submit')}</button>
      </form>`
      : html`<p>${t('profileView.noDecide')}</p>`}
  </section>
  <nav class="pager" aria-label="${t('review.candidates')}">
    ${nav.prev ? html`<a href="${nav.prev}" rel="prev">${t('review.prev')}</a>` : ''}
    ${nav.next ? html`<a href="${nav.next}" rel="next">${t('review.next')}</a>` : ''}
  </nav>`;
}
