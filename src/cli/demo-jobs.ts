import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { buildCorpus } from '../../fixtures/relevance/corpus.js';
import type { Entity } from '../domain/index.js';
import { parseJobText } from '../ingest/job.js';
import type { Services } from '../services.js';
import { resolveSkills } from '../taxonomy/index.js';

/** ESCO occupations that make a realistic demo catalogue next to the hand-written vacancies. */
const ESCO_DEMO = ['software developer', 'data scientist', 'nurse responsible for general care', 'accountant', 'warehouse manager', 'sales account manager', 'ICT project manager', 'graphic designer', 'chef', 'secondary school teacher', 'mechanical engineer', 'recruitment consultant', 'marketing manager', 'logistics analyst', 'web developer', 'user experience designer', 'financial analyst', 'forklift operator'];

const Row = z.object({ preferredLabel: z.string(), description: z.string() }).passthrough();

function escoJobs(sharedDataDir: string): { title: string; description: string }[] {
  const file = path.join(sharedDataDir, 'esco-skills', 'official-v1.0', 'occupations_en.csv');
  if (!fs.existsSync(file)) return [];
  const rows = z.array(Row).parse(parse(fs.readFileSync(file, 'utf8'), { columns: true, relax_quotes: true, skip_empty_lines: true, bom: true }));
  const byLabel = new Map(rows.map((r) => [r.preferredLabel.toLowerCase(), r]));
  return ESCO_DEMO.map((l) => byLabel.get(l.toLowerCase())).filter((r): r is z.infer<typeof Row> => !!r && r.description.length > 40).map((r) => ({ title: r.preferredLabel[0]!.toUpperCase() + r.preferredLabel.slice(1), description: r.description }));
}

/** Demo vacancies for every entity: the relevance corpus's vacancies plus ESCO occupations (when ../shared/data is there). */
export async function seedDemoJobs(s: Services): Promise<number> {
  const entities: Entity[] = ['NL', 'DE', 'FR'];
  const { jobs } = buildCorpus();
  const listed = [
    ...jobs.map((j) => ({ title: j.title, description: j.description, required: j.required.map((l) => l.replace(/ \(.*\)$/, '')), minYears: j.minYears })),
    ...escoJobs(s.config.sharedDataDir).map((j) => ({ ...j, required: [] as string[], minYears: null })),
  ];
  let n = 0;
  for (const [i, j] of listed.entries()) {
    const entity = entities[i % entities.length]!;
    const parsed = parseJobText(j.title, j.description, s.vocab);
    const required = resolveSkills(j.required, s.vocab);
    const job = s.jobs.insert(
      {
        entity,
        title: j.title,
        description: j.description,
        requiredSkills: required,
        niceSkills: parsed.skills.filter((c) => !required.some((r) => r.id === c.id)),
        minYears: j.minYears ?? parsed.minYears,
        maxYears: parsed.maxYears,
        languages: parsed.languages,
        location: ({ NL: 'Amsterdam', DE: 'Berlin', FR: 'Paris' } as const)[entity],
        field: parsed.field,
      },
      null,
    );
    await s.engine.indexJob(job);
    n++;
  }
  return n;
}
