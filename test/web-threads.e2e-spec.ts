// Code passed to page.evaluate() runs in the browser: it is typed against the DOM.
/// <reference lib="dom" />
import type { Page as ApiPage, SpaceView, ThreadView, ThreadWithFirstPost } from '@convergo/contracts';
import type { Page } from 'playwright-core';
import { SocketIoRecorder } from './support/browser';
import { browserSuite } from './support/browser-suite';

/**
 * Community threads in a real Chromium against the real API (demo world): two members, each in
 * their own browser context, on the same thread. A reply written in one appears in the other
 * without a reload, once and in order; typing shows "sta scrivendo" on the other side; a
 * reaction toggled in one updates the count in the other. The pages pass axe.
 */

const BARI = 'funzionaria.bari@convergo.demo';
const PALERMO = 'funzionario.palermo@convergo.demo';

describe('community threads in Chromium', () => {
  const suite = browserSuite({ env: { DEMO_DATA: 'true' } });
  const { apiLogin, logIn, expectAccessible } = suite;
  const newDevice = async (): Promise<Page> => (await suite.newDevice()).page;

  /** The post numbers and texts shown, in page order. */
  const shownPosts = (page: Page) =>
    page.locator('article[data-post-number]').evaluateAll((articles) =>
      articles.map((a) => ({
        number: Number((a as HTMLElement).dataset.postNumber),
        text: a.querySelector('.post-body')?.textContent?.trim() ?? '',
      })),
    );

  it('shows replies, typing and reactions live across two members, accessibly', async () => {
    const bari = await apiLogin(BARI);
    const palermo = await apiLogin(PALERMO);
    const spaces = await suite.app
      .http()
      .get('/api/v1/spaces')
      .set('authorization', `Bearer ${bari.accessToken}`)
      .expect(200);
    const space = (spaces.body as ApiPage<SpaceView>).items.find((s) => s.visibility === 'public');
    if (!space) throw new Error('no public demo space');
    const created = await suite.app
      .http()
      .post(`/api/v1/spaces/${space.id}/threads`)
      .set('authorization', `Bearer ${bari.accessToken}`)
      .send({
        title: 'Riuso del software: esperienze a confronto',
        body: 'Quali enti hanno già **riusato** una soluzione dal catalogo?',
        tags: ['riuso', 'open source'],
      })
      .expect(201);
    const thread = created.body as ThreadWithFirstPost;
    await suite.app
      .http()
      .post(`/api/v1/threads/${thread.id}/posts`)
      .set('authorization', `Bearer ${palermo.accessToken}`)
      .send({ body: 'A Palermo abbiamo riusato il protocollo informatico.', replyToId: thread.firstPost.id })
      .expect(201);

    // Context A (Bari): the spaces list and the space page.
    const a = await newDevice();
    const socketA = new SocketIoRecorder(a);
    await logIn(a, BARI);
    await a
      .getByRole('navigation', { name: 'Navigazione principale' })
      .getByRole('link', { name: 'Comunità', exact: true })
      .click();
    await a.getByRole('heading', { level: 1, name: 'Comunità' }).waitFor();
    await a.getByRole('link', { name: space.name, exact: true }).waitFor();
    await expect(a.locator('.badge', { hasText: 'Pubblico' }).count()).resolves.toBeGreaterThan(0);
    await expectAccessible(a, 'community-spaces');

    await a.getByRole('link', { name: space.name, exact: true }).click();
    await a.getByRole('heading', { level: 1, name: space.name }).waitFor();
    await a.getByRole('link', { name: thread.title }).waitFor();
    await a.getByRole('heading', { name: 'Nuova discussione' }).waitFor();
    await expectAccessible(a, 'community-space');

    await a.getByRole('link', { name: thread.title }).click();
    await a.getByRole('heading', { level: 1, name: thread.title }).waitFor();
    await socketA.subscribed(`thread:${thread.id}`);
    await a.locator('article[data-post-number="2"]').waitFor();
    await a.evaluate(() => Object.assign(window, { __sameDocument: true }));

    // Context B (Palermo) opens the same thread.
    const b = await newDevice();
    const socketB = new SocketIoRecorder(b);
    await logIn(b, PALERMO);
    await b.goto(`/discussioni/${thread.id}`);
    await socketB.subscribed(`thread:${thread.id}`);
    await b.locator('article[data-post-number="2"]').waitFor();

    // Each sees the other reading.
    await a.locator('.thread-readers', { hasText: 'Salvatore La Rosa' }).waitFor();
    await b.locator('.thread-readers', { hasText: 'Francesca De Santis' }).waitFor();

    // B types: A is told "sta scrivendo" in a polite live region.
    await b.locator('#reply-body').pressSequentially('Anche noi ', { delay: 20 });
    const typing = a.locator('.typing-indicator');
    await a.locator('.typing-indicator', { hasText: 'Salvatore La Rosa sta scrivendo…' }).waitFor();
    await expect(typing.getAttribute('aria-live')).resolves.toBe('polite');

    // B sends: the reply appears in A once, in order, without a reload; the typing line clears.
    await b.locator('#reply-body').fill('Anche noi abbiamo riusato il protocollo, con buoni risultati.');
    await b.getByRole('button', { name: 'Invia la risposta' }).click();
    await a.locator('article[data-post-number="3"]').waitFor();
    await a.waitForFunction(() => document.querySelector('.typing-indicator')?.textContent === '');
    // A replies too: B gets it after its own, once.
    await a.locator('#reply-body').fill('Grazie, ci sentiamo per i dettagli.');
    await a.getByRole('button', { name: 'Invia la risposta' }).click();
    await b.locator('article[data-post-number="4"]').waitFor();
    await a.locator('article[data-post-number="4"]').waitFor();
    // Give a duplicate (event + refetch) the chance to show before counting.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const expected = [
      { number: 1, text: 'Quali enti hanno già riusato una soluzione dal catalogo?' },
      { number: 2, text: 'A Palermo abbiamo riusato il protocollo informatico.' },
      { number: 3, text: 'Anche noi abbiamo riusato il protocollo, con buoni risultati.' },
      { number: 4, text: 'Grazie, ci sentiamo per i dettagli.' },
    ];
    await expect(shownPosts(a)).resolves.toEqual(expected);
    await expect(shownPosts(b)).resolves.toEqual(expected);
    await expect(a.evaluate(() => (window as { __sameDocument?: boolean }).__sameDocument)).resolves.toBe(
      true,
    );
    expect(socketA.hasEvent('post.created')).toBe(true);

    // Posts scrolled into view are marked read: B has nothing unread left.
    const unreadOfB = async () => {
      const res = await suite.app
        .http()
        .get(`/api/v1/threads/${thread.id}`)
        .set('authorization', `Bearer ${palermo.accessToken}`)
        .expect(200);
      return (res.body as ThreadView).viewer?.unreadCount;
    };
    for (let i = 0; i < 50 && (await unreadOfB()) !== 0; i++) await new Promise((r) => setTimeout(r, 100));
    await expect(unreadOfB()).resolves.toBe(0);

    // A reacts 👍 to B's reply: pressed in A, the count moves in B.
    const post3A = a.locator('article[data-post-number="3"]');
    const post3B = b.locator('article[data-post-number="3"]');
    await post3A.getByRole('button', { name: 'Reazione 👍: 0' }).click();
    const pressed = post3A.getByRole('button', { name: 'Reazione 👍: 1' });
    await pressed.waitFor();
    await expect(pressed.getAttribute('aria-pressed')).resolves.toBe('true');
    const seenByB = post3B.getByRole('button', { name: 'Reazione 👍: 1' });
    await seenByB.waitFor();
    await expect(seenByB.getAttribute('aria-pressed')).resolves.toBe('false');
    // Toggled off again: back to 0 on both sides.
    await pressed.click();
    await post3B.getByRole('button', { name: 'Reazione 👍: 0' }).waitFor();
    await expect(
      post3A.getByRole('button', { name: 'Reazione 👍: 0' }).getAttribute('aria-pressed'),
    ).resolves.toBe('false');

    await expectAccessible(a, 'community-thread');

    // A edits their own post: B sees the new text in place.
    const post4A = a.locator('article[data-post-number="4"]');
    await post4A.getByRole('button', { name: 'Modifica · Messaggio 4' }).click();
    await post4A.getByLabel('Modifica il messaggio 4').fill('Grazie, vi scrivo per i dettagli.');
    await post4A.getByRole('button', { name: 'Salva le modifiche' }).click();
    await b
      .locator('article[data-post-number="4"] .post-body', { hasText: 'Grazie, vi scrivo per i dettagli.' })
      .waitFor();
    await expect(b.locator('article[data-post-number="4"]').textContent()).resolves.toContain('modificato');
    await expect(b.locator('article[data-post-number]').count()).resolves.toBe(4);

    // A moderator locks the thread: both forms are disabled live, with the reason said.
    const moderator = await apiLogin('moderatore@convergo.demo');
    await suite.app
      .http()
      .post(`/api/v1/threads/${thread.id}/lock`)
      .set('authorization', `Bearer ${moderator.accessToken}`)
      .expect(200);
    for (const page of [a, b]) {
      await page.locator('#reply-locked', { hasText: 'La discussione è chiusa' }).waitFor();
      await expect(page.locator('#reply-body').isDisabled()).resolves.toBe(true);
      await expect(page.locator('.badge', { hasText: 'Chiusa' }).count()).resolves.toBe(1);
    }

    // The moderator pins the thread and hides post 2: both apply live, in place.
    await suite.app
      .http()
      .post(`/api/v1/threads/${thread.id}/pin`)
      .set('authorization', `Bearer ${moderator.accessToken}`)
      .expect(200);
    await a.locator('.badge', { hasText: 'In evidenza' }).waitFor();
    const second = await suite.app
      .http()
      .get(`/api/v1/threads/${thread.id}/posts`)
      .set('authorization', `Bearer ${bari.accessToken}`)
      .expect(200);
    const post2 = (second.body as ApiPage<{ id: string; number: number }>).items.find((p) => p.number === 2);
    await suite.app
      .http()
      .post(`/api/v1/posts/${post2?.id}/hide`)
      .set('authorization', `Bearer ${moderator.accessToken}`)
      .send({ reason: 'Fuori tema' })
      .expect(200);
    await a
      .locator('article[data-post-number="2"]', {
        hasText: 'Questo messaggio è stato nascosto dalla moderazione.',
      })
      .waitFor();
    await expect(a.locator('article[data-post-number="2"]').textContent()).resolves.not.toContain(
      'protocollo informatico',
    );
    await expect(a.locator('article[data-post-number]').count()).resolves.toBe(4);
    await expectAccessible(b, 'community-thread-locked');

    // Search: the API's <mark> snippets are shown as marks, nothing else as HTML.
    await a.goto('/cerca?q=protocollo');
    await a.getByRole('heading', { level: 1, name: 'Cerca nella comunità' }).waitFor();
    await a.locator('.search-snippet mark').first().waitFor();
    await expect(a.locator('.search-snippet mark').first().textContent()).resolves.toMatch(/protocollo/i);
    await expect(a.getByRole('link', { name: thread.title }).count()).resolves.toBeGreaterThan(0);
    await expectAccessible(a, 'community-search');
  }, 90_000);

  it('starts a thread from the space page; the other member sees it listed live', async () => {
    const bari = await apiLogin(BARI);
    const spaces = await suite.app
      .http()
      .get('/api/v1/spaces')
      .set('authorization', `Bearer ${bari.accessToken}`)
      .expect(200);
    const space = (spaces.body as ApiPage<SpaceView>).items.find((s) => s.visibility === 'public');
    if (!space) throw new Error('no public demo space');

    const a = await newDevice();
    const socketA = new SocketIoRecorder(a);
    await logIn(a, BARI);
    await a.goto(`/spazi/${space.id}`);
    await a.getByRole('heading', { level: 1, name: space.name }).waitFor();
    await socketA.subscribed(`space:${space.id}`);

    const b = await newDevice();
    await logIn(b, PALERMO);
    await b.goto(`/spazi/${space.id}`);
    await b.getByRole('heading', { name: 'Nuova discussione' }).waitFor();
    // Sent empty first: the API's field errors are shown in Italian, linked to the fields.
    await b.getByRole('button', { name: 'Pubblica la discussione' }).click();
    await b.locator('.alert-danger[role="alert"]').waitFor();
    await expect(b.locator('#thread-title').getAttribute('aria-invalid')).resolves.toBe('true');

    await b.locator('#thread-title').fill('Bandi PNRR: scadenze di dicembre');
    await b.locator('#thread-body').fill('Qualcuno ha il **calendario** aggiornato?');
    await b.locator('#thread-tags').fill('PNRR, bandi');
    await b.getByRole('button', { name: 'Pubblica la discussione' }).click();
    await b.getByRole('heading', { level: 1, name: 'Bandi PNRR: scadenze di dicembre' }).waitFor();
    await b.locator('article[data-post-number="1"] .post-body strong', { hasText: 'calendario' }).waitFor();
    await expect(b.locator('.chip-label').allTextContents()).resolves.toEqual(['pnrr', 'bandi']);

    // A sees the new thread in the space's list without reloading.
    await a.getByRole('link', { name: 'Bandi PNRR: scadenze di dicembre' }).waitFor();
  }, 60_000);
});
