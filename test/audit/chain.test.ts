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
    expect(verifyAudit(db)).toEqual({ ok: true, rows: 50, firstBroken: null });
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
  });
});
