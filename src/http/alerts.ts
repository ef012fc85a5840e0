/**
 * Job-alert routes.
 *  - /api/alerts/unsubscribe?token=… is public: the token in the mail is the credential (HMAC of
 *    the candidate id, see alerts/unsubscribe.ts). POST withdraws the job-alert consent and
 *    cancels the queued alerts — what a mail client's one-click (RFC 8058 List-Unsubscribe-Post)
 *    and the confirmation page's button send. GET only shows that page (or the state as JSON):
 *    link scanners and previews fetch URLs with GET, and must not unsubscribe anyone.
 *  - /api/me/alerts reads and sets the candidate's preferences (instant or daily digest, daily
 *    cap) with the candidate's own token. Mounted before meRoutes, whose /api/me catch-all
 *    answers 404.
 * Mounting these routes also starts the alert sender's timer: the process that serves the
 * unsubscribe links is the one that sends the mails carrying them.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import express, { Router, type Request, type Response } from 'express';
import { perCallerLimiter } from './rate-limit.js';
import { z } from 'zod';
import { AlertPreferencesInput } from '../alerts/index.js';
import { AppError } from '../domain/index.js';
import type { Services } from '../services.js';
import { candidateAuth } from './me.js';

const TokenQuery = z.object({ token: z.string().min(1).max(200) });

type PageLang = 'en' | 'nl' | 'de' | 'fr';
const PAGE: Record<PageLang, { title: string; ask: string; button: string; done: string; already: string; sending: string }> = {
  en: {
    title: 'Job alerts',
    ask: 'Do you want to stop receiving job alerts? Your consent is withdrawn and alerts not yet sent are cancelled.',
    button: 'Stop job alerts',
    done: 'Done: you will receive no more job alerts.',
    already: 'You receive no job alerts.',
    sending: 'One alert was already being sent at that moment and may still reach you; it is the last one.',
  },
  nl: {
    title: 'Vacature-alerts',
    ask: 'Wilt u geen vacature-alerts meer ontvangen? Uw toestemming wordt ingetrokken en nog niet verzonden alerts worden geannuleerd.',
    button: 'Stop vacature-alerts',
    done: 'Gelukt: u ontvangt geen vacature-alerts meer.',
    already: 'U ontvangt geen vacature-alerts.',
    sending: 'Er werd op dat moment al een alert verzonden; die kan u nog bereiken. Het is de laatste.',
  },
  de: {
    title: 'Stellen-Benachrichtigungen',
    ask: 'Möchten Sie keine Stellen-Benachrichtigungen mehr erhalten? Ihre Einwilligung wird widerrufen, noch nicht versandte Benachrichtigungen werden storniert.',
    button: 'Benachrichtigungen beenden',
    done: 'Erledigt: Sie erhalten keine Stellen-Benachrichtigungen mehr.',
    already: 'Sie erhalten keine Stellen-Benachrichtigungen.',
    sending: 'Eine Benachrichtigung war in diesem Moment bereits im Versand und kann Sie noch erreichen; es ist die letzte.',
  },
  fr: {
    title: 'Alertes emploi',
    ask: 'Voulez-vous ne plus recevoir d’alertes emploi ? Votre consentement est retiré et les alertes pas encore envoyées sont annulées.',
    button: 'Arrêter les alertes',
    done: 'C’est fait : vous ne recevrez plus d’alertes emploi.',
    already: 'Vous ne recevez pas d’alertes emploi.',
    sending: 'Une alerte était déjà en cours d’envoi à ce moment et peut encore vous parvenir ; c’est la dernière.',
  },
};

const esc = (s: string): string => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function page(lang: PageLang, body: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${esc(PAGE[lang].title)}</title></head><body><h1>${esc(PAGE[lang].title)}</h1>${body}</body></html>`;
}

export function alertRoutes(s: Services): Router {
  const r = Router();
  s.alerts.start();
  const limiter = perCallerLimiter(s.config.rateLimitPerMinute, (_req, res) => res.locals.candidateId as string | undefined);

  /** The candidate behind the link; a token we did not make is a 404 (nothing tells which part was wrong). */
  const target = (req: Request): { id: string; token: string; lang: PageLang; subscribed: boolean } => {
    const { token } = TokenQuery.parse(req.query);
    const id = s.alerts.candidateOfToken(token);
    if (!id) throw new AppError('not_found', 'This unsubscribe link is not valid.');
    const c = s.candidates.getAny(id);
    const want = c ? (s.alerts.preferences(id).language ?? c.language) : 'en';
    const lang = (['nl', 'de', 'fr'] as const).find((l) => l === want);
    return { id, token, lang: lang || 'en', subscribed: !!c && s.candidates.hasConsent(id, 'job_alerts') };
  };
  const wantsHtml = (req: Request): boolean => req.accepts(['json', 'html']) === 'html';
  const html = (res: Response, body: string): void => {
    res.type('html').setHeader('Cache-Control', 'no-store');
    res.send(body);
  };

  r.get('/api/alerts/unsubscribe', limiter, (req, res) => {
    const t = target(req);
    if (!wantsHtml(req)) {
      res.json({ subscribed: t.subscribed, unsubscribe: { method: 'POST', url: req.originalUrl } });
      return;
    }
    const p = PAGE[t.lang];
    const form = `<form method="post" action="/api/alerts/unsubscribe?token=${esc(encodeURIComponent(t.token))}"><button type="submit">${esc(p.button)}</button></form>`;
    html(res, page(t.lang, t.subscribed ? `<p>${esc(p.ask)}</p>${form}` : `<p>${esc(p.already)}</p>`));
  });

  r.post('/api/alerts/unsubscribe', limiter, express.urlencoded({ extended: false, limit: '1kb' }), (req, res) => {
    const t = target(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const via = body['List-Unsubscribe'] === 'One-Click' ? 'one-click' : 'link';
    const result = s.alerts.unsubscribe(t.id, via);
    const p = PAGE[t.lang];
    if (wantsHtml(req)) html(res, page(t.lang, `<p>${esc(p.done)}</p>${result.alreadySending ? `<p>${esc(p.sending)}</p>` : ''}`));
    else res.json({ unsubscribed: true, withdrawn: result.withdrawn, cancelled: result.cancelled, alreadySending: result.alreadySending });
  });

  r.use('/api/me/alerts', candidateAuth(s), limiter);
  const view = (id: string): Record<string, unknown> => ({
    consent: s.candidates.hasConsent(id, 'job_alerts'),
    preferences: s.alerts.preferences(id),
    queued: s.alerts.outbox.ofCandidate(id).filter((o) => o.sentAt === null).length,
    unsubscribeUrl: s.alerts.unsubscribeUrl(id),
  });
  r.get('/api/me/alerts', (_req, res) => {
    res.json(view(res.locals.candidateId as string));
  });
  r.put('/api/me/alerts', (req, res) => {
    const input = AlertPreferencesInput.parse(req.body);
    const id = res.locals.candidateId as string;
    if (!s.candidates.getAny(id)) throw new AppError('unauthorized', 'This access token no longer belongs to a candidate.');
    s.alerts.setPreferences(id, input);
    res.json(view(id));
  });
  return r;
}

