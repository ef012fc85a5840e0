import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit, purgeAudit, verifyAudit } from '../../src/audit/index.js';
import { openDb, type Db } from '../../src/store/index.js';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-audit-'));
  db = openDb(path.join(dir, 'db.sqlite'));
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function fill(n: number, at?: (i: number) => string): void {
  for (let i = 0; i < n; i++) appendAudit(db, { actor: `user-${i % 3}`, action: i % 2 ? 'search' : 'decision', subject: `s-${i}`, data: { i, shown: [`c${i}`, `c${i + 1}`] } }, at ? () => at(i) : undefined);
}

/** A deterministic PRNG so a failure can be replayed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('audit log: hash chain', () => {
  it('verifies an intact chain', () => {
    fill(50);
    expect(verifyAudit(db)).toMatchObject({ ok: true, rows: 50, firstBroken: null, head: { seq: 50 } });
  });

  it('refuses UPDATE and DELETE (append-only triggers)', () => {
    fill(3);
    expect(() => db.prepare("UPDATE audit_events SET actor = 'x' WHERE seq = 2").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_events WHERE seq = 2').run()).toThrow(/append-only/);
  });

  it('detects 100% of single-byte alterations in random rows and names the first broken row', () => {
    fill(60);
    // An attacker with the file in hand can drop the triggers; the chain must still tell.
    db.exec('DROP TRIGGER audit_no_update');
    const cols = ['at', 'actor', 'action', 'subject', 'data_json', 'prev_hash', 'hash'] as const;
    const rand = rng(42);
    let detected = 0;
    const trials = 200;
    for (let t = 0; t < trials; t++) {
      const seq = 1 + Math.floor(rand() * 60);
      const col = cols[Math.floor(rand() * cols.length)]!;
      const original = (db.prepare(`SELECT ${col} AS v FROM audit_events WHERE seq = ?`).get(seq) as { v: string }).v;
      const pos = Math.floor(rand() * original.length);
      const code = original.charCodeAt(pos);
      const altered = original.slice(0, pos) + String.fromCharCode(code === 0x7e ? 0x21 : code + 1) + original.slice(pos + 1);
      db.prepare(`UPDATE audit_events SET ${col} = ? WHERE seq = ?`).run(altered, seq);
      const r = verifyAudit(db);
      if (!r.ok && r.firstBroken === seq) detected++;
      db.prepare(`UPDATE audit_events SET ${col} = ? WHERE seq = ?`).run(original, seq);
    }
    console.log(`audit: ${detected}/${trials} single-byte alterations detected at the altered row`);
    expect(detected).toBe(trials);
    expect(verifyAudit(db).ok).toBe(true);
  });

  it('detects a removed row', () => {
    fill(10);
    db.exec('DROP TRIGGER audit_no_delete');
    db.prepare('DELETE FROM audit_events WHERE seq = 4').run();
    expect(verifyAudit(db)).toMatchObject({ ok: false, firstBroken: 5 });
  });

  it('detects rows deleted from the end of the chain (the head record keeps the last seq and hash)', () => {
    fill(20);
    db.exec('DROP TRIGGER audit_no_delete');
    db.prepare('DELETE FROM audit_events WHERE seq > 15').run();
    const r = verifyAudit(db);
    expect(r).toMatchObject({ ok: false, firstBroken: 16 });
    expect(r.reason).toMatch(/events 16–20 are missing from the end/);
    // The head cannot be moved back to hide it, nor removed.
    expect(() => db.prepare("UPDATE audit_head SET seq = 15, hash = (SELECT hash FROM audit_events WHERE seq = 15)").run()).toThrow(/kept by the log/);
    expect(() => db.prepare('DELETE FROM audit_head').run()).toThrow(/kept by the log/);
    // Appending goes on after the head, so the gap stays visible.
    appendAudit(db, { actor: 'u', action: 'search' });
    expect(verifyAudit(db)).toMatchObject({ ok: false, firstBroken: 21, reason: expect.stringMatching(/events 16–20 are missing before event 21/) });
    // Every row removed: still detected.
    db.prepare('DELETE FROM audit_events').run();
    expect(verifyAudit(db)).toMatchObject({ ok: false, firstBroken: 1, reason: expect.stringMatching(/events 1–21 are missing/) });
  });

  it('detects rows deleted from the start, even with a matching anchor written by hand', () => {
    fill(20);
    const tenth = db.prepare('SELECT hash FROM audit_events WHERE seq = 10').get() as { hash: string };
    db.exec('DROP TRIGGER audit_no_delete');
    db.prepare('DELETE FROM audit_events WHERE seq <= 10').run();
    expect(verifyAudit(db)).toMatchObject({ ok: false, firstBroken: 11, reason: expect.stringMatching(/events 1–10 are missing/) });
    // The anchor may only point at an existing event.
    expect(() => db.prepare('INSERT INTO audit_anchor (id, seq, hash) VALUES (1, 10, ?)').run(tenth.hash)).toThrow(/existing event/);
    // With its triggers dropped too, verification still sees that no purge recorded that anchor.
    for (const t of ['audit_anchor_checked_insert', 'audit_anchor_checked_update', 'audit_anchor_no_delete']) db.exec(`DROP TRIGGER ${t}`);
    db.prepare('INSERT INTO audit_anchor (id, seq, hash) VALUES (1, 10, ?)').run(tenth.hash);
    const r = verifyAudit(db);
    expect(r).toMatchObject({ ok: false, firstBroken: 11 });
    expect(r.reason).toMatch(/no retention purge up to that event is recorded/);
  });

  it('checks a head noted outside the database: a tail cut and the head table rewritten is still found', () => {
    fill(20);
    const noted = verifyAudit(db).head;
    expect(noted.seq).toBe(20);
    for (const t of ['audit_no_delete', 'audit_head_checked_update']) db.exec(`DROP TRIGGER ${t}`);
    db.prepare('DELETE FROM audit_events WHERE seq > 17').run();
    db.prepare('UPDATE audit_head SET seq = 17, hash = (SELECT hash FROM audit_events WHERE seq = 17)').run();
    expect(verifyAudit(db).ok).toBe(true); // the limit of an in-file head: documented in audit/log.ts
    expect(verifyAudit(db, { expectHead: noted })).toMatchObject({ ok: false, firstBroken: 18, reason: expect.stringMatching(/18–20 are missing/) });
    // A rewritten event at the noted seq is named too.
    fill(3);
    expect(verifyAudit(db, { expectHead: noted })).toMatchObject({ ok: false, firstBroken: 20, reason: expect.stringMatching(/rewritten/) });
  });

  it('purges events past the retention period and keeps a verifiable chain from the anchor', () => {
    const old = new Date(Date.now() - 400 * 86_400_000).toISOString();
    fill(5, () => old);
    fill(5);
    expect(() => purgeAudit(db, 30)).toThrow(/6 months/);
    expect(purgeAudit(db, 365)).toEqual({ removed: 5 });
    const r = verifyAudit(db);
    expect(r.ok).toBe(true);
    expect(r.rows).toBe(6); // 5 recent + the purge event
    expect(() => db.prepare('DELETE FROM audit_events').run()).toThrow(/append-only/);
    // The anchor is guarded: not deleted, not moved back, not pointed at a missing event.
    expect(() => db.prepare('DELETE FROM audit_anchor').run()).toThrow(/cannot be deleted/);
    expect(() => db.prepare('UPDATE audit_anchor SET seq = 1').run()).toThrow(/only move forward/);
    expect(() => db.prepare("UPDATE audit_anchor SET seq = 99, hash = 'x'").run()).toThrow(/only move forward/);
    // A second purge moves the anchor forward and still verifies.
    const later = new Date(Date.now() + 400 * 86_400_000);
    expect(purgeAudit(db, 365, later).removed).toBe(6);
    expect(verifyAudit(db)).toMatchObject({ ok: true, rows: 1 });
  });
});
