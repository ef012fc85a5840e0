/**
 * Every route the app serves, classified. Tests fail when a route is added without a class here,
 * so each new route is looked at for authorisation and for the review gate.
 *  - public: no token (health, OpenAPI, candidate upload, public job list)
 *  - candidate: a candidate's own data, by the candidate's token
 *  - staff: internal, by a staff token (role-checked, entity-scoped)
 *  - egress: data leaves the system; only for an approved shortlist
 */
export type RouteClass = 'public' | 'candidate' | 'staff' | 'egress';

export const ROUTES: Record<string, RouteClass> = {
  'GET /healthz': 'public',
  'GET /readyz': 'public',
  'GET /api/openapi.json': 'public',
  'POST /api/candidates': 'public',
  'GET /api/candidates/:id': 'staff',
  'GET /api/candidates': 'staff',
  'POST /api/jobs': 'staff',
  'GET /api/jobs/:id': 'staff',
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
