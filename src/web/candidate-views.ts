import { ENTITIES, type Candidate, type Entity, type Job } from '../domain/index.js';
import { CONSENT_PURPOSES, type ConsentState } from '../privacy/index.js';
import { consentWording } from '../privacy/consent-wording.js';
import type { RecommendedJob } from '../search/recommend.js';
import { chips, fmtDate, fmtNum, scoreBars, yearsWanted } from './bits.js';
import { checkbox, csrfField, input, postButton, select, textarea } from './forms.js';
import { html, type SafeHtml } from './html.js';
import type { Ctx } from './layout.js';
import type { Flash } from './session.js';

export function entityOptions(c: Ctx): { value: string; label: string }[] {
  return ENTITIES.map((e) => ({ value: e, label: c.t(`entity.${e}`) }));
}

export function uploadPage(c: Ctx, maxBytes: number): SafeHtml {
  const { t } = c;
  const mb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
  const msg = (k: Parameters<typeof t>[0]) => t(k, { mb, type: '{type}', message: '{message}', pct: '{pct}', name: '{name}' });
  return html`<h1>${t('upload.title')}</h1>
  <p class="lead">${t('upload.intro')}</p>
  <form id="upload-form" class="card" method="post" action="/api/candidates" enctype="multipart/form-data" novalidate
    data-msg-e415="${msg('upload.err.415')}" data-msg-e413="${msg('upload.err.413')}" data-msg-e422="${msg('upload.err.422')}"
    data-msg-e400="${msg('upload.err.400')}" data-msg-e403="${msg('upload.err.403')}" data-msg-empty="${msg('upload.err.empty')}" data-msg-nothing="${msg('upload.err.nothing')}"
    data-msg-e429="${msg('upload.err.429')}" data-msg-other="${msg('upload.err.other')}"
    data-msg-network="${msg('upload.err.network')}" data-msg-nofile="${msg('upload.noFile')}" data-msg-uploading="${msg('upload.uploading')}"
    data-msg-reading="${msg('upload.reading')}" data-msg-chosen="${msg('upload.chosen')}" data-msg-done="${msg('upload.done')}">
    <input type="hidden" name="strict" value="true">
    <input type="hidden" name="consentLang" value="${c.lang}">
    ${select({ id: 'entity', label: t('entity.label'), options: entityOptions(c), value: 'NL' })}
    <div class="field" id="file-field">
      <label class="dropzone" id="dropzone" for="cv-file">
        <span class="drop-title">${t('upload.file', { mb })}</span>
        <span class="drop-help">${t('upload.drop')}</span>
        <span class="drop-chosen" id="file-chosen"></span>
      </label>
      <input type="file" id="cv-file" name="file" class="file-input" accept=".pdf,.docx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document" required aria-describedby="upload-error">
      <p class="field-error" id="upload-error" role="alert" hidden></p>
    </div>
    <fieldset>
      <legend>${t('upload.consents')}</legend>
      <p>${t('upload.recruitment')}</p>
      <blockquote class="wording" lang="${c.lang}">${consentWording('recruitment', c.lang)}</blockquote>
      ${checkbox({ id: 'consentJobAlerts', label: t('upload.alerts'), hint: t('upload.alertsHint'), checked: false, value: 'true' })}
      <details class="wording"><summary>${t('upload.wording')}</summary><blockquote>${consentWording('job_alerts', c.lang)}</blockquote></details>
      ${checkbox({ id: 'consentProfiling', label: t('upload.profiling'), hint: t('upload.profilingHint'), checked: false, value: 'true' })}
      <details class="wording"><summary>${t('upload.wording')}</summary><blockquote>${consentWording('profiling', c.lang)}</blockquote></details>
    </fieldset>
    <button type="submit" id="upload-submit" class="primary">${t('upload.submit')}</button>
    <div class="progress-row"><progress id="upload-progress" max="100" value="0" hidden aria-label="${t('upload.progress')}"></progress>
    <p id="upload-status" role="status" aria-live="polite"></p></div>
  </form>
  <section id="upload-done" class="card done" hidden tabindex="-1" aria-labelledby="done-title">
    <p class="ok-line">${t('upload.done')}</p>
    <h2 id="done-title">${t('upload.linkTitle')}</h2>
    <div id="done-link">
      <p>${t('upload.linkHelp')}</p>
      <div class="field"><label for="access-link">${t('upload.linkLabel')}</label>
        <div class="copy-row"><input id="access-link" type="text" readonly><button type="button" id="copy-link">${t('upload.copy')}</button></div>
        <p id="copy-status" role="status" data-msg="${t('upload.copied')}"></p>
      </div>
      <form method="post" action="/me/session">${csrfField(c.session)}<input type="hidden" name="token" id="access-token" value=""><input type="hidden" name="next" value="/me/profile"><button type="submit" class="primary">${t('upload.continue')}</button></form>
    </div>
    <p id="done-already" hidden>${t('upload.already')}</p>
  </section>`;
}

