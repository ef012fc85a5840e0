import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ALL_ENTITIES_SCOPE } from '../../src/domain/index.js';
import { buildQuery } from '../../src/search/index.js';
import { createServices, type Services } from '../../src/services.js';
import { testLogEnv } from '../helpers/test-logs.js';

/** The database is the source of truth; the index is loaded when it matches and rebuilt when it does not. */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-persist-'));
const open = () => createServices(loadConfig({ DATA_DIR: dir, ...testLogEnv('services'), EMBED_WORKER: 'false', DEMO_DATA: 'false' }));
const cv = (n: string) => Buffer.from(`${n} Person\n${n.toLowerCase()}@example.com\n\nExperience\nJava Developer at Acme\nJan 2018 - Dec 2023\n\nSkills\nJava, SQL, ${n}`);
async function ids(s: Services): Promise<string[]> {
  const q = buildQuery({ query: 'Java developer', filters: { mustHave: [], mustNot: [], languages: [], soft: { years: false } }, limit: 50, page: 1 }, null, s.vocab);
  return (await s.engine.search(ALL_ENTITIES_SCOPE, q)).items.map((i) => i.candidateId).sort();
}
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('index persistence at start-up', () => {
  it('loads a matching index, rebuilds on a manifest mismatch and on a corrupt file, and finds the same candidates', async () => {
    let s = await open();
    expect(s.engine.deps.cvs.opened.status).toBe('rebuilt'); // nothing saved yet
    for (const n of ['Ann', 'Bob', 'Cleo']) await s.ingestor.ingest({ buf: cv(n), fileName: `${n}.txt`, entity: 'NL' });
    const before = await ids(s);
    expect(before).toHaveLength(3);
    await s.close();

    s = await open();
    expect(s.engine.deps.cvs.opened.status).toBe('loaded');
    expect(await ids(s)).toEqual(before);
    // A change the index never saw (as after a crash between commit and save).
    s.vectors.bump('cv-chunks');
    s.db.close();

    s = await open();
    expect(s.engine.deps.cvs.opened).toMatchObject({ status: 'rebuilt', reason: { kind: 'manifest-mismatch', field: 'lastSeq' } });
    expect(await ids(s)).toEqual(before);
    await s.close();

    // Flip bytes in the middle of the saved index file: detected by the checksum, rebuilt, never trusted.
    const file = fs.readdirSync(path.join(dir, 'index')).find((f) => f.startsWith('cv-chunks') && !f.endsWith('.json'))!;
    const p = path.join(dir, 'index', file);
    const buf = fs.readFileSync(p);
    for (let i = 0; i < 16; i++) {
      const j = Math.floor(buf.length / 2) + i;
      buf[j] = buf[j]! ^ 0xff;
    }
    fs.writeFileSync(p, buf);
    s = await open();
    expect(s.engine.deps.cvs.opened).toMatchObject({ status: 'rebuilt', reason: { kind: 'checksum-mismatch' } });
    expect(await ids(s)).toEqual(before);
    await s.close();
  }, 120_000);
});
