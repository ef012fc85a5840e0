import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { registerMeOpenApi } from './me.js';
import { registerAlertsOpenApi } from './alerts.js';
import { ErrorBody, JobCreate, SearchRequest, UploadFields } from './schemas.js';

/** The OpenAPI 3.1 document, generated from the same zod schemas that validate requests. */
export function openApiDocument(): ReturnType<OpenApiGeneratorV31['generateDocument']> {
  const reg = new OpenAPIRegistry();
  const bearer = reg.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  const security = [{ [bearer.name]: [] }];
  const errors = {
    400: { description: 'Invalid request (field paths in details.issues)', content: { 'application/json': { schema: ErrorBody } } },
    401: { description: 'No or bad bearer token', content: { 'application/json': { schema: ErrorBody } } },
    403: { description: 'Role may not do this', content: { 'application/json': { schema: ErrorBody } } },
  };
  const json = { content: { 'application/json': { schema: z.object({}).passthrough() } } };
  reg.registerPath({
    method: 'post',
    path: '/api/candidates',
    summary: 'Upload a CV (PDF, DOCX or text); the type is detected from the bytes',
    request: { body: { content: { 'multipart/form-data': { schema: UploadFields.extend({ file: z.string().openapi({ format: 'binary' }) }) } } } },
    responses: {
      201: { description: 'Stored; the parsed profile and, once, the candidate\'s access token (access.token, access.link)', ...json },
      200: { description: 'This file was already stored for this entity', ...json },
      403: { description: 'A cross-site browser upload (Origin or Sec-Fetch-Site names another site)', content: { 'application/json': { schema: ErrorBody } } },
      413: { description: 'Too large / too many pages', content: { 'application/json': { schema: ErrorBody } } },
      415: { description: 'Unsupported type (details.detected names it)', content: { 'application/json': { schema: ErrorBody } } },
      422: { description: 'Unreadable file (corrupt, encrypted, no text layer, timeout), or with strict=true nothing of a CV found', content: { 'application/json': { schema: ErrorBody } } },
      429: { description: 'Rate limited, or the upload quota is used up (quota_exceeded: details.quota names the window, limit and resetsAt; Retry-After)', content: { 'application/json': { schema: ErrorBody } } },
      503: { description: 'Too many files waiting for the parsers (overloaded; Retry-After)', content: { 'application/json': { schema: ErrorBody } } },
    },
  });
  reg.registerPath({ method: 'get', path: '/api/candidates/{id}', security, request: { params: z.object({ id: z.string().uuid() }) }, responses: { 200: { description: 'The candidate', ...json }, 404: { description: 'Not found in your entities' }, ...errors } });
  reg.registerPath({ method: 'get', path: '/api/candidates', security, request: { query: z.object({ limit: z.number().int().optional(), offset: z.number().int().optional() }) }, responses: { 200: { description: 'Candidates of your entities', ...json }, ...errors } });
  reg.registerPath({ method: 'post', path: '/api/jobs', security, request: { body: { content: { 'application/json': { schema: JobCreate } } } }, responses: { 201: { description: 'The job, parsed', ...json }, ...errors } });
  reg.registerPath({ method: 'get', path: '/api/jobs/{id}', security, request: { params: z.object({ id: z.string().uuid() }) }, responses: { 200: { description: 'The job', ...json }, 404: { description: 'Not found in your entities' }, ...errors } });
  reg.registerPath({
    method: 'post',
    path: '/api/search',
    security,
    summary: 'Ranked candidates with score parts and reasons; creates a draft shortlist',
    request: { body: { content: { 'application/json': { schema: SearchRequest } } } },
    responses: { 200: { description: 'Draft shortlist with ranked candidates', ...json }, 404: { description: 'Job not found' }, 429: { description: 'Rate limited' }, ...errors },
  });
  registerMeOpenApi(reg);
  registerAlertsOpenApi(reg);
  return new OpenApiGeneratorV31(reg.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'JobMatch API', version: '0.1.0', description: 'Recruitment CV matching with a mandatory human-review gate.' },
  });
}
