/**
 * The wording of alert mails, in the language the candidate chose for them, else the language of
 * their CV (English when not one of these).
 */
export const MAIL_LANGS = ['en', 'nl', 'de', 'fr'] as const;
export type MailLang = (typeof MAIL_LANGS)[number];

export interface MailTexts {
  subjectOne(title: string): string;
  subjectMany(n: number): string;
  greeting(name: string | null): string;
  introOne: string;
  introMany: string;
  why: string;
  skills(matched: number, asked: number, list: string): string;
  missing(list: string): string;
  years(years: string, min: string | null, max: string | null): string;
  /** The match figure the website shows for the same job (`Match {pct}%`: the recommendation score). */
  match(pct: number): string;
  footer(since: string | null, url: string): string;
}

export const TEXTS: Record<MailLang, MailTexts> = {
  en: {
    subjectOne: (t) => `New vacancy for you: ${t}`,
    subjectMany: (n) => `${n} new vacancies for you`,
    greeting: (n) => (n ? `Hello ${n},` : 'Hello,'),
    introOne: 'A new vacancy was published that fits your profile:',
    introMany: 'These new vacancies fit your profile:',
    why: 'Why it matched:',
    skills: (m, a, l) => `you have ${m} of the ${a} skills it asks for: ${l}`,
    missing: (l) => `not in your profile: ${l}`,
    years: (y, min, max) => `${y} years of experience${min ? `; it asks at least ${min}` : ''}${max ? `${min ? ' and' : '; it asks'} at most ${max}` : ''}`,
    match: (p) => `match: ${p}%`,
    footer: (since, url) =>
      `You receive this because you agreed to job alerts${since ? ` on ${since}` : ''}.\nStop them with one click, no login needed:\n${url}`,
  },
  nl: {
    subjectOne: (t) => `Nieuwe vacature voor u: ${t}`,
    subjectMany: (n) => `${n} nieuwe vacatures voor u`,
    greeting: (n) => (n ? `Beste ${n},` : 'Beste kandidaat,'),
    introOne: 'Er is een nieuwe vacature gepubliceerd die bij uw profiel past:',
    introMany: 'Deze nieuwe vacatures passen bij uw profiel:',
    why: 'Waarom deze vacature past:',
    skills: (m, a, l) => `u hebt ${m} van de ${a} gevraagde vaardigheden: ${l}`,
    missing: (l) => `niet in uw profiel: ${l}`,
    years: (y, min, max) => `${y} jaar ervaring${min ? `; gevraagd is minstens ${min} jaar` : ''}${max ? `${min ? ' en' : '; gevraagd is'} hoogstens ${max} jaar` : ''}`,
    match: (p) => `match: ${p}%`,
    footer: (since, url) =>
      `U ontvangt deze e-mail omdat u toestemming gaf voor vacature-alerts${since ? ` op ${since}` : ''}.\nAfmelden met één klik, zonder in te loggen:\n${url}`,
  },
  de: {
    subjectOne: (t) => `Neue Stelle für Sie: ${t}`,
    subjectMany: (n) => `${n} neue Stellen für Sie`,
    greeting: (n) => (n ? `Guten Tag ${n},` : 'Guten Tag,'),
    introOne: 'Eine neu ausgeschriebene Stelle passt zu Ihrem Profil:',
    introMany: 'Diese neuen Stellen passen zu Ihrem Profil:',
    why: 'Warum sie passt:',
    skills: (m, a, l) => `Sie bringen ${m} von ${a} gesuchten Kenntnissen mit: ${l}`,
    missing: (l) => `nicht in Ihrem Profil: ${l}`,
    years: (y, min, max) => `${y} Jahre Berufserfahrung${min ? `; gefordert sind mindestens ${min}` : ''}${max ? `${min ? ' und' : '; gefordert sind'} höchstens ${max}` : ''}`,
    match: (p) => `Übereinstimmung: ${p} %`,
    footer: (since, url) =>
      `Sie erhalten diese E-Mail, weil Sie Stellen-Benachrichtigungen zugestimmt haben${since ? ` (am ${since})` : ''}.\nMit einem Klick abbestellen, ohne Anmeldung:\n${url}`,
  },
  fr: {
    subjectOne: (t) => `Nouvelle offre pour vous : ${t}`,
    subjectMany: (n) => `${n} nouvelles offres pour vous`,
    greeting: (n) => (n ? `Bonjour ${n},` : 'Bonjour,'),
    introOne: 'Une nouvelle offre d’emploi correspond à votre profil :',
    introMany: 'Ces nouvelles offres correspondent à votre profil :',
    why: 'Pourquoi elle correspond :',
    skills: (m, a, l) => `vous avez ${m} des ${a} compétences demandées : ${l}`,
    missing: (l) => `absentes de votre profil : ${l}`,
    years: (y, min, max) => `${y} ans d’expérience${min ? ` ; l’offre demande au moins ${min} ans` : ''}${max ? `${min ? ' et' : ' ; l’offre demande'} au plus ${max} ans` : ''}`,
    match: (p) => `correspondance : ${p} %`,
    footer: (since, url) =>
      `Vous recevez ce message parce que vous avez accepté les alertes emploi${since ? ` le ${since}` : ''}.\nDésinscription en un clic, sans connexion :\n${url}`,
  },
};

export function langOf(cvLanguage: string): MailLang {
  return cvLanguage === 'nl' || cvLanguage === 'de' || cvLanguage === 'fr' ? cvLanguage : 'en';
}
