import type { Concept, Entity } from './profile.js';

export interface Job {
  id: string;
  entity: Entity;
  title: string;
  description: string;
  /** Required skills as concepts (recognised in the given list and in the description). */
  requiredSkills: Concept[];
  niceSkills: Concept[];
  minYears: number | null;
  maxYears: number | null;
  /** ISO 639-1 codes of languages the job needs. */
  languages: string[];
  location: string | null;
  field: Concept | null;
  createdAt: string;
  updatedAt: string;
}
