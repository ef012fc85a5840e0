import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ENTITIES } from '../domain/index.js';
import { CONSENT_LANGS } from '../privacy/consent-wording.js';

extendZodWithOpenApi(z);

const Flag = z.enum(['true', 'false']).default('false').transform((v) => v === 'true');
/** The multipart fields of `POST /api/candidates` beside the file. */
export const UploadFields = z.object({
  entity: z.enum(ENTITIES),
  uploadDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD').optional(),
  /** Optional consents, off unless ticked; the wording stored is privacy/consent-wording.ts's in consentLang. */
  consentProfiling: Flag,
  consentJobAlerts: Flag,
  /** The language of the consent texts the candidate read (and that are stored). */
  consentLang: z.enum(CONSENT_LANGS).default('en'),
  /** The website's form: only PDF or DOCX, and a file from which no e-mail, skill or role was read is refused (422). */
  strict: Flag,
});
const Iso2 = z.string().regex(/^[a-z]{2}$/, 'ISO 639-1 code, e.g. "en"');
const Years = z.number().min(0).max(60);

const JobFields = z.object({
  title: z.string().trim().min(2).max(200),
  description: z.string().trim().min(10).max(50_000),
  requiredSkills: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
  niceSkills: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
  minYears: Years.optional(),
  maxYears: Years.optional(),
  languages: z.array(Iso2).max(10).optional(),
  location: z.string().trim().max(200).optional(),
  field: z.string().trim().max(100).optional(),
});
const yearsInOrder = (j: { minYears?: number; maxYears?: number }): boolean => j.minYears === undefined || j.maxYears === undefined || j.minYears <= j.maxYears;
const yearsOrderIssue = { message: 'minYears must not exceed maxYears', path: ['minYears'] };

export const JobCreate = JobFields.extend({ entity: z.enum(ENTITIES) }).strict().refine(yearsInOrder, yearsOrderIssue).openapi('JobCreate');
/** A job update replaces every field; the entity of a job never changes. */
export const JobUpdate = JobFields.strict().refine(yearsInOrder, yearsOrderIssue).openapi('JobUpdate');
export type JobFieldsT = z.infer<typeof JobFields>;

export const SearchFilters = z
  .object({
    mustHave: z.array(z.string().trim().min(1).max(100)).max(30).default([]),
    mustNot: z.array(z.string().trim().min(1).max(100)).max(30).default([]),
    minYears: Years.optional(),
    maxYears: Years.optional(),
    languages: z.array(Iso2).max(10).default([]),
    location: z.string().trim().min(1).max(200).optional(),
    field: z.string().trim().min(1).max(100).optional(),
    /** Filters marked soft are scored, not enforced. */
    soft: z.object({ years: z.boolean().default(false) }).strict().default({}),
  })
  .strict()
  .refine((f) => f.minYears === undefined || f.maxYears === undefined || f.minYears <= f.maxYears, { message: 'minYears must not exceed maxYears', path: ['minYears'] })
  .openapi('SearchFilters');

export const SearchRequest = z
  .object({
    query: z.string().trim().max(2000).optional(),
    jobId: z.string().uuid().optional(),
    filters: SearchFilters.default({}),
    limit: z.number().int().min(1).max(100).default(20),
    page: z.number().int().min(1).max(1000).default(1),
  })
  .strict()
  .refine((r) => !!r.query || !!r.jobId || r.filters.mustHave.length > 0, { message: 'give a query, a jobId or must-have skills', path: ['query'] })
  .openapi('SearchRequest');

export type SearchRequestT = z.infer<typeof SearchRequest>;

export const ErrorBody = z
  .object({
    error: z.object({ code: z.string(), message: z.string(), details: z.record(z.unknown()).optional() }),
    requestId: z.string().optional(),
  })
  .openapi('Error');
