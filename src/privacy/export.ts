import { appendAudit } from '../audit/index.js';
import { AppError, type Profile } from '../domain/index.js';
import type { CandidateRepo, Db, VectorRepo } from '../store/index.js';
import { consentState, type ConsentState } from './consent.js';
import { readEqualityAnswers, type EqualityAnswersT } from './equality.js';

export interface ExportDeps {
  db: Db;
  candidates: CandidateRepo;
  vectors: VectorRepo;
}

/** Where a candidate was shown: each recruiter search (a draft shortlist) or shortlist that included them. */
export interface ShownIn {
  shortlistId: string;
  at: string;
  jobId: string | null;
  jobTitle: string | null;
  shortlistState: string | null;
  /** The rank the search showed them at (1 = first), when the search event names them. */
  rankShown: number | null;
  /** Position on the shortlist now, when still on it. */
  position: number | null;
  /** The score and its named parts, as the recruiter saw them. */
  score: unknown;
}

/** GDPR Art. 15 (access) and Art. 20 (portability): everything held about the candidate, machine-readable. */
export interface SubjectExport {
  format: 'jobmatch-subject-export/1';
  exportedAt: string;
  candidate: { id: string; entity: string; uploadedAt: string; updatedAt: string; language: string; objectedToProfilingAt: string | null };
  profile: Profile;
  extractedText: string;
  consents: ConsentState['records'];
  file: { name: string; kind: string; sizeBytes: number | null; sha256: string; uploadedAt: string; download: string };
  derived: {
    skills: { conceptId: string; label: string }[];
    spokenLanguages: string[];
    yearsExperience: number;
    field: { conceptId: string; label: string } | null;
    vectors: { model: string; dimension: number; chunks: { kind: string; ordinal: number }[] }[];
  };
  shownIn: ShownIn[];
  decisions: { shortlistId: string; decision: string; reason: string | null; override: boolean; decidedAt: string }[];
  profileViews: { shortlistId: string | null; part: string; viewedAt: string }[];
  equalityMonitoring: { answers: EqualityAnswersT; givenAt: string } | null;
  /** Job alerts: preferences and every alert queued or sent for them. */
  jobAlerts: { preferences: unknown; alerts: { jobId: string; queuedAt: string; sentAt: string | null; reasons: unknown }[] };
  /** Events about the candidate in the audit log (actions and times; staff identities left out). */
  history: { at: string; action: string; data: unknown }[];
}

