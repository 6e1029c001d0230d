// Code passed to page.evaluate() runs in the browser: it is typed against the DOM.
/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { DEMO_LAB } from '../apps/api/src/modules/labs/labs.demo-data';
import { browserSuite } from './support/browser-suite';

/**
 * Lab spaces in a real Chromium on the demo world: the "Laboratorio" badge, and a moderator
 * creating a space reserved to a lab through the form, with the lab picked from GET /labs.
 */
describe('lab spaces in Chromium', () => {
  const suite = browserSuite({ env: { DEMO_DATA: 'true' } });

  /** A fresh browser context, signed in through the login form. */
  async function logIn(email: string): Promise<Page> {
    const { page } = await suite.newDevice();
    await suite.logIn(page, email);
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
    await suite.expectAccessible(moderator, 'lab-space-form');
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
