import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scopeOf, type Entity, type Scope } from '../../src/domain/index.js';
import { CHANGE_RETENTION_MS } from '../../src/store/roster.js';
import { ftsQuery, openDb, SearchRepo, type CandidateConditions, type Db } from '../../src/store/index.js';

/**
 * The roster (an in-memory copy of the columns search filters on) must select exactly what SQL over
 * the source tables selects, before and after every kind of change, from this connection or
 * another one. The oracle below is the SQL that decided eligibility before the roster existed.
 */
function oracle(db: Db, scope: Scope, f: CandidateConditions): string[] {
  const parts = [scope.entities.length ? `c.entity IN (${scope.entities.map(() => '?').join(',')})` : '0', 'c.objected_at IS NULL'];
  const params: (string | number)[] = [...scope.entities];
  // Recruitable straight from the consents table (not the trigger-kept flag): the newest recruitment consent is in force.
  parts.push(`coalesce((SELECT k.withdrawn_at IS NULL FROM consents k WHERE k.candidate_id = c.id AND k.purpose = 'recruitment' ORDER BY k.id DESC LIMIT 1), 0) = 1`);
  if (f.minYears !== undefined) {
    parts.push('c.years_experience >= ?');
    params.push(f.minYears);
  }
  if (f.maxYears !== undefined) {
    parts.push('c.years_experience <= ?');
    params.push(f.maxYears);
  }
  for (const concept of f.mustHave ?? []) {
    if (concept.startsWith('text:')) {
      parts.push('c.id IN (SELECT m.candidate_id FROM candidates_fts JOIN candidate_fts_map m ON m.fts_rowid = candidates_fts.rowid WHERE candidates_fts MATCH ?)');
      params.push(ftsQuery(concept.slice(5), 'all')!);
    } else {
      parts.push('EXISTS (SELECT 1 FROM candidate_skills s WHERE s.candidate_id = c.id AND s.concept_id = ?)');
      params.push(concept);
    }
  }
  for (const lang of f.languages ?? []) {
    parts.push('EXISTS (SELECT 1 FROM candidate_languages l WHERE l.candidate_id = c.id AND l.lang = ?)');
    params.push(lang);
  }
  if (f.fieldId) {
    parts.push('c.field_id = ?');
    params.push(f.fieldId);
  }
  if (f.location) {
    parts.push("lower(coalesce(c.location, '')) LIKE ?");
    params.push(`%${f.location.toLowerCase()}%`);
  }
  if (f.mustNot?.length) {
    parts.push('c.id NOT IN (SELECT m.candidate_id FROM candidates_fts JOIN candidate_fts_map m ON m.fts_rowid = candidates_fts.rowid WHERE candidates_fts MATCH ?)');
    params.push(ftsQuery(f.mustNot.join(' '), 'any')!);
  }
  return (db.prepare(`SELECT c.id FROM candidates c WHERE ${parts.join(' AND ')}`).pluck().all(...params) as string[]).sort();
}

