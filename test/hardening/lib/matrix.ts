/**
 * The authorisation matrix over every route the app serves (API and web pages): who may call
 * what, written out here from the roles of the search and review issues, independently of
 * src/access/policy.ts; plus how to fill in a route's parameters.
 */
import crypto from 'node:crypto';
import type { Role_ } from '../../../src/domain/index.js';

export const ROLES: Role_[] = ['recruiter', 'reviewer', 'admin', 'privacy'];

const REVIEWERS: Role_[] = ['recruiter', 'reviewer'];
const READERS: Role_[] = ['recruiter', 'reviewer', 'admin'];
const OVERSIGHT: Role_[] = ['reviewer', 'admin', 'privacy'];

/** Staff routes and the roles that may use them; a staff route missing here is checked only for refusing outsiders. */
export const MAY: Record<string, Role_[]> = {
  'GET /api/candidates/:id': READERS,
  'GET /api/candidates': READERS,
  'POST /api/jobs': ['recruiter', 'admin'],
  'PATCH /api/jobs/:id': ['recruiter', 'admin'],
  'GET /api/jobs/:id': READERS,
  'POST /api/search': ['recruiter'],
  'GET /api/shortlists/:id': REVIEWERS,
  'POST /api/shortlists/:id/start': REVIEWERS,
  'GET /api/shortlists/:id/candidates/:cid': REVIEWERS,
  'POST /api/shortlists/:id/candidates/:cid/decision': REVIEWERS,
  'PUT /api/shortlists/:id/order': REVIEWERS,
  'POST /api/shortlists/:id/items': REVIEWERS,
  'DELETE /api/shortlists/:id/items/:cid': REVIEWERS,
  'POST /api/shortlists/:id/approve': REVIEWERS,
  'POST /api/shortlists/:id/reject': REVIEWERS,
  'POST /api/shortlists/:id/withdraw': REVIEWERS,
  'GET /api/shortlists/:id/export': REVIEWERS,
  'POST /api/shortlists/:id/share': REVIEWERS,
  'POST /api/shortlists/:id/candidates/:cid/contact': REVIEWERS,
  'GET /api/oversight': OVERSIGHT,
  'POST /api/admin/entities/:entity/ranking': ['admin'],
  'GET /api/audit': OVERSIGHT,
  'GET /api/reports/bias': ['privacy'],
  'GET /staff/search': ['recruiter'],
  'POST /staff/search': ['recruiter'],
  'GET /staff/search/:id': ['recruiter'],
  'GET /staff/audit': OVERSIGHT,
};

/** A path for a route with every parameter filled: known ids where given, else values that exist nowhere. */
export function fillPath(route: string, known: Record<string, string> = {}): string {
  const p = route.slice(route.indexOf(' ') + 1);
  return p.replace(/:(\w+)/g, (_, name: string) => {
    if (known[name]) return known[name]!;
    if (name === 'entity') return 'NL';
    if (name === 'purpose') return 'profiling';
    if (name === 'act') return 'give';
    return crypto.randomUUID();
  });
}

export const methodOf = (route: string): string => route.slice(0, route.indexOf(' '));
