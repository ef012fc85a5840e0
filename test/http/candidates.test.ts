import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestServer, upload, type TestServer } from '../helpers/server.js';

const SAMPLES = '../shared/data/resume-matcher-samples/resumes';
const hasSamples = fs.existsSync(SAMPLES);
let srv: TestServer;
let nlToken: string;
let deToken: string;

beforeAll(async () => {
  srv = await startTestServer({ UPLOAD_MAX_BYTES: String(2 * 1024 * 1024) });
  nlToken = srv.user('nl', 'recruiter', ['NL']);
  deToken = srv.user('de', 'recruiter', ['DE']);
}, 120_000);
afterAll(async () => srv?.stop());

describe('HTTP: health', () => {
  it('answers /healthz and /readyz', async () => {
    expect(await call(srv.url, 'GET', '/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
    const ready = await call(srv.url, 'GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.ready).toBe(true);
  });
  it('gives JSON 404s with a request id', async () => {
    const r = await call(srv.url, 'GET', '/nope');
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('not_found');
    expect(r.body.requestId).toMatch(/./);
  });
});

describe.skipIf(!hasSamples)('HTTP: CV upload through the real parser', () => {
  it('turns a real PDF into a profile (201), and a re-upload is idempotent (200, same id)', async () => {
    const pdf = fs.readFileSync(`${SAMPLES}/john_doe.pdf`);
    const first = await upload(srv.url, pdf, 'john_doe.pdf', { entity: 'NL' });
    expect(first.status).toBe(201);
    const p = first.body.candidate.profile;
    expect(p.email).toMatch(/@/);
    expect(p.skills.length).toBeGreaterThanOrEqual(5);
    expect(first.body.candidate.fileKind).toBe('pdf');
    const again = await upload(srv.url, pdf, 'renamed.pdf', { entity: 'NL' });
    expect(again.status).toBe(200);
    expect(again.body.candidate.id).toBe(first.body.candidate.id);
    // Readable by its own entity only.
    const own = await call(srv.url, 'GET', `/api/candidates/${first.body.candidate.id}`, nlToken);
    expect(own.status).toBe(200);
    expect((await call(srv.url, 'GET', `/api/candidates/${first.body.candidate.id}`, deToken)).status).toBe(404);
    expect((await call(srv.url, 'GET', `/api/candidates/${first.body.candidate.id}`)).status).toBe(401);
    // The original file is kept, content-addressed.
    expect(srv.running.services.files.has(srv.running.services.candidates.getAny(first.body.candidate.id)!.fileSha256)).toBe(true);
    // Reading profiles is audited: the single view and the list with the ids it showed.
    const list = await call(srv.url, 'GET', '/api/candidates', nlToken);
    expect(list.body.items.map((c: { id: string }) => c.id)).toContain(first.body.candidate.id);
    const events = srv.running.services.db.prepare("SELECT action, data_json FROM audit_events WHERE action IN ('profile.viewed', 'profiles.listed') ORDER BY seq").all() as { action: string; data_json: string }[];
    expect(events.map((e) => e.action)).toEqual(['profile.viewed', 'profiles.listed']);
    expect(JSON.parse(events[1]!.data_json).shown).toContain(first.body.candidate.id);
  });
});

describe('HTTP: bad uploads get clear 4xx errors and the service keeps serving', () => {
  it('415 names the detected type, whatever the file name says', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const r = await upload(srv.url, png, 'cv.pdf', { entity: 'NL' });
    expect(r.status).toBe(415);
    expect(r.body.error.details.detected).toBe('image/png');
  });
  it('413 over the size limit', async () => {
    const r = await upload(srv.url, Buffer.alloc(2 * 1024 * 1024 + 10, 0x41), 'big.txt', { entity: 'NL' });
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('payload_too_large');
  });
  it('422 for a truncated PDF', async () => {
    const pdf = fs.existsSync(`${SAMPLES}/john_doe.pdf`) ? fs.readFileSync(`${SAMPLES}/john_doe.pdf`) : Buffer.from('%PDF-1.4\n1 0 obj\n<<');
    const r = await upload(srv.url, pdf.subarray(0, Math.floor(pdf.length / 3)), 'cut.pdf', { entity: 'NL' });
    expect(r.status).toBe(422);
  });
  it('400 with field paths for a missing entity or file', async () => {
    const r = await upload(srv.url, Buffer.from('Jane Doe\njane@example.com\nSkills\nPython'), 'cv.txt', {});
    expect(r.status).toBe(400);
    expect(r.body.error.details.issues[0].path).toBe('entity');
    const form = new FormData();
    form.set('entity', 'NL');
    const noFile = await fetch(`${srv.url}/api/candidates`, { method: 'POST', body: form });
    expect(noFile.status).toBe(400);
  });
  it('still serves after all of that', async () => {
    const r = await upload(srv.url, Buffer.from('Jane Doe\njane@example.com\n\nSkills\nPython, SQL, Docker'), 'jane.txt', { entity: 'DE' });
    expect(r.status).toBe(201);
    expect(r.body.candidate.profile.email).toBe('jane@example.com');
    expect((await call(srv.url, 'GET', '/healthz')).status).toBe(200);
  });
});
