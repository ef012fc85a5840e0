import { can } from '../access/index.js';
import type { Job, User } from '../domain/index.js';
import type { SearchResponseItem } from '../search/index.js';
import type { ShortlistRow } from '../store/index.js';
import { redactSnippet, type Identity } from './blind.js';
import { chips, fmtDate, fmtNum, scoreBars } from './bits.js';
import { checkbox, csrfField, input, postButton, select, textarea } from './forms.js';
import { html, markSnippet, type SafeHtml } from './html.js';
import type { Ctx } from './layout.js';
import type { Flash } from './session.js';

/** What a search page remembers in the session: the form as typed and the ranked results. */
export interface SearchSnapshot {
  form: Record<string, string>;
  jobTitle: string | null;
  total: number;
  eligible: number;
  ranking: 'automated' | 'suspended';
  /** The ranked results without who is who (names are read again when the page is drawn). */
  items: Omit<SearchResponseItem, 'candidate'>[];
  /** Results left out since (erased, objected, consent withdrawn). */
  dropped?: number;
}

export const SEARCH_FIELDS = ['query', 'jobId', 'mustHave', 'mustNot', 'minYears', 'maxYears', 'soft', 'languages', 'location', 'field', 'blind'] as const;

/** Form field id of a SearchRequest issue path. */
export function searchFieldOf(path: string): string | null {
  const last = path.split('.').pop() ?? '';
  if (path === 'query') return 'query';
  if (path === 'jobId') return 'jobId';
  return (SEARCH_FIELDS as readonly string[]).includes(last) ? last : null;
}

export function blindToggle(c: Ctx, back: string): SafeHtml {
  const { t } = c;
  const on = c.session.blind;
  return html`<div class="blind-toggle"><p><strong>${on ? t('search.blindOn') : t('search.blindOff')}</strong></p>${postButton(c.session, '/staff/blind', on ? t('search.blindTurnOff') : t('search.blindTurnOn'), { hidden: { on: on ? '0' : '1', back }, cls: 'secondary' })}</div>`;
}

export function searchForm(c: Ctx, jobs: Job[], values: Record<string, string>, flash: Flash | null): SafeHtml {
  const { t } = c;
  const v = (k: string) => flash?.values?.[k] ?? values[k] ?? '';
  const err = (k: string) => flash?.fields?.[k] ?? null;
  const blind = (flash?.values ?? values).blind !== undefined ? v('blind') === '1' : c.session.blind;
  return html`<form method="post" action="/staff/search" class="card search-form" novalidate aria-labelledby="form-title">
    <h2 id="form-title">${t('search.form')}</h2>
    ${csrfField(c.session)}
    ${textarea({ id: 'query', label: t('search.query'), hint: t('search.queryHint'), value: v('query'), error: err('query'), rows: 2 })}
    ${select({ id: 'jobId', label: t('search.job'), value: v('jobId'), error: err('jobId'), options: [{ value: '', label: t('search.noJob') }, ...jobs.map((j) => ({ value: j.id, label: `${j.title} (${j.entity})` }))] })}
    <fieldset>
      <legend>${t('search.filters')}</legend>
      <div class="grid2">
        ${input({ id: 'mustHave', label: t('search.mustHave'), hint: t('search.listHint'), value: v('mustHave'), error: err('mustHave') })}
        ${input({ id: 'mustNot', label: t('search.mustNot'), hint: t('search.listHint'), value: v('mustNot'), error: err('mustNot') })}
        ${input({ id: 'minYears', label: t('search.minYears'), type: 'number', min: 0, max: 60, step: '0.5', value: v('minYears'), error: err('minYears') })}
        ${input({ id: 'maxYears', label: t('search.maxYears'), type: 'number', min: 0, max: 60, step: '0.5', value: v('maxYears'), error: err('maxYears') })}
      </div>
      ${checkbox({ id: 'soft', label: t('search.soft'), checked: v('soft') === '1' })}
      <div class="grid2">
        ${input({ id: 'languages', label: t('search.languages'), value: v('languages'), error: err('languages') })}
        ${input({ id: 'location', label: t('search.location'), value: v('location'), error: err('location') })}
        ${input({ id: 'field', label: t('search.field'), value: v('field'), error: err('field') })}
      </div>
    </fieldset>
    ${checkbox({ id: 'blind', label: t('search.blind'), checked: blind })}
    <button type="submit" class="primary">${t('search.submit')}</button>
  </form>`;
}

