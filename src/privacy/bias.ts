/**
 * Equality monitoring: selection rates per group at each stage of a vacancy, with the impact ratio
 * against the best-off group and the four-fifths rule. Reads the voluntary answers (special-category
 * data) — only the privacy role reaches this, and nothing here feeds back into ranking.
 *
 * Population: the candidates of the job's entity whose recruitment consent is in force and who have
 * not objected (the pool search draws from). Stages: ranked in the engine's top k of any ranked
 * shortlist for the job (searches run with ranking suspended carry no engine rank); advanced by a
 * reviewer; advanced in an approved shortlist. Only decisions on candidates still on their
 * shortlist count (a removal voids them).
 */
import type { Db } from '../store/index.js';

export const STAGES = ['ranked', 'advanced', 'approved'] as const;
export type Stage = (typeof STAGES)[number];

export interface GroupRow {
  group: string;
  n: number;
  suppressed: boolean;
  selected: Record<Stage, number> | null;
  rate: Record<Stage, number> | null;
  impactRatio: Record<Stage, number | null> | null;
  flagged: Stage[];
}

export interface BiasReport {
  jobId: string;
  entity: string;
  k: number;
  population: number;
  attributes: string[];
  groups: GroupRow[];
  rules: { fourFifths: number; minGroupSize: number; minGroupShare: number };
}

export const RULES = { fourFifths: 0.8, minGroupSize: 5, minGroupShare: 0.02 };
const NOT_GIVEN = 'not given';

export function biasReport(db: Db, opts: { jobId: string; entities: readonly string[]; k?: number; attributes?: string[] }): BiasReport | null {
  const job = db.prepare(`SELECT id, entity FROM jobs WHERE id = ? AND entity IN (${opts.entities.map(() => '?').join(',') || "''"})`).get(opts.jobId, ...opts.entities) as { id: string; entity: string } | undefined;
  if (!job) return null;
  const k = opts.k ?? 10;
  const people = db
    .prepare(
      `SELECT c.id, e.answers_json FROM candidates c LEFT JOIN equality_monitoring e ON e.candidate_id = c.id
       WHERE c.entity = ? AND c.recruitable = 1 AND c.objected_at IS NULL`,
    )
    .all(job.entity) as { id: string; answers_json: string | null }[];
  const answers = new Map(people.map((p) => [p.id, (p.answers_json ? JSON.parse(p.answers_json) : {}) as Record<string, unknown>]));
  const attributes = opts.attributes ?? [...new Set(people.flatMap((p) => Object.keys(answers.get(p.id)!)))].sort();

  const ranked = new Set((db.prepare('SELECT DISTINCT i.candidate_id AS id FROM shortlist_items i JOIN shortlists s ON s.id = i.shortlist_id WHERE s.job_id = ? AND s.ranked = 1 AND i.engine_rank IS NOT NULL AND i.engine_rank <= ?').all(job.id, k) as { id: string }[]).map((r) => r.id));
  const latest = db
    .prepare(
      `SELECT d.candidate_id AS id, d.decision, s.state FROM decisions d JOIN shortlists s ON s.id = d.shortlist_id
       JOIN shortlist_items i ON i.shortlist_id = d.shortlist_id AND i.candidate_id = d.candidate_id
       WHERE s.job_id = ? AND d.id = (SELECT max(id) FROM decisions d2 WHERE d2.shortlist_id = d.shortlist_id AND d2.candidate_id = d.candidate_id AND d2.voided_at IS NULL)`,
    )
    .all(job.id) as { id: string; decision: string; state: string }[];
  const advanced = new Set(latest.filter((d) => d.decision === 'advance').map((d) => d.id));
  const approved = new Set(latest.filter((d) => d.decision === 'advance' && d.state === 'approved').map((d) => d.id));
  const inStage: Record<Stage, Set<string>> = { ranked, advanced, approved };

  const valueOf = (id: string, attr: string): string => {
    const v = answers.get(id)?.[attr];
    return typeof v === 'string' && v ? v : NOT_GIVEN;
  };
  // Groups: each attribute's values, then each pair of attributes (intersections).
  const groupsOf = (id: string): string[] => {
    const single = attributes.map((a) => `${a}=${valueOf(id, a)}`);
    const pairs: string[] = [];
    for (let i = 0; i < attributes.length; i++) for (let j = i + 1; j < attributes.length; j++) pairs.push(`${single[i]} & ${single[j]}`);
    return [...single, ...pairs];
  };
  const members = new Map<string, string[]>();
  for (const p of people) for (const g of groupsOf(p.id)) members.set(g, [...(members.get(g) ?? []), p.id]);

  const population = people.length;
  const rows: GroupRow[] = [...members.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([group, ids]) => {
    const suppressed = ids.length < RULES.minGroupSize || ids.length < RULES.minGroupShare * population;
    if (suppressed) return { group, n: ids.length, suppressed, selected: null, rate: null, impactRatio: null, flagged: [] };
    const selected = Object.fromEntries(STAGES.map((s) => [s, ids.filter((id) => inStage[s].has(id)).length])) as Record<Stage, number>;
    const rate = Object.fromEntries(STAGES.map((s) => [s, selected[s] / ids.length])) as Record<Stage, number>;
    return { group, n: ids.length, suppressed, selected, rate, impactRatio: null, flagged: [] };
  });
  // Impact ratio against the highest rate among comparable groups (same attribute or same attribute pair).
  const family = (g: string): string => g.split(' & ').map((p) => p.split('=')[0]).join(' & ');
  for (const row of rows) {
    if (!row.rate) continue;
    const peers = rows.filter((r) => r.rate && family(r.group) === family(row.group));
    row.impactRatio = Object.fromEntries(
      STAGES.map((s) => {
        const best = Math.max(...peers.map((p) => p.rate![s]));
        return [s, best > 0 ? row.rate![s] / best : null];
      }),
    ) as Record<Stage, number | null>;
    row.flagged = STAGES.filter((s) => row.impactRatio![s] !== null && row.impactRatio![s]! < RULES.fourFifths);
  }
  return { jobId: job.id, entity: job.entity, k, population, attributes, groups: rows, rules: RULES };
}
