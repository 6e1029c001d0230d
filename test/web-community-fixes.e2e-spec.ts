// Code passed to page.evaluate() runs in the browser: it is typed against the DOM.
/// <reference lib="dom" />
import { roomName, type DocumentView, type MemberView } from '@convergo/contracts';
import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { SocketIoRecorder } from './support/browser';
import { browserSuite } from './support/browser-suite';
import { newMember, newOrganization, newSpace, newThread, type TestMember } from './support/factories';

/**
 * Issue 18, points 1–6: what users of the community pages tripped over, in a real Chromium
 * against the real API with the rate limits on (as in production), in Italian and English.
 */
describe('community pages: issue 18 fixes in Chromium', () => {
  const suite = browserSuite({ env: { RATE_LIMIT_DISABLED: 'false' } });
  let moderator: TestMember;
  let alice: TestMember;
  let bob: TestMember;
  let referent: TestMember;
  let colleague: TestMember;
  let outsider: TestMember;
  let space: { id: string; name: string };
  let organizationId: string;
  const organizationName = 'Comune di Roccaverde';

  const as = (m: TestMember) => ({ authorization: `Bearer ${m.accessToken}` });
  const newDevice = async (): Promise<Page> => (await suite.newDevice()).page;
  const logIn = (page: Page, member: TestMember) => suite.logIn(page, member.email, member.password);
  const mainNav = (page: Page) => page.locator('#main-navigation');
  const me = async (m: TestMember): Promise<MemberView> =>
    (await suite.app.http().get('/api/v1/me').set(as(m)).expect(200)).body as MemberView;
  /** Asks again until `check` holds (the page saves in the background), failing after ten seconds. */
  const eventually = async (check: () => Promise<boolean>, what: string): Promise<void> => {
    for (let attempt = 0; attempt < 100; attempt++) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`never happened: ${what}`);
  };

  beforeAll(async () => {
    const t = suite.app;
    organizationId = await newOrganization(t, { name: organizationName });
    const otherOrganizationId = await newOrganization(t, { name: 'Comune di Altrove' });
    [moderator, alice, bob, referent, colleague, outsider] = await Promise.all([
      newMember(t, { role: 'moderator', displayName: 'Marta Moderatrice' }),
      newMember(t, { displayName: 'Alice Bianchi' }),
      newMember(t, { displayName: 'Bruno Verdi' }),
      newMember(t, { displayName: 'Rita Referente', organizationId, isReferent: true }),
      newMember(t, { displayName: 'Giulia Collega', organizationId }),
      newMember(t, { displayName: 'Oscar Esterno', organizationId: otherOrganizationId }),
    ]);
    space = await newSpace(t, { name: 'Fondi europei' });
  }, 60_000);

  it('1. shows the author (and moderators) why a post was hidden, live and after a reload; others only that it was', async () => {
    const thread = await newThread(suite.app, alice, space.id, { title: 'Bandi per la mobilità' });
    const post = (
      await suite.app
        .http()
        .post(`/api/v1/threads/${thread.id}/posts`)
        .set(as(alice))
        .send({ body: 'Un messaggio un po’ polemico.' })
        .expect(201)
    ).body as { id: string; number: number };
    // Hostile reason: markup is shown as text, never run.
    const reason = 'Toni offensivi <img src=x onerror="window.__xss=1"> verso un altro ente';

    const author = await newDevice();
    const authorSocket = new SocketIoRecorder(author);
    await logIn(author, alice);
    await author.goto(`/discussioni/${thread.id}`);
    const reader = await newDevice();
    const readerSocket = new SocketIoRecorder(reader);
    await logIn(reader, bob);
    await reader.goto(`/discussioni/${thread.id}`);
    const mod = await newDevice();
    const modSocket = new SocketIoRecorder(mod);
    await logIn(mod, moderator);
    await mod.goto(`/discussioni/${thread.id}`);
    const card = (page: Page) => page.locator(`article[data-post-number="${post.number}"]`);
    await Promise.all([author, reader, mod].map((page) => card(page).waitFor()));
    await Promise.all([
      authorSocket.subscribed(roomName('thread', thread.id)),
      readerSocket.subscribed(roomName('thread', thread.id)),
      modSocket.subscribed(roomName('thread', thread.id)),
    ]);

    await suite.app
      .http()
      .post(`/api/v1/posts/${post.id}/hide`)
      .set(as(moderator))
      .send({ reason })
      .expect(200);

    // Live: the author reads the reason without reloading, so does the moderator.
    await card(author)
      .locator('.hidden-reason', {
        hasText: `Questo messaggio lo vedete solo tu e la moderazione. Motivo: ${reason}`,
      })
      .waitFor();
    await card(mod)
      .locator('.hidden-reason', { hasText: `Motivo: ${reason}` })
      .waitFor();
    // Any other reader sees that it was hidden, not why nor what.
    await card(reader).getByText('Questo messaggio è stato nascosto dalla moderazione.').waitFor();
    await expect(card(reader).textContent()).resolves.not.toContain('Toni offensivi');
    await expect(card(reader).textContent()).resolves.not.toContain('polemico');
    for (const page of [author, mod]) {
      await expect(card(page).locator('img').count()).resolves.toBe(0);
      await expect(
        page.evaluate(() => (window as unknown as { __xss?: number }).__xss),
      ).resolves.toBeUndefined();
    }

    // After a reload, and in English.
    await author.reload();
    await card(author).locator('.hidden-reason', { hasText: reason }).waitFor();
    await author.getByRole('button', { name: 'English' }).click();
    await card(author)
      .locator('.hidden-reason', { hasText: `Only you and the moderators see this post. Reason: ${reason}` })
      .waitFor();
    await suite.expectAccessible(author, 'issue18-hidden-reason-author');
  });

  it('2. after ten failed logins the account waits, and the login page says for how long (it, en)', async () => {
    const locked = await newMember(suite.app, { displayName: 'Lucia Bloccata' });
    for (let i = 0; i < 10; i++) {
      await suite.app
        .http()
        .post('/api/v1/auth/login')
        .send({ email: locked.email, password: 'password-sbagliata' })
        .expect(401);
    }
    const page = await newDevice();
    await page.goto('/accedi');
    await page.locator('#login-email').fill(locked.email);
    await page.locator('#login-password').fill(locked.password);
    await page.getByRole('button', { name: 'Accedi', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.getByText(/^Troppi tentativi: riprova tra 1[45] minuti\.$/).waitFor();
    await expect(alert.textContent()).resolves.not.toMatch(/Throttler|Too Many Requests/i);
    await suite.expectAccessible(page, 'issue18-login-rate-limited');
    await page.getByRole('button', { name: 'English' }).click();
    await alert.getByText(/^Too many attempts: try again in 1[45] minutes\.$/).waitFor();

    // A colleague behind the same address (one network, one NAT) logs in meanwhile.
    const other = await newDevice();
    await logIn(other, colleague);
  });

  it('3. keeps the language chosen on /accedi after login, and saves the choices to the profile', async () => {
    const carla = await newMember(suite.app, { displayName: 'Carla Neri' });
    expect((await me(carla)).locale).toBe('it');
    const page = await newDevice();
    await page.goto('/accedi');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
    await page.locator('#login-email').fill(carla.email);
    await page.locator('#login-password').fill(carla.password);
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.locator('.member-badge').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Welcome, Carla Neri' }).waitFor();
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('en');
    await eventually(async () => (await me(carla)).locale === 'en', 'the choice made on /accedi saved');

    // Signed in: ITA is saved too.
    await page.getByRole('button', { name: 'Italiano' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ti diamo il benvenuto, Carla Neri' }).waitFor();
    await eventually(async () => (await me(carla)).locale === 'it', 'ITA saved while signed in');
    await page.getByRole('button', { name: 'English' }).click();
    await eventually(async () => (await me(carla)).locale === 'en', 'ENG saved while signed in');

    // Another device of the same person follows the profile.
    const laptop = await newDevice();
    await logIn(laptop, carla);
    await laptop.getByRole('heading', { level: 1, name: 'Welcome, Carla Neri' }).waitFor();
  });

  it('3. translates the initials of the document toolbar (B is bold in English, "barrato" in Italian)', async () => {
    const english = await newMember(suite.app, { displayName: 'Emma Inglese' });
    await suite.app.http().patch('/api/v1/me').set(as(english)).send({ locale: 'en' }).expect(200);
    const page = await newDevice();
    await logIn(page, english);
    await page.getByRole('heading', { level: 1, name: 'Welcome, Emma Inglese' }).waitFor();
    const doc = (
      await suite.app
        .http()
        .post('/api/v1/documents')
        .set(as(english))
        .send({ title: 'Piano di lavoro', kind: 'verbale', owner: { type: 'space', id: space.id } })
        .expect(201)
    ).body as DocumentView;
    await page.goto(`/documenti/${doc.id}`);
    const initials = async (toolbarName: string, names: string[]) => {
      const toolbar = page.getByRole('toolbar', { name: toolbarName });
      await toolbar.waitFor();
      const found: string[] = [];
      for (const name of names) {
        found.push(
          (await toolbar
            .getByRole('button', { name, exact: true })
            .locator('[aria-hidden="true"]')
            .textContent()) ?? '',
        );
      }
      return found;
    };
    await expect(initials('Formatting', ['Bold', 'Italic', 'Underline', 'Strikethrough'])).resolves.toEqual([
      'B',
      'I',
      'U',
      'S',
    ]);
    await page.getByRole('button', { name: 'Italiano' }).click();
    await expect(
      initials('Formattazione', ['Grassetto', 'Corsivo', 'Sottolineato', 'Barrato']),
    ).resolves.toEqual(['G', 'C', 'S', 'B']);
  });

  it("4. gives a referent a page to invite and see their administration's officials and invitations", async () => {
    const page = await newDevice();
    await logIn(page, referent);
    await mainNav(page).getByRole('link', { name: 'Amministrazione', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: `Amministrazione: ${organizationName}` }).waitFor();
    await expect(page.getByText('Accesso non consentito').count()).resolves.toBe(0);
    // No access requests: those are the platform admins'.
    await expect(page.getByRole('heading', { name: 'Richieste di accesso in attesa' }).count()).resolves.toBe(
      0,
    );

    // Colleagues of the administration, and nobody else.
    const colleagues = page.locator('ul.colleagues');
    await colleagues.locator(`li[data-member-id="${colleague.id}"]`, { hasText: 'Giulia Collega' }).waitFor();
    await colleagues.locator(`li[data-member-id="${referent.id}"]`).waitFor();
    await expect(colleagues.locator(`li[data-member-id="${outsider.id}"]`).count()).resolves.toBe(0);

    // A malformed address is refused, with the field named.
    await page.locator('#colleague-email').fill('<script>alert(1)</script>');
    await page.getByRole('button', { name: "Invia l'invito" }).click();
    await page.getByRole('alert').first().waitFor();
    await expect(page.locator('#colleague-email').getAttribute('aria-invalid')).resolves.toBe('true');

    const email = `nuova.collega.${Date.now()}@roccaverde.example.it`;
    await page.locator('#colleague-email').fill(email);
    await page.getByRole('button', { name: "Invia l'invito" }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Invito creato per ${email}` })
      .waitFor();
    await expect(page.locator('#colleague-invite-url').inputValue()).resolves.toMatch(/\/invito\?token=/);
    const pending = page.locator('ul.pending-invitations li', { hasText: email });
    await pending.waitFor();
    const stored = (await suite.app.http().get('/api/v1/invitations').set(as(referent)).expect(200)).body as {
      items: { email: string; organizationId: string; role: string }[];
    };
    expect(stored.items.find((i) => i.email === email)).toMatchObject({ organizationId, role: 'member' });
    await suite.expectAccessible(page, 'issue18-referent-admin');

    await pending.getByRole('button', { name: `Revoca · ${email}` }).click();
    await page.getByText(`Invito a ${email} revocato.`).waitFor();
    await expect(pending.count()).resolves.toBe(0);

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: `Administration: ${organizationName}` }).waitFor();
    await page.getByRole('heading', { name: `Staff of ${organizationName} on Convergo` }).waitFor();

    // A plain member still has no such page.
    const plain = await newDevice();
    await logIn(plain, colleague);
    await expect(
      mainNav(plain).getByRole('link', { name: 'Amministrazione', exact: true }).count(),
    ).resolves.toBe(0);
    await plain.goto('/amministrazione');
    await plain.getByRole('heading', { level: 1, name: 'Accesso non consentito' }).waitFor();
  });

  /** Every visible single-line text field: its bottom border's width and its contrast with what surrounds it. */
  const textFieldBorders = (page: Page) =>
    page.evaluate(() => {
      const channel = (c: number) => {
        const s = c / 255;
        return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      const rgba = (value: string) => {
        const [r, g, b, a = 1] = (value.match(/[\d.]+/g) ?? []).map(Number);
        return { r, g, b, a };
      };
      const luminance = ({ r, g, b }: { r: number; g: number; b: number }) =>
        0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
      const contrast = (x: string, y: string) => {
        const [l1, l2] = [luminance(rgba(x)), luminance(rgba(y))].sort((a, b) => b - a);
        return (l1 + 0.05) / (l2 + 0.05);
      };
      /** The first opaque background from the element up (white at the top). */
      const background = (element: Element | null): string => {
        for (let e = element; e; e = e.parentElement) {
          const colour = getComputedStyle(e).backgroundColor;
          if (rgba(colour).a > 0) return colour;
        }
        return 'rgb(255, 255, 255)';
      };
      const textTypes = ['text', 'email', 'search', 'url', 'tel', 'password', 'number', ''];
      return [...document.querySelectorAll<HTMLInputElement>('main input')]
        .filter(
          (input) => textTypes.includes(input.getAttribute('type') ?? '') && input.offsetParent !== null,
        )
        .map((input) => {
          const style = getComputedStyle(input);
          const border = style.borderBottomColor;
          return {
            id: input.id,
            width: parseFloat(style.borderBottomWidth),
            style: style.borderBottomStyle,
            contrast: Math.min(
              contrast(border, background(input)),
              contrast(border, background(input.parentElement)),
            ),
          };
        });
    });

  it('5. draws every text field of the new-discussion form and of the profile with a visible edge (WCAG 1.4.11)', async () => {
    // Someone new: Alice chose English in the first test, and her profile keeps it.
    const dario = await newMember(suite.app, { displayName: 'Dario Neri' });
    const page = await newDevice();
    await logIn(page, dario);
    await page.goto(`/spazi/${space.id}`);
    await page.getByRole('heading', { name: 'Nuova discussione' }).waitFor();
    await page.locator('#thread-tags').waitFor();
    const threadFields = await textFieldBorders(page);
    expect(threadFields.map((f) => f.id)).toEqual(expect.arrayContaining(['thread-title', 'thread-tags']));
    for (const field of threadFields) {
      expect({ ...field, width: field.width > 0, contrast: field.contrast >= 3 }).toEqual({
        ...field,
        width: true,
        contrast: true,
      });
      expect(field.style).toBe('solid');
    }

    await mainNav(page).getByRole('link', { name: 'Il mio profilo' }).click();
    await page.getByRole('heading', { level: 1, name: 'Il mio profilo' }).waitFor();
    const profileFields = await textFieldBorders(page);
    expect(profileFields.length).toBeGreaterThan(0);
    for (const field of profileFields) {
      expect({ ...field, width: field.width > 0, contrast: field.contrast >= 3 }).toEqual({
        ...field,
        width: true,
        contrast: true,
      });
    }
  });

  it('6. disables the bulk action while nothing is selected', async () => {
    // The bulk action waits for a selection.
    const thread = await newThread(suite.app, alice, space.id, { title: 'Una discussione segnalata' });
    await suite.app
      .http()
      .post(`/api/v1/posts/${thread.firstPost.id}/flags`)
      .set(as(bob))
      .send({ reason: 'Fuori tema' })
      .expect(201);
    const mod = await newDevice();
    await logIn(mod, moderator);
    await mod.goto('/moderazione');
    const item = mod.locator(`article[data-post-id="${thread.firstPost.id}"]`);
    await item.waitFor();
    const zero = mod.getByRole('button', { name: 'Nascondi: 0 messaggi' });
    await expect(zero.isDisabled()).resolves.toBe(true);
    await item.getByRole('checkbox').check();
    const one = mod.getByRole('button', { name: 'Nascondi: 1 messaggio' });
    await expect(one.isEnabled()).resolves.toBe(true);
    await item.getByRole('checkbox').uncheck();
    await expect(zero.isDisabled()).resolves.toBe(true);
  });

  it("6. keeps the notification badge (99+) off the member's name, on a wide and a narrow screen", async () => {
    const busy = await newMember(suite.app, {
      displayName: 'Maria Assunta Esposito-Bianchi',
      organizationId,
    });
    await suite.app.app.get(DataSource).query(
      `INSERT INTO notifications (member_id, kind, data, link)
       SELECT $1, 'moderation_warning', '{"reason":"Promemoria"}', '/' FROM generate_series(1, 120)`,
      [busy.id],
    );
    const page = await newDevice();
    await logIn(page, busy);
    const count = page.locator('.notification-count');
    await count.filter({ hasText: '99+' }).waitFor();
    for (const width of [1280, 800]) {
      await page.setViewportSize({ width, height: 900 });
      const [a, b] = await Promise.all([count.boundingBox(), page.locator('.member-badge').boundingBox()]);
      if (!a || !b) throw new Error('badge or name not laid out');
      const intersect =
        a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
      expect({ width, intersect }).toEqual({ width, intersect: false });
    }
  });

  it('6. labels roles and greets without gender (it, en)', async () => {
    const page = await newDevice();
    await logIn(page, colleague);
    await page.getByRole('heading', { level: 1, name: 'Ti diamo il benvenuto, Giulia Collega' }).waitFor();
    await page.goto('/profilo');
    const role = page
      .locator('dt', { hasText: 'Ruolo nella piattaforma' })
      .locator('xpath=following-sibling::dd[1]');
    await expect(role.textContent()).resolves.toBe('Personale PA');
    await expect(page.locator('main').textContent()).resolves.not.toMatch(/Funzionari[oa]\b/);
    await page.getByRole('button', { name: 'English' }).click();
    await expect(
      page
        .locator('dt', { hasText: 'Role on the platform' })
        .locator('xpath=following-sibling::dd[1]')
        .textContent(),
    ).resolves.toBe('Public servant');
  });
});
