import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMON_MIN_DOCS, KeywordThread, openDb, SearchRepo, type Db } from '../../src/store/index.js';

/** The keyword side's common-words split (Lucene's common-terms idea) on a real FTS5 table. */
let dir: string;
let db: Db;

function addDocs(n: number, body: (i: number) => string): void {
  const cand = db.prepare(
    `INSERT INTO candidates (id, entity, file_sha256, file_kind, file_name, file_size, uploaded_at, updated_at, language, text, profile_json)
     VALUES (?, 'NL', ?, 'txt', 'cv.txt', 1, '2026-01-01', '2026-01-01', 'en', ?, '{}')`,
  );
  const fts = db.prepare('INSERT INTO candidates_fts (titles, skills, body) VALUES (?, ?, ?)');
  const map = db.prepare('INSERT INTO candidate_fts_map VALUES (?, ?)');
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const id = `k${i}`;
      cand.run(id, String(i).padStart(64, '0'), body(i));
      map.run(fts.run('', '', body(i)).lastInsertRowid, id);
    }
  })();
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-kw-'));
  db = openDb(path.join(dir, 'db.sqlite'));
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('keyword retrieval', () => {
  it('runs the plain OR query on a small database, where every word is cheap', () => {
    addDocs(300, (i) => `office manager ${i % 30 === 0 ? 'forklift' : ''}`);
    const r = new SearchRepo(db).keyword('forklift office', 1000);
    expect(r.mode).toBe('any');
    expect(r.hits).toHaveLength(300);
  });

  it('retrieves by the rare words alone once a word is in more than 10% of many CVs', () => {
    const n = COMMON_MIN_DOCS * 2;
    addDocs(n, (i) => `office work ${i % 100 === 0 ? 'forklift' : ''} ${i % 250 === 0 ? 'welding' : ''}`);
    const r = new SearchRepo(db).keyword('forklift office welding', 1000);
    expect(r.mode).toBe('rare-words');
    expect(r.words.sort()).toEqual(['forklift', 'welding']);
    expect(r.hits).toHaveLength(n / 100 + n / 250 - n / 500);
    // CVs with both rare words rank first.
    expect(r.hits[0]!.id).toBe('k0');
    // Turned off (share 1): the plain OR query matches every CV.
    expect(new SearchRepo(db, 1).keyword('forklift office welding', 10_000).hits).toHaveLength(n);
  });

  it('needs every word when all are common, and falls back to either of the two rarest', () => {
    const n = COMMON_MIN_DOCS * 4;
    addDocs(n, (i) => `${i % 2 ? 'office' : ''} ${i % 3 ? 'work' : ''} ${i % 4 ? 'team' : ''}`);
    const repo = new SearchRepo(db);
    const all = repo.keyword('office work', 100);
    expect(all.mode).toBe('all-common');
    for (const h of all.hits) expect(Number(h.id.slice(1)) % 6).not.toBe(0);
    // Fewer CVs than asked have all three: the two rarest (office 1/2, team 3/4 → office and work 2/3).
    const two = repo.keyword('office work team', n);
    expect(two.mode).toBe('two-rarest');
    expect(two.words.sort()).toEqual(['office', 'work']);
  });

  it('answers the same on the worker thread, sees new commits, and falls back here when the worker is gone', async () => {
    addDocs(COMMON_MIN_DOCS + 500, (i) => `office work ${i % 50 === 0 ? 'forklift' : ''}`);
    const repo = new SearchRepo(db);
    const here = repo.keyword('forklift office', 500);
    const thread = new KeywordThread(path.join(dir, 'db.sqlite'));
    repo.useThread(thread);
    try {
      const there = await repo.keywordAsync('forklift office', 500);
      expect(there).toEqual(here);
      expect(there.mode).toBe('rare-words');
      // A CV committed on the main connection is found by the worker's own connection.
      db.prepare(
        `INSERT INTO candidates (id, entity, file_sha256, file_kind, file_name, file_size, uploaded_at, updated_at, language, text, profile_json)
         VALUES ('late', 'NL', 'late', 'txt', 'cv.txt', 1, '2026-01-01', '2026-01-01', 'en', 'welding', '{}')`,
      ).run();
      db.prepare('INSERT INTO candidate_fts_map VALUES (?, ?)').run(db.prepare("INSERT INTO candidates_fts (titles, skills, body) VALUES ('', '', 'welding')").run().lastInsertRowid, 'late');
      expect((await repo.keywordAsync('welding', 10)).hits.map((h) => h.id)).toEqual(['late']);
      await thread.close();
      expect(thread.alive).toBe(false);
      // (BM25 values moved a little with the extra CV; the ranking did not.)
      expect((await repo.keywordAsync('forklift office', 500)).hits.map((h) => h.id)).toEqual(here.hits.map((h) => h.id));
    } finally {
      await thread.close();
    }
  });

  it("takes each snippet from that candidate's own CV, never from another row that matches", () => {
    addDocs(40, (i) => `welder number${i} with forklift licence`);
    const repo = new SearchRepo(db);
    const ids = ['k7', 'k23', 'k39'];
    const snippets = repo.snippets(ids, 'forklift welder');
    expect([...snippets.keys()].sort()).toEqual([...ids].sort());
    for (const id of ids) expect(snippets.get(id)).toContain(`number${id.slice(1)} `);
  });
});
