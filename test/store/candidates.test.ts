import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scopeOf } from '../../src/domain/index.js';
import { extractProfile } from '../../src/ingest/profile/index.js';
import { CandidateRepo, FileStore, openDb, type Db } from '../../src/store/index.js';
import { loadVocabulary } from '../../src/taxonomy/index.js';

const vocab = loadVocabulary(null);
let dir: string;
let db: Db;
let repo: CandidateRepo;

const cv = (name: string) => `${name}\n${name.toLowerCase().replace(' ', '.')}@example.com\n\nExperience\nDeveloper at Acme\nJan 2020 - Dec 2021\nPython and SQL.\n\nSkills\nPython, SQL`;
function add(entity: 'NL' | 'DE' | 'FR', name: string, sha = FileStore.sha256(Buffer.from(name))) {
  const text = cv(name);
  return repo.insert({ entity, fileSha256: sha, fileKind: 'txt', fileName: `${name}.txt`, fileSize: text.length, uploadedAt: '2026-06-15T10:00:00Z', text, profile: extractProfile(text, { uploadDate: '2026-06-15', vocab }) });
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-store-'));
  db = openDb(path.join(dir, 'db.sqlite'));
  repo = new CandidateRepo(db);
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('candidate repository', () => {
  it('migrates to the latest version, in WAL mode, idempotently', () => {
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const again = openDb(path.join(dir, 'db.sqlite'));
    expect(again.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(1);
    again.close();
  });

  it('stores a candidate with skills and a full-text row, and is idempotent per entity and file', () => {
    const a = add('NL', 'Ann Smith', 'a'.repeat(64));
    expect(a.created).toBe(true);
    const again = add('NL', 'Ann Smith', 'a'.repeat(64));
    expect(again.created).toBe(false);
    expect(again.candidate.id).toBe(a.candidate.id);
    // The same file under another controller is another record.
    expect(add('DE', 'Ann Smith', 'a'.repeat(64)).created).toBe(true);
    const skills = db.prepare('SELECT label FROM candidate_skills WHERE candidate_id = ? ORDER BY label').all(a.candidate.id);
    expect(skills).toEqual([{ label: 'Python (computer programming)' }, { label: 'SQL' }]);
    const hit = db.prepare("SELECT m.candidate_id FROM candidates_fts f JOIN candidate_fts_map m ON m.fts_rowid = f.rowid WHERE candidates_fts MATCH 'python'").all();
    expect(hit).toHaveLength(2);
  });

  it('never reads across entities', () => {
    const nl = add('NL', 'Ann Smith').candidate;
    const de = add('DE', 'Bob Jones').candidate;
    expect(repo.get(scopeOf('NL'), nl.id)?.id).toBe(nl.id);
    expect(repo.get(scopeOf('NL'), de.id)).toBeNull();
    expect(repo.get(scopeOf(), nl.id)).toBeNull();
    expect(repo.list(scopeOf('DE'), { limit: 10, offset: 0 }).map((c) => c.id)).toEqual([de.id]);
    expect(repo.count(scopeOf('DE', 'FR'))).toBe(1);
    expect([...repo.summaries(scopeOf('NL'), [nl.id, de.id]).keys()]).toEqual([nl.id]);
    expect(repo.summaries(scopeOf('NL'), [nl.id]).get(nl.id)).toMatchObject({ entity: 'NL', name: 'Ann Smith' });
    expect(repo.summaries(scopeOf(), [nl.id, de.id]).size).toBe(0);
    expect(repo.text(scopeOf('FR'), nl.id)).toBeNull();
  });
});

describe('file store', () => {
  it('is content-addressed and atomic', () => {
    const fsStore = new FileStore(path.join(dir, 'files'));
    const sha = fsStore.put(Buffer.from('hello'));
    expect(sha).toBe(FileStore.sha256(Buffer.from('hello')));
    expect(fsStore.put(Buffer.from('hello'))).toBe(sha);
    expect(fsStore.get(sha)?.toString()).toBe('hello');
    expect(fs.readdirSync(path.dirname(fsStore.pathOf(sha)))).toEqual([sha]);
    fsStore.remove(sha);
    expect(fsStore.has(sha)).toBe(false);
    expect(() => fsStore.pathOf('../etc/passwd')).toThrow();
  });
});
