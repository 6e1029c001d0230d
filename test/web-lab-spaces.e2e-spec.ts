// Code passed to page.evaluate() runs in the browser: it is typed against the DOM.
/// <reference lib="dom" />
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../apps/api/src/modules/demo/demo-accounts';
import { DEMO_LAB } from '../apps/api/src/modules/labs/labs.demo-data';
import { launchBrowser, newContext, screenshot, seriousA11yViolations } from './support/browser';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Lab spaces in a real Chromium on the demo world: the "Laboratorio" badge, and a moderator
 * creating a space reserved to a lab through the form, with the lab picked from GET /labs.
 */
describe('lab spaces in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: Error[] = [];

  beforeAll(async () => {
    if (!existsSync(join(__dirname, '..', 'apps', 'web', 'dist', 'index.html'))) {
      throw new Error('apps/web/dist is missing: run `npm run build:web` before the browser tests');
    }
    [t, browser] = await Promise.all([startTestApp({ env: { DEMO_DATA: 'true' } }), launchBrowser()]);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
    expect(pageErrors.splice(0).map(String)).toEqual([]);
  });

  async function logIn(email: string): Promise<Page> {
    const { context, page } = await newContext(browser, t.baseUrl);
    contexts.push(context);
    page.on('pageerror', (error) => pageErrors.push(error));
    await page.goto('/accedi');
    await page.locator('#login-email').fill(email);
    await page.locator('#login-password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Accedi', exact: true }).click();
    await page.locator('.member-badge').waitFor();
    return page;
  }

  it('shows the lab badge and lets a moderator create a space reserved to a lab', async () => {
    const official = await logIn('funzionaria.bari@convergo.demo');
    await official.goto('/spazi');
    const card = official.locator('article.result-card', { hasText: DEMO_LAB.spaceName });
    await card.waitFor();
    await expect(card.locator('.badge', { hasText: 'Laboratorio' }).count()).resolves.toBe(1);
    // Officials do not create spaces: no form for them.
    await expect(official.locator('#space-name').count()).resolves.toBe(0);

    const moderator = await logIn('moderatore@convergo.demo');
    await moderator.goto('/spazi');
    await moderator.locator('#space-name').fill('Laboratorio – materiali dei tutor');
    await moderator.locator('#space-visibility').selectOption('lab');
    // The lab is required: the form says so before sending anything.
    await moderator.getByRole('button', { name: 'Crea lo spazio' }).click();
    await moderator.locator('#space-lab-error').waitFor();
    const picker = moderator.locator('#space-lab');
    await picker.locator('option', { hasText: DEMO_LAB.title }).waitFor({ state: 'attached' });
    await screenshot(moderator, 'lab-space-form');
    const violations = await seriousA11yViolations(moderator);
    expect(violations).toEqual([]);
    const labId = await picker.locator('option', { hasText: DEMO_LAB.title }).getAttribute('value');
    await picker.selectOption(labId!);
    await moderator.getByRole('button', { name: 'Crea lo spazio' }).click();
    await moderator.waitForURL(/\/spazi\/[0-9a-f-]{36}$/);
    await moderator.locator('h1', { hasText: 'Laboratorio – materiali dei tutor' }).waitFor();
    await expect(moderator.locator('.badge', { hasText: 'Laboratorio' }).count()).resolves.toBeGreaterThan(0);

    // The lab's official reads the new space.
    const spaceId = moderator.url().split('/').at(-1)!;
    await official.goto(`/spazi/${spaceId}`);
    await official.locator('h1', { hasText: 'Laboratorio – materiali dei tutor' }).waitFor();
  });
});