export function jobCard(c: Ctx, j: Job, extra: SafeHtml = html``, headingLevel: 2 | 3 = 2): SafeHtml {
  const { t } = c;
  const years = yearsWanted(t, j);
  const title = html`<a href="/jobs/${j.id}">${j.title}</a>`;
  return html`<article class="card job">
    ${headingLevel === 2 ? html`<h2>${title}</h2>` : html`<h3>${title}</h3>`}
    <p class="meta">${j.entity}${j.location ? html` · ${t('jobs.location')}: ${j.location}` : ''}${years ? html` · ${t('jobs.years')}: ${years}` : ''}</p>
    ${extra}
  </article>`;
}

export function jobsPage(c: Ctx, q: { entity: Entity; q: string; page: number }, jobs: Job[], total: number, hasMore: boolean): SafeHtml {
  const { t } = c;
  const href = (page: number) => `/jobs?${new URLSearchParams({ entity: q.entity, ...(q.q ? { q: q.q } : {}), page: String(page) }).toString()}`;
  return html`<h1>${t('jobs.title')}</h1>
  <p class="lead">${t('jobs.intro')}</p>
  <form method="get" action="/jobs" class="card inline-form" role="search" aria-label="${t('jobs.search')}">
    ${select({ id: 'entity', label: t('entity.label'), options: entityOptions(c), value: q.entity })}
    ${input({ id: 'q', label: t('jobs.q'), value: q.q, type: 'search' })}
    <button type="submit">${t('jobs.submit')}</button>
  </form>
  <p>${t('jobs.count', { n: total })}</p>
  ${jobs.length ? html`<div class="list">${jobs.map((j) => jobCard(c, j, html`<p>${excerpt(j.description)}</p>${chips(j.requiredSkills)}`))}</div>` : html`<p>${t('jobs.none')}</p>`}
  <nav class="pager" aria-label="${t('common.page', { n: q.page })}">
    ${q.page > 1 ? html`<a href="${href(q.page - 1)}" rel="prev">${t('common.previous')}</a>` : ''}
    <span>${t('common.page', { n: q.page })}</span>
    ${hasMore ? html`<a href="${href(q.page + 1)}" rel="next">${t('common.next')}</a>` : ''}
  </nav>`;
}

function excerpt(s: string, n = 240): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}

export function jobPage(c: Ctx, j: Job): SafeHtml {
  const { t } = c;
  const years = yearsWanted(t, j);
  return html`<h1>${j.title}</h1>
  <p class="meta">${j.entity}${j.location ? html` · ${t('jobs.location')}: ${j.location}` : ''}</p>
  <dl class="facts">
    ${years ? html`<dt>${t('jobs.years')}</dt><dd>${years}</dd>` : ''}
    ${j.languages.length ? html`<dt>${t('jobs.languages')}</dt><dd>${j.languages.join(', ')}</dd>` : ''}
  </dl>
  ${j.requiredSkills.length ? html`<h2>${t('jobs.required')}</h2>${chips(j.requiredSkills)}` : ''}
  ${j.niceSkills.length ? html`<h2>${t('jobs.nice')}</h2>${chips(j.niceSkills)}` : ''}
  <div class="prose">${j.description.split(/\n{2,}/).map((p) => html`<p>${p}</p>`)}</div>
  <p><a href="/jobs?entity=${j.entity}">${t('me.allJobs')}</a></p>`;
}

export function meSignInPage(c: Ctx, error: string | null): SafeHtml {
  const { t } = c;
  return html`<h1>${t('signin.me.title')}</h1>
  <p class="lead">${t('signin.me.intro')}</p>
  <form method="post" action="/me/session" class="card" id="me-signin">
    ${csrfField(c.session)}
    ${input({ id: 'token', label: t('signin.me.token'), error, autocomplete: 'off', required: true })}
    <button type="submit" class="primary">${t('signin.submit')}</button>
  </form>
  <p><a href="/">${t('nav.upload')}</a> · <a href="/jobs">${t('nav.jobs')}</a></p>`;
}

