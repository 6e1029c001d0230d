// Code passed to page.evaluate() runs in the browser: it is typed against the DOM.
/// <reference lib="dom" />
import { DEMO_DOCUMENTS } from '../apps/api/src/modules/documents/documents.demo-data';
import { DEMO_THREADS, DEMO_TWINNING_SPACE_NAME } from '../apps/api/src/modules/threads/threads.demo-data';
import { browserSuite } from './support/browser-suite';

/**
 * Issue 15 in a real Chromium: what a new user sees of the demo world, as the official and as
 * the tutor — spaces with discussions, a thread with its replies and reactions, and the lab's
 * quadro logico opening in the editor with its text, table and anchored comments.
 */
describe('demo world in Chromium', () => {
  const suite = browserSuite({ env: { DEMO_DATA: 'true' } });
  const quadro = DEMO_DOCUMENTS[0];

  it('shows the official spaces with discussions and a thread with replies and reactions', async () => {
    const { page } = await suite.newDevice();
    await suite.logIn(page, 'funzionaria.bari@convergo.demo');
    await page.goto('/spazi');
    const demo = DEMO_THREADS.find((t) => t.space === 'Servizi ai cittadini')!;
    const card = page.locator('article.result-card', { hasText: demo.space });
    await card.waitFor();
    const threads = DEMO_THREADS.filter((t) => t.space === demo.space).length;
    await card.getByText(`${threads} discussioni`).waitFor();
    await expect(page.getByText('0 discussioni').count()).resolves.toBe(0);

    await card.getByRole('link', { name: demo.space }).click();
    await page.getByRole('link', { name: demo.title }).click();
    await page.getByRole('heading', { level: 1, name: demo.title }).waitFor();
    await page.locator('article[data-post-number]').nth(demo.replies.length).waitFor();
    await expect(page.locator('article[data-post-number]').count()).resolves.toBe(1 + demo.replies.length);
    // Bari's own reaction shows as pressed, with everyone's count.
    const mine = demo.reactions.find((r) => r.by.includes('bari'))!;
    const button = page.locator(
      `article[data-post-number="${mine.post + 1}"] button[data-emoji="${mine.emoji}"][aria-pressed="true"]`,
    );
    await expect(button.textContent()).resolves.toContain(String(mine.by.length));
    await suite.expectAccessible(page, 'demo-thread');
  });

  it('shows a party of the demo twinning its private space with a discussion too', async () => {
    const { page } = await suite.newDevice();
    await suite.logIn(page, 'funzionario.palermo@convergo.demo');
    await page.goto('/spazi');
    const card = page.locator('article.result-card', { hasText: DEMO_TWINNING_SPACE_NAME });
    await card.getByText('1 discussione').waitFor();
    await expect(page.getByText('0 discussioni').count()).resolves.toBe(0);
  });

  it('opens the lab quadro logico for the tutor, with its text, table and comments', async () => {
    const { page } = await suite.newDevice();
    await suite.logIn(page, 'tutor@convergo.demo');
    await page.goto('/documenti');
    await page.getByRole('link', { name: quadro.title }).click();
    const editor = page.locator('.document-editor-content');
    await editor.locator('table').waitFor();
    await expect(editor.textContent()).resolves.toContain('Logica di intervento');
    await expect(editor.locator('h1').textContent()).resolves.toBe(quadro.title);
    await page.locator('.document-comment-body', { hasText: quadro.comments[0].body }).waitFor();
  });
});
