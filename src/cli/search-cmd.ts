import { parseArgs } from 'node:util';
import { z } from 'zod';
import { recordSearch } from '../review/index.js';
import { runSearch } from '../search/index.js';
import type { Services } from '../services.js';

const Args = z.object({
  as: z.string().min(1, '--as <user> is required: the recruiter the search runs for'),
  job: z.string().uuid().optional(),
  'min-years': z.coerce.number().min(0).max(60).optional(),
  'max-years': z.coerce.number().min(0).max(60).optional(),
  must: z.string().optional(),
  not: z.string().optional(),
  languages: z.string().optional(),
  location: z.string().optional(),
  field: z.string().optional(),
  soft: z.boolean().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(10),
  json: z.boolean().optional(),
});

const list = (s?: string): string[] => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : []);

/** `jobmatch search "<query>" --as <user> [filters]`: the same service code as POST /api/search, including the draft shortlist and audit event. */
export async function searchCommand(s: Services, argv: string[]): Promise<{ code: number; out: string }> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      as: { type: 'string' }, job: { type: 'string' }, 'min-years': { type: 'string' }, 'max-years': { type: 'string' }, must: { type: 'string' }, not: { type: 'string' },
      languages: { type: 'string' }, location: { type: 'string' }, field: { type: 'string' }, soft: { type: 'boolean' }, limit: { type: 'string' }, json: { type: 'boolean' },
    },
  });
  const parsed = Args.safeParse(values);
  if (!parsed.success) return { code: 2, out: parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n') };
  const a = parsed.data;
  const user = s.users.byName(a.as);
  if (!user) return { code: 2, out: `no such user: ${a.as}` };
  if (user.role !== 'recruiter') return { code: 2, out: `${a.as} is a ${user.role}; only recruiters run searches` };
  const query = positionals.join(' ').trim() || undefined;
  if (!query && !a.job && !a.must) return { code: 2, out: 'give a query, --job <id> or --must <skills>' };
  const input = {
    query,
    jobId: a.job,
    filters: { mustHave: list(a.must), mustNot: list(a.not), minYears: a['min-years'], maxYears: a['max-years'], languages: list(a.languages), location: a.location, field: a.field, soft: { years: a.soft ?? false } },
    limit: a.limit,
    page: 1,
  };
  const { job, result, items } = await runSearch(s, user, input);
  const shortlistId = recordSearch(s.db, user, { entities: user.entities }, { params: input, jobId: job?.id ?? null, shown: result.items, ranking: result.ranking, cut: s.config.review.cut });
  if (a.json) return { code: 0, out: JSON.stringify({ shortlistId, state: 'draft', ranking: result.ranking, total: result.total, items }, null, 2) };
  const lines = [`draft shortlist ${shortlistId} (${result.total} matched of ${result.eligible} eligible; review it before anything leaves the system)`];
  for (const it of items) {
    lines.push(`${String(it.rank).padStart(3)}. ${(it.candidate?.name ?? it.candidateId).padEnd(28)} ${it.score.toFixed(3)}  ${it.years} yrs  ${it.parts.map((p) => `${p.name} ${p.value.toFixed(2)}`).join(', ')}`);
    if (it.matchedSkills.length || it.missingSkills.length) lines.push(`       has: ${it.matchedSkills.map((x) => x.label).join(', ') || '–'}; missing: ${it.missingSkills.map((x) => x.label).join(', ') || '–'}`);
  }
  return { code: 0, out: lines.join('\n') };
}
