/** The small parts: unsubscribe tokens, the sender lock, mail wording, SMTP failure classes. */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SenderLock, composeMail, failureOf, loadAlertKey, reasonLines, unsubscribeToken, verifyUnsubscribeToken, type AlertReasons } from '../../src/alerts/index.js';
import type { Job } from '../../src/domain/index.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jm-alert-parts-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('unsubscribe tokens', () => {
  const key = loadAlertKey(dir);
  const id = crypto.randomUUID();

  it('the key is made once (0600) and read back the same', () => {
    expect(loadAlertKey(dir).equals(key)).toBe(true);
    expect(fs.statSync(path.join(dir, 'alerts.key')).mode & 0o777).toBe(0o600);
  });

  it('verify only what this key made, for the candidate it was made for', () => {
    const t = unsubscribeToken(key, id);
    expect(verifyUnsubscribeToken(key, t)).toBe(id);
    const other = crypto.randomUUID();
    const [, mac] = t.split('.') as [string, string];
    expect(verifyUnsubscribeToken(key, `${other}.${mac}`)).toBeNull();
    expect(verifyUnsubscribeToken(crypto.randomBytes(32), t)).toBeNull();
    expect(verifyUnsubscribeToken(key, `${id}.${mac.slice(1)}`)).toBeNull();
    expect(verifyUnsubscribeToken(key, id)).toBeNull();
    expect(verifyUnsubscribeToken(key, `not-a-uuid.${mac}`)).toBeNull();
  });
});

describe('the sender lock', () => {
  it('one holder per data folder; a dead holder’s lock is taken over, a live one’s is not', () => {
    const a = new SenderLock(dir);
    const b = new SenderLock(dir);
    expect(a.acquire()).toBe(true);
    expect(b.acquire()).toBe(false);
    a.release();
    expect(b.acquire()).toBe(true);
    b.release();
    expect(fs.existsSync(b.file)).toBe(false);
    // a process that has exited
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    fs.writeFileSync(b.file, dead);
    expect(b.acquire()).toBe(true);
    b.release();
    // a live process (the test runner's parent)
    fs.writeFileSync(b.file, String(process.ppid));
    expect(b.acquire()).toBe(false);
    fs.unlinkSync(b.file);
  });
});

describe('mail wording', () => {
  const job: Job = {
    id: 'j1',
    entity: 'NL',
    title: 'Java Developer',
    description: 'Java and Spring Boot.',
    requiredSkills: [
      { id: 'a', label: 'Java' },
      { id: 'b', label: 'Spring Boot' },
    ],
    niceSkills: [{ id: 'c', label: 'Kotlin' }],
    minYears: 3,
    maxYears: null,
    languages: [],
    location: 'Lyon',
    field: null,
    createdAt: '',
    updatedAt: '',
  };
  const reasons: AlertReasons = { score: 0.7, share: 0.82, matchedSkills: ['Java', 'Spring Boot'], missingSkills: [], years: 6.5, minYears: 3, maxYears: null, parts: [] };

  it('says why, in the CV language', () => {
    expect(reasonLines('en', { job, reasons })).toEqual(['you have 2 of the 3 skills it asks for: Java, Spring Boot', '6.5 years of experience; it asks at least 3', 'match: 70%']);
    expect(reasonLines('nl', { job, reasons })[1]).toBe('6,5 jaar ervaring; gevraagd is minstens 3 jaar');
    expect(reasonLines('de', { job, reasons })[0]).toBe('Sie bringen 2 von 3 gesuchten Kenntnissen mit: Java, Spring Boot');
    expect(reasonLines('fr', { job, reasons })[2]).toBe('correspondance : 70 %') // the score (as on the website), not the share 0.82;
    expect(reasonLines('und', { job, reasons })[0]).toMatch(/^you have/);
    expect(reasonLines('en', { job, reasons: { ...reasons, missingSkills: ['Spring Boot'] } })).toContain('not in your profile: Spring Boot');
  });

  it('a digest numbers its jobs and carries the unsubscribe URL in the text and the header field', () => {
    const m = composeMail({ to: 'x@example.com', from: 'A <a@b.c>', name: 'Zoé', language: 'fr', items: [{ job, reasons }, { job: { ...job, title: 'Kotlin Developer' }, reasons }], messageId: '<d@b.c>', unsubscribeUrl: 'http://h/u?token=t', consentSince: '2026-06-15T10:00:00.000Z', date: new Date(0) });
    expect(m.subject).toBe('2 nouvelles offres pour vous');
    expect(m.text).toMatch(/^Bonjour Zoé,/);
    expect(m.text).toContain('1. Java Developer — Lyon');
    expect(m.text).toContain('2. Kotlin Developer — Lyon');
    expect(m.text).toContain('le 2026-06-15');
    expect(m.text).toContain('http://h/u?token=t');
    expect(m.listUnsubscribe).toBe('http://h/u?token=t');
  });
});

describe('SMTP failures', () => {
  it('a refused recipient or message is permanent; a 4xx, a network or an auth error is retried; no message text is kept', () => {
    expect(failureOf({ code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO', message: '550 <ann@example.com> unknown' })).toEqual({ summary: 'EENVELOPE 550 at RCPT TO', permanent: true });
    expect(failureOf({ code: 'EMESSAGE', responseCode: 451, command: 'DATA' }).permanent).toBe(false);
    expect(failureOf({ code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN' }).permanent).toBe(false);
    expect(failureOf(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ESOCKET' }))).toEqual({ summary: 'ESOCKET', permanent: false });
  });
});
