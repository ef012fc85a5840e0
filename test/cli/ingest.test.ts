import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateFixtures } from '../../fixtures/lib/index.js';
import { loadConfig } from '../../src/config.js';
import { createServices } from '../../src/services.js';
import { testLogEnv } from '../helpers/test-logs.js';

const run = promisify(execFile);
let dir: string;
let data: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-cli-'));
  data = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-cli-data-'));
  const cvs = path.join(dir, 'cvs');
  const truths = await generateFixtures({ outDir: cvs, seed: 3, personas: 2 });
  fs.rmSync(path.join(cvs, 'truth.json'));
  // A PDF under a misleading name is still a PDF: the type comes from the bytes.
  const pdf = truths.find((t) => t.format === 'pdf')!.file;
  fs.mkdirSync(path.join(cvs, 'inbox'));
  fs.renameSync(path.join(cvs, pdf), path.join(cvs, 'inbox', 'notes.rtf'));
  fs.writeFileSync(path.join(cvs, 'broken.pdf'), '%PDF-1.7\n1 0 obj << /Type /Catalog');
  fs.writeFileSync(path.join(cvs, 'photo.pdf'), Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
  // Not CVs we can read: reported as failed, never skipped silently.
  fs.writeFileSync(path.join(cvs, 'old-cv.doc'), Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]));
  fs.writeFileSync(path.join(cvs, 'todo.md'), '');
  // Hidden files are not part of the batch.
  fs.writeFileSync(path.join(cvs, '.DS_Store'), Buffer.from('0000000142756431', 'hex'));
}, 60_000);
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(data, { recursive: true, force: true });
});

async function jobmatch(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, ['bin/jobmatch.js', ...args], { env: { ...process.env, DATA_DIR: data, ...testLogEnv('cli'), EMBED_WORKER: 'false' }, timeout: 240_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('jobmatch ingest <dir>', () => {
  it('ingests a folder, reports each failure with its reason, and one bad file never stops the batch', async () => {
    const r = await jobmatch(['ingest', path.join(dir, 'cvs'), '--entity', 'DE']);
    // 7 CVs + notes.rtf ok; broken.pdf, photo.pdf, old-cv.doc, todo.md failed; .DS_Store left out
    expect(r.stdout).toMatch(/12 files: 8 ok, 0 already stored, 4 failed/);
    expect(r.stdout).toMatch(/broken\.pdf\s+unprocessable_file/);
    expect(r.stdout).toMatch(/photo\.pdf\s+unsupported_media_type/);
    expect(r.stdout).toMatch(/old-cv\.doc\s+unsupported_media_type/);
    expect(r.stdout).toMatch(/todo\.md\s+unsupported_media_type/);
    expect(r.stdout).not.toMatch(/notes\.rtf|DS_Store/);
    expect(r.code).toBe(1);
    const again = await jobmatch(['ingest', path.join(dir, 'cvs'), '--entity', 'DE']);
    expect(again.stdout).toMatch(/8 already stored/);
  }, 300_000);

  it('refuses bad arguments with a message and exit code 2', async () => {
    const r = await jobmatch(['ingest', path.join(dir, 'nope')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not a folder/);
    const e = await jobmatch(['ingest', dir, '--entity', 'XX']);
    expect(e.code).toBe(2);
    expect(e.stderr).toMatch(/--entity must be one of NL, DE, FR/);
  }, 120_000);
});

describe('jobmatch search / audit verify / reindex', () => {
  it('ranks over the same service code, records a draft shortlist, and the audit chain verifies', async () => {
    const s = await createServices(loadConfig({ DATA_DIR: data, ...testLogEnv('cli'), EMBED_WORKER: 'false', DEMO_DATA: 'false' }));
    s.users.create('rec-de', 'recruiter', ['DE']);
    s.users.create('rev-de', 'reviewer', ['DE']);
    await s.close();
    const r = await jobmatch(['search', 'experienced professional', '--as', 'rec-de', '--limit', '5']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^draft shortlist [0-9a-f-]{36}/);
    expect(r.stdout.split('\n').filter((l) => /^\s+\d+\. /.test(l))).toHaveLength(5);
    const json = await jobmatch(['search', '--as', 'rec-de', '--must', 'Excel', '--json']);
    expect(json.code).toBe(0);
    const body = JSON.parse(json.stdout);
    expect(body.state).toBe('draft');
    for (const it of body.items) expect(it.matchedSkills.map((m: { label: string }) => m.label)).toContain('Excel');
    const refused = await jobmatch(['search', 'x', '--as', 'rev-de']);
    expect(refused.code).toBe(2);
    const audit = await jobmatch(['audit', 'verify']);
    // at least the 8 uploads and 2 searches (an upload also records its consents, a start changed settings)
    const events = Number(/audit chain intact: (\d+) events/.exec(audit.stdout)?.[1] ?? 0);
    expect(events).toBeGreaterThanOrEqual(10);
    const re = await jobmatch(['reindex']);
    expect(re.stdout + re.stderr).toMatch(/cv-chunks: \d+ vectors rebuilt/);
  }, 300_000);
});