export type RecsState = { kind: 'objected' } | { kind: 'no_consent' } | { kind: 'ok'; items: RecommendedJob[] };

export function mePage(c: Ctx, cand: Candidate, recs: RecsState): SafeHtml {
  const { t } = c;
  const p = cand.profile;
  let recBlock: SafeHtml;
  if (recs.kind === 'objected') recBlock = html`<p>${t('me.recsObjected')}</p>`;
  else if (recs.kind === 'no_consent') recBlock = html`<p>${t('me.recsNoConsent')}</p>${postButton(c.session, '/me/consents/profiling/give', t('me.recsTurnOn'), { hidden: { back: '/me' } })}`;
  else if (!recs.items.length) recBlock = html`<p>${t('me.recsNone')}</p>`;
  else {
    recBlock = html`<p>${t('me.recsIntro')}</p><ol class="list recs">${recs.items.map((r) => {
      const want = yearsWanted(t, r.job);
      const why = html`<p class="score">${t('me.match', { pct: Math.round(r.score * 100) })}</p>
        <details><summary>${t('me.why')}</summary>${scoreBars(t, c.lang, r.parts)}</details>
        ${r.matchedSkills.length ? html`<p class="label">${t('me.matched')}</p>${chips(r.matchedSkills, 'ok')}` : ''}
        ${r.missingSkills.length ? html`<p class="label">${t('me.missing')}</p>${chips(r.missingSkills, 'missing')}` : ''}
        <p>${t('me.experience', { years: fmtNum(c.lang, r.years, 1), want: want ?? t('me.anyYears') })}</p>`;
      return html`<li>${jobCard(c, r.job, why, 3)}</li>`;
    })}</ol>`;
  }
  return html`<h1>${p.name ? t('me.hello', { name: p.name }) : t('me.helloAnon')}</h1>
  <section class="card" aria-labelledby="sum-title">
    <h2 id="sum-title">${t('me.profileSummary')}</h2>
    <dl class="facts">
      ${p.location ? html`<dt>${t('profile.location')}</dt><dd>${p.location}</dd>` : ''}
      <dt>${t('jobs.years')}</dt><dd>${t('common.years', { n: fmtNum(c.lang, p.yearsExperience, 1) })}</dd>
      ${p.field ? html`<dt>${t('profile.field')}</dt><dd>${p.field.label}</dd>` : ''}
    </dl>
    ${chips(p.skills.slice(0, 20))}
    <p><a href="/me/profile">${t('me.editProfile')}</a></p>
  </section>
  <section aria-labelledby="recs-title">
    <h2 id="recs-title">${t('me.recs')}</h2>
    ${recBlock}
    <p><a class="button" href="/jobs?entity=${cand.entity}">${t('me.allJobs')}</a></p>
  </section>`;
}

/** Form field ids of the profile form, by the RectifyPatch path they correct. */
export function profileFieldOf(path: string, roleIndex: readonly number[] = []): string | null {
  const m = /^roles\.(\d+)\.(title|employer|start|end|description)/.exec(path);
  if (m) return `role-${m[2]}-${roleIndex[Number(m[1])] ?? m[1]}`;
  const top: Record<string, string> = { name: 'name', email: 'email', phone: 'phone', location: 'location', skills: 'skills', spokenLanguages: 'languages', roles: 'role-title-0' };
  return top[path.split('.')[0]!] ?? null;
}

