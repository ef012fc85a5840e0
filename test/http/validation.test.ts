/** 400 answers name the field paths and what is expected, never the values that were sent (they may be personal data). */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { call, startTestServer, upload, type TestServer } from '../helpers/server.js';

let srv: TestServer;
let admin: string;
let recruiter: string;
beforeAll(async () => {
  srv = await startTestServer();
  admin = srv.user('validation-admin', 'admin', ['NL']);
  recruiter = srv.user('validation-recruiter', 'recruiter', ['NL']);
}, 120_000);
afterAll(async () => srv?.stop());

const SENT = ['jane.roe@example.org', 'Nina de Vries', '+31 6 1234 5678'];
const echoes = (text: string): string[] => SENT.filter((s) => text.toLowerCase().includes(s.toLowerCase()));
const paths = (body: { error: { details: { issues: Array<{ path: string }> } } }): string[] => body.error.details.issues.map((i) => i.path);

it('an upload with a wrong entity names the field and the allowed values, not the value sent', async () => {
  const r = await upload(srv.url, Buffer.from('Java developer'), 'cv.txt', { entity: 'jane.roe@example.org' });
  expect(r.status).toBe(400);
  expect(r.body.error.code).toBe('validation_failed');
  expect(paths(r.body)).toEqual(['entity']);
  expect(r.body.error.details.issues[0].message).toBe('Expected one of: NL, DE, FR');
  expect(echoes(JSON.stringify(r.body))).toEqual([]);
});

it('a JSON body with wrong values and unknown keys: paths and expectations only', async () => {
  const r = await call(srv.url, 'POST', '/api/jobs', admin, {
    title: 'Nurse',
    description: 'Night shifts on a surgical ward.',
    entity: 'Nina de Vries',
    minYears: '+31 6 1234 5678',
    languages: ['Nina de Vries'],
    'jane.roe@example.org': true,
    contactPerson: 'Nina de Vries',
  });
  expect(r.status).toBe(400);
  expect(paths(r.body).sort()).toEqual(['', 'entity', 'languages.0', 'minYears']);
  const text = JSON.stringify(r.body);
  expect(echoes(text)).toEqual([]);
  // A key that looks like a field name is named; any other key is only counted.
  expect(text).toContain('Unrecognized field(s): contactPerson, 1 more');
  expect(text).toContain('Expected number, received string');
});

it('nested objects: the same for search filters', async () => {
  const r = await call(srv.url, 'POST', '/api/search', recruiter, { query: 'nurse', filters: { 'jane.roe@example.org': 1, languages: ['xx', 'Nina de Vries'] } });
  expect(r.status).toBe(400);
  expect(echoes(JSON.stringify(r.body))).toEqual([]);
  expect(paths(r.body).sort()).toEqual(['filters', 'filters.languages.1']);
});
