/**
 * Which consenting candidates a job is alerted to, and why. The ranking is the recommendation
 * ranking itself (search/recommend.ts, `recommendJobs`), asked about the one job: the same
 * engine, chunk vectors, aggregator, weights and score parts a candidate sees under
 * GET /api/me/recommendations, with the same cut-off (MATCH_MIN_SHARE, as ALERT_MIN_SHARE).
 *
 * The matcher is an interface so another ranking can be swapped in without touching the outbox.
 */
import type { Candidate, Entity, Job } from '../domain/index.js';
import { MATCH_MIN_SHARE, recommendJobs, shareOf, type RecommendDeps, type RecommendedJob } from '../search/recommend.js';
import { experienceFit, skillCoverage, type Weights } from '../search/index.js';
import { CLAIMED_ALERT } from '../privacy/index.js';
import { JobRepo, type Db } from '../store/index.js';

/** Why a job matched a candidate: stored with the queued alert and written into the mail. */
export interface AlertReasons {
  /** The recommendation score (sum of the parts' contributions). */
  score: number;
  /** score ÷ the most the present parts could add: 0..1, what the cut-off is applied to. */
  share: number;
  matchedSkills: string[];
  missingSkills: string[];
  years: number;
  minYears: number | null;
  maxYears: number | null;
  parts: { name: string; value: number; contribution: number }[];
}

export interface AlertMatch {
  candidateId: string;
  reasons: AlertReasons;
}

export interface AlertMatcher {
  readonly name: string;
  /** The candidates (all of the job's entity, already eligible) that should be alerted. */
  match(job: Job, candidates: readonly Candidate[]): AlertMatch[];
}

/** Alerts use the recommendations' cut-off (search/recommend.ts), so an alert is always a job the candidate would see recommended. */
export const ALERT_MIN_SHARE = MATCH_MIN_SHARE;
export { shareOf };

/**
 * The most `share` a candidate could reach for a job if the semantic part were perfect (1): skills
 * and years are cheap to compute from the profile, the semantic part needs vectors. A candidate
 * whose bound is below the cut-off cannot be alerted, so skipping it changes no result (the bound
 * is also above the share of a candidate without vectors, whose semantic part is left out).
 */
export function shareBound(c: Candidate, job: Job, weights: Weights): number {
  let got = weights.semantic;
  let attainable = weights.semantic;
  if (job.requiredSkills.length + job.niceSkills.length > 0) {
    got += weights.skills * skillCoverage(new Set(c.profile.skills.map((s) => s.id)), job.requiredSkills, job.niceSkills).value;
    attainable += weights.skills;
  }
  if (job.minYears !== null || job.maxYears !== null) {
    got += weights.experience * experienceFit(c.profile.yearsExperience, job.minYears ?? undefined, job.maxYears ?? undefined);
    attainable += weights.experience;
  }
  return attainable > 0 ? got / attainable : 0;
}

/** A JobRepo that lists only one job: lets `recommendJobs` rank exactly that job for a candidate. */
class OneJob extends JobRepo {
  constructor(
    db: Db,
    private readonly only: Job,
  ) {
    super(db);
  }
  override list(scope: { entities: readonly Entity[] }, opts: { limit: number; offset: number }): Job[] {
    return opts.offset === 0 && scope.entities.includes(this.only.entity) ? [this.only] : [];
  }
}

export type MatcherDeps = Omit<RecommendDeps, 'jobs'> & { db: Db };

/** The recommendation ranking with the alert cut-off. */
export function recommendationMatcher(deps: MatcherDeps, minShare = ALERT_MIN_SHARE): AlertMatcher {
  return {
    name: `recommendations, share >= ${minShare}`,
    match(job, candidates) {
      const recDeps: RecommendDeps = { ...deps, jobs: new OneJob(deps.db, job) };
      const out: AlertMatch[] = [];
      for (const c of candidates) {
        if (c.entity !== job.entity || shareBound(c, job, deps.config.weights) < minShare) continue;
        const r = recommendJobs(recDeps, c, { limit: 1, page: 1 }).items[0];
        if (!r || r.jobId !== job.id) continue;
        const share = shareOf(r, deps.config.weights);
        if (share < minShare) continue;
        out.push({ candidateId: c.id, reasons: reasonsOf(r, share) });
      }
      return out;
    },
  };
}

const round = (v: number): number => Math.round(v * 10_000) / 10_000;

export function reasonsOf(r: RecommendedJob, share: number): AlertReasons {
  return {
    score: round(r.score),
    share: round(share),
    matchedSkills: r.matchedSkills.map((c) => c.label),
    missingSkills: r.missingSkills.map((c) => c.label),
    years: r.years,
    minYears: r.job.minYears,
    maxYears: r.job.maxYears,
    parts: r.parts.map((p) => ({ name: p.name, value: round(p.value), contribution: round(p.contribution) })),
  };
}

/**
 * Who may get alerts at all, in SQL: the newest job-alert consent is in force, no objection to
 * profiling, an e-mail address to write to. Erased candidates have no row.
 */
const ALERTABLE = `c.objected_at IS NULL AND c.email IS NOT NULL AND c.email <> ''
  AND EXISTS (SELECT 1 FROM consents k WHERE k.candidate_id = c.id AND k.purpose = 'job_alerts' AND k.withdrawn_at IS NULL
    AND k.id = (SELECT max(id) FROM consents k2 WHERE k2.candidate_id = c.id AND k2.purpose = 'job_alerts'))`;

export function alertableCandidateIds(db: Db, entity: Entity): string[] {
  return (db.prepare(`SELECT c.id FROM candidates c WHERE c.entity = ? AND ${ALERTABLE} ORDER BY c.id`).all(entity) as { id: string }[]).map((r) => r.id);
}

export function isAlertable(db: Db, candidateId: string): boolean {
  return !!db.prepare(`SELECT 1 FROM candidates c WHERE c.id = ? AND ${ALERTABLE}`).get(candidateId);
}

/**
 * Unsent alerts of candidates who may no longer get any (consent withdrawn elsewhere, objection):
 * removed, except rows claimed by a sender at this moment (they are recorded when sent).
 */
export function purgeUnalertable(db: Db): number {
  return db.prepare(`DELETE FROM alert_outbox WHERE sent_at IS NULL AND NOT (${CLAIMED_ALERT}) AND NOT EXISTS (SELECT 1 FROM candidates c WHERE c.id = alert_outbox.candidate_id AND ${ALERTABLE})`).run().changes;
}
