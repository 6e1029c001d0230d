// Code passed to page.evaluate() runs in the browser: it is typed against the DOM.
/// <reference lib="dom" />
import { randomUUID } from 'node:crypto';
import { roomName, type LabGroupView, type LabView } from '@convergo/contracts';
import type { Page } from 'playwright-core';
import { SocketIoRecorder } from './support/browser';
import { browserSuite } from './support/browser-suite';
import { newMember, type TestMember } from './support/factories';

/**
 * Labs in a real Chromium against the real API: a tutor schedules a session from the lab page
 * and a participant's calendar (another browser context) shows it live; a product goes from
 * submitted to approved through a request for changes, both sides seeing each status live;
 * the catalogue filters by the query string; the pages pass axe.
 */
describe('labs in Chromium', () => {
  const suite = browserSuite();
  let admin: TestMember;
  let tutor: TestMember;
  let alice: TestMember;
  let bob: TestMember;
  let lab: LabView;
  let group: LabGroupView;

  const as = (m: TestMember) => ({ authorization: `Bearer ${m.accessToken}` });
  const createLab = async (fields: Record<string, unknown>): Promise<LabView> =>
    (await suite.app.http().post('/api/v1/labs').set(as(admin)).send(fields).expect(201)).body as LabView;
  const enrol = (labId: string, m: TestMember, role: 'participant' | 'tutor') =>
    suite.app
      .http()
      .put(`/api/v1/labs/${labId}/participants/${m.id}`)
      .set(as(admin))
      .send({ role })
      .expect(200);

  beforeAll(async () => {
    const t = suite.app;
    [admin, tutor, alice, bob] = await Promise.all([
      newMember(t, { role: 'admin', displayName: 'Anna Amministratrice' }),
      newMember(t, { displayName: 'Tommaso Tutor' }),
      newMember(t, { displayName: 'Alice Bianchi' }),
      newMember(t, { displayName: 'Bruno Verdi' }),
    ]);
    lab = await createLab({
      title: `Laboratorio internazionalizzazione ${randomUUID().slice(0, 8)}`,
      ambito: 'C',
      status: 'running',
      regions: ['Campania', 'Puglia'],
      capacity: 30,
      description: 'Percorso per le amministrazioni del Mezzogiorno.',
      objectives: 'Definire un piano strategico di apertura internazionale.',
    });
    await enrol(lab.id, tutor, 'tutor');
    await enrol(lab.id, alice, 'participant');
    await enrol(lab.id, bob, 'participant');
    group = (
      await t
        .http()
        .post(`/api/v1/labs/${lab.id}/groups`)
        .set(as(admin))
        .send({ name: 'Gruppo Campania', memberIds: [alice.id] })
        .expect(201)
    ).body as LabGroupView;
  }, 60_000);

  const device = async (m: TestMember): Promise<{ page: Page; socket: SocketIoRecorder }> => {
    const { page } = await suite.newDevice();
    const socket = new SocketIoRecorder(page);
    await suite.logIn(page, m.email, m.password);
    return { page, socket };
  };

  it('shows a session the tutor schedules live in a participant’s calendar and lab page', async () => {
    const participant = await device(bob);
    await participant.page.goto('/calendario');
    await participant.page.getByRole('heading', { level: 1, name: 'Il mio calendario' }).waitFor();
    await participant.page.getByText('Nessuna sessione in programma.').waitFor();
    await participant.socket.subscribed(roomName('lab', lab.id));
    await suite.expectAccessible(participant.page, 'labs-my-calendar');

    const onLabPage = await device(alice);
    await onLabPage.page.goto(`/laboratori/${lab.id}`);
    await onLabPage.page.getByRole('heading', { level: 2, name: 'Calendario' }).waitFor();
    await onLabPage.page.getByText('Nessuna sessione in calendario.').waitFor();
    await onLabPage.socket.subscribed(roomName('lab', lab.id));

    const tutorPage = (await device(tutor)).page;
    await tutorPage.goto(`/laboratori/${lab.id}`);
    await tutorPage.getByRole('heading', { level: 1, name: lab.title }).waitFor();
    await tutorPage.locator('summary', { hasText: 'Nuova sessione' }).click();
    const year = new Date().getFullYear() + 1;
    const prefix = `#session-new-${lab.id}`;
    await tutorPage.locator(`${prefix}-title`).fill('Giornata di avvio');
    await tutorPage.locator(`${prefix}-mode`).selectOption('hybrid');
    await tutorPage.locator(`${prefix}-starts`).fill(`${year}-05-12T09:30`);
    await tutorPage.locator(`${prefix}-ends`).fill(`${year}-05-12T13:00`);
    await tutorPage.locator(`${prefix}-place`).fill('Napoli, Palazzo della Regione');
    await tutorPage
      .locator(`${prefix}-agenda`)
      .fill('Saluti istituzionali | 15\nPresentazione del percorso | 60');
    await tutorPage.getByRole('button', { name: 'Pianifica la sessione' }).click();
    await tutorPage.getByText('La sessione «Giornata di avvio» è in calendario.').waitFor();

    // Both participants see it appear without reloading, with Rome times.
    const calendarEntry = participant.page.locator('article.session-summary', {
      hasText: 'Giornata di avvio',
    });
    await calendarEntry.waitFor();
    await calendarEntry.getByText('09:30–13:00').waitFor();
    await calendarEntry.getByText('Ibrida').waitFor();
    await onLabPage.page
      .locator('#calendario article.session-summary', { hasText: 'Giornata di avvio' })
      .getByText('09:30–13:00')
      .waitFor();

    // The session page: details and agenda.
    await calendarEntry.getByRole('link', { name: 'Giornata di avvio' }).click();
    await participant.page.getByRole('heading', { level: 1, name: 'Giornata di avvio' }).waitFor();
    await participant.page.getByText('Presentazione del percorso').waitFor();
    await participant.page.getByRole('link', { name: 'Apri il verbale della sessione' }).waitFor();
  });

  it('takes a product from submitted to approved through a request for changes, live on both sides', async () => {
    const status = (page: Page, text: string) =>
      page.getByTestId('deliverable-status').getByText(text, { exact: true });

    // The tutor assigns the product to the group from the lab page.
    const reviewer = await device(tutor);
    await reviewer.page.goto(`/laboratori/${lab.id}`);
    await reviewer.socket.subscribed(roomName('lab', lab.id));
    await reviewer.page.locator('#prodotti summary').click();
    const form = `#deliverable-new-${lab.id}`;
    await reviewer.page.locator(`${form}-group`).selectOption(group.id);
    await reviewer.page.locator(`${form}-kind`).selectOption('internationalisation_plan');
    await reviewer.page.locator(`${form}-title`).fill('Piano di apertura internazionale');
    await reviewer.page.getByRole('button', { name: 'Assegna il prodotto' }).click();
    await reviewer.page.getByText('il documento condiviso è pronto').waitFor();
    const row = reviewer.page.locator('#prodotti tr', { hasText: 'Piano di apertura internazionale' });
    await row.getByText('Bozza').waitFor();

    // A member of the group finds it in the lab's products.
    const member = await device(alice);
    await member.page.goto(`/laboratori/${lab.id}`);
    await member.page
      .locator('#prodotti')
      .getByRole('link', { name: 'Piano di apertura internazionale' })
      .click();
    await status(member.page, 'Bozza').waitFor();
    await member.socket.subscribed(roomName('lab', lab.id));

    // The group submits: the tutor's table shows "Consegnato" live.
    await member.page.getByRole('button', { name: 'Consegna per la revisione' }).click();
    await status(member.page, 'Consegnato').waitFor();
    await row.getByText('Consegnato').waitFor();

    // The tutor asks for changes: the member sees it live and submits again.
    await row.getByRole('link', { name: 'Piano di apertura internazionale' }).click();
    await status(reviewer.page, 'Consegnato').waitFor();
    await reviewer.page.locator('#review-decision').selectOption('changes_requested');
    await reviewer.page.locator('#review-comment').fill('Manca il cronoprogramma delle azioni.');
    await reviewer.page.getByRole('button', { name: 'Invia la revisione' }).click();
    await status(reviewer.page, 'Richiesta di modifiche').waitFor();
    await status(member.page, 'Richiesta di modifiche').waitFor();
    await member.page.getByText('Manca il cronoprogramma delle azioni.').waitFor();
    await member.page.getByRole('button', { name: 'Consegna per la revisione' }).click();

    // Submitted again: the tutor approves; both see "Approvato".
    await status(reviewer.page, 'Consegnato').waitFor();
    await reviewer.page.locator('#review-decision').selectOption('approved');
    await reviewer.page.locator('#review-comment').fill('Ottimo lavoro, approvato.');
    await reviewer.page.getByRole('button', { name: 'Invia la revisione' }).click();
    await status(reviewer.page, 'Approvato').waitFor();
    await status(member.page, 'Approvato').waitFor();
    await expect(
      member.page.getByRole('button', { name: 'Consegna per la revisione' }).count(),
    ).resolves.toBe(0);
    await suite.expectAccessible(member.page, 'labs-deliverable');
  });

  it('filters the catalogue by ambito, status and region, in the query string', async () => {
    const tag = randomUUID().slice(0, 8);
    const molise = await createLab({
      title: `Tavolo Molise ${tag}`,
      ambito: 'B',
      status: 'open',
      regions: ['Molise'],
    });
    const calabria = await createLab({
      title: `Interregionale Calabria ${tag}`,
      ambito: 'C',
      status: 'running',
      regions: ['Calabria'],
    });
    const { page } = await device(admin);
    await page.goto('/laboratori');
    await page.getByRole('heading', { level: 1, name: 'Laboratori' }).waitFor();
    await page.getByRole('link', { name: molise.title }).waitFor();
    await suite.expectAccessible(page, 'labs-catalogue');

    await page.locator('#labs-region').selectOption('Molise');
    await page.getByRole('button', { name: 'Applica i filtri' }).click();
    await page.waitForURL(/regione=Molise/);
    await page.getByRole('link', { name: molise.title }).waitFor();
    await expect(page.getByRole('link', { name: calabria.title }).count()).resolves.toBe(0);

    await page.locator('#labs-region').selectOption('');
    await page.locator('#labs-ambito').selectOption('C');
    await page.locator('#labs-status').selectOption('running');
    await page.getByRole('button', { name: 'Applica i filtri' }).click();
    await page.waitForURL(/ambito=C.*stato=running|stato=running.*ambito=C/);
    await page.getByRole('link', { name: calabria.title }).waitFor();
    await expect(page.getByRole('link', { name: molise.title }).count()).resolves.toBe(0);

    // A reload keeps the filters (they live in the address).
    await page.reload();
    await page.getByRole('link', { name: calabria.title }).waitFor();
    await expect(page.locator('#labs-ambito').inputValue()).resolves.toBe('C');
  });

  it('passes axe on the lab page, for an admin with the status buttons', async () => {
    const { page } = await device(admin);
    await page.goto(`/laboratori/${lab.id}`);
    await page.getByRole('heading', { level: 1, name: lab.title }).waitFor();
    await page.getByRole('button', { name: 'Chiudi il laboratorio' }).waitFor();
    await page.locator('#partecipanti').getByText('Alice Bianchi').waitFor();
    // The heading: the group's coaching link also names it (visually hidden) once its own query answers.
    await page.locator('#gruppi').getByRole('heading', { name: 'Gruppo Campania' }).waitFor();
    await suite.expectAccessible(page, 'labs-lab-page');
  });
});