export function profilePage(c: Ctx, cand: Candidate, flash: Flash | null): SafeHtml {
  const { t } = c;
  const p = cand.profile;
  const err = (id: string) => flash?.fields?.[id] ?? null;
  const val = (id: string, fallback: string | null) => flash?.values?.[id] ?? fallback ?? '';
  const roles = [...p.roles, null];
  const roleCount = flash?.values?.role_count ? Number(flash.values.role_count) : roles.length;
  const roleSet = Array.from({ length: Math.max(roleCount, roles.length) }, (_, i) => roles[i] ?? null);
  return html`<h1>${t('profile.title')}</h1>
  <p class="lead">${t('profile.intro')}</p>
  <p class="muted">${t('profile.file', { name: cand.fileName })} · ${t('profile.years', { n: fmtNum(c.lang, p.yearsExperience, 1) })}${p.field ? html` · ${t('profile.field')}: ${p.field.label}` : ''}</p>
  <form method="post" action="/me/profile" class="card" novalidate>
    ${csrfField(c.session)}
    <input type="hidden" name="role_count" value="${roleSet.length}">
    <div class="grid2">
      ${input({ id: 'name', label: t('profile.name'), value: val('name', p.name), error: err('name'), autocomplete: 'name' })}
      ${input({ id: 'email', label: t('profile.email'), value: val('email', p.email), error: err('email'), type: 'email', autocomplete: 'email' })}
      ${input({ id: 'phone', label: t('profile.phone'), value: val('phone', p.phone), error: err('phone'), type: 'tel', autocomplete: 'tel' })}
      ${input({ id: 'location', label: t('profile.location'), value: val('location', p.location), error: err('location'), autocomplete: 'address-level2' })}
    </div>
    ${textarea({ id: 'skills', label: t('profile.skills'), hint: t('profile.skillsHint'), value: val('skills', p.skills.map((s) => s.label).join(', ')), error: err('skills'), rows: 4 })}
    ${input({ id: 'languages', label: t('profile.languages'), hint: t('profile.languagesHint'), value: val('languages', p.spokenLanguages.join(', ')), error: err('languages') })}
    <h2>${t('profile.roles')}</h2>
    ${roleSet.map((r, i) => {
      const v = (k: string, fb: string | null) => val(`role-${k}-${i}`, fb);
      return html`<fieldset class="role">
        <legend>${r ? t('profile.role', { n: i + 1 }) : t('profile.newRole')}</legend>
        <div class="grid2">
          ${input({ id: `role-title-${i}`, label: t('profile.roleTitle'), value: v('title', r?.title ?? null), error: err(`role-title-${i}`) })}
          ${input({ id: `role-employer-${i}`, label: t('profile.employer'), value: v('employer', r?.employer ?? null), error: err(`role-employer-${i}`) })}
          ${input({ id: `role-start-${i}`, label: t('profile.start'), value: v('start', r?.start ?? null), error: err(`role-start-${i}`), inputmode: 'numeric' })}
          ${input({ id: `role-end-${i}`, label: t('profile.end'), value: v('end', r?.end ?? null), error: err(`role-end-${i}`), inputmode: 'numeric' })}
        </div>
        ${textarea({ id: `role-description-${i}`, label: t('profile.description'), value: v('description', r?.description ?? null), error: err(`role-description-${i}`), rows: 3 })}
        ${r ? checkbox({ id: `role-remove-${i}`, label: t('profile.removeRole'), checked: flash?.values?.[`role-remove-${i}`] === '1' }) : ''}
      </fieldset>`;
    })}
    <button type="submit" class="primary">${t('common.save')}</button>
  </form>
  ${p.education.length ? html`<section class="card"><h2>${t('profile.education')}</h2><ul>${p.education.map((e) => html`<li>${e.degree}${e.institution ? html`, ${e.institution}` : ''}${e.end ? html` (${e.end})` : ''}</li>`)}</ul></section>` : ''}`;
}

export interface AlertsView {
  mode: 'instant' | 'daily';
  dailyCap: number;
  /** The mails' language; null: the CV's. */
  language: string | null;
}

/** The languages job-alert mails exist in, each named in itself. */
const MAIL_LANG_NAMES: Record<string, string> = { en: 'English', nl: 'Nederlands', de: 'Deutsch', fr: 'Français' };

