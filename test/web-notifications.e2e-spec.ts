// Code passed to page.evaluate() runs in the browser: it is typed against the DOM.
/// <reference lib="dom" />
import type { InvitationView, NotificationPage } from '@convergo/contracts';
import type { Page, WebSocketRoute } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../apps/api/src/modules/demo/demo-accounts';
import { screenshot, SocketIoRecorder } from './support/browser';
import { browserSuite } from './support/browser-suite';
import { newMember } from './support/factories';

/**
 * The notification centre in a real Chromium against the real API (demo world): a referent's
 * bell counts a colleague joining through the referent's invitation live, in every tab, says it
 * in Italian, marks everything read everywhere, and does not count twice what a reconnect
 * replays.
 */

const REFERENT = DEMO_ACCOUNTS.find((a) => a.email === 'referente.napoli@convergo.demo');
if (!REFERENT) throw new Error('demo referent missing');

const PANEL = '#notification-panel';

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('notification centre in Chromium', () => {
  const suite = browserSuite({ env: { DEMO_DATA: 'true' } });
  const { apiLogin, logIn, expectAccessible } = suite;
  /** A fresh browser context: another person or device, with its own session (and its tabs). */
  const newDevice = () => suite.newDevice({ trackNewPages: true });

  /** `POST /invitations` with the inviter's token: the path and query of the acceptUrl. */
  async function invite(token: string, email: string, organizationId: string): Promise<string> {
    const res = await suite.app
      .http()
      .post('/api/v1/invitations')
      .set('authorization', `Bearer ${token}`)
      .send({ email, organizationId, role: 'member' })
      .expect(201);
    const url = new URL((res.body as InvitationView).acceptUrl ?? '');
    return `${url.pathname}${url.search}`;
  }

  async function acceptThroughApi(acceptPath: string, displayName: string): Promise<void> {
    const token = new URL(acceptPath, suite.app.baseUrl).searchParams.get('token');
    await suite.app
      .http()
      .post('/api/v1/auth/accept-invitation')
      .send({ token, displayName, password: 'Password-della-collega-1' })
      .expect(201);
  }

  const bell = (page: Page) => page.locator('.notification-bell-button');
  const bellLabel = (page: Page) => bell(page).getAttribute('aria-label');
  const waitForBellLabel = (page: Page, label: string) =>
    page.waitForFunction(
      (expected) =>
        document.querySelector('.notification-bell-button')?.getAttribute('aria-label') === expected,
      label,
    );

  it('counts an accepted invitation live in every tab, words it in Italian, marks all read everywhere', async () => {
    const login = await apiLogin(REFERENT.email);
    const organizationId = login.member.organization?.id ?? '';
    expect(login.member).toMatchObject({ isReferent: true, organization: { name: 'Comune di Napoli' } });
    // Start from nothing unread (the demo world may change).
    await suite.app
      .http()
      .post('/api/v1/notifications/read')
      .set('authorization', `Bearer ${login.accessToken}`)
      .send({ all: true })
      .expect(200);

    // Browser context A: the referent, logged in through the form.
    const { context: referentDevice, page: tab } = await newDevice();
    const socket = new SocketIoRecorder(tab);
    await logIn(tab, REFERENT.email);
    await socket.subscribed(`member:${login.member.id}`);
    await expect(bellLabel(tab)).resolves.toBe('Notifiche');
    await expect(tab.locator('.notification-count').count()).resolves.toBe(0);
    await expect(bell(tab).getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(bell(tab).getAttribute('aria-controls')).resolves.toBe('notification-panel');
    await tab.evaluate(() => Object.assign(window, { __sameDocument: true }));

    // Browser context B: the colleague opens the acceptUrl and joins.
    const acceptPath = await invite(login.accessToken, 'rosa.collega@comune.napoli.it', organizationId);
    const { page: colleague } = await newDevice();
    await colleague.goto(acceptPath);
    await colleague.locator('#invitation-name').fill('Rosa Collega');
    await colleague.locator('#invitation-password').fill('Password-della-collega-1');
    await colleague.locator('#invitation-confirm').fill('Password-della-collega-1');
    await colleague.getByRole('button', { name: 'Completa la registrazione' }).click();
    const joinedAt = Date.now();
    await colleague.locator('.member-badge', { hasText: 'Rosa Collega' }).waitFor();

    // A: the count goes to 1 without a reload, and a screen reader is told politely.
    await waitForBellLabel(tab, 'Notifiche: 1 nuova');
    console.log(
      JSON.stringify({ metric: 'web.invitation_accepted_to_bell_ms', value: Date.now() - joinedAt }),
    );
    expect(socket.hasEvent('notification.created')).toBe(true);
    await expect(tab.locator('.notification-count').textContent()).resolves.toBe('1');
    await expect(tab.evaluate(() => (window as { __sameDocument?: boolean }).__sameDocument)).resolves.toBe(
      true,
    );
    const liveRegion = tab.locator('.notification-bell [role="status"]');
    await expect(liveRegion.getAttribute('aria-live')).resolves.toBe('polite');
    await expect(liveRegion.textContent()).resolves.toBe(
      'Nuova notifica: Rosa Collega ha accettato il tuo invito',
    );

    // A second tab of the same member (same storage, same session) shows the same count.
    const secondTab = await referentDevice.newPage();
    const secondSocket = new SocketIoRecorder(secondTab);
    await secondTab.goto('/');
    await secondSocket.subscribed(`member:${login.member.id}`);
    await waitForBellLabel(secondTab, 'Notifiche: 1 nuova');

    // The panel: opened by the bell, focus on its title, the sentence in Italian with a link.
    await bell(tab).click();
    const panel = tab.locator(PANEL);
    await panel.waitFor({ state: 'visible' });
    await expect(bell(tab).getAttribute('aria-expanded')).resolves.toBe('true');
    await expect(
      tab.evaluate(() => document.activeElement?.closest('#notification-panel') !== null),
    ).resolves.toBe(true);
    await expect(tab.evaluate(() => document.activeElement?.tagName)).resolves.toBe('H2');
    const region = tab.getByRole('region', { name: 'Notifiche' });
    await expect(region.count()).resolves.toBe(1);
    const item = panel.locator('li', { hasText: 'Rosa Collega ha accettato il tuo invito' });
    await item.waitFor();
    // The demo world gave the referent notifications of its own (read above): one is new.
    await expect(panel.locator('li.notification-unread').count()).resolves.toBe(1);
    await expect(item.getAttribute('class')).resolves.toContain('notification-unread');
    await expect(item.textContent()).resolves.toMatch(/^Da leggere: Rosa Collega ha accettato il tuo invito/);
    await expect(item.locator('time').textContent()).resolves.toMatch(/^(ora|\d+ secondi fa|1 minuto fa)$/);
    const link = item.getByRole('link', { name: 'Rosa Collega ha accettato il tuo invito' });
    await expect(link.getAttribute('href')).resolves.toBe('/membri?q=Rosa%20Collega');
    await expect(panel.getByText('1 notifica da leggere').count()).resolves.toBe(1);
    await expectAccessible(tab, 'notifications-panel');

    // Escape closes it and gives focus back to the bell; the keyboard opens it again.
    await tab.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });
    await expect(bell(tab).getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(
      tab.evaluate(() => document.activeElement?.classList.contains('notification-bell-button')),
    ).resolves.toBe(true);
    await tab.keyboard.press('Enter');
    await panel.waitFor({ state: 'visible' });

    // "Segna tutte come lette": 0 here and, through notification.read, in the other tab.
    await panel.getByRole('button', { name: 'Segna tutte come lette' }).click();
    await waitForBellLabel(tab, 'Notifiche');
    await expect(tab.locator('.notification-count').count()).resolves.toBe(0);
    await expect(item.getAttribute('class')).resolves.not.toContain('notification-unread');
    await panel.getByText('Hai letto tutte le notifiche.').waitFor();
    await expect(
      panel.getByRole('button', { name: 'Segna tutte come lette' }).getAttribute('aria-disabled'),
    ).resolves.toBe('true');
    await waitForBellLabel(secondTab, 'Notifiche');
    await expect(secondTab.locator('.notification-count').count()).resolves.toBe(0);
    expect(secondSocket.hasEvent('notification.read')).toBe(true);
    await expectAccessible(tab, 'notifications-panel-read');

    const stored = await suite.app
      .http()
      .get('/api/v1/notifications')
      .set('authorization', `Bearer ${login.accessToken}`)
      .expect(200);
    expect((stored.body as NotificationPage).unread).toBe(0);

    // Following the link goes to the colleague in the directory and closes the panel.
    await link.click();
    await tab.waitForURL((url) => url.pathname === '/membri');
    await panel.waitFor({ state: 'hidden' });
    // Focus is not left on the hidden link: it moves to the new page's heading.
    await tab.waitForFunction(() => document.activeElement?.tagName === 'H1');

    // On a phone the panel spans the screen under the header.
    await tab.setViewportSize({ width: 390, height: 844 });
    await bell(tab).click();
    await panel.waitFor({ state: 'visible' });
    const box = await panel.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    await expectAccessible(tab, 'notifications-panel-mobile');
  });

  it('counts a notification missed while offline once after the reconnect and its catch-up', async () => {
    const organizationId = (await apiLogin(REFERENT.email)).member.organization?.id ?? null;
    const referent = await newMember(suite.app, {
      organizationId,
      isReferent: true,
      displayName: 'Carla Referente',
    });
    const { context, page } = await newDevice();
    // The page's websockets pass through here, so the test can drop them like a network would.
    const sockets: WebSocketRoute[] = [];
    await context.routeWebSocket(/\/socket\.io\//, (ws) => {
      sockets.push(ws);
      ws.connectToServer();
    });
    const socket = new SocketIoRecorder(page);
    await logIn(page, referent.email, referent.password);
    await socket.subscribed(`member:${referent.id}`);

    // A first colleague joins while online: counted live (the room now has a position).
    await acceptThroughApi(
      await invite(referent.accessToken, 'primo.collega@comune.napoli.it', organizationId ?? ''),
      'Primo Collega',
    );
    await waitForBellLabel(page, 'Notifiche: 1 nuova');
    await until(() => sockets.length > 0, 'the websocket upgrade');

    // The connection drops and cannot come back for now.
    await page.route('**/socket.io/**', (route) => route.abort());
    const reconnecting = page.waitForEvent('requestfailed', (r) => r.url().includes('/socket.io/'));
    await Promise.all(sockets.map((ws) => ws.close().catch(() => undefined)));
    await reconnecting;
    const receivedBeforeReconnect = socket.received.length;

    // Offline: "mark all read" still works over HTTP; a second colleague joins meanwhile, and
    // opening the panel again loads the list with it.
    await bell(page).click();
    const panel = page.locator(PANEL);
    await panel.getByRole('button', { name: 'Segna tutte come lette' }).click();
    await waitForBellLabel(page, 'Notifiche');
    await acceptThroughApi(
      await invite(referent.accessToken, 'seconda.collega@comune.napoli.it', organizationId ?? ''),
      'Seconda Collega',
    );
    await page.keyboard.press('Escape');
    await bell(page).click();
    await waitForBellLabel(page, 'Notifiche: 1 nuova');
    await panel.locator('li', { hasText: 'Seconda Collega ha accettato il tuo invito' }).waitFor();

    // Every label the bell shows from now on is recorded.
    await page.evaluate(() => {
      const labels: string[] = [];
      Object.assign(window, { __bellLabels: labels });
      const button = document.querySelector('.notification-bell-button');
      if (!button) throw new Error('no bell');
      new MutationObserver(() => labels.push(button.getAttribute('aria-label') ?? '')).observe(button, {
        attributes: true,
        attributeFilter: ['aria-label'],
      });
    });

    // Back online: socket.io's connection state recovery and the catch-up
    // (`GET /events?after=`) hand over what was missed (notification.read, then the second
    // colleague's notification.created, already listed); then the count is reloaded.
    const catchUp = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/v1/events' && r.status() === 200,
      { timeout: 20_000 },
    );
    const reload = catchUp.then(() =>
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/notifications'),
    );
    await page.unroute('**/socket.io/**');
    const caughtUp = (await (await catchUp).json()) as { items: { type: string }[] };
    await reload;
    const replayed = [
      ...socket.received
        .slice(receivedBeforeReconnect)
        .filter((p) => p.startsWith('42["notification.'))
        .map((p) => (JSON.parse(p.slice(2)) as [string])[0]),
      ...caughtUp.items.map((e) => e.type),
    ];
    expect(replayed).toEqual(['notification.read', 'notification.created']);
    // Let the reloaded list render before reading what the bell says.
    await page.waitForTimeout(300);

    await expect(bellLabel(page)).resolves.toBe('Notifiche: 1 nuova');
    await expect(page.locator('.notification-count').textContent()).resolves.toBe('1');
    const labels = await page.evaluate(() => (window as { __bellLabels?: string[] }).__bellLabels ?? []);
    // Never 2 (counted twice) nor 0 (the replayed read's stale count): no flicker either.
    expect(labels.filter((label) => label !== 'Notifiche: 1 nuova')).toEqual([]);
    await expect(panel.locator('li', { hasText: 'Seconda Collega' }).count()).resolves.toBe(1);
    await expect(panel.locator('li').count()).resolves.toBe(2);
    await expect(panel.locator('li.notification-unread').count()).resolves.toBe(1);
    await screenshot(page, 'notifications-after-reconnect');
  });
});
