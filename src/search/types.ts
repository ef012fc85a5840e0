import type { Concept } from '../domain/index.js';
import type { CandidateConditions } from '../store/index.js';

export type FusionMode = 'weighted' | 'rrf';

/** A recruiter's query after parsing: what to look for, and the exact filters. */
export interface SearchQuery {
  /** Free text (or the job's title and description) for the semantic and keyword sides. */
  text: string;
  /** Skills the vacancy asks for: coverage is a score part; with `mustHave` they also filter. */
  requiredSkills: Concept[];
  niceSkills: Concept[];
  /** Exact filters. A filter the recruiter marked soft is not here but in `soft`. */
  filters: CandidateConditions;
  /** Soft experience wish: scored, never filtered. */
  soft: { minYears?: number; maxYears?: number };
  limit: number;
  page: number;
}

/** One named part of a score: the explanation shows exactly these objects. */
export interface ScorePart {
  name: 'semantic' | 'keyword' | 'skills' | 'experience';
  /** The part's own value, 0..1 (1 best). */
  value: number;
  weight: number;
  /** weight × value: what this part added to the score. */
  contribution: number;
  detail: string;
}

/** What every ranked item carries, a candidate for a recruiter or a job for a candidate. */
export interface Ranked {
  rank: number;
  score: number;
  /** Named parts; their contributions sum to the score. */
  parts: ScorePart[];
  matchedSkills: Concept[];
  missingSkills: Concept[];
  years: number;
}

export interface RankedCandidate extends Ranked {
  candidateId: string;
  snippet: string | null;
  /** The CV chunk that matched best semantically (e.g. role 0), if any. */
  bestChunk: { kind: string; ordinal: number } | null;
}

export interface SearchResult {
  total: number;
  eligible: number;
  items: RankedCandidate[];
  ranking: 'automated' | 'suspended';
  plan: { vector: string; keyword: string; keywordHits: number; vectorHits: number; fusion: FusionMode };
}

export interface Weights {
  semantic: number;
  keyword: number;
  skills: number;
  experience: number;
}
