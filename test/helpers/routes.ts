/**
 * Every route the app serves, classified. Tests fail when a route is added without a class here,
 * so each new route is looked at for authorisation and for the review gate.
 *  - public: no token (health, OpenAPI, candidate upload, public job list)
 *  - candidate: a candidate's own data, by the candidate's token
 *  - staff: internal, by a staff token (role-checked, entity-scoped)
 *  - egress: data leaves the system; only for an approved shortlist
 *  - page-public / page-candidate / page-staff: the websites (src/web): pages and forms for anyone,
 *    for a candidate's session (from the secret link), for a staff session (from a sign-in); every
 *    POST needs the session's CSRF token
 */
export type RouteClass = 'public' | 'candidate' | 'staff' | 'egress' | 'page-public' | 'page-candidate' | 'page-staff';

export const ROUTES: Record<string, RouteClass> = {
  'GET /healthz': 'public',
  'GET /readyz': 'public',
  'GET /api/openapi.json': 'public',
  'POST /api/candidates': 'public',
  'GET /api/candidates/:id': 'staff',
  'GET /api/candidates': 'staff',
  'POST /api/jobs': 'staff',
  'GET /api/jobs/:id': 'staff',
  'PATCH /api/jobs/:id': 'staff',
  'POST /api/search': 'staff',
  'GET /api/shortlists/:id': 'staff',
  'POST /api/shortlists/:id/start': 'staff',
  'GET /api/shortlists/:id/candidates/:cid': 'staff',
  'POST /api/shortlists/:id/candidates/:cid/decision': 'staff',
  'PUT /api/shortlists/:id/order': 'staff',
  'POST /api/shortlists/:id/items': 'staff',
  'DELETE /api/shortlists/:id/items/:cid': 'staff',
  'POST /api/shortlists/:id/approve': 'staff',
  'POST /api/shortlists/:id/reject': 'staff',
  'POST /api/shortlists/:id/withdraw': 'staff',
  'GET /api/shortlists/:id/export': 'egress',
  'POST /api/shortlists/:id/share': 'egress',
  'POST /api/shortlists/:id/candidates/:cid/contact': 'egress',
  'GET /api/oversight': 'staff',
  'POST /api/admin/entities/:entity/ranking': 'staff',
  'GET /api/audit': 'staff',
  'GET /api/reports/bias': 'staff',
  // Job alerts: the unsubscribe link's token is its own credential; preferences by the candidate's token.
  'GET /api/alerts/unsubscribe': 'public',
  'POST /api/alerts/unsubscribe': 'public',
  'GET /api/me/alerts': 'candidate',
  'PUT /api/me/alerts': 'candidate',
  'GET /api/consent-texts': 'public',
  'GET /api/jobs/public': 'public',
  'GET /api/me': 'candidate',
  'PATCH /api/me/profile': 'candidate',
  'GET /api/me/export': 'candidate',
  'GET /api/me/export/json-resume': 'candidate',
  'GET /api/me/export/file': 'candidate',
  'POST /api/me/consents/:purpose/withdraw': 'candidate',
  'POST /api/me/consents/:purpose/give': 'candidate',
  'POST /api/me/object': 'candidate',
  'GET /api/me/equality': 'candidate',
  'POST /api/me/equality': 'candidate',
  'DELETE /api/me/equality': 'candidate',
  'GET /api/me/recommendations': 'candidate',
  'DELETE /api/me': 'candidate',
  // The websites (src/web).
  'GET /': 'page-public',
  'GET /jobs': 'page-public',
  'GET /jobs/:id': 'page-public',
  'GET /me': 'page-public',
  'POST /me/session': 'page-public',
  'POST /me/sign-out': 'page-candidate',
  'GET /me/profile': 'page-candidate',
  'POST /me/profile': 'page-candidate',
  'GET /me/data': 'page-candidate',
  'GET /me/data/export.json': 'page-candidate',
  'GET /me/data/resume.json': 'page-candidate',
  'GET /me/data/cv': 'page-candidate',
  'POST /me/consents/:purpose/:act': 'page-candidate',
  'POST /me/alerts': 'page-candidate',
  'POST /me/object': 'page-candidate',
  'POST /me/erase': 'page-candidate',
  'GET /staff/sign-in': 'page-public',
  'POST /staff/sign-in': 'page-public',
  'POST /staff/sign-out': 'page-staff',
  'GET /staff': 'page-staff',
  'POST /staff/blind': 'page-staff',
  'GET /staff/search': 'page-staff',
  'POST /staff/search': 'page-staff',
  'GET /staff/search/:id': 'page-staff',
  'GET /staff/shortlists': 'page-staff',
  'GET /staff/shortlists/open': 'page-staff',
  'GET /staff/audit': 'page-staff',
  'GET /staff/shortlists/:id': 'page-staff',
  'POST /staff/shortlists/:id/start': 'page-staff',
  'POST /staff/shortlists/:id/approve': 'page-staff',
  'POST /staff/shortlists/:id/reject': 'page-staff',
  'POST /staff/shortlists/:id/move': 'page-staff',
  'GET /staff/shortlists/:id/candidates/:cid': 'page-staff',
  'POST /staff/shortlists/:id/candidates/:cid/decision': 'page-staff',
  'GET /staff/shortlists/:id/export': 'egress',
};

/** Routes registered on an express 5 app (method and path), walking nested routers. */
export function listRoutes(app: unknown): string[] {
  const out: string[] = [];
  type Layer = { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: Layer[] } };
  const walk = (stack: Layer[] | undefined): void => {
    for (const layer of stack ?? []) {
      if (layer.route) for (const m of Object.keys(layer.route.methods)) out.push(`${m.toUpperCase()} ${layer.route.path}`);
      else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as { router: { stack: Layer[] } }).router.stack);
  return out;
}
