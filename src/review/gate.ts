import { can } from '../access/index.js';
import { appendAudit } from '../audit/index.js';
import { AppError, type User } from '../domain/index.js';
import { ShortlistRepo, type CandidateRepo, type Db, type DecisionRow, type ShortlistRow } from '../store/index.js';
import { nextState, type Transition } from './state.js';

export interface ReviewConfig {
  /** The approver may not be the user who ran the search. */
  fourEyes: boolean;
  /** An all-advance review in engine order faster than this per candidate is flagged (automation bias). */
  minSecondsPerCandidate: number;
}

/** Parts of a profile a reviewer can open; opening is recorded, and deciding needs at least one. */
export const PROFILE_PARTS = ['profile', 'experience', 'skills', 'education', 'cv'] as const;
export type ProfilePart = (typeof PROFILE_PARTS)[number];

export interface ShortlistItemView {
  candidateId: string;
  position: number;
  engineRank: number | null;
  aboveCut: boolean;
  score: unknown;
  decision: DecisionRow | null;
  viewedParts: string[];
}

export interface ShortlistView {
  id: string;
  state: ShortlistRow['state'];
  jobId: string | null;
  entities: string[];
  createdBy: string;
  createdAt: string;
  cut: number;
  /** False when the search ran with ranking suspended: the order is not the engine's, nothing is above or below a cut. */
  ranked: boolean;
  items: ShortlistItemView[];
  warnings: string[];
}

/** Whether the engine placed this item within the shortlist's cut (never on an unranked list). */
function aboveCut(row: ShortlistRow, engineRank: number | null): boolean {
  return row.ranked !== 0 && engineRank !== null && engineRank <= (row.cut ?? Number.POSITIVE_INFINITY);
}

/** The review gate: nothing about a shortlist changes, and nothing leaves, except through here. */
export class Review {
  private readonly repo: ShortlistRepo;

  constructor(
    private readonly db: Db,
    private readonly cfg: ReviewConfig,
    private readonly candidates: CandidateRepo,
  ) {
    this.repo = new ShortlistRepo(db);
  }

  /** A shortlist the user may see: every entity it covers must be one of the user's. */
  private load(user: User, id: string): ShortlistRow {
    const row = this.repo.get(id);
    if (!row || !row.entity_scope.split(',').every((e) => (user.entities as string[]).includes(e))) throw new AppError('not_found', 'No such shortlist.');
    return row;
  }

  private need(user: User, action: 'shortlists:review' | 'shortlists:approve'): void {
    if (!can(user.role, action)) throw new AppError('forbidden', `Your role (${user.role}) may not do this (${action}).`);
  }

  view(user: User, id: string): ShortlistView {
    this.need(user, 'shortlists:review');
    return this.toView(user, this.load(user, id));
  }

  private toView(user: User, row: ShortlistRow): ShortlistView {
    const decisions = this.repo.latestDecisions(row.id);
    const items = this.repo.items(row.id).map((it) => ({
      candidateId: it.candidate_id,
      position: it.position,
      engineRank: it.engine_rank,
      aboveCut: aboveCut(row, it.engine_rank),
      score: JSON.parse(it.score_json) as unknown,
      decision: decisions.get(it.candidate_id) ?? null,
      viewedParts: this.repo.viewedParts(row.id, it.candidate_id, user.id),
    }));
    const warnings: string[] = [];
    if (this.cfg.fourEyes && row.created_by === user.id && row.state === 'in_review') warnings.push('four_eyes: you ran this search, so another person must approve it');
    const undecided = items.filter((i) => !i.decision).length;
    if (row.state === 'in_review' && undecided) warnings.push(`undecided: ${undecided} candidate(s) still need a decision`);
    return { id: row.id, state: row.state, jobId: row.job_id, entities: row.entity_scope.split(','), createdBy: row.created_by, createdAt: row.created_at, cut: row.cut ?? items.length, ranked: row.ranked !== 0, items, warnings };
  }

  private transition(user: User, row: ShortlistRow, t: Transition, data: Record<string, unknown> = {}): void {
    const to = nextState(row.state, t);
    this.repo.setState(row.id, to, user.id, { reviewStarted: t === 'start' });
    appendAudit(this.db, { actor: user.id, action: 'shortlist.transition', subject: row.id, data: { from: row.state, to, ...data } });
  }

  start(user: User, id: string): ShortlistView {
    this.need(user, 'shortlists:review');
    return this.db.transaction(() => {
      const row = this.load(user, id);
      this.transition(user, row, 'start');
      return this.toView(user, this.repo.get(id)!);
    })();
  }

