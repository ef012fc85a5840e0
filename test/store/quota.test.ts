import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UploadQuotaRepo, openDb, type Db } from '../../src/store/index.js';

const HOUR = 3_600_000;
/** A clock the test moves: 2026-03-10 09:15 UTC. */
let now = Date.UTC(2026, 2, 10, 9, 15);
const clock = (): number => now;
let dir: string;
let db: Db;

beforeEach(() => {
  now = Date.UTC(2026, 2, 10, 9, 15);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-quota-'));
  db = openDb(path.join(dir, 'jobmatch.db'));
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const takeN = (repo: UploadQuotaRepo, caller: string, n: number, limits = { perHour: 3, perDay: 5 }) => Array.from({ length: n }, () => repo.take(caller, limits));

describe('upload quota in hourly buckets (SQLite)', () => {
  it('refuses the upload past the hourly limit until the next clock hour; callers are counted apart', () => {
    const repo = new UploadQuotaRepo(db, clock);
    const r = takeN(repo, 'user:a', 4);
    expect(r.map((d) => d.ok)).toEqual([true, true, true, false]);
    const refused = r[3]!;
    if (refused.ok) throw new Error('expected a refusal');
    expect(refused).toMatchObject({ window: 'hour', limit: 3, used: 3, retryAfterSeconds: 45 * 60 });
    expect(refused.resetsAt.toISOString()).toBe('2026-03-10T10:00:00.000Z');
    // A refusal counts nothing.
    expect(repo.usage('user:a')).toEqual({ hour: 3, day: 3 });
    expect(repo.take('user:b', { perHour: 3, perDay: 5 }).ok).toBe(true);
    now += 45 * 60 * 1000;
    expect(repo.take('user:a', { perHour: 3, perDay: 5 }).ok).toBe(true);
  });

  it('the daily limit counts the 24 hours ending with the current one, and names the hour when it frees up', () => {
    const repo = new UploadQuotaRepo(db, clock);
    expect(takeN(repo, 'ip:x', 3).every((d) => d.ok)).toBe(true); // 09:00 bucket: 3
    now += 2 * HOUR; // 11:15
    expect(takeN(repo, 'ip:x', 2).every((d) => d.ok)).toBe(true); // 11:00 bucket: 2, day: 5
    const refused = repo.take('ip:x', { perHour: 3, perDay: 5 });
    if (refused.ok) throw new Error('expected a refusal');
    expect(refused).toMatchObject({ window: 'day', limit: 5, used: 5 });
    // The 09:00 bucket leaves the window at 09:00 the next day.
    expect(refused.resetsAt.toISOString()).toBe('2026-03-11T09:00:00.000Z');
    now = Date.UTC(2026, 2, 11, 8, 59);
    expect(repo.take('ip:x', { perHour: 3, perDay: 5 }).ok).toBe(false);
    now = Date.UTC(2026, 2, 11, 9, 0);
    expect(repo.usage('ip:x')).toEqual({ hour: 0, day: 2 });
    expect(takeN(repo, 'ip:x', 4).map((d) => d.ok)).toEqual([true, true, true, false]);
  });

  it('survives a restart (a new repository on the reopened database) and prunes buckets older than a day', () => {
    const repo = new UploadQuotaRepo(db, clock);
    takeN(repo, 'user:a', 3);
    db.close();
    db = openDb(path.join(dir, 'jobmatch.db'));
    const again = new UploadQuotaRepo(db, clock);
    expect(again.take('user:a', { perHour: 3, perDay: 5 }).ok).toBe(false);
    const rows = () => (db.prepare('SELECT count(*) AS n FROM upload_quota').get() as { n: number }).n;
    expect(rows()).toBe(1);
    now += 25 * HOUR;
    new UploadQuotaRepo(db, clock);
    expect(rows()).toBe(0);
  });
});
