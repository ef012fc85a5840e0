import type { Concept } from '../domain/index.js';
import { OCCUPATION_TERMS, SKILL_TERMS, type Lang } from './terms.js';
import { phraseKey, tokenize } from './tokens.js';

export type ConceptSource = 'team' | 'esco' | 'onet';

export interface Surface {
  concept: Concept;
  source: ConceptSource;
  /** When set, the text must show this exact casing (or all capitals): "Go", "Swift", "REST". */
  exactCase?: string;
  /** Matches only inside a skills section (generic one-word labels from the large vocabularies). */
  skillsSectionOnly?: boolean;
}

/** Surface forms that are also ordinary words: matched only with the casing given here. */
const EXACT_CASE = new Set(['Go', 'Swift', 'Rust', 'Spring', 'Node', 'REST', 'Spark', 'Excel', 'R', 'C', 'SAP', 'Chef', 'Puppet', 'Perl', 'Ruby', 'Scala', 'Bash', 'Figma']);
/** O*NET "hot technologies" that are not skills a recruiter searches for. */
const ONET_SKIP = new Set(['facebook', 'instagram', 'linkedin', 'tiktok', 'zoom', 'slack', 'chef', 'c', 'r', 'analyze']);
/** Tool names that are also common in other roles ("SAS" is a French company form): only inside a skills section. */
const ONET_SKILLS_SECTION_ONLY = new Set(['sas', 'go', 'puppet', 'swift']);

export interface EscoData {
  /** English preferred label → ESCO URI (skills). */
  skillUris: Map<string, string>;
  /** ESCO skills with their synonyms (alt labels), for the cross-sector subset. */
  skillAltLabels: { uri: string; label: string; alts: string[] }[];
  /** Language-skill URIs, left to the languages extractor rather than skills. */
  languageSkillUris: Set<string>;
  /** English occupation label → ESCO URI. */
  occupationUris: Map<string, string>;
}

export interface Vocabulary {
  /** phrase key → surfaces (first wins). */
  surfaces: Map<string, Surface[]>;
  maxTokens: number;
  /** concept id → English label */
  labels: Map<string, string>;
  /** field (occupation group) → concept and per-language title words */
  fields: { field: string; concept: Concept; keys: Map<string, Lang | 'any'> }[];
  hasEsco: boolean;
  size: number;
}

/**
 * Team skill terms whose label is not an ESCO preferred label but whose concept ESCO has under
 * another wording: mapped to that ESCO concept, so "forklift operation" and "operate forklift"
 * are one concept id, not two.
 */
const ESCO_EQUIVALENT: Record<string, string> = {
  'forklift operation': 'operate forklift',
  'machine learning': 'utilise machine learning',
  recruitment: 'recruit employees',
  'software testing': 'execute software tests',
  cooking: 'use cooking techniques',
  'food safety': 'comply with food safety and hygiene',
  'data analytics': 'perform data analysis',
};

/** The ESCO URI of a team term: its label, a declared equivalent, or an English form that is an ESCO label or a synonym of exactly one ESCO skill. */
function escoUriOf(t: { label: string; en?: string[] }, esco: EscoData, synonyms: Map<string, Set<string>>): string | undefined {
  const forms = [t.label, ESCO_EQUIVALENT[t.label.toLowerCase()], ...(t.en ?? [])].filter((f): f is string => !!f).map((f) => f.toLowerCase());
  for (const f of forms) {
    const uri = esco.skillUris.get(f);
    if (uri) return uri;
  }
  for (const f of forms) {
    const uris = synonyms.get(f);
    if (uris?.size === 1) return [...uris][0];
  }
  return undefined;
}

export function slug(label: string): string {
  return `jm:${phraseKey(label).replace(/[^a-z0-9+#.]+/g, '-')}`;
}