  /** Opens a part of a candidate's profile in the review, and records that it was opened. */
  openProfile(user: User, id: string, candidateId: string, part: ProfilePart): unknown {
    this.need(user, 'shortlists:review');
    const row = this.load(user, id);
    if (!this.repo.hasItem(id, candidateId)) throw new AppError('not_found', 'That candidate is not on this shortlist.');
    const c = this.candidates.get({ entities: user.entities }, candidateId);
    if (!c) throw new AppError('not_found', 'No such candidate.');
    this.db.transaction(() => {
      this.repo.recordView({ shortlistId: row.id, candidateId, userId: user.id, part });
      appendAudit(this.db, { actor: user.id, action: 'profile.viewed', subject: candidateId, data: { shortlist: row.id, part } });
    })();
    const p = c.profile;
    switch (part) {
      case 'experience':
        return { roles: p.roles, yearsExperience: p.yearsExperience };
      case 'skills':
        return { skills: p.skills };
      case 'education':
        return { education: p.education };
      case 'cv':
        return { text: this.candidates.text({ entities: user.entities }, candidateId) };
      default:
        return { name: p.name, location: p.location, language: p.language, summary: p.summary, field: p.field, spokenLanguages: p.spokenLanguages, yearsExperience: p.yearsExperience };
    }
  }

  /** Advance or decline one candidate. Declines and overrides need a reason; a profile never opened cannot be decided on. */
  decide(user: User, id: string, candidateId: string, decision: 'advance' | 'decline', reason: string | undefined): DecisionRow {
    this.need(user, 'shortlists:review');
    return this.db.transaction(() => {
      const row = this.load(user, id);
      if (row.state !== 'in_review') throw new AppError('conflict', `Decisions are taken in review; this shortlist is ${row.state.replace('_', ' ')}.`, { state: row.state });
      const item = this.repo.items(id).find((i) => i.candidate_id === candidateId);
      if (!item) throw new AppError('not_found', 'That candidate is not on this shortlist.');
      if (this.repo.viewedParts(id, candidateId, user.id).length === 0) {
        throw new AppError('conflict', 'Open the candidate’s profile before deciding: a decision needs a human look at the person, not only the score.', { candidateId });
      }
      // An unranked list (ranking suspended) has no engine judgement to override.
      const above = aboveCut(row, item.engine_rank);
      const override = row.ranked !== 0 && ((decision === 'advance' && !above) || (decision === 'decline' && above));
      const why = reason?.trim();
      if ((decision === 'decline' || override) && !why) {
        throw new AppError('validation_failed', override ? 'This decision overrides the engine’s ranking: give a reason.' : 'A decline needs a reason.', { issues: [{ path: 'reason', message: 'required' }] });
      }
      const d = this.repo.addDecision({ shortlist_id: id, candidate_id: candidateId, decision, reason: why ?? null, override: override ? 1 : 0, reviewer_id: user.id });
      appendAudit(this.db, { actor: user.id, action: override ? 'decision.override' : 'decision', subject: candidateId, data: { shortlist: id, decision, reason: why ?? null, engineRank: item.engine_rank, override } });
      return d;
    })();
  }

  reorder(user: User, id: string, candidateIds: string[]): ShortlistView {
    this.need(user, 'shortlists:review');
    return this.db.transaction(() => {
      const row = this.editable(user, id);
      const current = this.repo.items(id).map((i) => i.candidate_id);
      if (candidateIds.length !== current.length || new Set(candidateIds).size !== current.length || !candidateIds.every((c) => current.includes(c))) {
        throw new AppError('validation_failed', 'Send every candidate of the shortlist exactly once, in the new order.', { issues: [{ path: 'candidateIds', message: 'must be a permutation of the shortlist' }] });
      }
      this.repo.reorder(id, candidateIds);
      appendAudit(this.db, { actor: user.id, action: 'shortlist.reordered', subject: id, data: { order: candidateIds } });
      return this.toView(user, row);
    })();
  }

  addByHand(user: User, id: string, candidateId: string, reason: string): ShortlistView {
    this.need(user, 'shortlists:review');
    return this.db.transaction(() => {
      const row = this.editable(user, id);
      if (!this.candidates.get({ entities: row.entity_scope.split(',') as User['entities'] }, candidateId)) throw new AppError('not_found', 'No such candidate in this shortlist’s entities.');
      if (this.repo.hasItem(id, candidateId)) throw new AppError('conflict', 'That candidate is already on the shortlist.');
      // The same people search may show: consent to recruitment in force, no objection.
      if (this.candidates.objectedAt(candidateId)) throw new AppError('conflict', 'That candidate has objected to the processing of their data; they cannot be put on a shortlist.', { candidateId, reason: 'objected' });
      if (!this.candidates.hasConsent(candidateId, 'recruitment')) throw new AppError('conflict', 'That candidate has not given (or has withdrawn) consent to recruitment; they cannot be put on a shortlist.', { candidateId, reason: 'no_consent' });
      this.repo.addItem(id, candidateId);
      appendAudit(this.db, { actor: user.id, action: 'shortlist.candidate_added', subject: id, data: { candidateId, reason } });
      return this.toView(user, row);
    })();
  }

