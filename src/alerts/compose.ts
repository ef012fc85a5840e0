import type { Job } from '../domain/index.js';
import type { OutgoingMail } from './mailer.js';
import type { AlertReasons } from './match.js';
import { TEXTS, langOf } from './texts.js';

export interface MailItem {
  job: Job;
  reasons: AlertReasons;
}

export interface ComposeInput {
  to: string;
  from: string;
  name: string | null;
  /** The language chosen for alerts, else the CV's: the mail is written in it when we have the wording (en, nl, de, fr). */
  language: string;
  items: MailItem[];
  messageId: string;
  unsubscribeUrl: string;
  /** When the job-alert consent in force was given. */
  consentSince: string | null;
  date: Date;
}

const EXCERPT = 300;

function excerpt(s: string): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length <= EXCERPT ? flat : `${flat.slice(0, EXCERPT).replace(/\s+\S*$/, '')} …`;
}

/** The reasons a job matched, as lines built from the stored score parts. */
export function reasonLines(language: string, item: MailItem): string[] {
  const lang = langOf(language);
  const t = TEXTS[lang];
  const num = (v: number): string => new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(v);
  const r = item.reasons;
  const lines: string[] = [];
  const asked = item.job.requiredSkills.length + item.job.niceSkills.length;
  if (asked > 0 && r.matchedSkills.length) lines.push(t.skills(r.matchedSkills.length, asked, r.matchedSkills.join(', ')));
  if (r.missingSkills.length) lines.push(t.missing(r.missingSkills.join(', ')));
  lines.push(t.years(num(r.years), r.minYears !== null ? num(r.minYears) : null, r.maxYears !== null ? num(r.maxYears) : null));
  // The same figure as the website's recommendation (`Match {pct}%` = the score), not the share the cut-off uses.
  lines.push(t.match(Math.round(r.score * 100)));
  return lines;
}

/** One alert (one item) or a digest (several): plain text, with the one-click unsubscribe headers. */
export function composeMail(input: ComposeInput): OutgoingMail {
  const t = TEXTS[langOf(input.language)];
  const one = input.items.length === 1;
  const blocks = input.items.map((it, i) => {
    const head = `${one ? '' : `${i + 1}. `}${it.job.title}${it.job.location ? ` — ${it.job.location}` : ''}`;
    return [head, excerpt(it.job.description), '', t.why, ...reasonLines(input.language, it).map((l) => `  - ${l}`)].join('\n');
  });
  const text = [t.greeting(input.name), '', one ? t.introOne : t.introMany, '', blocks.join('\n\n'), '', '--', t.footer(input.consentSince?.slice(0, 10) ?? null, input.unsubscribeUrl), ''].join('\n');
  return {
    to: input.to,
    from: input.from,
    subject: one ? t.subjectOne(input.items[0]!.job.title) : t.subjectMany(input.items.length),
    text,
    messageId: input.messageId,
    date: input.date,
    listUnsubscribe: input.unsubscribeUrl,
  };
}