/** Job alerts on "My data": on or off (the consent), and how they come (instant or a daily digest, at most n a day). */
function alertsSection(c: Ctx, on: boolean, prefs: AlertsView, flash: Flash | null): SafeHtml {
  const { t } = c;
  const err = (id: string) => flash?.fields?.[id] ?? null;
  const mode = flash?.values?.mode ?? prefs.mode;
  const radio = (value: 'instant' | 'daily', label: string) =>
    html`<div class="field check"><input type="radio" id="alerts-mode-${value}" name="mode" value="${value}"${mode === value ? html` checked` : ''}><label for="alerts-mode-${value}">${label}</label></div>`;
  return html`<section class="card" aria-labelledby="alerts-title" id="job-alerts">
    <h2 id="alerts-title">${t('alerts.title')}</h2>
    <p id="alerts-state">${on ? t('alerts.on') : t('alerts.off')}</p>
    ${on
      ? html`<form method="post" action="/me/alerts" novalidate>
        ${csrfField(c.session)}
        <fieldset><legend>${t('alerts.mode')}</legend>
          ${radio('instant', t('alerts.instant'))}
          ${radio('daily', t('alerts.daily'))}
        </fieldset>
        ${input({ id: 'alerts-cap', name: 'dailyCap', label: t('alerts.cap'), hint: t('alerts.capHint'), type: 'number', min: 1, max: 50, step: '1', inputmode: 'numeric', value: flash?.values?.dailyCap ?? prefs.dailyCap, error: err('alerts-cap') })}
        ${select({ id: 'alerts-language', name: 'language', label: t('alerts.language'), value: flash?.values?.language ?? prefs.language ?? '', options: [{ value: '', label: t('alerts.languageCv') }, ...Object.entries(MAIL_LANG_NAMES).map(([value, label]) => ({ value, label }))] })}
        <button type="submit" class="primary">${t('alerts.save')}</button>
      </form>
      ${postButton(c.session, '/me/consents/job_alerts/withdraw', t('alerts.stop'), { cls: 'secondary' })}`
      : postButton(c.session, '/me/consents/job_alerts/give', t('alerts.start'), { cls: 'secondary' })}
  </section>`;
}

export function dataPage(c: Ctx, consents: ConsentState, alerts: AlertsView, flash: Flash | null): SafeHtml {
  const { t } = c;
  const s = c.session;
  const eraseErr = flash?.fields?.['confirm-erase'] ?? null;
  return html`<h1>${t('data.title')}</h1>
  <p class="lead">${t('data.intro')}</p>
  <section class="card" aria-labelledby="dl-title">
    <h2 id="dl-title">${t('data.download')}</h2>
    <p>${t('data.downloadIntro')}</p>
    <ul class="actions">
      <li><a class="button" href="/me/data/export.json" download>${t('data.all')}</a></li>
      <li><a class="button" href="/me/data/resume.json" download>${t('data.resume')}</a></li>
      <li><a class="button" href="/me/data/cv" download>${t('data.file')}</a></li>
    </ul>
  </section>
  <section class="card" aria-labelledby="consent-title">
    <h2 id="consent-title">${t('data.consents')}</h2>
    <table>
      <thead><tr><th scope="col">${t('data.purpose')}</th><th scope="col">${t('data.state')}</th><th scope="col"><span class="sr-only">${t('data.withdraw')}</span></th></tr></thead>
      <tbody>${CONSENT_PURPOSES.map((purpose) => {
        const label = t(`data.purpose.${purpose}`);
        const on = consents.inForce[purpose];
        const rec = [...consents.records].reverse().find((r) => r.purpose === purpose);
        return html`<tr>
          <th scope="row">${label}<details class="wording"><summary>${t(rec ? 'data.wordingAgreed' : 'upload.wording')}</summary><blockquote>${rec?.wording ?? consentWording(purpose, c.lang)}</blockquote></details></th>
          <td>${on ? t('data.on', { at: fmtDate(c.lang, rec?.givenAt) }) : t('data.off')}</td>
          <td>${on ? postButton(s, `/me/consents/${purpose}/withdraw`, t('data.withdraw'), { ariaLabel: `${t('data.withdraw')}: ${label}` }) : postButton(s, `/me/consents/${purpose}/give`, t('data.give'), { ariaLabel: `${t('data.give')}: ${label}` })}</td>
        </tr>`;
      })}</tbody>
    </table>
  </section>
  ${alertsSection(c, consents.inForce.job_alerts, alerts, flash)}
  <section class="card" aria-labelledby="object-title">
    <h2 id="object-title">${t('data.object')}</h2>
    ${consents.objectedAt ? html`<p>${t('data.objected', { at: fmtDate(c.lang, consents.objectedAt) })}</p>` : html`<p>${t('data.objectIntro')}</p>${postButton(s, '/me/object', t('data.objectButton'))}`}
  </section>
  <section class="card danger" aria-labelledby="erase-title">
    <h2 id="erase-title">${t('data.erase')}</h2>
    <p>${t('data.eraseIntro')}</p>
    <form method="post" action="/me/erase" novalidate>
      ${csrfField(s)}
      ${checkbox({ id: 'confirm-erase', name: 'confirm', label: t('data.eraseConfirm'), checked: false, error: eraseErr, required: true })}
      <button type="submit" class="danger">${t('data.eraseButton')}</button>
    </form>
  </section>`;
}
