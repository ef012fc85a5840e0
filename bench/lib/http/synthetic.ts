/**
 * Synthetic but plausible candidates for the HTTP bench: profiles and CV texts in en/nl/de/fr
 * built from the team vocabulary (src/taxonomy/terms.ts) and the fixture word lists, years
 * spread over 0–30, entities NL/DE/FR, spoken languages. Deterministic for a seed. Profiles are
 * built directly (no parsing), so 100,000 of them take seconds, not hours.
 */
import crypto from 'node:crypto';
import { CITIES, FIRST_NAMES, GENERIC_EMPLOYERS, FIELD_EMPLOYERS, SURNAMES } from '../../../fixtures/lib/vocab/people.js';
import { FIELD_PROFILES } from '../../../fixtures/lib/vocab/fields.js';
import type { Concept, Entity, Profile, Role, Section, SkillMention } from '../../../src/domain/index.js';
import { DEFAULT_CONSENT } from '../../../src/ingest/pipeline.js';
import type { NewCandidate } from '../../../src/store/index.js';
import { LANGUAGE_NAMES, MONTHS, OCCUPATION_TERMS, PRESENT_WORDS, SECTION_HEADINGS, SKILL_TERMS, phraseKey, type Lang, type Vocabulary } from '../../../src/taxonomy/index.js';
import { createRng, type Rng } from '../prng.js';

export const UPLOAD_DATE = '2026-06-15';
export const FIELDS = Object.keys(FIELD_PROFILES);
const ENTITIES: Entity[] = ['NL', 'DE', 'FR'];
const NATIVE: Record<Entity, Lang> = { NL: 'nl', DE: 'de', FR: 'fr' };

export interface SynthCandidate {
  field: string;
  input: NewCandidate;
}

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[rng.int(xs.length)]!;
const cap = (s: string): string => (s ? s[0]!.toUpperCase() + s.slice(1) : s);
const shortLabel = (label: string): string => label.replace(/ \(computer programming\)$/, '');

function pickSome<T>(rng: Rng, xs: readonly T[], k: number): T[] {
  const a = [...xs];
  for (let i = 0; i < Math.min(k, a.length); i++) {
    const j = i + rng.int(a.length - i);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, Math.min(k, a.length));
}

/** The word a CV in `lang` uses for a skill (as the relevance corpus does). */
export function skillSurface(label: string, lang: Lang): string {
  const t = SKILL_TERMS.find((x) => x.label === label);
  if (!t) return shortLabel(label);
  const translated = t.nl || t.de || t.fr;
  if (!translated) return shortLabel(label);
  return (lang === 'en' ? t.en?.[0] : t[lang]?.[0]) ?? label;
}

/** Resolves skill labels and fields to the vocabulary's concept ids (ESCO URIs when ESCO is loaded). */
export class ConceptLookup {
  private readonly skills = new Map<string, Concept>();
  constructor(private readonly vocab: Vocabulary) {}

  skill(label: string): Concept {
    let c = this.skills.get(label);
    if (!c) {
      const s = this.vocab.surfaces.get(phraseKey(label))?.find((x) => x.source === 'team') ?? this.vocab.surfaces.get(phraseKey(label))?.[0];
      c = s ? s.concept : { id: `jm:${label}`, label };
      this.skills.set(label, c);
    }
    return c;
  }

  field(name: string): Concept | null {
    return this.vocab.fields.find((f) => f.field === name)?.concept ?? null;
  }
}

function titleFor(rng: Rng, field: string, lang: Lang, years: number): string {
  const occ = OCCUPATION_TERMS.find((o) => o.field === field)!;
  const forms = lang === 'en' ? [occ.label, ...(occ.en ?? [])] : (occ[lang] ?? [occ.label]);
  let t = cap(pick(rng, forms));
  if (lang === 'en' && FIELD_PROFILES[field]!.seniority) t = years >= 8 ? `Senior ${t}` : years < 2 ? `Junior ${t}` : t;
  return t;
}

const month = (lang: Lang, m: number): string => cap(MONTHS[lang][m]![0]!);
const ym = (lang: Lang, idx: number): string => `${month(lang, idx % 12)} ${Math.floor(idx / 12)}`;
const heading = (k: keyof typeof SECTION_HEADINGS, lang: Lang): string => cap(SECTION_HEADINGS[k][lang][0]!);

