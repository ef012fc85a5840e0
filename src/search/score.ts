import type { Concept } from '../domain/index.js';
import type { ScorePart, Weights } from './types.js';

/** 1 inside [min, max]; below min it falls linearly to 0 at zero years; above max it falls by half the excess. */
export function experienceFit(years: number, min?: number, max?: number): number {
  let fit = 1;
  if (min !== undefined && min > 0 && years < min) fit = Math.max(0, years / min);
  if (max !== undefined && max > 0 && years > max) fit = Math.max(0, 1 - (years - max) / (2 * max));
  return fit;
}

export interface Coverage {
  value: number;
  matched: Concept[];
  missing: Concept[];
}

/** Share of the asked skills a candidate has; nice-to-have skills count half. */
export function skillCoverage(has: ReadonlySet<string>, required: Concept[], nice: Concept[]): Coverage {
  const matched = [...required, ...nice].filter((c) => has.has(c.id));
  const missing = required.filter((c) => !has.has(c.id));
  const total = required.length + nice.length * 0.5;
  const got = required.filter((c) => has.has(c.id)).length + nice.filter((c) => has.has(c.id)).length * 0.5;
  return { value: total > 0 ? got / total : 0, matched, missing };
}

export interface PartInputs {
  semantic: number | null;
  keyword: number | null;
  coverage: Coverage | null;
  experience: number | null;
  years: number;
  expDetail: string;
}

/**
 * The score as a sum of named parts. A part with no input (no skills asked, no years asked)
 * is left out and the weights of the others are used as they are, so scores of one search
 * stay comparable with each other.
 */
export function weightedParts(p: PartInputs, w: Weights): ScorePart[] {
  const parts: ScorePart[] = [];
  const add = (name: ScorePart['name'], value: number | null, weight: number, detail: string): void => {
    if (value === null || weight === 0) return;
    const v = Math.max(0, Math.min(1, value));
    parts.push({ name, value: v, weight, contribution: v * weight, detail });
  };
  add('semantic', p.semantic, w.semantic, `cosine similarity of the best-matching CV sections: ${fmt(p.semantic)}`);
  add('keyword', p.keyword, w.keyword, `keyword relevance (BM25), relative to the best hit: ${fmt(p.keyword)}`);
  if (p.coverage) add('skills', p.coverage.value, w.skills, `${p.coverage.matched.length} of the asked skills present, ${p.coverage.missing.length} required missing`);
  add('experience', p.experience, w.experience, p.expDetail);
  return parts;
}

const fmt = (v: number | null): string => (v === null ? 'n/a' : v.toFixed(3));

export const sumParts = (parts: ScorePart[]): number => parts.reduce((s, p) => s + p.contribution, 0);
