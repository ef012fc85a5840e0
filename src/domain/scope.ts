import type { Entity } from './profile.js';

/**
 * What a caller may see: the controller entities whose records it may read.
 * Every store read takes a Scope, so entity scoping is enforced where data is read.
 */
export interface Scope {
  entities: readonly Entity[];
}

export const ALL_ENTITIES_SCOPE: Scope = { entities: ['NL', 'DE', 'FR'] };

export function scopeOf(...entities: Entity[]): Scope {
  return { entities };
}