export function buildExport(deps: ExportDeps, id: string, at = new Date().toISOString()): SubjectExport {
  const c = deps.candidates.getAny(id);
  if (!c) throw new AppError('not_found', 'No such candidate.');
  const { db } = deps;
  const skills = db.prepare('SELECT concept_id AS conceptId, label FROM candidate_skills WHERE candidate_id = ? ORDER BY label').all(id) as { conceptId: string; label: string }[];
  const langs = (db.prepare('SELECT lang FROM candidate_languages WHERE candidate_id = ? ORDER BY lang').all(id) as { lang: string }[]).map((r) => r.lang);
  const byModel = new Map<string, { model: string; dimension: number; chunks: { kind: string; ordinal: number }[] }>();
  for (const v of deps.vectors.ofOwner('cv', id)) {
    const m = byModel.get(v.modelId) ?? { model: v.modelId, dimension: v.vector.length, chunks: [] };
    m.chunks.push({ kind: v.chunkKind, ordinal: v.ordinal });
    byModel.set(v.modelId, m);
  }
  const consents = consentState(deps.candidates, id);
  return {
    format: 'jobmatch-subject-export/1',
    exportedAt: at,
    candidate: { id, entity: c.entity, uploadedAt: c.uploadedAt, updatedAt: c.updatedAt, language: c.language, objectedToProfilingAt: consents.objectedAt },
    profile: c.profile,
    extractedText: deps.candidates.text({ entities: [c.entity] }, id) ?? '',
    consents: consents.records,
    file: { name: c.fileName, kind: c.fileKind, sizeBytes: deps.candidates.fileSize(id), sha256: c.fileSha256, uploadedAt: c.uploadedAt, download: '/api/me/export/file' },
    derived: {
      skills,
      spokenLanguages: langs,
      yearsExperience: c.profile.yearsExperience,
      field: c.profile.field ? { conceptId: c.profile.field.id, label: c.profile.field.label } : null,
      vectors: [...byModel.values()],
    },
    shownIn: shownIn(db, id),
    decisions: (
      db.prepare('SELECT shortlist_id, decision, reason, override, decided_at FROM decisions WHERE candidate_id = ? ORDER BY id').all(id) as {
        shortlist_id: string;
        decision: string;
        reason: string | null;
        override: number;
        decided_at: string;
      }[]
    ).map((d) => ({ shortlistId: d.shortlist_id, decision: d.decision, reason: d.reason, override: d.override === 1, decidedAt: d.decided_at })),
    profileViews: db.prepare('SELECT shortlist_id AS shortlistId, part, viewed_at AS viewedAt FROM profile_views WHERE candidate_id = ? ORDER BY id').all(id) as SubjectExport['profileViews'],
    equalityMonitoring: readEqualityAnswers(db, id),
    jobAlerts: {
      preferences: db.prepare('SELECT mode, daily_cap AS dailyCap, language FROM alert_preferences WHERE candidate_id = ?').get(id) ?? null,
      alerts: (db.prepare('SELECT job_id, queued_at, sent_at, reasons_json FROM alert_outbox WHERE candidate_id = ? ORDER BY id').all(id) as { job_id: string; queued_at: string; sent_at: string | null; reasons_json: string }[]).map((r) => ({
        jobId: r.job_id,
        queuedAt: r.queued_at,
        sentAt: r.sent_at,
        reasons: JSON.parse(r.reasons_json) as unknown,
      })),
    },
    history: (db.prepare('SELECT at, action, data_json FROM audit_events WHERE subject = ? ORDER BY seq').all(id) as { at: string; action: string; data_json: string }[]).map((r) => ({
      at: r.at,
      action: r.action,
      data: JSON.parse(r.data_json) as unknown,
    })),
  };
}

/** Searches whose audit event lists the candidate as shown, merged with the shortlists that hold them. */
function shownIn(db: Db, id: string): ShownIn[] {
  const out = new Map<string, ShownIn>();
  const searches = db
    .prepare(
      `SELECT a.at, a.subject, a.data_json FROM audit_events a
       WHERE a.action = 'search' AND EXISTS (SELECT 1 FROM json_each(a.data_json, '$.shown') j WHERE j.value = ?) ORDER BY a.seq`,
    )
    .all(id) as { at: string; subject: string; data_json: string }[];
  for (const s of searches) {
    const shown = (JSON.parse(s.data_json) as { shown?: string[] }).shown ?? [];
    out.set(s.subject, { shortlistId: s.subject, at: s.at, jobId: null, jobTitle: null, shortlistState: null, rankShown: shown.indexOf(id) + 1 || null, position: null, score: null });
  }
  const items = db
    .prepare(
      `SELECT i.shortlist_id, i.position, i.score_json, l.state, l.job_id, l.created_at, j.title
       FROM shortlist_items i JOIN shortlists l ON l.id = i.shortlist_id LEFT JOIN jobs j ON j.id = l.job_id
       WHERE i.candidate_id = ? ORDER BY l.created_at`,
    )
    .all(id) as { shortlist_id: string; position: number; score_json: string; state: string; job_id: string | null; created_at: string; title: string | null }[];
  for (const it of items) {
    const prev = out.get(it.shortlist_id);
    out.set(it.shortlist_id, {
      shortlistId: it.shortlist_id,
      at: prev?.at ?? it.created_at,
      jobId: it.job_id,
      jobTitle: it.title,
      shortlistState: it.state,
      rankShown: prev?.rankShown ?? null,
      position: it.position,
      score: JSON.parse(it.score_json) as unknown,
    });
  }
  return [...out.values()].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/** Records that the candidate took an export (the event names what, not the content). */
export function auditExport(db: Db, id: string, kind: 'full' | 'json-resume' | 'file'): void {
  db.transaction(() => appendAudit(db, { actor: 'candidate', action: 'candidate.exported', subject: id, data: { kind } }))();
}
