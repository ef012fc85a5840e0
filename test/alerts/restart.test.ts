/**
 * Restart mid-drain: a sender process (test/alerts/drain-child.ts, the real start-up) drains the
 * outbox into an SMTP server started here; the test SIGKILLs it mid-drain, starts it again, and
 * counts what the SMTP server accepted.
 *  A. killed while a message is in transit (before the server commits it): after the restart
 *     every alert has arrived exactly once.
 *  B. killed right after the server's 250 (the narrowest window: accepted by SMTP, not yet marked
 *     sent): the restarted sender resends the in-flight alert with the same Message-ID. This is
 *     the at-least-once corner SMTP leaves; the test measures it and the window's length.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createServices } from '../../src/services.js';
import { addCandidate, addJob } from './fixture.js';
import { startSmtp, type TestSmtp } from './smtp.js';
import { testLogEnv } from '../helpers/test-logs.js';

const CANDIDATES = 6;
const JOBS = 4;
const TOTAL = CANDIDATES * JOBS;
let template: string;
const dirs: string[] = [];
const servers: TestSmtp[] = [];

interface Child {
  proc: ChildProcess;
  lines: Record<string, unknown>[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  startedAt: number;
}

function drainChild(dir: string, smtpUrl: string): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'test/alerts/drain-child.ts', dir, smtpUrl], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines: Record<string, unknown>[] = [];
  let buf = '';
  proc.stdout!.on('data', (d: Buffer) => {
    buf += d.toString('utf8');
    for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
      lines.push(JSON.parse(buf.slice(0, i)) as Record<string, unknown>);
      buf = buf.slice(i + 1);
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  return { proc, lines, exited, startedAt: performance.timeOrigin + performance.now() };
}

/** A fresh copy of the prepared data folder (database with TOTAL queued alerts). */
function copy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-alerts-restart-'));
  dirs.push(dir);
  fs.cpSync(template, dir, { recursive: true });
  return dir;
}

function outbox(dir: string): { sent: number; inFlight: number; total: number; messageIds: string[] } {
  const db = new Database(path.join(dir, 'jobmatch.db'), { readonly: true });
  try {
    const r = db
      .prepare('SELECT count(*) AS total, sum(sent_at IS NOT NULL) AS sent, sum(sent_at IS NULL AND message_id IS NOT NULL AND last_error IS NULL) AS inFlight FROM alert_outbox')
      .get() as { total: number; sent: number; inFlight: number };
    const messageIds = (db.prepare('SELECT message_id AS m FROM alert_outbox ORDER BY id').all() as { m: string }[]).map((x) => x.m);
    return { ...r, messageIds };
  } finally {
    db.close();
  }
}

const counts = (ids: string[]): Map<string, number> => ids.reduce((m, id) => m.set(id, (m.get(id) ?? 0) + 1), new Map<string, number>());

