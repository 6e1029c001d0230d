// Code passed to page.evaluate() runs in the browser: it is typed against the DOM.
/// <reference lib="dom" />
import {
  roomName,
  type ModerationLogEntry,
  type NotificationPreferences,
  type Page as ApiPage,
  type PostView,
} from '@convergo/contracts';
import type { Page } from 'playwright-core';
import { SocketIoRecorder } from './support/browser';
import { browserSuite } from './support/browser-suite';
import { newMember, newSpace, newThread, type TestMember } from './support/factories';

/**
 * Moderation, e-mail preferences, mentions and merges in a real Chromium against the real API.
 * A member flags a post in one browser context and the moderator's queue (another context) shows
 * it live; the moderator hides two posts in bulk with a reason the author then reads; the log
 * lists it; a plain member is refused. The pages pass axe (no serious or critical violation).
 */
describe('moderation and community extras in Chromium', () => {
  const suite = browserSuite();
  let moderator: TestMember;
  let spaceMod: TestMember;
  let alice: TestMember;
  let bob: TestMember;
  let carla: TestMember;
  let space: { id: string; name: string };
  let otherSpace: { id: string; name: string };

  const as = (m: TestMember) => ({ authorization: `Bearer ${m.accessToken}` });
  const reply = async (m: TestMember, threadId: string, body: string): Promise<PostView> =>
    (await suite.app.http().post(`/api/v1/threads/${threadId}/posts`).set(as(m)).send({ body }).expect(201))
      .body as PostView;
  /** `POST /posts/:id/flags` as `m`, through the API. */
  const flag = async (m: TestMember, postId: string, reason: string): Promise<void> => {
    await suite.app.http().post(`/api/v1/posts/${postId}/flags`).set(as(m)).send({ reason }).expect(201);
  };

  beforeAll(async () => {
    const t = suite.app;
    [moderator, spaceMod, alice, bob, carla] = await Promise.all([
      newMember(t, { role: 'moderator', displayName: 'Marta Moderatrice' }),
      newMember(t, { displayName: 'Sergio Moderatore' }),
      newMember(t, { displayName: 'Alice Bianchi' }),
      newMember(t, { displayName: 'Bruno Verdi' }),
      newMember(t, { displayName: 'Carla Neri' }),
    ]);
    space = await newSpace(t, {
      name: 'Fondi europei',
      members: [{ member: spaceMod, role: 'moderator' }],
    });
    otherSpace = await newSpace(t, { name: 'Trasformazione digitale' });
  }, 60_000);

  const newDevice = async (): Promise<Page> => (await suite.newDevice()).page;
  const logIn = (page: Page, member: TestMember) => suite.logIn(page, member.email, member.password);
  const { expectAccessible } = suite;

  const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Navigazione principale' });

  it('shows a flag live in the queue, hides two posts in bulk, tells the author why, and logs it', async () => {
    const thread = await newThread(suite.app, alice, space.id, {
      title: 'Bandi per la mobilità sostenibile',
    });
    const second = await reply(alice, thread.id, 'Secondo messaggio, un po’ polemico.');
    const third = await reply(alice, thread.id, 'Terzo messaggio, decisamente fuori tema.');

    // The moderator's queue, empty and live.
    const mod = await newDevice();
    const modSocket = new SocketIoRecorder(mod);
    await logIn(mod, moderator);
    await mainNav(mod).getByRole('link', { name: 'Moderazione', exact: true }).click();
    await mod.getByRole('heading', { level: 1, name: 'Moderazione' }).waitFor();
    await mod.getByText('Non ci sono segnalazioni da esaminare.').waitFor();
    await modSocket.subscribed('moderation');
    await expectAccessible(mod, 'moderation-queue-empty');

    // Another member flags post 2 from the thread page.
    const reporter = await newDevice();
    await logIn(reporter, bob);
    await reporter.goto(`/discussioni/${thread.id}`);
    const post2 = reporter.locator('article[data-post-number="2"]');
    await post2.getByRole('button', { name: 'Segnala · Messaggio 2' }).click();
    await post2.getByLabel('Perché lo segnali?').fill('Toni offensivi verso un altro ente');
    await post2.getByRole('button', { name: 'Invia la segnalazione' }).click();
    await post2.getByText('Segnalazione inviata: la moderazione la esaminerà.').waitFor();

    // It appears in the queue without a reload, and is announced.
    const item2 = mod.locator(`article[data-post-id="${second.id}"]`);
    await item2.waitFor();
    await expect(item2.textContent()).resolves.toContain('Toni offensivi verso un altro ente');
    await expect(item2.textContent()).resolves.toContain('segnalato da Bruno Verdi');
    await expect(item2.getByRole('link').first().getAttribute('href')).resolves.toBe(
      `/discussioni/${thread.id}#post-2`,
    );
    await mod.locator('#moderation-live', { hasText: 'Nuova segnalazione: messaggio 2' }).waitFor();

    await flag(carla, third.id, 'Fuori tema');
    const item3 = mod.locator(`article[data-post-id="${third.id}"]`);
    await item3.waitFor();
    await expectAccessible(mod, 'moderation-queue');

    // From the item, the global moderator warns the author (who is notified).
    await item2.getByRole('button', { name: 'Azioni sul messaggio 2' }).click();
    await item2.getByLabel('Motivo del provvedimento').fill('Ti chiediamo toni più rispettosi');
    await item2.getByRole('button', { name: 'Avverti Alice Bianchi' }).click();
    await item2
      .getByRole('status')
      .filter({ hasText: 'Avvertimento inviato: Alice Bianchi riceve una notifica.' })
      .waitFor();
    const notes = (await suite.app.http().get('/api/v1/notifications').set(as(alice)).expect(200)).body as {
      items: { kind: string; data: { reason?: string } }[];
    };
    expect(notes.items.find((n) => n.kind === 'moderation_warning')?.data.reason).toBe(
      'Ti chiediamo toni più rispettosi',
    );

    // …and suspends them for a day (lifted again below, so the author can write in later tests).
    await item2.getByLabel('Motivo del provvedimento').fill('Sospensione di un giorno per i toni');
    await item2.getByLabel('Durata della sospensione').selectOption('1');
    await item2.getByRole('button', { name: 'Sospendi Alice Bianchi' }).click();
    await item2
      .getByRole('status')
      .filter({ hasText: 'Sospensione applicata: Alice Bianchi può leggere ma non scrivere.' })
      .waitFor();
    const lifted = await suite.app
      .http()
      .delete(`/api/v1/moderation/members/${alice.id}/suspensions`)
      .set(as(moderator))
      .expect(200);
    const [suspension] = (lifted.body as { items: { reason: string; endsAt: string }[] }).items;
    expect(suspension.reason).toBe('Sospensione di un giorno per i toni');
    const length = new Date(suspension.endsAt).getTime() - Date.now();
    expect(length).toBeGreaterThan(23 * 3600_000);
    expect(length).toBeLessThanOrEqual(24 * 3600_000);

    // Select both, hide them with one reason.
    await item2.getByRole('checkbox').check();
    await item3.getByRole('checkbox').check();
    await expect(mod.locator('#queue-select-all').isChecked()).resolves.toBe(true);
    await mod.getByText('2 messaggi selezionati').waitFor();
    await mod.locator('#bulk-action').selectOption('hide');
    await mod.locator('#bulk-reason').fill('Contenuti non in linea con le regole dello spazio');
    await mod.getByRole('button', { name: 'Nascondi: 2 messaggi' }).click();
    await mod.getByText('Non ci sono segnalazioni da esaminare.').waitFor();

    const posts = (
      await suite.app.http().get(`/api/v1/threads/${thread.id}/posts`).set(as(moderator)).expect(200)
    ).body as ApiPage<PostView>;
    expect(posts.items.filter((p) => p.hidden).map((p) => p.number)).toEqual([2, 3]);

    // The author reads the reason on the thread page; the reporter does not.
    const author = await newDevice();
    await logIn(author, alice);
    await author.goto(`/discussioni/${thread.id}`);
    await author
      .locator('article[data-post-number="2"] .hidden-reason', {
        hasText: 'Contenuti non in linea con le regole dello spazio',
      })
      .waitFor();
    await reporter
      .locator('article[data-post-number="2"]', { hasText: 'nascosto dalla moderazione' })
      .waitFor();
    await expect(reporter.locator('article[data-post-number="2"]').textContent()).resolves.not.toContain(
      'Contenuti non in linea',
    );

    // The log lists both actions, newest first, with the reason; it filters by member.
    await mod.getByRole('link', { name: 'Registro' }).click();
    await mod.locator('.moderation-log li').first().waitFor();
    const entries = mod.locator('.moderation-log li', { hasText: 'Messaggio nascosto' });
    await expect(entries.count()).resolves.toBe(2);
    await expect(entries.first().textContent()).resolves.toContain(
      'Motivo: Contenuti non in linea con le regole dello spazio',
    );
    await expect(entries.first().textContent()).resolves.toContain('di Marta Moderatrice');
    await expectAccessible(mod, 'moderation-log');
    await entries
      .first()
      .getByRole('button', { name: '(solo le azioni che riguardano Alice Bianchi)' })
      .click();
    await mod.getByText('Azioni che riguardano Alice Bianchi', { exact: true }).waitFor();
    expect(new URL(mod.url()).searchParams.get('membro')).toBe(alice.id);
    const log = (
      await suite.app
        .http()
        .get('/api/v1/moderation/log')
        .query({ member: alice.id })
        .set(as(moderator))
        .expect(200)
    ).body as ApiPage<ModerationLogEntry>;
    expect(
      log.items
        .filter((e) => e.action === 'hide')
        .map((e) => e.targetId)
        .sort(),
    ).toEqual([second.id, third.id].sort());
  });

  it('refuses the moderation pages to a plain member, and makes the queue live for space moderators', async () => {
    const member = await newDevice();
    await logIn(member, bob);
    await expect(mainNav(member).getByRole('link', { name: 'Moderazione' }).count()).resolves.toBe(0);
    await member.goto('/moderazione');
    await member.getByRole('heading', { level: 1, name: 'Accesso non consentito' }).waitFor();
    await member.goto('/moderazione/registro');
    await member.getByRole('heading', { level: 1, name: 'Accesso non consentito' }).waitFor();
    await suite.app.http().get('/api/v1/moderation/flags').set(as(bob)).expect(403);
    await suite.app.http().get('/api/v1/moderation/log').set(as(bob)).expect(403);

    // A space moderator is a plain member to /me: the nav entry comes from the API's scope.
    const sm = await newDevice();
    const smSocket = new SocketIoRecorder(sm);
    await logIn(sm, spaceMod);
    await mainNav(sm).getByRole('link', { name: 'Moderazione', exact: true }).click();
    await sm.getByRole('heading', { level: 1, name: 'Moderazione' }).waitFor();
    await smSocket.subscribed(roomName('moderation_space', space.id));
    const thread = await newThread(suite.app, alice, space.id);
    const post = await reply(alice, thread.id, 'Un messaggio da segnalare');
    await flag(bob, post.id, 'Spam');
    await sm.locator(`article[data-post-id="${post.id}"]`).waitFor();
    // The space moderator neither warns nor suspends (global moderators do).
    await sm
      .locator(`article[data-post-id="${post.id}"]`)
      .getByRole('button', { name: 'Azioni sul messaggio 2' })
      .click();
    await sm.getByRole('button', { name: 'Archivia le segnalazioni del messaggio 2' }).waitFor();
    await expect(sm.getByRole('button', { name: 'Sospendi Alice Bianchi' }).count()).resolves.toBe(0);
    await expectAccessible(sm, 'moderation-queue-space-moderator');
  });

  it('saves the e-mail preferences at /profilo#notifiche and unmutes a muted thread', async () => {
    const muted = await newThread(suite.app, bob, space.id, { title: 'Discussione troppo rumorosa' });
    await suite.app
      .http()
      .post(`/api/v1/threads/${muted.id}/subscription`)
      .set(as(carla))
      .send({ level: 'muted' })
      .expect(200);

    const page = await newDevice();
    await logIn(page, carla);
    await page.goto('/profilo#notifiche');
    await page.getByRole('heading', { name: 'Notifiche via e-mail' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'notifiche');
    await expect(page.getByRole('radio', { name: 'Un riepilogo al giorno' }).isChecked()).resolves.toBe(true);
    await page.getByRole('link', { name: 'Discussione troppo rumorosa' }).waitFor();
    await expectAccessible(page, 'profile-notifications');

    // Bootstrap Italia draws the radio on its label, which takes the click.
    await page.locator('label[for="email-never"]').click();
    await expect(page.getByRole('radio', { name: 'Mai' }).isChecked()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Salva le preferenze' }).click();
    await page.getByText('Preferenze delle notifiche salvate.').waitFor();
    const saved = (
      await suite.app.http().get('/api/v1/me/notification-preferences').set(as(carla)).expect(200)
    ).body as NotificationPreferences;
    expect(saved).toEqual({ email: 'never' });

    await page.reload();
    await page.getByRole('heading', { name: 'Notifiche via e-mail' }).waitFor();
    await page.getByRole('link', { name: 'Discussione troppo rumorosa' }).waitFor();
    await expect(page.getByRole('radio', { name: 'Mai' }).isChecked()).resolves.toBe(true);

    await page.getByRole('button', { name: 'Riattiva le notifiche · Discussione troppo rumorosa' }).click();
    await page.getByText('Non hai silenziato nessuna discussione.').waitFor();
    const thread = (await suite.app.http().get(`/api/v1/threads/${muted.id}`).set(as(carla)).expect(200))
      .body as {
      viewer: { subscription: string | null };
    };
    expect(thread.viewer.subscription).toBeNull();

    // The thread page's toggles: follow, then mute, shown pressed.
    await page.goto(`/discussioni/${muted.id}`);
    const follow = page.getByRole('button', { name: 'Segui la discussione' });
    await follow.click();
    await page.getByText('Ricevi una notifica per ogni nuovo messaggio.').waitFor();
    await expect(follow.getAttribute('aria-pressed')).resolves.toBe('true');
    await page.getByRole('button', { name: 'Silenzia la discussione' }).click();
    await page.getByText('Discussione silenziata', { exact: false }).waitFor();
    await expect(follow.getAttribute('aria-pressed')).resolves.toBe('false');
  });

  it('suggests members after @ and posts a mention that links the member', async () => {
    const thread = await newThread(suite.app, alice, space.id, { title: 'Chi ha già usato la piattaforma?' });
    const page = await newDevice();
    await logIn(page, alice);
    await page.goto(`/discussioni/${thread.id}`);
    const box = page.locator('#reply-body');
    await box.waitFor();
    await expect(box.getAttribute('role')).resolves.toBe('combobox');
    await expect(box.getAttribute('aria-expanded')).resolves.toBe('false');

    await box.click();
    await box.pressSequentially('Ne parlerei con @Car', { delay: 20 });
    const option = page.getByRole('option', { name: /Carla Neri/ });
    await option.waitFor();
    await expect(box.getAttribute('aria-expanded')).resolves.toBe('true');
    const active = await box.getAttribute('aria-activedescendant');
    expect(active).toBeTruthy();
    await expect(page.locator(`[id="${active}"]`).getAttribute('aria-selected')).resolves.toBe('true');
    await expectAccessible(page, 'thread-mention-listbox');

    // Escape closes it; typing on reopens it; Enter picks the active option.
    await box.press('Escape');
    await expect(box.getAttribute('aria-expanded')).resolves.toBe('false');
    await box.pressSequentially('l', { delay: 20 });
    await option.waitFor();
    await box.press('Enter');
    await expect(box.inputValue()).resolves.toBe(`Ne parlerei con [@Carla Neri](member:${carla.id}) `);
    await expect(box.getAttribute('aria-expanded')).resolves.toBe('false');
    await box.pressSequentially('per i dettagli.', { delay: 10 });
    await page.getByRole('button', { name: 'Invia la risposta' }).click();

    const mention = page.locator('article[data-post-number="2"] .post-body a.mention');
    await mention.waitFor();
    await expect(mention.getAttribute('href')).resolves.toBe(`/membri/${carla.id}`);
    await expect(mention.textContent()).resolves.toBe('@Carla Neri');
  });

  it('sends readers of a merged thread to its target, live and on later visits; moves update the breadcrumb', async () => {
    const source = await newThread(suite.app, bob, space.id, { title: 'Scadenze PNRR (doppione)' });
    const target = await newThread(suite.app, alice, space.id, { title: 'Scadenze PNRR' });
    const page = await newDevice();
    const socket = new SocketIoRecorder(page);
    await logIn(page, carla);
    await page.goto(`/discussioni/${source.id}`);
    await page.getByRole('heading', { level: 1, name: 'Scadenze PNRR (doppione)' }).waitFor();
    await socket.subscribed(`thread:${source.id}`);

    // The moderator merges it from the thread page's moderator menu.
    const mod = await newDevice();
    await logIn(mod, moderator);
    await mod.goto(`/discussioni/${source.id}`);
    await mod.getByRole('button', { name: "Unisci a un'altra discussione" }).click();
    await mod.locator('#merge-target').selectOption(target.id);
    await mod.locator('#merge-reason').fill('Stesso argomento');
    await mod.getByRole('button', { name: 'Unisci le discussioni' }).click();
    await mod.waitForURL(`**/discussioni/${target.id}`);

    // The reader watching the source is taken to the target, told why.
    await page.waitForURL(`**/discussioni/${target.id}`);
    await page.getByRole('heading', { level: 1, name: 'Scadenze PNRR' }).waitFor();
    await page.getByText('La discussione «Scadenze PNRR (doppione)» è stata unita a questa').waitFor();
    // The source's first post now follows the target's.
    await page.locator('article[data-post-number="2"]').waitFor();
    await expect(page.locator('article[data-post-number]').count()).resolves.toBe(2);
    await expectAccessible(page, 'thread-merged-target');

    // A later visit to the stub redirects too.
    await page.goto(`/discussioni/${source.id}`);
    await page.waitForURL(`**/discussioni/${target.id}`);
    await page.getByRole('heading', { level: 1, name: 'Scadenze PNRR' }).waitFor();

    // Moving the thread updates the breadcrumb live.
    await page.locator('.thread-space-link', { hasText: space.name }).waitFor();
    await socket.subscribed(`thread:${target.id}`);
    await suite.app
      .http()
      .post(`/api/v1/moderation/threads/${target.id}/move`)
      .set(as(moderator))
      .send({ spaceId: otherSpace.id, reason: 'Spazio più adatto' })
      .expect(200);
    await page.locator('.thread-space-link', { hasText: otherSpace.name }).waitFor();
    await expect(page.locator('.thread-space-link').getAttribute('href')).resolves.toBe(
      `/spazi/${otherSpace.id}`,
    );
  });
});