const SUMMARY: Record<Lang, (title: string, years: number, a: string, b: string, work: string) => string> = {
  en: (t, y, a, b, w) => `${t} with ${y} years of experience in ${a} and ${b}. Responsible for ${w}; calm under pressure and a clear communicator.`,
  nl: (t, y, a, b, w) => `${t} met ${y} jaar ervaring in ${a} en ${b}. Verantwoordelijk voor ${w}; rustig onder druk en duidelijk in communicatie.`,
  de: (t, y, a, b, w) => `${t} mit ${y} Jahren Erfahrung in ${a} und ${b}. Verantwortlich für ${w}; belastbar und klar in der Kommunikation.`,
  fr: (t, y, a, b, w) => `${t} avec ${y} ans d'expérience en ${a} et ${b}. Responsable ${w} ; calme sous pression et bon communicant.`,
};
const ROLE: Record<Lang, (work: string, skills: string) => string> = {
  en: (w, s) => `Worked on ${w} with ${s}. Improved daily processes together with colleagues and stakeholders.`,
  nl: (w, s) => `Werkte aan ${w} met ${s}. Verbeterde dagelijkse processen samen met collega's en stakeholders.`,
  de: (w, s) => `Arbeit an ${w} mit ${s}. Verbesserung der täglichen Abläufe gemeinsam mit Kollegen.`,
  fr: (w, s) => `Travail sur ${w} avec ${s}. Amélioration des processus quotidiens avec les collègues.`,
};

/** One synthetic candidate (index i of a run seeded with `seed`). */
export function makeCandidate(i: number, rng: Rng, lookup: ConceptLookup): SynthCandidate {
  const entity = ENTITIES[i % 3]!;
  const lang: Lang = rng.next() < 0.55 ? NATIVE[entity] : 'en';
  const country = rng.next() < 0.1 ? 'UK' : entity;
  const field = pick(rng, FIELDS);
  const fp = FIELD_PROFILES[field]!;
  // More juniors than seniors, 0–30 years.
  const years = Math.round(Math.min(30, rng.next() ** 1.4 * 31) * 10) / 10;
  const first = pick(rng, rng.next() < 0.5 ? FIRST_NAMES[country].female : FIRST_NAMES[country].male);
  const name = `${first} ${pick(rng, SURNAMES[country])}`;
  const email = `${name.toLowerCase().normalize('NFD').replace(/[^a-z]+/g, '.')}.${i}@example.org`;
  const city = pick(rng, CITIES[entity === 'NL' ? 'NL' : entity]);
  const skillLabels = [...new Set([...fp.core, ...pickSome(rng, fp.pool, 4 + rng.int(7))])];
  const skills: SkillMention[] = skillLabels.map((l) => ({ ...lookup.skill(l), surface: skillSurface(l, lang) }));
  const surfaces = skills.map((s) => s.surface);
  const work = fp.work[lang];

  // Roles back from the upload month, adding up to the years of experience.
  const nowIdx = Number(UPLOAD_DATE.slice(0, 4)) * 12 + 5;
  const total = Math.max(1, Math.round(years * 12));
  const nRoles = years < 1 ? 1 : 1 + rng.int(Math.min(4, Math.ceil(years / 3)));
  const roles: Role[] = [];
  let end = nowIdx;
  let left = total;
  for (let r = 0; r < nRoles; r++) {
    const len = r === nRoles - 1 ? left : Math.max(1, Math.round(left * (0.3 + rng.next() * 0.4)));
    const start = end - len + 1;
    const employers = FIELD_EMPLOYERS[field] ?? GENERIC_EMPLOYERS;
    const roleSkills = pickSome(rng, surfaces, 2 + rng.int(3)).join(', ');
    roles.push({
      title: titleFor(rng, field, lang, (years * (nRoles - r)) / nRoles),
      employer: pick(rng, employers),
      start: `${Math.floor(start / 12)}-${String((start % 12) + 1).padStart(2, '0')}`,
      end: r === 0 ? null : `${Math.floor(end / 12)}-${String((end % 12) + 1).padStart(2, '0')}`,
      description: ROLE[lang](work, roleSkills),
    });
    left -= len;
    end = start - 1;
    if (left <= 0) break;
  }
  const present = PRESENT_WORDS[lang][0]!;
  const summary = SUMMARY[lang](roles[0]!.title, Math.round(years), surfaces[0] ?? work, surfaces[1] ?? work, work);
  const spoken = [...new Set([NATIVE[entity], ...(rng.next() < 0.8 ? ['en'] : []), ...(rng.next() < 0.3 ? [pick(rng, ['de', 'fr', 'es', 'nl'])] : [])])];
  const degree = pick(rng, fp.degrees).names[lang][0]!;

  const expText = roles
    .map((r) => {
      const [sy, sm] = r.start.split('-').map(Number) as [number, number];
      const to = r.end ? ym(lang, Number(r.end.slice(0, 4)) * 12 + Number(r.end.slice(5)) - 1) : cap(present);
      return `${r.title}, ${r.employer}\n${ym(lang, sy * 12 + sm - 1)} - ${to}\n${r.description}`;
    })
    .join('\n\n');
  const langText = spoken.map((l) => cap(LANGUAGE_NAMES[l]?.[lang]?.[0] ?? l)).join(', ');
  const sections: Section[] = [
    { kind: 'summary', heading: heading('summary', lang), text: summary },
    { kind: 'experience', heading: heading('experience', lang), text: expText },
    { kind: 'skills', heading: heading('skills', lang), text: surfaces.join(', ') },
    { kind: 'languages', heading: heading('languages', lang), text: langText },
    { kind: 'education', heading: heading('education', lang), text: degree },
  ];
  const text = [name, email, city, '', ...sections.flatMap((s) => [s.heading, s.text, ''])].join('\n');
  const profile: Profile = {
    name,
    email,
    phone: null,
    location: city,
    language: lang,
    summary,
    sections,
    roles,
    yearsExperience: years,
    education: [{ degree, institution: null, start: null, end: null }],
    spokenLanguages: spoken,
    skills,
    field: lookup.field(field),
  };
  const bytes = Buffer.from(text, 'utf8');
  return {
    field,
    input: {
      entity,
      fileSha256: crypto.createHash('sha256').update(bytes).digest('hex'),
      fileKind: 'txt',
      fileName: `synthetic-${i}.txt`,
      fileSize: bytes.byteLength,
      uploadedAt: `${UPLOAD_DATE}T09:00:00.000Z`,
      text,
      profile,
      consents: [DEFAULT_CONSENT],
    },
  };
}

