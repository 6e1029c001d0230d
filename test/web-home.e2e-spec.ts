// Code passed to page.evaluate() runs in the browser: it is typed against the DOM.
/// <reference lib="dom" />
import type { LabView } from '@convergo/contracts';
import { randomBytes } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { SocketIoRecorder } from './support/browser';
import { browserSuite } from './support/browser-suite';
import { askForAccess, newBenchProgramme } from './support/desk-world';
import { newMember, newOrganization, newSpace, newThread, type TestMember } from './support/factories';
import { as, newLiveLab, newLiveSession } from './support/live-room';

/**
 * Issue 15, the home as the member's desk, in a real Chromium against the real API. The world:
 * Ada (official) takes part in "Laboratorio Riuso" (group "Gruppo Delta") with a session in three
 * days, the deliverable "Carta dei servizi" to hand in and a booking with Teresa; Teresa (tutor)
 * leads today's session "Sessione in corso" and has Ada's booking this week; Marta moderates; the
 * admin has Luca Verdi's access request and the programme "Programma del banco". Each sees their
 * own blocks with that content; the moderator's home shows a flag raised meanwhile without reload.
 */
describe('the home page as the member’s desk in Chromium', () => {
  const suite = browserSuite();
  const suffix = randomBytes(3).toString('hex');
  let admin: TestMember;
  let tutor: TestMember;
  let moderator: TestMember;
  let ada: TestMember;
  let lab: LabView;
  let liveSessionId: string;
  let square: { id: string; name: string };

  const at = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
  const post = (m: TestMember, path: string, body: object = {}) =>
    suite.app.http().post(path).set(as(m)).send(body);

  beforeAll(async () => {
    const t = suite.app;
    const db = t.app.get(DataSource);
    const org = await newOrganization(t, { name: `Comune di Prova ${suffix}` });
    [admin, tutor, moderator, ada] = await Promise.all([
      newMember(t, { role: 'admin', displayName: 'Anna Amministratrice' }),
      newMember(t, { role: 'tutor', displayName: 'Teresa Tutor' }),
      newMember(t, { role: 'moderator', displayName: 'Marta Moderatrice' }),
      newMember(t, { displayName: 'Francesca Esposito', organizationId: org }),
    ]);
    lab = await newLiveLab(t.baseUrl, admin, { tutors: [tutor], participants: [ada] });
    await db.query(`UPDATE labs SET title = $2 WHERE id = $1`, [lab.id, `Laboratorio Riuso ${suffix}`]);
    const group = (
      await post(admin, `/api/v1/labs/${lab.id}/groups`, {
        name: 'Gruppo Delta',
        memberIds: [ada.id],
      }).expect(201)
    ).body as { id: string };
    liveSessionId = (await newLiveSession(t.baseUrl, tutor, lab.id)).id;
    await db.query(`UPDATE lab_sessions SET title = 'Sessione in corso' WHERE id = $1`, [liveSessionId]);
    await post(tutor, `/api/v1/labs/${lab.id}/sessions`, {
      title: 'Sessione sul riuso',
      mode: 'in_presence',
      place: 'Napoli',
      startsAt: at(72),
      endsAt: at(74),
    }).expect(201);
    await post(admin, `/api/v1/labs/${lab.id}/deliverables`, {
      groupId: group.id,
      kind: 'logical_framework',
      title: 'Carta dei servizi',
      dueAt: at(240),
    }).expect(201);
    const slot = (
      await post(tutor, '/api/v1/tutoring/slots', {
        startsAt: at(30),
        endsAt: at(31),
        meeting: 'convergo',
      }).expect(201)
    ).body as { id: string };
    await post(ada, `/api/v1/tutoring/slots/${slot.id}/bookings`, { topic: 'Indicatori del piano' }).expect(
      201,
    );
    await askForAccess(t, org, suffix);
    await newBenchProgramme(t, suffix);
    square = await newSpace(t, { name: `Piazza ${suffix}` });
  }, 60_000);

  const home = async (member: TestMember): Promise<Page> => {
    const { page } = await suite.newDevice();
    await suite.logIn(page, member.email, member.password);
    await page.goto('/');
    await page.locator('[data-desk-block]').first().waitFor();
    return page;
  };
  const block = (page: Page, name: string): Locator => page.getByRole('region', { name, exact: true });
  const blockNames = (page: Page) =>
    page
      .locator('[data-desk-block] h2')
      .evaluateAll((headings) => headings.map((h) => (h.firstChild?.textContent ?? '').trim()));

  it('shows an official their sessions, labs and groups, deliverables and bookings, greeting them neutrally', async () => {
    const page = await home(ada);
    await page
      .getByRole('heading', { level: 1, name: 'Ti diamo il benvenuto, Francesca Esposito' })
      .waitFor();
    await page.getByText('Convergo mette in rete le pubbliche amministrazioni').waitFor();
    expect(await blockNames(page)).toEqual([
      'Le tue prossime sessioni',
      'I tuoi laboratori e gruppi',
      'Prodotti da consegnare',
      'Discussioni che segui',
      'I tuoi incontri di tutoraggio',
    ]);
    const sessions = block(page, 'Le tue prossime sessioni');
    await sessions.getByRole('link', { name: 'Sessione in corso' }).waitFor();
    await sessions.getByRole('link', { name: 'Sessione sul riuso' }).waitFor();
    const labs = block(page, 'I tuoi laboratori e gruppi');
    await labs.getByRole('link', { name: `Laboratorio Riuso ${suffix}` }).waitFor();
    await labs.getByText('Gruppo Delta').waitFor();
    await block(page, 'Prodotti da consegnare').getByRole('link', { name: 'Carta dei servizi' }).waitFor();
    await block(page, 'I tuoi incontri di tutoraggio').getByRole('link', { name: 'Teresa Tutor' }).waitFor();
    // An empty block says what to do next.
    const threads = block(page, 'Discussioni che segui');
    await threads.getByText('Nessun messaggio nuovo nelle discussioni che segui.').waitFor();
    await threads.getByRole('link', { name: 'Apri gli spazi di discussione' }).waitFor();
    // Officials see no tutor, moderator or admin block.
    expect(await page.locator('[data-desk-block="flags"], [data-desk-block="accessRequests"]').count()).toBe(
      0,
    );
    await suite.expectAccessible(page, 'desk-official');

    await block(page, 'I tuoi laboratori e gruppi')
      .getByRole('link', { name: `Laboratorio Riuso ${suffix}` })
      .click();
    await page.waitForURL(`**/laboratori/${lab.id}`);
  });

  it('gives a tutor today’s session with “Avvia la stanza live”, and the week’s bookings', async () => {
    const page = await home(tutor);
    expect(await blockNames(page)).toEqual([
      'Sessioni di oggi',
      'Prodotti da rivedere',
      'Prenotazioni della settimana',
      'Coaching dei gruppi',
    ]);
    const today = block(page, 'Sessioni di oggi');
    await today.getByRole('link', { name: 'Sessione in corso', exact: true }).waitFor();
    // The session in three days is not today's.
    expect(await today.getByRole('link', { name: 'Sessione sul riuso' }).count()).toBe(0);
    const start = today.getByRole('link', { name: /^Avvia la stanza live\b.*Sessione in corso$/ });
    expect(await start.getAttribute('href')).toBe(`/sessioni/${liveSessionId}/live`);
    const bookings = block(page, 'Prenotazioni della settimana');
    await bookings.getByRole('link', { name: 'Francesca Esposito' }).waitFor();
    await bookings.getByText('Indicatori del piano').waitFor();
    await block(page, 'Prodotti da rivedere')
      .getByText('Nessun prodotto attende la tua revisione.')
      .waitFor();
    await suite.expectAccessible(page, 'desk-tutor');
  });

  it('gives an admin the access requests waiting and the programme in figures', async () => {
    const page = await home(admin);
    expect(await blockNames(page)).toEqual([
      'Segnalazioni da esaminare',
      'Richieste di accesso',
      'Candidature ai laboratori',
      'Il programma in cifre',
    ]);
    const requests = block(page, 'Richieste di accesso');
    await requests.getByRole('link', { name: 'Luca Verdi' }).waitFor();
    await requests.getByText(`Comune di Prova ${suffix}`).waitFor();
    const figures = block(page, 'Il programma in cifre');
    await figures.getByRole('link', { name: 'Iniziative di gemellaggio' }).waitFor();
    await figures.getByRole('link', { name: 'Ore di formazione' }).waitFor();
    expect(await figures.getByRole('link', { name: 'Ore di formazione' }).getAttribute('href')).toBe(
      `/programmi/banco-${suffix}`,
    );
    await block(page, 'Candidature ai laboratori')
      .getByText('Nessuna candidatura in attesa di decisione.')
      .waitFor();
  });

  it('shows the moderator a flag raised by an official, live, without reload', async () => {
    const thread = await newThread(suite.app, tutor, square.id, { title: 'Bandi per il riuso' });
    const { page } = await suite.newDevice();
    const socket = new SocketIoRecorder(page);
    await suite.logIn(page, moderator.email, moderator.password);
    await page.goto('/');
    const flags = block(page, 'Segnalazioni da esaminare');
    await flags.getByText('La coda delle segnalazioni è vuota.').waitFor();
    expect(await blockNames(page)).toEqual(['Segnalazioni da esaminare']);
    await socket.subscribed('moderation');
    await suite.expectAccessible(page, 'desk-moderator-empty');
    // A mark on this document: a reload would lose it.
    await page.evaluate(() => document.body.setAttribute('data-same-document', 'yes'));

    await post(ada, `/api/v1/posts/${thread.firstPost.id}/flags`, { reason: 'Contenuto fuori tema' }).expect(
      201,
    );

    await flags.getByRole('link', { name: 'Bandi per il riuso' }).waitFor();
    await flags.getByText('Contenuto fuori tema').waitFor();
    await flags.getByText('1 segnalazione', { exact: true }).waitFor();
    expect((await flags.getByTestId('desk-total').textContent())?.startsWith('1')).toBe(true);
    expect(await page.evaluate(() => document.body.getAttribute('data-same-document'))).toBe('yes');
  });
});