  remove(user: User, id: string, candidateId: string, reason: string): ShortlistView {
    this.need(user, 'shortlists:review');
    return this.db.transaction(() => {
      const row = this.editable(user, id);
      if (!this.repo.removeItem(id, candidateId)) throw new AppError('not_found', 'That candidate is not on this shortlist.');
      appendAudit(this.db, { actor: user.id, action: 'shortlist.candidate_removed', subject: id, data: { candidateId, reason } });
      return this.toView(user, row);
    })();
  }

  private editable(user: User, id: string): ShortlistRow {
    const row = this.load(user, id);
    if (row.state !== 'draft' && row.state !== 'in_review') throw new AppError('conflict', `A shortlist that is ${row.state.replace('_', ' ')} can no longer be changed.`, { state: row.state });
    return row;
  }

  approve(user: User, id: string): { view: ShortlistView; flags: string[] } {
    this.need(user, 'shortlists:approve');
    return this.db.transaction(() => {
      const row = this.load(user, id);
      if (this.cfg.fourEyes && row.created_by === user.id) throw new AppError('conflict', 'Four-eyes rule: the person who ran the search cannot approve its shortlist.');
      const items = this.repo.items(id);
      if (row.state === 'in_review' && items.length === 0) throw new AppError('conflict', 'An empty shortlist cannot be approved: add a candidate or withdraw it.');
      const decisions = this.repo.latestDecisions(id);
      const undecided = items.filter((i) => !decisions.has(i.candidate_id));
      if (row.state === 'in_review' && undecided.length) throw new AppError('conflict', `Every candidate needs a decision before approval; ${undecided.length} still open.`, { undecided: undecided.map((i) => i.candidate_id) });
      const flags = this.automationBiasFlags(row, items, decisions);
      this.transition(user, row, 'approve', { flags, advanced: [...decisions.values()].filter((d) => d.decision === 'advance').map((d) => d.candidate_id) });
      return { view: this.toView(user, this.repo.get(id)!), flags };
    })();
  }

  /** All advanced, in engine order, faster than the configured time per candidate: the reviewer may have rubber-stamped. */
  private automationBiasFlags(row: ShortlistRow, items: { candidate_id: string; engine_rank: number | null; position: number }[], decisions: Map<string, DecisionRow>): string[] {
    if (!row.review_started_at || items.length === 0 || row.ranked === 0) return [];
    const allAdvanced = items.every((i) => decisions.get(i.candidate_id)?.decision === 'advance');
    const inEngineOrder = items.every((i) => i.engine_rank !== null && i.engine_rank === i.position);
    const seconds = (Date.now() - Date.parse(row.review_started_at)) / 1000;
    return allAdvanced && inEngineOrder && seconds < this.cfg.minSecondsPerCandidate * items.length ? [`automation_bias: all ${items.length} advanced in engine order in ${seconds.toFixed(0)} s`] : [];
  }

  reject(user: User, id: string, reason: string): ShortlistView {
    this.need(user, 'shortlists:approve');
    return this.db.transaction(() => {
      const row = this.load(user, id);
      this.transition(user, row, 'reject', { reason });
      return this.toView(user, this.repo.get(id)!);
    })();
  }

  withdraw(user: User, id: string, reason: string | undefined): ShortlistView {
    this.need(user, 'shortlists:review');
    return this.db.transaction(() => {
      const row = this.load(user, id);
      this.transition(user, row, 'withdraw', { reason: reason ?? null });
      return this.toView(user, this.repo.get(id)!);
    })();
  }

  /**
   * The gate every egress passes: export, sharing with a client, contacting a candidate. Returns the
   * advanced candidates of an approved shortlist and records the egress in the audit log.
   */
  release(user: User, id: string, egress: { kind: 'export' | 'share' | 'contact'; detail: Record<string, unknown>; candidateId?: string }): { row: ShortlistRow; advanced: string[] } {
    this.need(user, 'shortlists:review');
    return this.db.transaction(() => {
      const row = this.load(user, id);
      if (row.state !== 'approved') throw new AppError('conflict', `Only an approved shortlist may leave the system; this one is ${row.state.replace('_', ' ')}.`, { state: row.state });
      const decisions = this.repo.latestDecisions(id);
      const advanced = this.repo.items(id).map((i) => i.candidate_id).filter((c) => decisions.get(c)?.decision === 'advance');
      // One candidate (contact): refused before anything is recorded as sent.
      if (egress.candidateId !== undefined && !advanced.includes(egress.candidateId)) {
        throw new AppError('conflict', 'Only candidates advanced in the approved shortlist may be contacted from it.', { candidateId: egress.candidateId });
      }
      appendAudit(this.db, { actor: user.id, action: egress.kind, subject: id, data: { ...egress.detail, candidates: advanced } });
      return { row, advanced };
    })();
  }
}
