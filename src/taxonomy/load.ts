import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { EscoData } from './vocabulary.js';

const Row = z.record(z.string(), z.string().optional());

function readCsv(file: string, delimiter = ','): Record<string, string | undefined>[] {
  const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const rows: unknown = parse(text, { columns: true, delimiter, relax_quotes: true, skip_empty_lines: true, bom: true });
  return z.array(Row).parse(rows);
}

/** Content words of a label, cut to a 5-letter stem ("managing" and "management" meet at "manag"). */
function contentStems(label: string): string[] {
  return label
    .toLowerCase()
    .split(/[^a-z0-9+#]+/)
    .filter((w) => w.length >= 4 && !['with', 'from', 'into', 'that', 'this', 'other', 'using', 'their'].includes(w))
    .map((w) => w.slice(0, 5));
}

/**
 * Reads the ESCO files from ../shared/data/esco-skills when present; returns undefined
 * when they are absent, and the vocabulary then falls back to the team's built-in terms.
 */
export function loadEsco(sharedDataDir: string): EscoData | undefined {
  const dir = path.join(sharedDataDir, 'esco-skills');
  const labelsFile = path.join(dir, 'api-harvest', 'skills_en_labels.csv');
  if (!fs.existsSync(labelsFile)) return undefined;
  const skillUris = new Map<string, string>();
  for (const r of readCsv(labelsFile)) {
    if (r.concept_uri && r.preferred_label) skillUris.set(r.preferred_label.toLowerCase(), r.concept_uri);
  }
  const skillAltLabels: EscoData['skillAltLabels'] = [];
  const altFile = path.join(dir, 'api-harvest', 'skills_en_subset_with_altlabels.csv');
  if (fs.existsSync(altFile)) {
    for (const r of readCsv(altFile)) {
      if (!r.conceptUri || !r.preferredLabel) continue;
      const alts = (r.altLabels ?? '').split('\n').map((s) => s.trim()).filter(Boolean);
      // The harvested file's synonym column is shifted against its rows in places ("climate change
      // impact" carries "colour applying", "develop health and safety strategies in mining" carries
      // "conversation"). A synonym is kept only when it shares a content word (or its stem) with the
      // preferred label, which a shifted row's synonyms almost never do.
      const stems = contentStems(r.preferredLabel);
      const kept = alts.filter((a) => contentStems(a).some((w) => stems.includes(w)));
      if (!kept.length) continue;
      skillAltLabels.push({ uri: r.conceptUri, label: r.preferredLabel, alts: kept });
    }
  }
  const languageSkillUris = new Set<string>();
  const langFile = path.join(dir, 'official-v1.0', 'languageSkillsCollection_en.csv');
  if (fs.existsSync(langFile)) for (const r of readCsv(langFile)) if (r.conceptUri) languageSkillUris.add(r.conceptUri);
  // Language names as skills ("English", "Dutch") are handled by the languages extractor.
  for (const [label, uri] of skillUris) if (/^[a-z]+$/.test(label) && /^(english|dutch|german|french|spanish|italian|polish|portuguese|turkish|arabic|chinese)$/.test(label)) languageSkillUris.add(uri);
  const occupationUris = new Map<string, string>();
  const occFile = path.join(dir, 'api-harvest', 'occupations_en_labels.csv');
  if (fs.existsSync(occFile)) {
    for (const r of readCsv(occFile)) if (r.concept_uri && r.preferred_label) occupationUris.set(r.preferred_label.toLowerCase(), r.concept_uri);
  }
  return { skillUris, skillAltLabels, languageSkillUris, occupationUris };
}

/** O*NET "hot technology" names (popular tools and languages), or [] when the file is absent. */
export function loadOnetHot(sharedDataDir: string): string[] {
  const file = path.join(sharedDataDir, 'onet-technology-skills', 'Technology Skills.txt');
  if (!fs.existsSync(file)) return [];
  const names = new Set<string>();
  for (const line of fs.readFileSync(file, 'utf8').split('\n').slice(1)) {
    const cols = line.split('\t');
    if (cols[4] === 'Y' && cols[1]) names.add(cols[1].trim());
  }
  return [...names];
}
