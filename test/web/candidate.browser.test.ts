import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestServer, type TestServer } from '../helpers/server.js';
import { launch, shot, skipBrowser, watch } from './browser.js';

/** The candidate's JobMatch in real headless Chromium: upload a real PDF, correct, recommendations, my data, erase. */
const PDF = '../shared/data/resume-matcher-samples/resumes/john_doe.pdf';
const PNG = Buffer.from('89504e470d0a1a0a0000000d494844520000000100000001080600000001f15c4a', 'hex');
let srv: TestServer;
let browser: Browser;
let ctx: BrowserContext;
let page: Page;
let problems: string[];
let rec: string;
let link = '';

beforeAll(async () => {
  // The alert sender's timer is off: the test drains the outbox itself.
  srv = await startTestServer({ ALERT_SEND_INTERVAL_MS: '0' });
  rec = srv.user('rec', 'recruiter', ['NL']);
  const jobs = [
    { title: 'Backend Java developer', description: 'We build Java services with Spring Boot and SQL databases, shipped with Docker and Git.', requiredSkills: ['Java', 'Spring Boot'], niceSkills: ['Docker'], minYears: 3, location: 'Amsterdam' },
    { title: 'Registered nurse', description: 'Care for patients in the intensive care unit. A nursing degree is required.', requiredSkills: ['nursing'], location: 'Utrecht' },
    { title: 'Accountant', description: 'Prepare annual accounts, bookkeeping and tax returns for small companies.', requiredSkills: ['accounting'] },
  ];
  for (const j of jobs) expect((await call(srv.url, 'POST', '/api/jobs', rec, { ...j, entity: 'NL' })).status).toBe(201);
  browser = await launch();
  ctx = await browser.newContext({ baseURL: srv.url, viewport: { width: 1100, height: 900 }, acceptDownloads: true });
  page = await ctx.newPage();
  problems = watch(page);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await srv?.stop();
});