/** The alert routes in the OpenAPI document (for openapi.ts to call). */
export function registerAlertsOpenApi(reg: OpenAPIRegistry): void {
  const json = { content: { 'application/json': { schema: z.object({}).passthrough() } } };
  const query = TokenQuery;
  reg.registerPath({ method: 'get', path: '/api/alerts/unsubscribe', summary: 'The unsubscribe confirmation page (HTML) or the alert state (JSON); changes nothing', request: { query }, responses: { 200: { description: 'Page or state', ...json }, 404: { description: 'Not a valid link', ...json } } });
  reg.registerPath({ method: 'post', path: '/api/alerts/unsubscribe', summary: 'One-click unsubscribe (RFC 8058): withdraws the job-alert consent, cancels queued alerts (alreadySending counts a mail being handed to the mail server at that moment, which may still arrive); idempotent', request: { query }, responses: { 200: { description: 'Unsubscribed', ...json }, 404: { description: 'Not a valid link', ...json } } });
  const security = [{ candidateToken: [] }];
  reg.registerPath({ method: 'get', path: '/api/me/alerts', summary: 'Your job-alert consent, preferences and queued alerts', security, responses: { 200: { description: 'OK', ...json }, 401: { description: 'No or a wrong token', ...json } } });
  reg.registerPath({ method: 'put', path: '/api/me/alerts', summary: 'Set instant alerts or a daily digest, the daily cap, and the language of the mails (null: the CV language)', security, request: { body: { content: { 'application/json': { schema: AlertPreferencesInput } } } }, responses: { 200: { description: 'OK', ...json }, 400: { description: 'Invalid', ...json }, 401: { description: 'No or a wrong token', ...json } } });
}
