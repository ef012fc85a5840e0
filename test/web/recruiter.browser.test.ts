import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, upload, type TestServer } from '../helpers/server.js';
import { launch, shot, skipBrowser, watch } from './browser.js';

/** The recruiter's search and review pages in real headless Chromium, through to an approved export. */
const EVIL = '<script>alert(1)</script>';
let srv: TestServer;
let browser: Browser;
let page: Page;
let problems: string[];
let rec: string;
let rev: string;
let shortlistUrl = '';

const cv = (name: string, role: string, skills: string, years: string) =>
  Buffer.from(`${name}\n${name.split(' ')[0]!.toLowerCase().replace(/\W/g, '')}@example.com\n+31 6 1234 5678\nUtrecht\n\nExperience\n${role} at Acme\n${years}\nBuilt back-end services with ${skills}.\n\nSkills\n${skills}`);

beforeAll(async () => {
  srv = await startTestServer();
  rec = srv.user('nl-recruiter', 'recruiter', ['NL']);
  rev = srv.user('nl-reviewer', 'reviewer', ['NL']);
  const people: [string, string, string, string][] = [
    ['Ann Smith', 'Java Developer', 'Java, Spring Boot, SQL, Docker', 'Jan 2015 - Dec 2023'],
    ['Bob Jones', 'Java Developer', 'Java, SQL', 'Jan 2019 - Dec 2023'],
    ['Eve Evil', 'Java Developer', 'Java, Spring Boot', 'Jan 2017 - Dec 2023'],
  ];
  for (const [n, r, s, y] of people) {
    const up = await upload(srv.url, cv(n, r, s, y), `${n}.txt`, { entity: 'NL' });
    expect(up.status).toBe(201);
    if (n === 'Eve Evil') {
      const res = await fetch(`${srv.url}/api/me/profile`, { method: 'PATCH', headers: { authorization: `Bearer ${up.body.access.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: EVIL }) });
      expect(res.status).toBe(200);
    }
  }
  browser = await launch();
  const ctx = await browser.newContext({ baseURL: srv.url, viewport: { width: 1100, height: 900 }, acceptDownloads: true });
  page = await ctx.newPage();
  problems = watch(page);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await srv?.stop();
});

async function signIn(token: string): Promise<void> {
  await page.goto('/staff/sign-in');
  await page.getByLabel('Access token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/staff\/(search|shortlists)$/);
}

describe.skipIf(skipBrowser)('recruiter website in Chromium', () => {
  it('signs in, searches, and shows score parts, matched and missing skills and snippets; a <script> name is text', async () => {
    await signIn(rec);
    await page.getByLabel('Free text').fill('Java developer Spring Boot');
    await page.getByLabel('Must have skills').fill('Java');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/\/staff\/search\/[0-9a-f-]{36}$/);
    const results = page.locator('li.result');
    expect(await results.count()).toBe(3);
    expect(await results.first().locator('meter').count()).toBeGreaterThanOrEqual(3);
    expect(await results.first().locator('.chips.ok li').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/Java/)]));
    expect(await page.locator('li.result mark').count()).toBeGreaterThan(0);
    const names = await results.locator('h3').allTextContents();
    expect(names).toContain(EVIL);
    expect(names).toContain('Ann Smith');
    // Bob has no Spring Boot: it is listed as missing.
    expect(await results.filter({ hasText: 'Bob Jones' }).locator('.chips.missing li').allTextContents()).toEqual(['Spring Boot']);
    await shot(page, 'recruiter-01-results');
  });

  it('blind review hides names, contact details and location', async () => {
    await page.getByRole('button', { name: 'Turn blind review on' }).click();
    const text = await page.locator('ol.list').textContent();
    expect(text).toContain('Candidate 1');
    for (const hidden of ['Ann Smith', 'Bob Jones', 'alert(1)', '@example.com', 'Utrecht', '1234 5678']) expect(text).not.toContain(hidden);
    await shot(page, 'recruiter-02-blind');
    await page.getByRole('button', { name: 'Turn blind review off' }).click();
    expect(await page.locator('ol.list').textContent()).toContain('Ann Smith');
  });

  it('the review page keeps export locked before approval, and the server refuses it too', async () => {
    await page.getByRole('link', { name: 'Review this shortlist' }).click();
    shortlistUrl = page.url();
    expect(await page.locator('#export-csv').isDisabled()).toBe(true);
    expect(await page.locator('#export-json').isDisabled()).toBe(true);
    const refused = await page.goto(`${shortlistUrl}/export?format=csv`);
    expect(refused!.status()).toBe(409);
    expect(await page.locator('main').textContent()).toContain('Only an approved shortlist may be exported');
    await shot(page, 'recruiter-03-export-refused');
    await page.goto(shortlistUrl);
    await page.getByRole('button', { name: 'Start review' }).click();
    expect(await page.locator('.badge').textContent()).toBe('In review');
    expect(await page.locator('.notice.warn').textContent()).toContain('another person must approve');
  });

  it('opens each profile, declines one with a reason (the gate asks for it), advances the others, reorders', async () => {
    const count = await page.locator('li.item').count();
    for (let i = 0; i < count; i++) {
      const item = page.locator('li.item').nth(i);
      const name = (await item.locator('h3').textContent())!;
      await item.getByRole('link', { name: /Open profile of/ }).click();
      expect(await page.locator('h1').textContent()).toBe(`Candidate profile: ${name}`);
      await page.getByRole('link', { name: 'Experience' }).click();
      expect(await page.locator('#part-title').textContent()).toBe('Experience');
      if (name === 'Bob Jones') {
        await page.getByLabel('Decline').check();
        await page.getByRole('button', { name: 'Save decision' }).click();
        await page.locator('#reason-error').waitFor();
        expect(await page.locator('#reason-error').textContent()).toContain('reason');
        expect(await page.getAttribute('#reason', 'aria-describedby')).toContain('reason-error');
        await shot(page, 'recruiter-04-decline-needs-reason');
        await page.getByLabel('Reason', { exact: true }).fill('No Spring Boot experience, which the job requires.');
        await page.getByRole('button', { name: 'Save decision' }).click();
      } else {
        await page.getByLabel('Advance').check();
        await page.getByRole('button', { name: 'Save decision' }).click();
      }
      await page.waitForURL(/\/staff\/shortlists\/[0-9a-f-]{36}(#.*)?$/);
      expect(await page.locator('.flash.ok').textContent()).toContain('Decision saved');
    }
    expect(await page.locator('li.item', { hasText: 'Bob Jones' }).locator('.decision').textContent()).toContain('Declined');
    const before = await page.locator('li.item h3').allTextContents();
    await page.getByRole('button', { name: `Move ${before[1]} up` }).click();
    expect(await page.locator('li.item h3').allTextContents()).toEqual([before[1], before[0], ...before.slice(2)]);
    expect(await page.locator('.notice.warn').textContent()).not.toContain('still need a decision');
    await page.getByRole('button', { name: 'Approve shortlist' }).click();
    expect(await page.locator('.flash.error').textContent()).toContain('Four-eyes rule');
    await shot(page, 'recruiter-05-reviewed');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/staff/sign-in');
  });

  it('another person approves; then CSV and JSON export the advanced candidates only; the audit view shows it all', async () => {
    await signIn(rev);
    await page.getByRole('link', { name: /In review: / }).first().click();
    expect(page.url()).toBe(shortlistUrl);
    await page.getByRole('button', { name: 'Approve shortlist' }).click();
    expect(await page.locator('.flash.ok').textContent()).toContain('Shortlist approved');
    expect(await page.locator('.badge').textContent()).toBe('Approved');
    await shot(page, 'recruiter-06-approved');
    const [csvDl] = await Promise.all([page.waitForEvent('download'), page.locator('#export-csv').click()]);
    const csv = fs.readFileSync((await csvDl.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('id,entity,name,email,phone,location,yearsExperience,skills');
    expect(csv).toContain('Ann Smith');
    expect(csv).not.toContain('Bob Jones');
    const [jsonDl] = await Promise.all([page.waitForEvent('download'), page.locator('#export-json').click()]);
    const doc = JSON.parse(fs.readFileSync((await jsonDl.path())!, 'utf8'));
    expect(doc.candidates.map((c: any) => c.name).sort()).toEqual([EVIL, 'Ann Smith'].sort());
    await page.getByRole('link', { name: 'Audit trail of this shortlist' }).click();
    const actions = (await page.locator('table.audit tbody tr td:nth-child(4)').allTextContents()).map((a) => a.trim());
    for (const a of ['Searched (draft shortlist made)', 'State changed', 'Profile opened', 'Decision', 'Order changed', 'Exported']) expect(actions).toContain(a);
    // Candidates by their label, users by name; no ids on the page (the back link aside).
    const text = (await page.locator('table.audit').textContent())!;
    expect(text).toContain('Ann Smith');
    expect(text).toContain('nl-reviewer');
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    expect(text).not.toContain('{"');
    await shot(page, 'recruiter-07-audit');
    // On a phone-sized screen (375 px) every event wraps into a card: nothing scrolls sideways.
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    expect(await page.evaluate<number>("Math.max(...[...document.querySelectorAll('table.audit td')].map((td) => td.getBoundingClientRect().right))")).toBeLessThanOrEqual(375);
    await shot(page, 'recruiter-08-audit-375px');
    await page.goto(`${page.url()}&lang=nl`);
    const nl = (await page.locator('table.audit tbody tr td:nth-child(4)').allTextContents()).map((a) => a.trim());
    expect(nl).toContain('Status gewijzigd');
    expect(nl).not.toContain('shortlist.transition');
    await page.setViewportSize({ width: 1100, height: 900 });
    expect(problems).toEqual([]);
  });
});
