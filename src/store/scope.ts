import type { Scope } from '../domain/index.js';

/** The SQL condition that keeps a query inside the caller's entities. An empty scope sees nothing. */
export function entityClause(scope: Scope, column = 'entity'): { sql: string; params: string[] } {
  if (scope.entities.length === 0) return { sql: '0', params: [] };
  return { sql: `${column} IN (${scope.entities.map(() => '?').join(',')})`, params: [...scope.entities] };
}