beforeAll(async () => {
  template = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-alerts-template-'));
  dirs.push(template);
  const config = loadConfig({ DATA_DIR: template, DEMO_DATA: 'false', ...testLogEnv('services'), EMBED_WORKER: 'false', ALERT_SEND_INTERVAL_MS: '0', ALERTS_DAILY_CAP: '100' });
  const s = await createServices(config);
  for (let i = 0; i < CANDIDATES; i++) await addCandidate(s, `Kim Number${String.fromCharCode(97 + i)}`);
  for (let j = 0; j < JOBS; j++) await addJob(s, s.alerts, `Java Developer ${j + 1}`);
  expect(s.alerts.outbox.stats()).toMatchObject({ queued: TOTAL, sent: 0 });
  await s.close();
}, 120_000);
afterAll(async () => {
  for (const x of servers) await x.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('restart mid-drain', () => {
  it('A: killed while a message is in transit — after the restart each alert arrived exactly once, none lost', async () => {
    const K = 9;
    const dir = copy();
    let first: Child | null = null;
    const smtp = await startSmtp({
      delayMs: 5,
      beforeReply: (_m, i) => {
        if (i !== K) return false;
        first!.proc.kill('SIGKILL');
        return true;
      },
    });
    servers.push(smtp);
    first = drainChild(dir, smtp.url);
    expect((await first.exited).signal).toBe('SIGKILL');
    await vi.waitFor(() => expect(smtp.aborted).toBe(1)); // the server sees the connection close
    expect(smtp.received).toHaveLength(K);
    expect(outbox(dir)).toMatchObject({ sent: K, inFlight: 1 });

    const second = drainChild(dir, smtp.url);
    expect((await second.exited).code).toBe(0);
    const report = second.lines.find((l) => l.type === 'report')!.report as Record<string, number>;
    expect(report).toMatchObject({ released: 1, resent: 1, mails: TOTAL - K, failed: 0 });
    const after = outbox(dir);
    expect(after).toMatchObject({ sent: TOTAL, inFlight: 0, total: TOTAL });
    const got = counts(smtp.received.map((m) => m.messageId));
    expect(got.size).toBe(TOTAL); // no loss
    expect([...got.values()].every((n) => n === 1)).toBe(true); // no duplicate
    expect(new Set(after.messageIds)).toEqual(new Set(got.keys()));

    // The window in which a kill would duplicate: server's 250 → the sender's committed mark.
    const accepted = new Map(smtp.received.map((m) => [m.messageId, m.acceptedAt]));
    const sentLines = [...first.lines, ...second.lines].filter((l) => l.type === 'sent');
    const sorted = (xs: number[]) => xs.sort((a, b) => a - b);
    const windows = sorted(sentLines.map((l) => (l.at as number) - accepted.get(l.messageId as string)!));
    // Its two parts: the 250 reaching the sender through the transport, and the sent mark's commit.
    const toSender = sorted(sentLines.map((l) => (l.answeredAt as number) - accepted.get(l.messageId as string)!));
    const commit = sorted(sentLines.map((l) => (l.at as number) - (l.answeredAt as number)));
    const sentAt = second.lines.filter((l) => l.type === 'sent').map((l) => l.at as number);
    const perMail = (sentAt.at(-1)! - sentAt[0]!) / (sentAt.length - 1);
    const at = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
    const q = (p: number) => at(windows, p);
    console.log(
      `restart A: ${TOTAL} alerts, killed at #${K + 1}; restarted sender released ${report.released}, resent ${report.resent}; ` +
        `250→commit window over ${windows.length} mails: median ${q(0.5).toFixed(2)} ms, p90 ${q(0.9).toFixed(2)} ms, max ${windows.at(-1)!.toFixed(2)} ms ` +
        `(250→sender median ${at(toSender, 0.5).toFixed(2)} / max ${toSender.at(-1)!.toFixed(2)} ms, commit median ${at(commit, 0.5).toFixed(2)} / max ${commit.at(-1)!.toFixed(2)} ms); ` +
        `one mail every ${perMail.toFixed(1)} ms (incl. the test server's 5 ms delay) → a kill at a random moment duplicates with p ≈ ${((q(0.5) / perMail) * 100).toFixed(1)}%`,
    );
    expect(windows.length).toBe(TOTAL);
    expect(q(0.5)).toBeLessThan(perMail);
  }, 60_000);

  it('B: killed right after the server’s 250 — the in-flight alert is resent with the same Message-ID, nothing lost', async () => {
    const K = 4;
    const dir = copy();
    let first: Child | null = null;
    const smtp = await startSmtp({
      afterReply: (_m, i) => {
        if (i === K) first!.proc.kill('SIGKILL');
      },
    });
    servers.push(smtp);
    first = drainChild(dir, smtp.url);
    expect((await first.exited).signal).toBe('SIGKILL');
    const mid = outbox(dir);
    const second = drainChild(dir, smtp.url);
    expect((await second.exited).code).toBe(0);
    const after = outbox(dir);
    expect(after).toMatchObject({ sent: TOTAL, inFlight: 0 });
    const got = counts(smtp.received.map((m) => m.messageId));
    expect(got.size).toBe(TOTAL); // no loss
    const dups = [...got.entries()].filter(([, n]) => n > 1);
    // At most the one alert that was in flight, and its copy carries the same Message-ID.
    expect(dups.length).toBe(mid.inFlight);
    expect(dups.every(([, n]) => n === 2)).toBe(true);
    console.log(
      `restart B: killed right after the 250 of #${K + 1}: marked sent before the kill ${mid.sent}, in flight ${mid.inFlight}; ` +
        `after restart ${smtp.received.length} messages for ${TOTAL} alerts, ${dups.length} duplicate(s), same Message-ID: ${dups.length ? 'yes' : 'n/a'}`,
    );
  }, 60_000);
});
