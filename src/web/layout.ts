import type { Request, Response } from 'express';
import type { User } from '../domain/index.js';
import { can } from '../access/index.js';
import { csrfField } from './forms.js';
import { html, type SafeHtml } from './html.js';
import { LANGS, isKey, translator, type Lang, type T } from './i18n.js';
import { takeFlash, type Flash, type Session } from './session.js';

export type Area = 'candidate' | 'staff';

/** What every page needs: language, translator, session (for CSRF), who is signed in. */
export interface Ctx {
  req: Request;
  res: Response;
  lang: Lang;
  t: T;
  session: Session;
  area: Area;
  user: User | null;
  candidateId: string | null;
}

export function makeCtx(req: Request, res: Response, session: Session, area: Area): Ctx {
  const lang = (res.locals.lang as Lang | undefined) ?? 'en';
  return {
    req,
    res,
    lang,
    t: translator(lang),
    session,
    area,
    user: (res.locals.user as User | undefined) ?? null,
    candidateId: session.kind === 'candidate' ? (session.candidateId ?? null) : null,
  };
}

/** The current URL with ?lang= set (other query parameters kept). */
function langHref(req: Request, lang: Lang): string {
  const u = new URL(req.originalUrl, 'http://x');
  u.searchParams.set('lang', lang);
  return `${u.pathname}${u.search}`;
}

function navLink(c: Ctx, href: string, label: string): SafeHtml {
  const here = c.req.path === href || (href !== '/' && c.req.path.startsWith(`${href}/`) && href !== '/me');
  return html`<li><a href="${href}"${here ? html` aria-current="page"` : ''}>${label}</a></li>`;
}

function nav(c: Ctx): SafeHtml {
  const { t } = c;
  const signOut = (action: string) => html`<li><form method="post" action="${action}" class="inline">${csrfField(c.session)}<button type="submit" class="link">${t('nav.signout')}</button></form></li>`;
  if (c.area === 'staff') {
    if (!c.user) return html`<ul>${navLink(c, '/staff/sign-in', t('nav.signin'))}</ul>`;
    return html`<ul>
      ${can(c.user.role, 'search:run') ? navLink(c, '/staff/search', t('nav.search')) : ''}
      ${navLink(c, '/staff/shortlists', t('nav.shortlists'))}
      ${signOut('/staff/sign-out')}
    </ul>`;
  }
  return html`<ul>
    ${c.candidateId ? '' : navLink(c, '/', t('nav.upload'))}
    ${navLink(c, '/jobs', t('nav.jobs'))}
    ${navLink(c, '/me', t('nav.me'))}
    ${c.candidateId ? html`${navLink(c, '/me/profile', t('nav.profile'))}${navLink(c, '/me/data', t('nav.data'))}${signOut('/me/sign-out')}` : ''}
  </ul>`;
}

export function flashBlock(c: Ctx, f: Flash | null): SafeHtml {
  if (!f) return html``;
  if (f.kind === 'ok') return html`<div class="flash ok" role="status"><p>${f.text}</p></div>`;
  return html`<div class="flash error" role="alert" id="error-summary" tabindex="-1">
    <p class="summary-title"><strong>${c.t('common.errorSummary')}</strong></p>
    <p>${f.text}</p>
    ${f.fields || f.detail?.length ? html`<ul>${Object.entries(f.fields ?? {}).map(([id, msg]) => html`<li><a href="#${id}">${msg}</a></li>`)}${(f.detail ?? []).map((d) => html`<li>${d}</li>`)}</ul>` : ''}
  </div>`;
}

export interface PageOpts {
  title: string;
  body: SafeHtml;
  /** Extra scripts from /static (besides app.js). */
  scripts?: string[];
  flash?: Flash | null;
}

export function layout(c: Ctx, p: PageOpts): string {
  const { t } = c;
  const brand = c.area === 'staff' ? t('app.staff') : t('app.name');
  const flash = p.flash === undefined ? takeFlash(c.session) : p.flash;
  const role = c.user ? `role.${c.user.role}` : '';
  const who = c.user ? t('staff.signedInAs', { name: c.user.name, role: isKey(role) ? t(role) : c.user.role, entities: c.user.entities.join(', ') }) : '';
  return html`<!doctype html>
<html lang="${c.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="${c.session.csrf}">
<title>${p.title} – ${brand}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/static/app.css">
<script src="/static/app.js" defer></script>
${(p.scripts ?? []).map((s) => html`<script src="/static/${s}" defer></script>`)}
</head>
<body class="area-${c.area}">
<a class="skip" href="#main">${t('skip')}</a>
<header class="top">
  <div class="wrap">
    <a class="brand" href="${c.area === 'staff' ? '/staff' : '/'}">${brand}</a>
    <nav aria-label="${t('nav.main')}">${nav(c)}</nav>
    <nav aria-label="${t('lang.label')}" class="langs"><ul>${LANGS.map((l) => html`<li><a href="${langHref(c.req, l)}" lang="${l}" hreflang="${l}"${l === c.lang ? html` aria-current="true"` : ''}>${t(`lang.${l}`)}</a></li>`)}</ul></nav>
  </div>
  ${who ? html`<p class="wrap who">${who}</p>` : ''}
</header>
<main id="main" tabindex="-1" class="wrap">
${flashBlock(c, flash)}
${p.body}
</main>
<footer class="wrap"><p>${c.area === 'staff' ? t('footer.staff') : t('footer.privacy')}</p></footer>
</body>
</html>
`.value;
}

export function send(c: Ctx, status: number, opts: PageOpts): void {
  c.res.status(status).type('html').send(layout(c, opts));
}
