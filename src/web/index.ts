/** The websites: candidate pages (upload, jobs, My JobMatch) and staff pages (search, review, audit). */
export { webRoutes, PAGE_CSP, isPagePath } from './routes.js';
export { SessionStore, SESSION_COOKIE } from './session.js';
export { html, escapeHtml, markSnippet, SafeHtml } from './html.js';
export { redact } from './blind.js';
export { translator, fromAcceptLanguage, LANGS, type Lang } from './i18n.js';