describe.skipIf(skipBrowser || !fs.existsSync(PDF))('candidate website in Chromium', () => {
  it('the upload page is labelled and keyboard-operable, and a wrong file type gets a plain message', async () => {
    await page.goto('/?lang=en');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.keyboard.press('Tab');
    expect(await page.locator(':focus').textContent()).toBe('Skip to content');
    // The dropzone is the label of a real file input that takes keyboard focus.
    const file = page.getByLabel(/Your CV \(PDF or DOCX/);
    expect(await file.getAttribute('type')).toBe('file');
    // Reached by Tab alone (not hidden from the keyboard by the styled dropzone).
    let steps = 0;
    while ((await page.locator(':focus').getAttribute('id')) !== 'cv-file' && steps < 15) {
      await page.keyboard.press('Tab');
      steps++;
    }
    expect(await page.locator(':focus').getAttribute('id')).toBe('cv-file');
    expect(await file.isVisible()).toBe(true);
    await page.click('#upload-submit');
    await expect.poll(() => page.locator('#upload-error').textContent()).toContain('Choose a file first');
    // The error hands focus back to the file input. (Whether Space then opens the native
    // file chooser is the browser's behaviour, and headless Chromium does not do it
    // reliably — CI timed out waiting for it — so the file is set directly.)
    expect(await page.locator(':focus').getAttribute('id')).toBe('cv-file');
    await file.setInputFiles({ name: 'cv.pdf', mimeType: 'application/pdf', buffer: PNG });
    await page.click('#upload-submit');
    await page.locator('#upload-error:not([hidden])').waitFor();
    const msg = await page.locator('#upload-error').textContent();
    expect(msg).toContain('We found: image/png');
    expect(await page.getAttribute('#upload-error', 'role')).toBe('alert');
    expect(await file.getAttribute('aria-invalid')).toBe('true');
    await shot(page, 'candidate-01-upload-error');
    // The page promises PDF or DOCX: a text file named .docx is refused by its bytes, an empty file has its own message.
    await file.setInputFiles({ name: 't.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: Buffer.from('hello') });
    await page.click('#upload-submit');
    await expect.poll(() => page.locator('#upload-error').textContent()).toContain('We found: text/plain');
    await file.setInputFiles({ name: 'empty.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(0) });
    await page.click('#upload-submit');
    await expect.poll(() => page.locator('#upload-error').textContent()).toContain('This file is empty');
    expect(srv.running.services.candidates.countAll()).toBe(0);
  });

  it('uploads a real PDF with consents, shows the one-time link, and the link opens My JobMatch in another browser', async () => {
    await page.setInputFiles('#cv-file', PDF);
    expect(await page.locator('#file-chosen').textContent()).toContain('john_doe.pdf');
    await page.check('#consentProfiling');
    await page.check('#consentJobAlerts');
    await page.click('#upload-submit');
    await page.locator('#upload-done:not([hidden])').waitFor({ timeout: 30_000 });
    link = await page.inputValue('#access-link');
    expect(link).toMatch(new RegExp(`^${srv.url}/me#token=jmc_[\\w-]{40,}$`));
    await shot(page, 'candidate-02-upload-done');

    const other = await browser.newContext({ baseURL: srv.url });
    const p2 = await other.newPage();
    await p2.goto(link);
    await p2.waitForURL(`${srv.url}/me`);
    expect(p2.url()).not.toContain('token');
    expect(await p2.locator('h1').textContent()).toMatch(/^Hello /);
    await other.close();
  });

  it('shows the parsed profile, points at the field with an error, and saves a correction', async () => {
    await page.click('text=Continue to my profile');
    await page.waitForURL('**/me/profile');
    expect(await page.inputValue('#email')).toMatch(/@/);
    await page.fill('#location', 'Utrecht');
    const last = await page.locator('fieldset.role').count();
    await page.fill(`#role-title-${last - 1}`, 'Intern');
    await page.fill(`#role-start-${last - 1}`, '2015-13');
    await page.click('button:has-text("Save")');
    await page.waitForURL('**/me/profile');
    const start = page.locator(`#role-start-${last - 1}`);
    expect(await start.getAttribute('aria-invalid')).toBe('true');
    expect(await start.getAttribute('aria-describedby')).toBe(`role-start-${last - 1}-error`);
    expect(await page.locator(`#role-start-${last - 1}-error`).textContent()).toContain('Use year and month');
    expect(await page.locator(':focus').getAttribute('id')).toBe('error-summary');
    expect(await page.inputValue('#location')).toBe('Utrecht');
    await shot(page, 'candidate-03-profile-error');
    await page.fill(`#role-title-${last - 1}`, '');
    await page.fill(`#role-start-${last - 1}`, '');
    await page.click('button:has-text("Save")');
    await page.locator('.flash.ok').waitFor();
    expect(await page.locator('.flash.ok').textContent()).toContain('Your profile has been corrected');
    expect(await page.inputValue('#location')).toBe('Utrecht');
    await shot(page, 'candidate-04-profile-saved');
  });

  it('recommends matching jobs with reasons, and the full job list stays browsable and searchable', async () => {
    await page.click('nav >> text=My JobMatch');
    const recs = page.locator('ol.recs > li');
    // Only jobs above the match cut-off are recommended: the Java job, not the nurse or accountant job.
    expect(await recs.locator('h3').allTextContents()).toEqual(['Backend Java developer']);
    const first = await recs.first().textContent();
    expect(first).toContain('Your matching skills');
    expect(first).toContain('Spring Boot');
    expect(first).toMatch(/Match \d+%/);
    await recs.first().locator('summary').click();
    expect(await recs.first().locator('meter').count()).toBeGreaterThanOrEqual(2);
    await shot(page, 'candidate-05-recommendations');
    await page.click('text=Browse all jobs');
    // Every job stays browsable, the ones not recommended too.
    expect((await page.locator('article.job h2').allTextContents()).sort()).toEqual(['Accountant', 'Backend Java developer', 'Registered nurse']);
    await page.fill('#q', 'nurse');
    await page.click('form[role=search] button');
    expect(await page.locator('article.job h2').allTextContents()).toEqual(['Registered nurse']);
    await shot(page, 'candidate-06-all-jobs');
  });

  it('My data: downloads everything as JSON and as JSON Resume, withdraws a consent, switches to Dutch', async () => {
    await page.click('nav >> text=My data');
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('text=All my data (JSON)')]);
    const doc = JSON.parse(fs.readFileSync((await dl.path())!, 'utf8'));
    expect(doc.format).toBe('jobmatch-subject-export/1');
    expect(doc.profile.location).toBe('Utrecht');
    expect(doc.consents.map((c: any) => c.purpose).sort()).toEqual(['job_alerts', 'profiling', 'recruitment']);
    const [dl2] = await Promise.all([page.waitForEvent('download'), page.click('text=My profile as JSON Resume')]);
    const resume = JSON.parse(fs.readFileSync((await dl2.path())!, 'utf8'));
    expect(resume.basics.location.city ?? JSON.stringify(resume.basics)).toContain('Utrecht');
    await page.click('button[aria-label="Withdraw: Job alerts"]');
    await page.locator('.flash.ok').waitFor();
    expect(await page.locator('tr', { hasText: 'Job alerts' }).locator('td').first().textContent()).toBe('Off');
    await shot(page, 'candidate-07-my-data');
    await page.goto('/me/data?lang=nl');
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    expect(await page.locator('h1').textContent()).toBe('Mijn gegevens');
    await shot(page, 'candidate-08-my-data-nl');
    await page.goto('/me/data?lang=en');
  });

  it('job alerts: chooses a daily digest and a cap, a matching job is mailed, and the one-click link in the mail turns them off', async () => {
    const s = srv.running.services;
    const me = s.candidates.list({ entities: ['NL'] }, { limit: 10, offset: 0 })[0]!;
    // The test before withdrew the job-alert consent: the section offers to turn them on again.
    expect(await page.locator('#alerts-state').textContent()).toBe('Job alerts are off.');
    await page.click('#job-alerts button:has-text("Turn job alerts on")');
    await page.locator('.flash.ok').waitFor();
    expect(await page.locator('#alerts-state').textContent()).toContain('Job alerts are on');
    expect(await page.isChecked('#alerts-mode-instant')).toBe(true);
    await page.check('#alerts-mode-daily');
    await page.fill('#alerts-cap', '3');
    await page.click('button:has-text("Save job-alert choices")');
    await page.locator('.flash.ok').waitFor();
    expect(await page.locator('.flash.ok').textContent()).toContain('Your job-alert choices have been saved');
    expect(s.alerts.preferences(me.id)).toMatchObject({ mode: 'daily', dailyCap: 3 });
    expect(await page.isChecked('#alerts-mode-daily')).toBe(true);
    expect(await page.inputValue('#alerts-cap')).toBe('3');
    await shot(page, 'candidate-08b-job-alerts');
    // Instant, so the next drain mails it (a digest waits for the day to end).
    await page.check('#alerts-mode-instant');
    await page.click('button:has-text("Save job-alert choices")');
    await page.locator('.flash.ok').waitFor();
    expect(s.alerts.preferences(me.id)).toMatchObject({ mode: 'instant', dailyCap: 3 });

    const job = await call(srv.url, 'POST', '/api/jobs', rec, { title: 'Java Spring Boot engineer', description: 'We build Java services with Spring Boot and SQL databases, shipped with Docker and Git.', requiredSkills: ['Java', 'Spring Boot'], niceSkills: ['Docker'], minYears: 3, entity: 'NL' });
    expect(job.status).toBe(201);
    expect(s.alerts.outbox.ofCandidate(me.id).map((o) => o.jobId)).toContain(job.body.job.id);
    expect((await s.alerts.sender.drain()).mails).toBe(1);
    const dir = s.config.alerts.mailDir;
    const emls = fs.readdirSync(dir).filter((f) => f.endsWith('.eml'));
    expect(emls).toHaveLength(1);
    const eml = fs.readFileSync(path.join(dir, emls[0]!), 'utf8').replace(/\r?\n[ \t]+/g, ' ');
    expect(eml).toContain('Java Spring Boot engineer');
    const url = new URL(/^List-Unsubscribe:\s*<([^>]+)>/im.exec(eml)![1]!);
    expect(url.pathname).toBe('/api/alerts/unsubscribe');

    // Opening the link changes nothing (link scanners fetch it too); the button does.
    await page.goto(`${url.pathname}${url.search}`);
    expect(s.candidates.hasConsent(me.id, 'job_alerts')).toBe(true);
    await shot(page, 'candidate-08c-unsubscribe');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Stop job alerts")')]);
    expect(await page.locator('body').textContent()).toContain('you will receive no more job alerts');
    expect(s.candidates.hasConsent(me.id, 'job_alerts')).toBe(false);
    await page.goto('/me/data');
    expect(await page.locator('#alerts-state').textContent()).toBe('Job alerts are off.');
    expect(await page.locator('tr', { hasText: 'Job alerts' }).locator('td').first().textContent()).toBe('Off');
    await shot(page, 'candidate-08d-alerts-off');
  });

  it('objecting to profiling stops recommendations and removes the candidate from recruiter search', async () => {
    const me = srv.running.services.candidates.list({ entities: ['NL'] }, { limit: 10, offset: 0 })[0]!;
    const before = await call(srv.url, 'POST', '/api/search', rec, { query: 'Java developer Spring Boot' });
    expect(before.body.items.map((i: any) => i.candidateId)).toContain(me.id);
    await page.click('text=I object to profiling');
    await page.locator('.flash.ok').waitFor();
    const after = await call(srv.url, 'POST', '/api/search', rec, { query: 'Java developer Spring Boot' });
    expect(after.body.items.map((i: any) => i.candidateId)).not.toContain(me.id);
    await page.click('nav >> text=My JobMatch');
    expect(await page.locator('#recs-title + p').textContent()).toContain('You objected to profiling');
  });

  it('erases the account after confirmation; the personal link stops working', async () => {
    await page.click('nav >> text=My data');
    await page.click('button:has-text("Erase my account")');
    await page.locator('#confirm-erase-error').waitFor();
    expect(await page.getAttribute('#confirm-erase', 'aria-describedby')).toBe('confirm-erase-error');
    await page.check('#confirm-erase');
    await page.click('button:has-text("Erase my account")');
    await page.waitForURL(`${srv.url}/`);
    expect(await page.locator('.flash.ok').textContent()).toContain('Your account and data have been erased');
    await shot(page, 'candidate-09-erased');
    expect(srv.running.services.candidates.count({ entities: ['NL'] })).toBe(0);
    const token = /token=(jmc_[\w-]+)/.exec(link)![1]!;
    expect((await fetch(`${srv.url}/api/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    await page.goto(link);
    await page.locator('#token-error').waitFor();
    expect(await page.locator('#token-error').textContent()).toContain('not valid');
    expect(problems).toEqual([]);
  });
});
