import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium (apt-get install -y chromium), driven by playwright-core. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = fs.existsSync(CHROMIUM);
/** Under CI (env CI set, as .ci/run does) or with JOBMATCH_REQUIRE_BROWSER=1 a missing Chromium fails the browser tests. */
export const browserRequired = !!process.env.CI || process.env.JOBMATCH_REQUIRE_BROWSER === '1';
/** Browser tests are skipped only on a machine without Chromium where nobody requires them. */
export const skipBrowser = !hasChromium && !browserRequired;
export const ARTIFACTS = 'test-artifacts/web';

export async function launch(): Promise<Browser> {
  if (!hasChromium) throw new Error(`Chromium not found at ${CHROMIUM} (set CHROMIUM_PATH or apt-get install chromium); the browser tests are required here (CI or JOBMATCH_REQUIRE_BROWSER=1).`);
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

/** A full-page screenshot into test-artifacts/web/<name>.png (gitignored). */
export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Fails the test on any script error, any console error and any dialog (an injected alert() would open one). */
export function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  return problems;
}
