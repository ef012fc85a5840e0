/**
 * From chunk scores to one candidate score. A candidate has several vectors (whole profile,
 * summary, each role, skills); a query or job scores each of them, and an aggregator turns
 * those scores into one. Every aggregator returns its score as a sum of named parts
 * (weight × value, with the chunk that supplied it) so an explanation can be built from the
 * same objects that computed the score.
 *
 * Families (pick by measurement, see measure.ts; by name with `aggregatorByName`):
 * - `max`: the best chunk. Rewards one strongly matching role; ignores everything else.
 * - `mean-top-<k>`: mean of the k best chunks. Rewards breadth; a candidate with fewer than k
 *   chunks is averaged over what it has.
 * - `weighted:<wMax>,<wProfile>,<wTopK>:<k>`: wMax·max + wProfile·profile + wTopK·mean-top-k,
 *   e.g. `weighted:0.5,0.3,0.2:2`. When the profile chunk has no score, its weight is spread
 *   over the other parts in proportion, so scores stay on one scale across candidates.
 * - `softmax:<t>`: t·log(mean(exp(s/t))), a smooth maximum: t → 0 gives max, large t gives the mean.
 *
 * Scores are cosine similarities (higher is better). Pass the scores of all of a candidate's
 * chunks when you have them (exact dot products against stored vectors); with only the chunks
 * an approximate search returned, mean-type parts see fewer chunks.
 */
import { AppError } from '../domain/index.js';
import type { ChunkKind } from './chunk.js';

export interface ChunkScore {
  kind: ChunkKind;
  ordinal: number;
  score: number;
}

export interface AggregationPart {
  name: string;
  weight: number;
  value: number;
  /** The chunk behind this value (the best one for max-type parts). */
  chunk: { kind: ChunkKind; ordinal: number } | null;
}

export interface Aggregation {
  /** Sum of weight × value over parts; -Infinity when there were no chunk scores. */
  score: number;
  parts: AggregationPart[];
}

export type Aggregator = (scores: readonly ChunkScore[]) => Aggregation;

export interface NamedAggregator {
  name: string;
  aggregate: Aggregator;
}

const EMPTY: Aggregation = { score: Number.NEGATIVE_INFINITY, parts: [] };

function sorted(scores: readonly ChunkScore[]): ChunkScore[] {
  return [...scores].sort((a, b) => b.score - a.score);
}

function ref(s: ChunkScore | undefined): AggregationPart['chunk'] {
  return s ? { kind: s.kind, ordinal: s.ordinal } : null;
}

function total(parts: AggregationPart[]): Aggregation {
  return { score: parts.reduce((sum, p) => sum + p.weight * p.value, 0), parts };
}

export function maxAggregator(): Aggregator {
  return (scores) => {
    const best = sorted(scores)[0];
    return best ? total([{ name: 'max', weight: 1, value: best.score, chunk: ref(best) }]) : EMPTY;
  };
}

function meanTop(scores: readonly ChunkScore[], k: number): { value: number; best: ChunkScore | undefined } {
  const top = sorted(scores).slice(0, k);
  return { value: top.reduce((s, c) => s + c.score, 0) / top.length, best: top[0] };
}

export function meanTopKAggregator(k: number): Aggregator {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  return (scores) => {
    if (scores.length === 0) return EMPTY;
    const { value, best } = meanTop(scores, k);
    return total([{ name: `mean-top-${k}`, weight: 1, value, chunk: ref(best) }]);
  };
}

export interface WeightedOptions {
  max: number;
  profile: number;
  topK: number;
  k: number;
}

