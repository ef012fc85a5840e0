import type { Role_ } from '../domain/index.js';

/** What each role may do. Routes name an action; the store scopes every read by the user's entities. */
export const ACTIONS = ['candidates:read', 'candidates:write', 'jobs:read', 'jobs:write', 'search:run', 'shortlists:review', 'shortlists:approve', 'audit:read', 'reports:bias', 'admin:configure', 'oversight:read'] as const;
export type Action = (typeof ACTIONS)[number];

const GRANTS: Record<Role_, readonly Action[]> = {
  recruiter: ['candidates:read', 'candidates:write', 'jobs:read', 'jobs:write', 'search:run', 'shortlists:review', 'shortlists:approve'],
  reviewer: ['candidates:read', 'jobs:read', 'shortlists:review', 'shortlists:approve', 'audit:read', 'oversight:read'],
  admin: ['candidates:read', 'candidates:write', 'jobs:read', 'jobs:write', 'admin:configure', 'audit:read', 'oversight:read'],
  privacy: ['audit:read', 'reports:bias', 'oversight:read'],
};

export function can(role: Role_, action: Action): boolean {
  return GRANTS[role].includes(action);
}