export function* candidates(n: number, seed: number, lookup: ConceptLookup): Generator<SynthCandidate> {
  const rng = createRng(seed);
  for (let i = 0; i < n; i++) yield makeCandidate(i, rng, lookup);
}

/** A recruiter's search as the API takes it. */
export interface QueryBody {
  query: string;
  filters?: { mustHave?: string[]; minYears?: number };
  limit: number;
}

const QUERY_TEMPLATES: ((t: string, a: string, b: string, y: number, city: string) => string)[] = [
  (t, a, b) => `${t} with ${a} and ${b}`,
  (t, a, b, y) => `${t}, ${y}+ years of ${a}`,
  (t, a, b) => `experienced ${t} ${a} ${b}`,
  (t, a, b, _y, city) => `${t} in ${city} who knows ${a}`,
  (t, a) => `looking for a ${t} strong in ${a}, team player`,
];
const NL_TEMPLATES: ((t: string, a: string) => string)[] = [(t, a) => `${t} met ervaring in ${a}`];
const DE_TEMPLATES: ((t: string, a: string) => string)[] = [(t, a) => `${t} mit Erfahrung in ${a}`];

/**
 * `n` distinct recruiter searches: free text built from titles and skills (mostly English, some
 * Dutch and German), a quarter with a must-have skill, a quarter with a minimum of years.
 */
export function queries(n: number, seed: number): QueryBody[] {
  const rng = createRng(seed);
  const seen = new Set<string>();
  const out: QueryBody[] = [];
  for (let guard = 0; out.length < n && guard < n * 50; guard++) {
    const field = pick(rng, FIELDS);
    const occ = OCCUPATION_TERMS.find((o) => o.field === field)!;
    const fp = FIELD_PROFILES[field]!;
    const [a, b] = pickSome(rng, fp.pool, 2).map((l) => skillSurface(l, 'en'));
    const y = 2 + rng.int(9);
    const r = rng.next();
    let text: string;
    if (r < 0.1 && occ.nl?.length) text = pick(rng, NL_TEMPLATES)(pick(rng, occ.nl), skillSurface(pickSome(rng, fp.pool, 1)[0]!, 'nl'));
    else if (r < 0.2 && occ.de?.length) text = pick(rng, DE_TEMPLATES)(pick(rng, occ.de), skillSurface(pickSome(rng, fp.pool, 1)[0]!, 'de'));
    else text = pick(rng, QUERY_TEMPLATES)(pick(rng, [occ.label, ...(occ.en ?? [])]), a ?? field, b ?? field, y, pick(rng, CITIES[pick(rng, ENTITIES)]));
    if (seen.has(text)) continue;
    seen.add(text);
    const body: QueryBody = { query: text, limit: 20 };
    const f = rng.next();
    if (f < 0.25) body.filters = { mustHave: [a ?? field] };
    else if (f < 0.5) body.filters = { minYears: y };
    out.push(body);
  }
  return out;
}
