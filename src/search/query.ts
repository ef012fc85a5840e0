import { AppError, type Concept, type Job } from '../domain/index.js';
import { matchSkills, resolveField, resolveSkills, tokenize, uniqueConcepts, yearsAsked, type Vocabulary } from '../taxonomy/index.js';
import type { SearchQuery } from './types.js';

export interface SearchInput {
  query?: string;
  filters: {
    mustHave: string[];
    mustNot: string[];
    minYears?: number;
    maxYears?: number;
    languages: string[];
    location?: string;
    field?: string;
    soft: { years: boolean };
  };
  limit: number;
  page: number;
}

/**
 * A recruiter's request (free text and/or a job, plus filters) as a SearchQuery in the engine's
 * vocabulary. Skills named in the text or the job are scored (coverage); must-have skills also
 * filter. Years stated in the free text are a soft wish unless the recruiter set a filter.
 */
export function buildQuery(input: SearchInput, job: Job | null, vocab: Vocabulary): SearchQuery {
  const f = input.filters;
  const text = [job ? `${job.title}. ${job.description}` : '', input.query ?? ''].filter(Boolean).join('\n');
  const mustHave = resolveSkills(f.mustHave, vocab);
  const fromText = input.query ? uniqueConcepts(matchSkills(tokenize(input.query), vocab)).map(({ id, label }) => ({ id, label })) : [];
  const required = dedupe([...mustHave, ...(job?.requiredSkills ?? []), ...fromText]);
  const nice = dedupe(job?.niceSkills ?? []).filter((c) => !required.some((r) => r.id === c.id));
  let field: Concept | null = null;
  if (f.field) {
    field = resolveField(f.field, vocab);
    if (!field) throw new AppError('validation_failed', `Unknown field "${f.field}".`, { issues: [{ path: 'filters.field', message: `known fields: ${vocab.fields.map((x) => x.field).join(', ')}` }] });
  }
  const minYears = f.minYears ?? job?.minYears ?? undefined;
  const maxYears = f.maxYears ?? job?.maxYears ?? undefined;
  const textYears = input.query ? yearsAsked(input.query) : { min: null, max: null };
  const hard = !f.soft.years;
  return {
    text,
    requiredSkills: required,
    niceSkills: nice,
    filters: {
      mustHave: mustHave.map((c) => c.id),
      mustNot: f.mustNot,
      minYears: hard ? minYears : undefined,
      maxYears: hard ? maxYears : undefined,
      languages: [...new Set([...f.languages, ...(job?.languages ?? [])])],
      location: f.location,
      fieldId: field?.id,
    },
    soft: {
      minYears: hard ? (minYears === undefined ? (textYears.min ?? undefined) : undefined) : minYears,
      maxYears: hard ? undefined : maxYears,
    },
    limit: input.limit,
    page: input.page,
  };
}

function dedupe(cs: Concept[]): Concept[] {
  const seen = new Set<string>();
  return cs.filter((c) => (seen.has(c.id) ? false : (seen.add(c.id), true)));
}