/** The label of a candidate: the name, or "Candidate n" in blind review. */
export function who(c: Ctx, name: string | null | undefined, n: number): string {
  if (c.session.blind) return c.t('search.candidateN', { n });
  return name || `${c.t('search.unnamed')} (${n})`;
}

export function results(c: Ctx, shortlistId: string, snap: SearchSnapshot, items: readonly SearchResponseItem[], dropped: number, identity: (id: string) => Identity): SafeHtml {
  const { t } = c;
  const blind = c.session.blind;
  const reviewHref = `/staff/shortlists/${shortlistId}`;
  return html`<section aria-labelledby="results-title" class="results">
    <h2 id="results-title">${t('search.results')}</h2>
    <p>${t('search.summary', { shown: items.length, eligible: snap.eligible, total: snap.total })}</p>
    ${dropped ? html`<p class="notice" id="results-dropped">${t('search.dropped', { n: dropped })}</p>` : ''}
    ${snap.ranking === 'suspended' ? html`<p class="notice">${t('search.suspended')}</p>` : ''}
    <div class="notice draft"><p>${t('search.draft')}</p><p><a class="button primary" href="${reviewHref}">${t('search.review')}</a></p></div>
    ${blindToggle(c, `/staff/search/${shortlistId}`)}
    ${items.length === 0 ? html`<p>${t('search.none')}</p>` : ''}
    <ol class="list">${items.map((it) => {
      const label = who(c, it.candidate?.name, it.rank);
      const id = identity(it.candidateId);
      const snippet = it.snippet ? (blind ? redactSnippet(it.snippet, id) : it.snippet) : null;
      return html`<li class="card result">
        <h3>${label}</h3>
        <p class="meta">${t('search.rank', { n: it.rank })} · <strong>${t('search.score', { score: fmtNum(c.lang, it.score, 3) })}</strong> · ${t('search.years', { n: fmtNum(c.lang, it.years, 1) })}${!blind && it.candidate?.location ? html` · ${it.candidate.location}` : ''}${it.candidate?.field ? html` · ${it.candidate.field}` : ''}</p>
        <div class="cols">
          <div><h4>${t('search.parts')}</h4>${scoreBars(t, c.lang, it.parts)}</div>
          <div>
            <h4>${t('search.matched')}</h4>${it.matchedSkills.length ? chips(it.matchedSkills, 'ok') : html`<p class="muted">${t('common.none')}</p>`}
            <h4>${t('search.missing')}</h4>${it.missingSkills.length ? chips(it.missingSkills, 'missing') : html`<p class="muted">${t('common.none')}</p>`}
          </div>
        </div>
        ${snippet ? html`<figure class="snippet"><figcaption>${t('search.snippet')}</figcaption><blockquote>${markSnippet(snippet)}</blockquote></figure>` : ''}
        <p><a href="${reviewHref}/candidates/${it.candidateId}">${t('review.open', { who: label })}</a></p>
      </li>`;
    })}</ol>
  </section>`;
}

export function shortlistsPage(c: Ctx, groups: { title: string; rows: (ShortlistRow & { items: number; by: string })[] }[]): SafeHtml {
  const { t } = c;
  // Roles that may not review (admin, privacy) open the audit view of a shortlist instead.
  const canReview = !!c.user && can(c.user.role, 'shortlists:review');
  return html`<h1>${t('lists.title')}</h1>
  ${groups.map(
    (g) => html`<section class="card"><h2>${g.title}</h2>${
      g.rows.length
        ? html`<ul class="plain">${g.rows.map((r) => html`<li><a href="${canReview ? `/staff/shortlists/${r.id}` : `/staff/audit?shortlist=${r.id}`}">${t(`state.${r.state}`)}: ${t('lists.item', { when: fmtDate(c.lang, r.created_at, true), n: r.items, by: r.by })}</a></li>`)}</ul>`
        : html`<p>${t('lists.none')}</p>`
    }</section>`,
  )}
  <form method="get" action="${canReview ? '/staff/shortlists/open' : '/staff/audit'}" class="card inline-form">
    <h2>${t('lists.byId')}</h2>
    ${input({ id: canReview ? 'id' : 'shortlist', label: t('lists.id'), autocomplete: 'off' })}
    <button type="submit">${t('lists.go')}</button>
  </form>`;
}

export type { AuditEventView } from '../privacy/audit-trail.js';

export function staffHome(user: User): string {
  return user.role === 'recruiter' ? '/staff/search' : '/staff/shortlists';
}
