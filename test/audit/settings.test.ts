import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recordSettings, verifyAudit } from '../../src/audit/index.js';
import { openDb } from '../../src/store/index.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const configEvents = (db: ReturnType<typeof openDb>) =>
  (db.prepare("SELECT data_json FROM audit_events WHERE action = 'config.changed' ORDER BY seq").all() as { data_json: string }[]).map((r) => JSON.parse(r.data_json));

describe('configuration changes are audited', () => {
  let srv: TestServer | undefined;
  afterEach(async () => srv?.stop());

  it('records the first settings, then only changes, each with old and new value', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-settings-'));
    const db = openDb(path.join(dir, 'db.sqlite'));
    try {
      expect(recordSettings(db, { 'review.cut': 10, 'review.fourEyes': true })).toEqual(['review.cut', 'review.fourEyes']);
      expect(recordSettings(db, { 'review.fourEyes': true, 'review.cut': 10 })).toEqual([]);
      expect(recordSettings(db, { 'review.cut': 5, 'review.fourEyes': true, 'audit.retentionDays': 400 })).toEqual(['audit.retentionDays', 'review.cut']);
      const ev = configEvents(db);
      expect(ev).toHaveLength(2);
      expect(ev[0].first).toBe(true);
      expect(ev[1]).toEqual({ first: false, changes: { 'audit.retentionDays': { from: null, to: 400 }, 'review.cut': { from: 10, to: 5 } } });
      expect(verifyAudit(db).ok).toBe(true);
    } finally {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a restart with other review settings writes config.changed; a restart with the same ones does not', async () => {
    srv = await startTestServer({ REVIEW_CUT: '10', REVIEW_FOUR_EYES: 'true' });
    const dir = srv.dir;
    expect(configEvents(srv.running.services.db)).toHaveLength(1);
    await srv.stop({ keepData: true });
    srv = await startTestServer({ REVIEW_CUT: '10', REVIEW_FOUR_EYES: 'true' }, { dir });
    expect(configEvents(srv.running.services.db)).toHaveLength(1);
    await srv.stop({ keepData: true });
    srv = await startTestServer({ REVIEW_CUT: '3', REVIEW_FOUR_EYES: 'false', AUDIT_RETENTION_DAYS: '400' }, { dir });
    const ev = configEvents(srv.running.services.db);
    expect(ev).toHaveLength(2);
    expect(ev[1].changes).toEqual({
      'audit.retentionDays': { from: 365, to: 400 },
      'review.cut': { from: 10, to: 3 },
      'review.fourEyes': { from: true, to: false },
    });
    expect(ev[0].changes['ranking.weights.semantic'].to).toBeGreaterThan(0);
    expect(verifyAudit(srv.running.services.db).ok).toBe(true);
  }, 120_000);
});
