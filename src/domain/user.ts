import type { Entity } from './profile.js';
import type { Scope } from './scope.js';

export const ROLES = ['recruiter', 'reviewer', 'admin', 'privacy'] as const;
export type Role_ = (typeof ROLES)[number];

export interface User {
  id: string;
  name: string;
  role: Role_;
  /** Controller entities this user works for (its own, or those it processes data on behalf of). */
  entities: Entity[];
}

export function scopeOfUser(u: User): Scope {
  return { entities: u.entities };
}
