// Code passed to page.evaluate() runs in the browser: it is typed against the DOM.
/// <reference lib="dom" />
import { gzipSync } from 'node:zlib';
import type { InvitationView, MemberDirectoryEntry, Page as ApiPage } from '@convergo/contracts';
import type { Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../apps/api/src/modules/demo/demo-accounts';
import { SocketIoRecorder } from './support/browser';
import { browserSuite } from './support/browser-suite';
import { findOrganizationId } from './support/factories';

/**
 * The web app in a real Chromium against the real API and PostgreSQL (demo world): what a
 * person does with a mouse and a keyboard, what a screen reader is told (axe-core), and the
 * live updates that reach the page over socket.io without a reload.
 */

const demo = (email: string) => {
  const account = DEMO_ACCOUNTS.find((a) => a.email === email);
  if (!account) throw new Error(`no demo account ${email}`);
  return account;
};
const ADMIN = demo('admin@convergo.demo');
const TUTOR = demo('tutor@convergo.demo');
const MODERATOR = demo('moderatore@convergo.demo');
const REFERENT = demo('referente.napoli@convergo.demo');
const OFFICIAL = demo('funzionaria.bari@convergo.demo');

describe('web app in Chromium', () => {
  const suite = browserSuite({ env: { DEMO_DATA: 'true' } });
  const { apiLogin, logIn, expectAccessible } = suite;

  /** A fresh browser context (own storage and cache: a different person or device), on `path`. */
  async function open(path?: string): Promise<Page> {
    const { page } = await suite.newDevice();
    if (path) await page.goto(path);
    return page;
  }

  const header = (page: Page) => page.locator('header .member-badge');

  describe('1. login as each role', () => {
    it('measures the login page: script bytes transferred (compressed) and first render', async () => {
      const page = await open();
      const scripts: {
        url: string;
        body: Promise<Buffer>;
        encoding: string;
        sizes: Promise<{ responseBodySize: number; responseHeadersSize: number }>;
      }[] = [];
      page.on('response', (response) => {
        if (response.request().resourceType() !== 'script') return;
        scripts.push({
          url: new URL(response.url()).pathname,
          body: response.body(),
          encoding: response.headers()['content-encoding'] ?? 'identity',
          // What went over the wire: the encoded body, as Chromium counted it.
          sizes: response.request().sizes(),
        });
      });
      await page.goto('/accedi');
      const visibleAt = await page.waitForFunction(
        () => {
          const field = document.getElementById('login-email');
          return field && field.getBoundingClientRect().height > 0 ? performance.now() : null;
        },
        undefined,
        { polling: 'raf' },
      );
      const formVisibleMs = (await visibleAt.jsonValue()) as number;
      await page.waitForLoadState('networkidle');
      const paint = await page.evaluate(() => {
        const entry = performance.getEntriesByName('first-contentful-paint')[0];
        return entry ? entry.startTime : null;
      });
      const bodies = await Promise.all(scripts.map((s) => s.body));
      const sizes = await Promise.all(scripts.map((s) => s.sizes));
      const gzipBytes = bodies.reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0);
      const rawBytes = bodies.reduce((sum, body) => sum + body.length, 0);
      const transferredBytes = sizes.reduce((sum, size) => sum + size.responseBodySize, 0);
      const headerBytes = sizes.reduce((sum, size) => sum + size.responseHeadersSize, 0);
      console.log(
        JSON.stringify({
          metric: 'web.login_page',
          scripts: scripts.length,
          jsRawBytes: rawBytes,
          jsTransferredBytes: transferredBytes,
          jsTransferredWithHeadersBytes: transferredBytes + headerBytes,
          jsGzipLevel9Bytes: gzipBytes,
          encodings: scripts.reduce<Record<string, number>>(
            (count, s) => ({ ...count, [s.encoding]: (count[s.encoding] ?? 0) + 1 }),
            {},
          ),
          firstContentfulPaintMs: paint === null ? null : Math.round(paint),
          loginFormVisibleMs: Math.round(formVisibleMs),
          scriptFiles: scripts.map((s) => s.url),
        }),
      );
      expect(scripts.length).toBeGreaterThan(0);
      // The API compresses what is worth it: every script over 1 kB arrives encoded (brotli or
      // gzip, as the browser offers) and the whole is far smaller than it is.
      const uncompressed = scripts
        .filter((script, i) => bodies[i].length > 1024 && !['br', 'gzip'].includes(script.encoding))
        .map((script) => script.url);
      expect(uncompressed).toEqual([]);
      expect(transferredBytes).toBeLessThan(rawBytes / 2);
      // The entry chunk carries the login page; no other page's chunk and no socket.io client.
      expect(scripts.map((s) => s.url).join(' ')).not.toMatch(/Page-|realtime-client/);
      await expect(page.title()).resolves.toMatch(/Accedi/);
      await expectAccessible(page, 'login');
    });

    it.each([
      ['admin', ADMIN],
      ['tutor', TUTOR],
      ['moderator', MODERATOR],
      ['official', OFFICIAL],
    ])('logs in as %s through the form, shows name and organisation, logs out', async (role, account) => {
      const me = (await apiLogin(account.email)).member;
      const page = await open('/accedi');
      await logIn(page, account.email);

      await expect(page.locator('h1').textContent()).resolves.toContain(account.displayName);
      await expect(header(page).textContent()).resolves.toContain(account.displayName);
      expect(me.organization?.name).toBeTruthy();
      await expect(header(page).textContent()).resolves.toContain(me.organization?.name);
      const adminLink = page.getByRole('navigation', { name: 'Navigazione principale' }).getByRole('link', {
        name: 'Amministrazione',
      });
      await expect(adminLink.count()).resolves.toBe(role === 'admin' ? 1 : 0);
      await expectAccessible(page, `home-${role}`);

      await page.getByRole('button', { name: 'Esci' }).click();
      await page.getByRole('link', { name: "Accedi all'area personale" }).waitFor();
      await expect(header(page).count()).resolves.toBe(0);
      await expect(page.evaluate(() => localStorage.getItem('convergo.session'))).resolves.toBeNull();
      // A private page now sends the visitor to the login form.
      await page.goto('/profilo');
      await page.locator('#login-email').waitFor();
      expect(new URL(page.url()).pathname).toBe('/accedi');
    });

    it('says why a login fails, next to the form', async () => {
      const page = await open('/accedi');
      await page.getByRole('button', { name: 'Accedi', exact: true }).click();
      await expect(page.locator('#login-email-error').textContent()).resolves.toBe('Campo obbligatorio.');
      await page.locator('#login-email').fill(OFFICIAL.email);
      await page.locator('#login-password').fill('not-the-password-1');
      await page.getByRole('button', { name: 'Accedi', exact: true }).click();
      const alert = page.getByRole('alert');
      await alert.filter({ hasText: 'Indirizzo e-mail o password non corretti.' }).waitFor();
      await expect(page.locator('#login-email-error').count()).resolves.toBe(0);
      expect(await alert.textContent()).not.toMatch(/[{}]|status|undefined/);
      await expectAccessible(page, 'login-error');
    });
  });

  describe('2. organisation directory', () => {
    it('searches accent-insensitively, filters by region and Convergence, loads more', async () => {
      const page = await open('/accedi');
      await logIn(page, TUTOR.email);
      await page
        .getByRole('navigation', { name: 'Navigazione principale' })
        .getByRole('link', { name: 'Enti', exact: true })
        .click();
      await page.locator('h1', { hasText: 'Enti' }).waitFor();
      const rows = page.locator('table tbody tr');
      const names = () => rows.locator('th').allTextContents();
      const regions = () => rows.locator('td:nth-of-type(2)').allTextContents();
      await rows.first().waitFor();
      await expect(rows.count()).resolves.toBe(20);

      // "carica altri": 20 more, focus on the first new row.
      await page.getByRole('button', { name: 'Carica altri' }).click();
      await rows.nth(20).waitFor();
      await expect(rows.count()).resolves.toBe(40);
      await page.waitForFunction(() => document.activeElement?.getAttribute('data-result-index') === '20');

      /** Until the table shows rows again (a new filter empties it while loading) and all pass. */
      const settled = (name: RegExp, inRegions: string[] | null) =>
        page.waitForFunction(
          ([source, allowed]) => {
            const pattern = new RegExp(source, 'i');
            const shown = [...document.querySelectorAll('table tbody tr')];
            return (
              shown.length > 0 &&
              shown.every(
                (row) =>
                  pattern.test(row.querySelector('th')?.textContent ?? '') &&
                  (!allowed || allowed.includes(row.querySelectorAll('td')[1]?.textContent ?? '')),
              )
            );
          },
          [name.source, inRegions] as const,
        );

      await page.getByLabel("Nome dell'ente").fill('Citta');
      await page.getByRole('search').getByRole('button', { name: 'Cerca' }).click();
      await page.waitForURL(/q=Citta/);
      await settled(/citt[aà]/, null);
      const cittaNames = await names();
      expect(cittaNames.some((name) => name.includes('Città'))).toBe(true);
      const cittaRegions = await regions();
      expect(new Set(cittaRegions).size).toBeGreaterThan(1);
      await expectAccessible(page, 'organizations');

      await page.getByLabel('Regione').selectOption('Campania');
      await page.waitForURL(/region=Campania/);
      await settled(/citt[aà]/, ['Campania']);
      const campania = await names();
      expect(campania.length).toBeLessThanOrEqual(cittaNames.length);
      expect(campania.some((name) => name.includes('Città metropolitana di Napoli'))).toBe(true);

      await page.getByLabel('Regione').selectOption('');
      await page.waitForURL((url) => !url.searchParams.has('region'));
      // Bootstrap Italia draws the checkbox on its label: a person clicks the label.
      await page.locator('label[for="organizations-convergence"]').click();
      await expect(page.getByLabel('Regioni Convergenza').isChecked()).resolves.toBe(true);
      await page.waitForURL(/convergence=true/);
      await settled(/citt[aà]/, ['Calabria', 'Campania', 'Puglia', 'Sicilia']);
      const convergence = await regions();
      expect(convergence.length).toBeGreaterThan(0);
      expect(new Set(convergence).size).toBeGreaterThan(1);
      expect(await names()).not.toEqual(cittaNames);
      await expectAccessible(page, 'organizations-convergence');
    });
  });

  describe('3. invitation', () => {
    it('opens the acceptUrl, sets name and password and lands logged in', async () => {
      const admin = await apiLogin(ADMIN.email);
      const organizationId = await findOrganizationId(suite.app, { istatCode: '063049' });
      const res = await suite.app
        .http()
        .post('/api/v1/invitations')
        .set('authorization', `Bearer ${admin.accessToken}`)
        .send({ email: 'nuova.funzionaria@comune.napoli.it', organizationId, role: 'member' })
        .expect(201);
      const invitation = res.body as InvitationView;
      const accept = new URL(invitation.acceptUrl ?? '');
      expect(accept.pathname).toBe('/invito');

      const page = await open(`${accept.pathname}${accept.search}`);
      await page.locator('h1', { hasText: "Accetta l'invito" }).waitFor();
      await expectAccessible(page, 'invitation');
      await page.locator('#invitation-name').fill('Lucia Invitata');
      await page.locator('#invitation-password').fill('Una-password-lunga-1');
      await page.locator('#invitation-confirm').fill('Una-password-lunga-1');
      await page.getByRole('button', { name: 'Completa la registrazione' }).click();
      await header(page).waitFor();
      await page.waitForURL((url) => url.pathname === '/');
      await expect(header(page).textContent()).resolves.toContain('Lucia Invitata');
      await expect(header(page).textContent()).resolves.toContain('Napoli');
      await expectAccessible(page, 'invitation-accepted');

      // The link is spent: opened again, the page explains it in Italian, not with a raw error.
      const again = await open(`${accept.pathname}${accept.search}`);
      await again.locator('#invitation-name').fill('Lucia Invitata');
      await again.locator('#invitation-password').fill('Una-password-lunga-1');
      await again.locator('#invitation-confirm').fill('Una-password-lunga-1');
      await again.getByRole('button', { name: 'Completa la registrazione' }).click();
      const alert = again.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toMatch(/invito/i);
    });

    it('shows the problem of a bad token as a sentence in the page', async () => {
      const page = await open('/invito?token=questo-token-non-esiste-affatto-0123456789abcdef');
      await page.locator('#invitation-name').fill('Qualcuno');
      await page.locator('#invitation-password').fill('Una-password-lunga-1');
      await page.locator('#invitation-confirm').fill('Una-password-lunga-1');
      const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/accept-invitation'));
      await page.getByRole('button', { name: 'Completa la registrazione' }).click();
      const problem = await (await answer).json();
      expect(problem).toMatchObject({ code: 'invitation_invalid', status: 410 });
      const alert = page.getByRole('alert');
      await alert.waitFor();
      const text = (await alert.textContent()) ?? '';
      // The problem's code explained in the page's language (the API's detail is English).
      expect(text).toContain('Questo link di invito non è valido');
      expect(text).not.toMatch(/[{}]|"status"|undefined|Error:|410/);
      await expect(page.evaluate(() => document.activeElement?.getAttribute('role'))).resolves.toBe('alert');
      await expectAccessible(page, 'invitation-bad-token');
    });
  });

  describe('4. access request reaches the admin live', () => {
    it('a public request appears on the admin page over socket.io and is approved', async () => {
      const adminPage = await open('/accedi');
      const adminSocket = new SocketIoRecorder(adminPage);
      await logIn(adminPage, ADMIN.email);
      await adminPage
        .getByRole('navigation', { name: 'Navigazione principale' })
        .getByRole('link', { name: 'Amministrazione' })
        .click();
      await adminPage.getByRole('heading', { name: 'Richieste di accesso in attesa' }).waitFor();
      await adminSocket.subscribed('admin');
      await adminPage.getByText('Nessuna richiesta in attesa.').waitFor();
      await adminPage.evaluate(() => Object.assign(window, { __sameDocument: true }));
      await expectAccessible(adminPage, 'admin');

      const visitor = await open('/accedi');
      await visitor.getByRole('link', { name: "Richiedi l'accesso" }).first().click();
      await visitor.locator('h1', { hasText: "Richiedi l'accesso" }).waitFor();
      await expectAccessible(visitor, 'access-request');
      await visitor.locator('#request-email').fill('mario.richiedente@comune.bari.it');
      await visitor.locator('#request-name').fill('Mario Richiedente');
      await visitor.locator('#request-organization').fill('Bari');
      await visitor.getByRole('button', { name: /^Comune di Bari \(/ }).click();
      await visitor.locator('#request-job').fill('Istruttore amministrativo');
      await visitor
        .locator('#request-motivation')
        .fill('Vorrei partecipare ai laboratori sui fondi europei.');
      await visitor.locator('#request-password').fill('Richiesta-password-9');
      const sent = visitor.waitForResponse((r) => r.url().endsWith('/api/v1/access-requests'));
      await visitor.getByRole('button', { name: 'Invia la richiesta' }).click();
      expect((await sent).status()).toBe(201);
      const sentAt = Date.now();
      const card = adminPage.locator('article', { hasText: 'Mario Richiedente' });
      await card.waitFor();
      console.log(
        JSON.stringify({ metric: 'web.access_request_to_admin_page_ms', value: Date.now() - sentAt }),
      );
      await visitor.getByRole('status').filter({ hasText: 'Richiesta inviata' }).waitFor();
      await expectAccessible(visitor, 'access-request-sent');
      expect(adminSocket.hasEvent('access_request.created')).toBe(true);
      await expect(
        adminPage.evaluate(() => (window as { __sameDocument?: boolean }).__sameDocument),
      ).resolves.toBe(true);
      await expect(card.textContent()).resolves.toContain('Comune di Bari');
      await expectAccessible(adminPage, 'admin-live-request');

      await card.getByRole('button', { name: 'Approva' }).click();
      await card.waitFor({ state: 'detached' });
      await adminPage
        .getByRole('status')
        .filter({ hasText: 'Richiesta di Mario Richiedente approvata.' })
        .waitFor();

      // The new member can log in with the password chosen in the request.
      const newcomer = await open('/accedi');
      await logIn(newcomer, 'mario.richiedente@comune.bari.it', 'Richiesta-password-9');
      await expect(header(newcomer).textContent()).resolves.toContain('Mario Richiedente');
    });
  });

  describe('5–6. profile and live member updates', () => {
    it('a change saved on another device shows in the header without a reload', async () => {
      const first = await open('/accedi');
      const socket = new SocketIoRecorder(first);
      await logIn(first, REFERENT.email);
      const me = (await apiLogin(REFERENT.email)).member;
      await socket.subscribed(`member:${me.id}`);
      await first.evaluate(() => Object.assign(window, { __sameDocument: true }));
      await expect(header(first).textContent()).resolves.toContain(REFERENT.displayName);

      const second = await open('/accedi');
      await logIn(second, REFERENT.email);
      await second.getByRole('link', { name: 'Il mio profilo' }).first().click();
      await second.locator('#profile-name').waitFor();
      await expectAccessible(second, 'profile');
      await second.locator('#profile-name').fill('Antonio Esposito Jr');
      await second.locator('#profile-job').fill('Dirigente, Relazioni internazionali e fondi UE');
      await second.getByRole('button', { name: 'Salva le modifiche' }).click();
      await second.getByRole('status').filter({ hasText: 'Profilo aggiornato.' }).waitFor();
      await expect(header(second).textContent()).resolves.toContain('Antonio Esposito Jr');

      await first.waitForFunction(() =>
        document.querySelector('header .member-badge')?.textContent?.includes('Antonio Esposito Jr'),
      );
      expect(socket.hasEvent('member.updated')).toBe(true);
      await expect(
        first.evaluate(() => (window as { __sameDocument?: boolean }).__sameDocument),
      ).resolves.toBe(true);
      await expectAccessible(first, 'live-member-updated');

      // Saved for good: a reload shows the new values.
      await second.reload();
      await expect(second.locator('#profile-job').inputValue()).resolves.toBe(
        'Dirigente, Relazioni internazionali e fondi UE',
      );
    });

    it('shows field errors next to the field, from the form and from a 400 problem', async () => {
      const page = await open('/accedi');
      await logIn(page, MODERATOR.email);
      await page.goto('/profilo');
      const name = page.locator('#profile-name');
      await name.waitFor();

      // Checked before sending.
      await name.fill('A');
      await page.getByRole('button', { name: 'Salva le modifiche' }).click();
      await expect(page.locator('#profile-name-error').textContent()).resolves.toBe(
        'Inserisci almeno 2 caratteri.',
      );

      // One character the browser counts as two UTF-16 units: only the API refuses it (400).
      await name.fill('🙂');
      const answer = page.waitForResponse(
        (r) => r.url().endsWith('/api/v1/me') && r.request().method() === 'PATCH',
      );
      await page.getByRole('button', { name: 'Salva le modifiche' }).click();
      const response = await answer;
      expect(response.status()).toBe(400);
      const problem = await response.json();
      expect(problem.errors).toEqual([expect.objectContaining({ field: 'displayName' })]);
      // The rule that failed (`code`), worded in Italian with the field's label: the API's
      // English message only carries the limit.
      expect(problem.errors[0]).toMatchObject({ code: 'isLength' });
      expect(String(problem.errors[0].message)).toMatch(
        /^displayName must be longer than or equal to 2 and shorter than or equal to 120/,
      );
      const italian = 'Il campo «Nome visualizzato» deve avere da 2 a 120 caratteri.';
      const fieldError = page.locator('#profile-name-error', { hasText: italian });
      await fieldError.waitFor();
      await expect(fieldError.textContent()).resolves.toBe(italian);
      await expect(name.getAttribute('aria-invalid')).resolves.toBe('true');
      await expect(name.getAttribute('aria-describedby')).resolves.toContain('profile-name-error');
      const summary = page.getByRole('alert');
      // The summary says the same sentence and links it to the field.
      await expect(summary.getByRole('link', { name: italian }).count()).resolves.toBe(1);
      await expect(summary.textContent()).resolves.not.toMatch(/must|longer|displayName/);
      await expectAccessible(page, 'profile-errors');

      // Fixed and saved: the errors go away.
      await name.fill('Giulia Moderatrice');
      await page.getByRole('button', { name: 'Salva le modifiche' }).click();
      await page.getByRole('status').filter({ hasText: 'Profilo aggiornato.' }).waitFor();
      await expect(page.locator('#profile-name-error').count()).resolves.toBe(0);
    });
  });

  describe('6b. field errors in the interface language', () => {
    it('words an API field error by its code, in Italian and then in English, never the API text', async () => {
      const page = await open('/richiesta-accesso');
      await page.locator('h1', { hasText: "Richiedi l'accesso" }).waitFor();
      const email = page.locator('#request-email');
      // An address the browser takes for valid (no dot in the domain) and the API refuses.
      await email.fill('rosa.collega@comune');
      await expect(email.evaluate((input: HTMLInputElement) => input.validity.valid)).resolves.toBe(true);
      await page.locator('#request-name').fill('Rosa Collega');
      await page.locator('#request-organization').fill('Bari');
      await page.getByRole('button', { name: /^Comune di Bari \(/ }).click();
      await page.locator('#request-password').fill('Richiesta-password-9');
      const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/access-requests'));
      await page.getByRole('button', { name: 'Invia la richiesta' }).click();
      const response = await answer;
      expect(response.status()).toBe(400);
      const problem = await response.json();
      expect(problem.errors).toEqual([expect.objectContaining({ field: 'email', code: 'isEmail' })]);

      const italian =
        'Il campo «Indirizzo e-mail istituzionale» deve contenere un indirizzo e-mail valido, ad esempio nome.cognome@comune.it.';
      const fieldError = page.locator('#request-email-error');
      await fieldError.filter({ hasText: italian }).waitFor();
      await expect(fieldError.textContent()).resolves.toBe(italian);
      await expect(email.getAttribute('aria-invalid')).resolves.toBe('true');
      const summary = page.getByRole('alert');
      await expect(summary.getByRole('link', { name: italian }).count()).resolves.toBe(1);
      await expect(page.locator('main').textContent()).resolves.not.toContain(
        String(problem.errors[0].message),
      );
      await expect(page.locator('main').textContent()).resolves.not.toMatch(/must be|email must/);
      await expectAccessible(page, 'access-request-field-error');

      // The same error, worded again when the reader switches language.
      await page.getByRole('group', { name: 'Lingua' }).getByRole('button', { name: 'English' }).click();
      // English loads on demand: wait for the wording to change rather than reading at once.
      const english = '“Work e-mail address” must be a valid e-mail address, such as name.surname@agency.it.';
      await fieldError.filter({ hasText: english }).waitFor();
      await expect(fieldError.textContent()).resolves.toBe(english);
      await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Italiano' }).click();
      await fieldError.filter({ hasText: italian }).waitFor();

      // The link in the summary takes the keyboard to the field.
      await summary.getByRole('link', { name: italian }).click();
      await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('request-email');
    });
  });

  describe('7. language', () => {
    it('switches to English: labels and <html lang> change', async () => {
      const page = await open('/accedi');
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('it');
      await page.getByRole('group', { name: 'Lingua' }).getByRole('button', { name: 'English' }).click();
      await page.locator('h1', { hasText: 'Log in' }).waitFor();
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
      await expect(page.getByLabel('E-mail address').count()).resolves.toBe(1);
      await expect(page.getByRole('link', { name: 'Request access' }).count()).resolves.toBeGreaterThan(0);
      await expect(page.title()).resolves.toMatch(/Log in/);
      await expectAccessible(page, 'login-en');

      // The choice lasts across a reload, and switching back restores Italian.
      await page.reload();
      await page.locator('h1', { hasText: 'Log in' }).waitFor();
      await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Italiano' }).click();
      await page.locator('h1', { hasText: 'Accedi' }).waitFor();
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('it');
    });
  });

  describe('8. member directory', () => {
    it('lists members without e-mail addresses', async () => {
      const page = await open('/accedi');
      await logIn(page, OFFICIAL.email);
      const answer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/members');
      await page
        .getByRole('navigation', { name: 'Navigazione principale' })
        .getByRole('link', { name: 'Persone' })
        .click();
      const body = (await (await answer).json()) as ApiPage<MemberDirectoryEntry>;
      expect(body.items.length).toBeGreaterThan(3);
      for (const item of body.items) expect(Object.keys(item)).not.toContain('email');

      const list = page.getByRole('list', { name: 'Persone trovate' });
      await list.waitFor();
      const cards = list.locator('article');
      await expect(cards.count()).resolves.toBe(body.items.length);
      const text = (await list.textContent()) ?? '';
      expect(text).toContain(TUTOR.displayName);
      expect(text).toContain(OFFICIAL.displayName);
      expect(text).not.toContain('@');
      await expect(page.locator('main').textContent()).resolves.not.toMatch(/@convergo\.demo|@example/);
      await expectAccessible(page, 'members');
    });
  });
});
