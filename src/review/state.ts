import { AppError } from '../domain/index.js';
import type { ShortlistState } from '../store/index.js';

/**
 * The shortlist state machine. A draft is what the engine proposed; only a human review turns it
 * into an approved shortlist, and only an approved shortlist may leave the system.
 *
 *   draft ──start──▶ in_review ──approve──▶ approved
 *     │                 │  └────reject───▶ rejected      │
 *     └────withdraw─────┴──withdraw──▶ withdrawn ◀──withdraw (recall an approved list)
 */
export type Transition = 'start' | 'approve' | 'reject' | 'withdraw';

const NEXT: Record<Transition, { from: ShortlistState[]; to: ShortlistState }> = {
  start: { from: ['draft'], to: 'in_review' },
  approve: { from: ['in_review'], to: 'approved' },
  reject: { from: ['in_review'], to: 'rejected' },
  withdraw: { from: ['draft', 'in_review', 'approved'], to: 'withdrawn' },
};

const DONE: Record<Transition, string> = { start: 'put in review', approve: 'approved', reject: 'rejected', withdraw: 'withdrawn' };

export function nextState(current: ShortlistState, t: Transition): ShortlistState {
  const rule = NEXT[t];
  if (!rule.from.includes(current)) {
    throw new AppError('conflict', `A shortlist that is ${current.replace('_', ' ')} cannot be ${DONE[t]}; allowed from: ${rule.from.map((f) => f.replace('_', ' ')).join(', ')}.`, { state: current, transition: t });
  }
  return rule.to;
}

/** States in which reviewers may open profiles and record decisions. */
export const REVIEWABLE: readonly ShortlistState[] = ['in_review'];
