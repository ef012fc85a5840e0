/**
 * What gets embedded for a CV or a job. A CV becomes one whole-profile chunk plus one chunk
 * per section that matters for matching (summary, each role, skills). Each chunk carries the
 * English labels of the concepts recognised in it (skills, occupation), so a Dutch, German or
 * French CV shares vocabulary with English jobs even when the model only knows English.
 */
import type { Profile, Role, SkillMention } from '../domain/index.js';
import { englishTitle, foldText } from './titles.js';

export type ChunkKind = 'profile' | 'summary' | 'role' | 'skills';

export interface Chunk {
  kind: ChunkKind;
  /** Position among chunks of the same kind: the role's index in profile.roles, else 0. */
  ordinal: number;
  text: string;
}

export interface ChunkOptions {
  /** Word budget per chunk (USE handles a few hundred words; 512-token models about 350). Default 200. */
  maxWords?: number;
  /** English label for a role title; default: the team's occupation vocabulary. */
  roleTitleLabel?: (title: string) => string | null;
  /** Keep the original wording of non-English CVs next to the English labels. Default true. */
  keepNonEnglishText?: boolean;
}

export const DEFAULT_MAX_WORDS = 200;
const MAX_PROFILE_TITLES = 8;
/**
 * Role chunks per CV: a real CV has well under 30 roles; a hostile one with thousands would
 * otherwise cost an embedding (and an index entry) per role. The first roles are kept (CVs list
 * the latest first).
 */
export const MAX_ROLE_CHUNKS = 30;
const MAX_LABELS = 40;

function words(text: string): string[] {
  return text.split(/\s+/).filter((w) => w !== '');
}

/**
 * At most `maxWords` words; when cutting, ends at the last sentence break in the final 40%
 * of the budget so the chunk does not stop mid-sentence.
 */
export function truncateWords(text: string, maxWords: number): string {
  const w = words(text);
  if (w.length <= maxWords) return w.join(' ');
  if (maxWords <= 0) return '';
  const kept = w.slice(0, maxWords);
  for (let i = kept.length - 1; i >= Math.floor(maxWords * 0.6); i--) {
    if (/[.!?;]$/.test(kept[i] as string)) return kept.slice(0, i + 1).join(' ');
  }
  return kept.join(' ');
}