export function weightedAggregator(w: WeightedOptions): Aggregator {
  if ([w.max, w.profile, w.topK].some((x) => !(x >= 0)) || w.max + w.profile + w.topK <= 0) {
    throw new RangeError('weights must be non-negative and not all zero');
  }
  if (!Number.isInteger(w.k) || w.k < 1) throw new RangeError(`k must be a positive integer, got ${w.k}`);
  return (scores) => {
    if (scores.length === 0) return EMPTY;
    const all = sorted(scores);
    const profile = all.find((s) => s.kind === 'profile');
    const top = meanTop(all, w.k);
    const parts: AggregationPart[] = [
      { name: 'max', weight: w.max, value: (all[0] as ChunkScore).score, chunk: ref(all[0]) },
      { name: `mean-top-${w.k}`, weight: w.topK, value: top.value, chunk: ref(top.best) },
    ];
    if (profile) {
      parts.splice(1, 0, { name: 'profile', weight: w.profile, value: profile.score, chunk: ref(profile) });
    } else {
      const rest = w.max + w.topK;
      if (rest === 0) return EMPTY; // only the profile part had weight, and there is no profile score
      for (const p of parts) p.weight += (w.profile * p.weight) / rest;
    }
    return total(parts.filter((p) => p.weight > 0));
  };
}

export function softmaxAggregator(temperature: number): Aggregator {
  if (!(temperature > 0)) throw new RangeError(`temperature must be > 0, got ${temperature}`);
  return (scores) => {
    if (scores.length === 0) return EMPTY;
    const all = sorted(scores);
    const top = (all[0] as ChunkScore).score;
    // log-mean-exp, shifted by the max for numerical safety
    const mean = all.reduce((s, c) => s + Math.exp((c.score - top) / temperature), 0) / all.length;
    const value = top + temperature * Math.log(mean);
    return total([{ name: `softmax-${temperature}`, weight: 1, value, chunk: ref(all[0]) }]);
  };
}

/**
 * Parses a family name: `max`, `mean-top-<k>`, `weighted:<wMax>,<wProfile>,<wTopK>:<k>`, `softmax:<t>`.
 * The name is what config stores and what `aggregatorGrid` produces.
 */
export function aggregatorByName(name: string): Aggregator {
  const n = name.trim();
  if (n === 'max') return maxAggregator();
  let m = /^mean-top-(\d+)$/.exec(n);
  if (m) return meanTopKAggregator(Number(m[1]));
  m = /^weighted:([\d.]+),([\d.]+),([\d.]+):(\d+)$/.exec(n);
  if (m) return weightedAggregator({ max: Number(m[1]), profile: Number(m[2]), topK: Number(m[3]), k: Number(m[4]) });
  m = /^softmax:([\d.]+)$/.exec(n);
  if (m) return softmaxAggregator(Number(m[1]));
  throw new AppError('validation_failed', `Unknown aggregator "${name}"; use max, mean-top-<k>, weighted:<wMax>,<wProfile>,<wTopK>:<k> or softmax:<t>.`);
}

/** A default grid over the families, for measuring on a relevance set. */
export function aggregatorGrid(): NamedAggregator[] {
  const names = [
    'max',
    'mean-top-2',
    'mean-top-3',
    'weighted:0.5,0.3,0.2:2',
    'weighted:0.6,0.4,0:2',
    'weighted:0.4,0.4,0.2:3',
    'weighted:0.3,0.5,0.2:2',
    'weighted:0.7,0.1,0.2:2',
    'softmax:0.02',
    'softmax:0.05',
    'softmax:0.1',
  ];
  return names.map((name) => ({ name, aggregate: aggregatorByName(name) }));
}

export interface ChunkHit extends ChunkScore {
  candidateId: string;
}

export interface CandidateScore extends Aggregation {
  candidateId: string;
}

/** Groups chunk hits by candidate, aggregates each, best first (ties by candidate id). */
export function aggregateCandidates(hits: readonly ChunkHit[], aggregate: Aggregator): CandidateScore[] {
  const byCandidate = new Map<string, ChunkScore[]>();
  for (const h of hits) {
    const list = byCandidate.get(h.candidateId) ?? [];
    list.push({ kind: h.kind, ordinal: h.ordinal, score: h.score });
    byCandidate.set(h.candidateId, list);
  }
  return [...byCandidate]
    .map(([candidateId, scores]) => ({ candidateId, ...aggregate(scores) }))
    .sort((a, b) => b.score - a.score || (a.candidateId < b.candidateId ? -1 : a.candidateId > b.candidateId ? 1 : 0));
}
