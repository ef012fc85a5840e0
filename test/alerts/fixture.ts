/** Candidates, jobs and a settable clock for the alert tests that run on services directly. */
import { createAlerts, type Alerts, type AlertsDeps } from '../../src/alerts/index.js';
import type { Entity, Job } from '../../src/domain/index.js';
import { CONSENT_WORDING } from '../../src/privacy/index.js';
import type { Services } from '../../src/services.js';
import type { ConsentPurpose } from '../../src/store/index.js';
import { resolveSkills } from '../../src/taxonomy/index.js';

export interface Clock {
  now(): Date;
  set(iso: string): void;
  advance(ms: number): void;
}

export function clock(iso: string): Clock {
  let t = Date.parse(iso);
  return { now: () => new Date(t), set: (x) => (t = Date.parse(x)), advance: (ms) => (t += ms) };
}

export const javaCv = (name: string, from = 2016): Buffer =>
  Buffer.from(
    `${name}\n${name.toLowerCase().replace(/ /g, '.')}@example.com\n\nExperience\nJava Developer at Acme\nJan ${from} - Jun 2026\nBuilt services in Java and Spring Boot.\n\nSkills\nJava, Spring Boot, SQL, Docker\n\nLanguages\nEnglish`,
  );

/** A candidate through the real ingest path, with the consents ticked at upload. */
export async function addCandidate(s: Services, name: string, opts: { entity?: Entity; alerts?: boolean; file?: Buffer } = {}): Promise<string> {
  const purposes: ConsentPurpose[] = ['recruitment', ...(opts.alerts === false ? [] : ['job_alerts' as const])];
  const r = await s.ingestor.ingest({
    buf: opts.file ?? javaCv(name),
    fileName: `${name}.txt`,
    entity: opts.entity ?? 'NL',
    uploadDate: '2026-06-15',
    consents: purposes.map((purpose) => ({ purpose, wording: CONSENT_WORDING[purpose] })),
  });
  return r.candidate.id;
}

/** What POST /api/jobs does: insert and mark in one transaction, embed, then match and queue. */
export async function addJob(s: Services, alerts: Alerts, title: string, opts: { entity?: Entity; match?: boolean } = {}): Promise<Job> {
  const job = s.db.transaction(() => {
    const j = s.jobs.insert(
      {
        entity: opts.entity ?? 'NL',
        title,
        description: `${title}: we need a Java developer with Spring Boot and SQL, at least 3 years of experience.`,
        requiredSkills: resolveSkills(['Java', 'Spring Boot'], s.vocab),
        niceSkills: resolveSkills(['SQL'], s.vocab),
        minYears: 3,
        maxYears: null,
        languages: [],
        location: 'Utrecht',
        field: null,
      },
      null,
    );
    alerts.markJob(j.id);
    return j;
  })();
  await s.engine.indexJob(job);
  if (opts.match !== false) alerts.queueForJob(job.id);
  return job;
}

/** A second Alerts over the same services with a settable clock (the services' own one is never drained here). */
export function alertsWith(s: Services, c: Clock, extra: Partial<AlertsDeps> = {}): Alerts {
  return createAlerts({ db: s.db, candidates: s.candidates, jobs: s.jobs, vectors: s.vectors, engine: s.engine, config: s.config, log: s.log, now: c.now, ...extra });
}