function unique(items: readonly string[]): string[] {
  const seen = new Set<string>();
  return items.filter((s) => {
    const k = foldText(s);
    if (!k || seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Labels of the skills whose CV wording (or label) occurs in `text`. */
function labelsIn(text: string, skills: readonly SkillMention[]): string[] {
  const folded = foldText(text);
  if (!folded) return [];
  const hits = skills.filter((s) =>
    [s.surface, s.label].some((form) => {
      const f = foldText(form);
      return f !== '' && new RegExp(`(?<![\\p{L}\\p{N}])${escape(f)}(?![\\p{L}\\p{N}])`, 'u').test(folded);
    }),
  );
  return unique(hits.map((s) => s.label));
}

/** "Skills: a, b, c." or '' when there are none. */
function skillsSentence(labels: readonly string[]): string {
  return labels.length ? `Skills: ${labels.slice(0, MAX_LABELS).join(', ')}.` : '';
}

/** Joins a fixed head and tail with a body truncated to what is left of the budget. */
function fit(head: string, body: string, tail: string, maxWords: number): string {
  const budget = Math.max(0, maxWords - words(head).length - words(tail).length);
  const parts = [truncateWords(head, maxWords), truncateWords(body, budget), truncateWords(tail, Math.max(0, maxWords - words(head).length))];
  return parts.filter((p) => p !== '').join(' ');
}

function titleWithLabel(title: string, label: (t: string) => string | null): string {
  const t = title.trim();
  const en = t ? label(t) : null;
  return en && foldText(en) !== foldText(t) ? `${t} (${en})` : t;
}

function roleText(role: Role): string {
  return [role.title, role.description].join(' ');
}

/** The chunks to embed for one CV; chunks with no text are left out. */
export function profileChunks(profile: Profile, opts: ChunkOptions = {}): Chunk[] {
  const maxWords = opts.maxWords ?? DEFAULT_MAX_WORDS;
  const label = opts.roleTitleLabel ?? englishTitle;
  const keepText = opts.keepNonEnglishText ?? true;
  const original = (text: string) => (keepText || profile.language === 'en' ? text : '');
  const skills = profile.skills;
  const allLabels = unique(skills.map((s) => s.label));
  const chunks: Chunk[] = [];

  const summary = (profile.summary ?? profile.sections.find((s) => s.kind === 'summary')?.text ?? '').trim();
  const titles = unique(profile.roles.map((r) => titleWithLabel(r.title, label))).slice(0, MAX_PROFILE_TITLES);
  const head = [profile.field ? `${profile.field.label}.` : '', titles.length ? `${titles.join('; ')}.` : ''].filter(Boolean).join(' ');
  const whole = fit(`${head} ${skillsSentence(allLabels)}`.trim(), original(summary), '', maxWords);
  if (whole) chunks.push({ kind: 'profile', ordinal: 0, text: whole });

  if (summary) {
    const text = fit('', original(summary), skillsSentence(labelsIn(summary, skills)), maxWords);
    if (text) chunks.push({ kind: 'summary', ordinal: 0, text });
  }

  profile.roles.slice(0, MAX_ROLE_CHUNKS).forEach((role, i) => {
    const title = titleWithLabel(role.title, label);
    const head = title ? `${title}.` : '';
    const text = fit(head, original(role.description.trim()), skillsSentence(labelsIn(roleText(role), skills)), maxWords);
    if (text) chunks.push({ kind: 'role', ordinal: i, text });
  });

  const skillsSection = profile.sections
    .filter((s) => s.kind === 'skills')
    .map((s) => s.text.trim())
    .join(' ');
  const skillsText = fit(skillsSentence(allLabels), original(skillsSection), '', maxWords);
  if (skillsText) chunks.push({ kind: 'skills', ordinal: 0, text: skillsText });

  return chunks;
}

/** A job as the embedder needs it; the lead maps the Job type onto this. */
export interface JobInput {
  title: string;
  description: string;
  /** English concept labels of the job's skills (e.g. from the taxonomy). */
  skills?: readonly string[];
  /** English occupation/field label, if known. */
  field?: string | null;
}

export type JobChunkKind = 'job' | 'description' | 'skills';

export interface JobChunk {
  kind: JobChunkKind;
  ordinal: number;
  text: string;
}

export interface JobChunkOptions {
  maxWords?: number;
  roleTitleLabel?: (title: string) => string | null;
  /** At most this many description windows. Default 4. */
  maxDescriptionChunks?: number;
}

/**
 * The chunks to embed for a job: the whole job ('job': title with its English label, field,
 * skills, start of the description), the description in windows of maxWords ('description'),
 * and the skills list ('skills').
 */
export function jobChunks(job: JobInput, opts: JobChunkOptions = {}): JobChunk[] {
  const maxWords = opts.maxWords ?? DEFAULT_MAX_WORDS;
  const label = opts.roleTitleLabel ?? englishTitle;
  const labels = unique(job.skills ?? []);
  const title = titleWithLabel(job.title, label);
  const head = [title ? `${title}.` : '', job.field && foldText(job.field) !== foldText(job.title) ? `${job.field}.` : '', skillsSentence(labels)]
    .filter(Boolean)
    .join(' ');
  const chunks: JobChunk[] = [];
  const whole = fit(head, job.description, '', maxWords);
  if (whole) chunks.push({ kind: 'job', ordinal: 0, text: whole });

  // Longer descriptions also get windows of up to maxWords, cut at sentence ends where possible.
  let rest = words(job.description);
  if (rest.length > maxWords) {
    const limit = opts.maxDescriptionChunks ?? 4;
    for (let i = 0; i < limit && rest.length > 0; i++) {
      const text = truncateWords(rest.join(' '), maxWords);
      chunks.push({ kind: 'description', ordinal: i, text });
      rest = rest.slice(words(text).length);
    }
  }
  if (labels.length) chunks.push({ kind: 'skills', ordinal: 0, text: skillsSentence(labels) });
  return chunks;
}