/** A small deterministic generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ENTITIES: Entity[] = ['NL', 'DE', 'FR'];
const SKILLS = ['esco:java', 'esco:python', 'esco:sql', 'team:nursing', 'onet:Docker', 'esco:accounting'];
const LANGS = ['en', 'nl', 'de', 'fr'];
const FIELDS = ['dev', 'care', 'finance', null];
const PLACES = ['Amsterdam', 'Utrecht', 'München', 'Paris', null];
const WORDS = ['kotlin', 'forklift', 'haskell', 'welding', 'spreadsheets', 'oncology'];

let dir: string;
let db: Db;
let seq = 0;

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

function addCandidate(r: () => number, conn: Db = db): string {
  const id = `c${++seq}`;
  const body = `${pick(r, WORDS)} ${pick(r, WORDS)} and more`;
  conn.prepare(
    `INSERT INTO candidates (id, entity, file_sha256, file_kind, file_name, file_size, uploaded_at, updated_at, language, text, profile_json, years_experience, field_id, location)
     VALUES (?, ?, ?, 'txt', 'cv.txt', 1, '2026-01-01', '2026-01-01', 'en', ?, '{}', ?, ?, ?)`,
  ).run(id, pick(r, ENTITIES), id.padStart(64, '0'), body, Math.round(r() * 200) / 10, pick(r, FIELDS), pick(r, PLACES));
  for (const s of SKILLS) if (r() < 0.35) conn.prepare('INSERT INTO candidate_skills VALUES (?, ?, ?)').run(id, s, s);
  for (const l of LANGS) if (r() < 0.4) conn.prepare('INSERT INTO candidate_languages VALUES (?, ?)').run(id, l);
  const fts = conn.prepare('INSERT INTO candidates_fts (titles, skills, body) VALUES (?, ?, ?)').run('', '', body).lastInsertRowid;
  conn.prepare('INSERT INTO candidate_fts_map VALUES (?, ?)').run(fts, id);
  if (r() < 0.85) conn.prepare("INSERT INTO consents (candidate_id, purpose, wording, given_at) VALUES (?, 'recruitment', 'w', '2026-01-01')").run(id);
  if (r() < 0.05) conn.prepare("UPDATE candidates SET objected_at = '2026-02-01' WHERE id = ?").run(id);
  return id;
}

function randomFilters(r: () => number): CandidateConditions {
  const f: CandidateConditions = {};
  if (r() < 0.4) f.minYears = Math.round(r() * 100) / 10;
  if (r() < 0.2) f.maxYears = Math.round(r() * 200) / 10;
  if (r() < 0.4) f.mustHave = [pick(r, SKILLS), ...(r() < 0.3 ? [pick(r, SKILLS)] : []), ...(r() < 0.15 ? [`text:${pick(r, WORDS)}`] : []), ...(r() < 0.05 ? ['esco:unknown'] : [])];
  if (r() < 0.15) f.mustNot = [pick(r, WORDS)];
  if (r() < 0.3) f.languages = [pick(r, LANGS)];
  if (r() < 0.2) f.fieldId = pick(r, FIELDS) ?? 'dev';
  if (r() < 0.2) f.location = pick(r, ['amster', 'UTRECHT', 'münchen', 'par', 'x']);
  return f;
}

function randomScope(r: () => number): Scope {
  return scopeOf(...ENTITIES.filter(() => r() < 0.6));
}

/** A random change of the kind the product makes: consent, objection, rectification, skills, languages, erasure, new CV. */
function mutate(r: () => number, conn: Db, ids: string[]): void {
  const id = pick(r, ids);
  const kind = Math.floor(r() * 10);
  if (kind === 0) conn.prepare("UPDATE consents SET withdrawn_at = '2026-03-01' WHERE candidate_id = ? AND purpose = 'recruitment'").run(id);
  if (kind === 1) conn.prepare("INSERT INTO consents (candidate_id, purpose, wording, given_at) VALUES (?, 'recruitment', 'w', '2026-03-02')").run(id);
  if (kind === 2) conn.prepare("UPDATE candidates SET objected_at = '2026-03-01' WHERE id = ?").run(id);
  if (kind === 3) conn.prepare('UPDATE candidates SET years_experience = ?, location = ?, field_id = ? WHERE id = ?').run(Math.round(r() * 200) / 10, pick(r, PLACES), pick(r, FIELDS), id);
  if (kind === 4) conn.prepare('DELETE FROM candidate_skills WHERE candidate_id = ? AND concept_id = ?').run(id, pick(r, SKILLS));
  if (kind === 5) conn.prepare('INSERT OR IGNORE INTO candidate_skills VALUES (?, ?, ?)').run(id, pick(r, SKILLS), 'x');
  if (kind === 6) conn.prepare('INSERT OR IGNORE INTO candidate_languages VALUES (?, ?)').run(id, pick(r, LANGS));
  if (kind === 7) {
    conn.prepare('DELETE FROM candidates WHERE id = ?').run(id); // erasure (cascades)
    ids.splice(ids.indexOf(id), 1);
  }
  if (kind === 8) ids.push(addCandidate(r, conn));
  if (kind === 9) {
    // Rectified text: the CV's full-text row is replaced (a new rowid).
    conn.prepare('DELETE FROM candidates_fts WHERE rowid IN (SELECT fts_rowid FROM candidate_fts_map WHERE candidate_id = ?)').run(id);
    conn.prepare('DELETE FROM candidate_fts_map WHERE candidate_id = ?').run(id);
    const fts = conn.prepare("INSERT INTO candidates_fts (titles, skills, body) VALUES ('', '', ?)").run(pick(r, WORDS)).lastInsertRowid;
    conn.prepare('INSERT INTO candidate_fts_map VALUES (?, ?)').run(fts, id);
  }
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-roster-'));
  db = openDb(path.join(dir, 'db.sqlite'));
  db.pragma('foreign_keys = ON');
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the search roster', () => {
  it('selects exactly what SQL over the source tables selects, for random scopes and filters, through random changes from two connections', () => {
    const r = rng(42);
    const ids = Array.from({ length: 400 }, () => addCandidate(r));
    const repo = new SearchRepo(db);
    const other = openDb(path.join(dir, 'db.sqlite'));
    other.pragma('foreign_keys = ON');
    let compared = 0;
    let nonEmpty = 0;
    for (let round = 0; round < 30; round++) {
      for (let i = 0; i < 40; i++) {
        const scope = randomScope(r);
        const f = randomFilters(r);
        const got = [...repo.eligible(scope, f)].sort();
        expect(got, JSON.stringify({ round, scope, f })).toEqual(oracle(db, scope, f));
        compared++;
        if (got.length) nonEmpty++;
      }
      const changes = 1 + Math.floor(r() * 25);
      for (let i = 0; i < changes; i++) mutate(r, r() < 0.5 ? db : other, ids);
    }
    other.close();
    // Keyword hits come back as FTS rowids: the roster maps every current row to its candidate.
    repo.roster.refresh();
    const rows = db.prepare('SELECT fts_rowid, candidate_id FROM candidate_fts_map').raw().all() as [number, string][];
    expect(rows.filter(([rowid, id]) => repo.roster.idOfFtsRowid(rowid) !== id)).toEqual([]);
    expect(compared).toBe(1200);
    expect(nonEmpty).toBeGreaterThan(600);
    // Only changed candidates were re-read after the first load.
    expect(repo.roster.stats.fullLoads).toBe(1);
    expect(repo.roster.stats.partialLoads).toBeGreaterThan(20);
  });

  it('drops a candidate at once on withdrawal, objection and erasure, and reports years and skills of the selected', () => {
    const r = rng(7);
    const ids = Array.from({ length: 50 }, () => addCandidate(r));
    const repo = new SearchRepo(db);
    const all = scopeOf('NL', 'DE', 'FR');
    const sel = repo.eligible(all, {});
    const [a, b, c] = [...sel];
    // Unchanged data, same scope and filters: the selection is reused; any change makes a new one.
    expect(repo.eligible(scopeOf('FR', 'DE', 'NL'), {})).toBe(sel);
    expect(repo.eligible(all, { minYears: 1 })).not.toBe(sel);
    expect(sel.years(a!)).toBe(db.prepare('SELECT years_experience FROM candidates WHERE id = ?').pluck().get(a));
    expect([...repo.skills([a!]).get(a!)!].sort()).toEqual((db.prepare('SELECT concept_id FROM candidate_skills WHERE candidate_id = ?').pluck().all(a) as string[]).sort());
    db.prepare("UPDATE consents SET withdrawn_at = '2026-03-01' WHERE candidate_id = ?").run(a);
    db.prepare("UPDATE candidates SET objected_at = '2026-03-01' WHERE id = ?").run(b);
    db.prepare('DELETE FROM candidates WHERE id = ?').run(c);
    const after = repo.eligible(all, {});
    for (const id of [a!, b!, c!]) expect(after.has(id)).toBe(false);
    expect(after.size).toBe(sel.size - 3);
    // The earlier selection is a snapshot: it still answers for what it selected, except the erased one.
    expect(sel.has(a!)).toBe(true);
    expect(sel.has(c!)).toBe(false);
    expect(repo.skills([c!]).get(c!)!.size).toBe(0);
    expect(ids.length).toBe(50);
  });

  it('reloads in full after an idle spell long enough for erased ids to have been pruned from the change feed', () => {
    const r = rng(3);
    for (let i = 0; i < 20; i++) addCandidate(r);
    const all = scopeOf('NL', 'DE', 'FR');
    let now = Date.parse('2026-11-25T10:00:00Z');
    const idle = new SearchRepo(db);
    (idle.roster as unknown as { now: () => number }).now = () => now;
    const [victim, other] = [...idle.eligible(all, {})];
    // While this reader is idle: an erasure, then a later change to someone else…
    db.prepare('DELETE FROM candidates WHERE id = ?').run(victim);
    db.prepare('UPDATE candidates SET years_experience = years_experience + 1 WHERE id = ?').run(other);
    // …and, once the erasure's change row is old enough, the upkeep prunes it (never the newest row).
    db.prepare('UPDATE candidate_changes SET changed_at = ? WHERE candidate_id = ?').run(new Date(now - CHANGE_RETENTION_MS - 1000).toISOString(), victim);
    const upkeep = new SearchRepo(db);
    (upkeep.roster as unknown as { now: () => number }).now = () => now;
    expect(upkeep.roster.pruneChanges()).toBe(1);
    expect(db.prepare('SELECT count(*) FROM candidate_changes WHERE candidate_id = ?').pluck().get(victim)).toBe(0);
    // The idle reader cannot learn of the erasure from the feed any more, so it must reload in full.
    now += CHANGE_RETENTION_MS;
    expect(idle.eligible(all, {}).has(victim!)).toBe(false);
    expect(idle.roster.stats.fullLoads).toBe(2);
  });

  it('never prunes the newest change, so sequence numbers only rise', () => {
    const r = rng(5);
    const id = addCandidate(r);
    db.prepare('DELETE FROM candidates WHERE id = ?').run(id);
    const before = db.prepare('SELECT max(seq) FROM candidate_changes').pluck().get() as number;
    db.prepare("UPDATE candidate_changes SET changed_at = '2000-01-01T00:00:00Z'").run();
    new SearchRepo(db).roster.pruneChanges();
    expect(db.prepare('SELECT max(seq) FROM candidate_changes').pluck().get()).toBe(before);
    addCandidate(r);
    expect(db.prepare('SELECT max(seq) FROM candidate_changes').pluck().get()).toBeGreaterThan(before);
  });
});