export function buildVocabulary(esco?: EscoData, onetHot?: string[]): Vocabulary {
  const surfaces = new Map<string, Surface[]>();
  const labels = new Map<string, string>();
  let maxTokens = 1;
  const add = (phrase: string, s: Surface): void => {
    const key = phraseKey(phrase);
    if (!key) return;
    const n = key.split(' ').length;
    if (n > maxTokens) maxTokens = n;
    const list = surfaces.get(key);
    if (list) {
      if (!list.some((x) => x.concept.id === s.concept.id)) list.push(s);
    } else surfaces.set(key, [s]);
    // First wins: a team term mapped to an ESCO concept keeps the team's label.
    if (!labels.has(s.concept.id)) labels.set(s.concept.id, s.concept.label);
  };
  const renameConcept = (concept: Concept, label: string): void => {
    concept.label = label;
    labels.set(concept.id, label);
  };
  const exact = (phrase: string): string | undefined => {
    const word = tokenize(phrase);
    if (word.length !== 1) return undefined;
    const canon = [...EXACT_CASE].find((w) => w.toLowerCase() === word[0]!.norm);
    return canon;
  };

  // 1. The team's multilingual terms come first: they win ties.
  const synonyms = new Map<string, Set<string>>();
  for (const e of esco?.skillAltLabels ?? []) {
    for (const f of [e.label, ...e.alts]) {
      const k = f.toLowerCase();
      if (!synonyms.has(k)) synonyms.set(k, new Set());
      synonyms.get(k)!.add(e.uri);
    }
  }
  for (const t of SKILL_TERMS) {
    const uri = esco ? escoUriOf(t, esco, synonyms) : undefined;
    const concept: Concept = { id: uri ?? slug(t.label), label: t.label };
    const forms = new Set([t.label, ...(t.en ?? []), ...(t.nl ?? []), ...(t.de ?? []), ...(t.fr ?? [])]);
    for (const f of forms) add(f, { concept, source: 'team', exactCase: exact(f) });
  }
  // 2. ESCO skills (labels and synonyms). Generic one-word labels only count inside a skills section.
  if (esco) {
    for (const s of esco.skillAltLabels) {
      if (esco.languageSkillUris.has(s.uri)) continue;
      const concept: Concept = { id: s.uri, label: s.label };
      for (const f of [s.label, ...s.alts]) addEsco(f, concept);
    }
    for (const [label, uri] of esco.skillUris) {
      if (esco.languageSkillUris.has(uri)) continue;
      addEsco(label, { id: uri, label });
    }
  }
  function addEsco(phrase: string, concept: Concept): void {
    const n = tokenize(phrase).length;
    if (n === 0 || n > 6) return;
    add(phrase, { concept, source: 'esco', skillsSectionOnly: n === 1, exactCase: exact(phrase) });
  }
  // 3. O*NET hot technologies (tools, languages, platforms).
  for (const name of onetHot ?? []) {
    if (ONET_SKIP.has(name.toLowerCase())) continue;
    // A tool ESCO or the team already has under the same words is that concept, not a second one
    // ("MySQL" is ESCO's "mysql"); the tool's own casing becomes the label when ESCO's is all lower case.
    const known = surfaces.get(phraseKey(name));
    if (known?.length) {
      for (const k of known) if (k.source === 'esco' && k.concept.label === name.toLowerCase() && k.concept.label !== name) renameConcept(k.concept, name);
      continue;
    }
    const concept: Concept = { id: `onet:${name}`, label: name };
    add(name, { concept, source: 'onet', exactCase: exact(name), skillsSectionOnly: ONET_SKILLS_SECTION_ONLY.has(name.toLowerCase()) });
  }

  const fields = OCCUPATION_TERMS.map((o) => {
    const uri = esco?.occupationUris.get(o.label.toLowerCase());
    const keys = new Map<string, Lang | 'any'>();
    keys.set(phraseKey(o.label), 'any');
    for (const lang of ['en', 'nl', 'de', 'fr'] as const) for (const w of o[lang] ?? []) keys.set(phraseKey(w), lang);
    return { field: o.field, concept: { id: uri ?? slug(o.label), label: o.label }, keys };
  });

  let size = 0;
  for (const l of surfaces.values()) size += l.length;
  return { surfaces, maxTokens, labels, fields, hasEsco: !!esco, size };
}
