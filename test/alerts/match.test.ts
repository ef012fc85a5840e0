/**
 * The alert matcher is the recommendation ranking with a cut-off: same scores as
 * GET /api/me/recommendations, and a cut-off that separates relevant from unrelated pairs on the
 * relevance corpus (fixtures/relevance: CVs built from each job with known skill overlap and years,
 * in four languages; graded 0–3).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus, type Loaded } from '../../fixtures/relevance/evaluate.js';
import { ALERT_MIN_SHARE, recommendationMatcher, type AlertMatcher } from '../../src/alerts/index.js';
import type { Candidate } from '../../src/domain/index.js';
import { recommendJobs } from '../../src/search/recommend.js';
import type { Services } from '../../src/services.js';
import { tempServices } from '../helpers/services.js';

let s: Services;
let cleanup: () => Promise<void>;
let loaded: Loaded;
let candidates: Candidate[];
let all: AlertMatcher;
const deps = () => ({ db: s.db, vectors: s.vectors, jobIndex: s.engine.deps.jobs, modelId: s.engine.deps.jobs.index.modelId, config: s.engine.deps.config });

beforeAll(async () => {
  ({ s, cleanup } = await tempServices());
  loaded = await loadCorpus(s, { seed: 13, perJob: 6 });
  candidates = [...loaded.keyOf.keys()].map((id) => s.candidates.getAny(id)!);
  all = recommendationMatcher(deps(), 0);
}, 180_000);
afterAll(async () => cleanup?.());

describe('the alert matcher', () => {
  it('scores a job for a candidate exactly as the recommendations do', () => {
    for (const c of candidates.slice(0, 8)) {
      const recs = recommendJobs({ ...deps(), jobs: s.jobs }, c, { limit: 100, page: 1 }).items;
      for (const { job } of loaded.jobs.slice(0, 3)) {
        const m = all.match(job, [c])[0]!;
        const r = recs.find((x) => x.jobId === job.id)!;
        expect(m.reasons.score).toBe(r.score);
        expect(m.reasons.parts.map((p) => p.name)).toEqual(r.parts.map((p) => p.name));
        expect(m.reasons.matchedSkills).toEqual(r.matchedSkills.map((x) => x.label));
      }
    }
  });

  it(`at share ≥ ${ALERT_MIN_SHARE} alerts every pair of grade 2–3 and no unrelated pair`, () => {
    const byGrade = new Map<number, { n: number; alerted: number; min: number; max: number }>();
    for (const { rel, job } of loaded.jobs) {
      for (const m of all.match(job, candidates)) {
        const cv = loaded.cvs.find((x) => x.key === loaded.keyOf.get(m.candidateId))!;
        const g = cv.relevance[rel.key] ?? 0;
        const e = byGrade.get(g) ?? { n: 0, alerted: 0, min: 1, max: 0 };
        e.n++;
        if (m.reasons.share >= ALERT_MIN_SHARE) e.alerted++;
        e.min = Math.min(e.min, m.reasons.share);
        e.max = Math.max(e.max, m.reasons.share);
        byGrade.set(g, e);
      }
    }
    console.log(
      `alert cut-off ${ALERT_MIN_SHARE} on corpus seed 13 (${candidates.length} CVs × ${loaded.jobs.length} jobs): ` +
        [...byGrade.entries()].sort(([a], [b]) => a - b).map(([g, e]) => `grade ${g}: ${e.alerted}/${e.n} alerted, share ${e.min.toFixed(3)}–${e.max.toFixed(3)}`).join('; '),
    );
    expect(byGrade.get(0)!.alerted).toBe(0);
    for (const g of [2, 3]) expect(byGrade.get(g)!.alerted).toBe(byGrade.get(g)!.n);
    // the cut-off matters: without it every pair would be an alert
    expect(byGrade.get(0)!.n).toBeGreaterThan(100);
  });

  it('skipping candidates whose best possible share is below the cut-off changes no result', () => {
    const cut = recommendationMatcher(deps());
    let kept = 0;
    for (const { job } of loaded.jobs) {
      const want = all.match(job, candidates).filter((m) => m.reasons.share >= ALERT_MIN_SHARE);
      expect(cut.match(job, candidates)).toEqual(want);
      kept += want.length;
    }
    expect(kept).toBeGreaterThan(40);
  });

  it('only candidates of the job’s own entity', () => {
    const { job } = loaded.jobs[0]!;
    const other = { ...candidates[0]!, entity: 'DE' as const };
    expect(all.match(job, [other])).toEqual([]);
  });
});
