import { randomUUID } from 'node:crypto';
import { roomName, type LabView, type TutoringSlotView } from '@convergo/contracts';
import type { Page } from 'playwright-core';
import { SocketIoRecorder } from './support/browser';
import { browserSuite } from './support/browser-suite';
import { newMember, newOrganization, type TestMember } from './support/factories';
import { as, newLiveLab } from './support/live-room';

/**
 * Tutoring in Chromium against the real API: an official finds a slot of her lab and books it
 * with a topic; the tutor, on his page in another browser context, sees the booking arrive live
 * with the topic; she finds it under "Le mie prenotazioni" and cancels it (confirm dialog); the
 * tutor sees it go. The API's conflicts are told in words; every page passes axe.
 */
describe('tutoring pages in Chromium', () => {
  const suite = browserSuite({ startTimeoutMs: 90_000 });
  let admin: TestMember;
  let tutor: TestMember;
  let alice: TestMember;
  let bruno: TestMember;
  let lab: LabView;

  /** Tomorrow (or `days` ahead) at `hour`:00 UTC, for `minutes`. */
  const at = (days: number, hour: number, minutes = 60) => {
    const start = new Date();
    start.setUTCDate(start.getUTCDate() + days);
    start.setUTCHours(hour, 0, 0, 0);
    return {
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + minutes * 60_000).toISOString(),
    };
  };

  const publish = async (body: Record<string, unknown>): Promise<TutoringSlotView> =>
    (await suite.app.http().post('/api/v1/tutoring/slots').set(as(tutor)).send(body).expect(201))
      .body as TutoringSlotView;

  beforeAll(async () => {
    const t = suite.app;
    const napoli = await newOrganization(t, {
      name: `Comune di Napoli ${randomUUID().slice(0, 6)}`,
      region: 'Campania',
    });
    [admin, tutor, alice, bruno] = await Promise.all([
      newMember(t, { role: 'admin', displayName: 'Anna Amministratrice' }),
      newMember(t, { displayName: 'Tommaso Tutor' }),
      newMember(t, { displayName: 'Alice Bianchi', organizationId: napoli }),
      newMember(t, { displayName: 'Bruno Verdi', organizationId: napoli }),
    ]);
    lab = await newLiveLab(t.baseUrl, admin, { tutors: [tutor], participants: [alice, bruno] });
  }, 90_000);

  const device = async (m: TestMember): Promise<{ page: Page; socket: SocketIoRecorder }> => {
    const { page } = await suite.newDevice();
    const socket = new SocketIoRecorder(page);
    await suite.logIn(page, m.email, m.password);
    return { page, socket };
  };

  const slotCard = (page: Page, slotId: string) => page.locator(`article[data-slot-id="${slotId}"]`);

  it('an official books with a topic, the tutor sees it live; she cancels it and the tutor sees it go', async () => {
    const slot = await publish({
      ...at(2, 9),
      labId: lab.id,
      capacity: 2,
      meeting: 'online',
      onlineUrl: 'https://meet.example.it/tutoraggio',
      note: 'Revisione del piano di lavoro',
    });

    // The tutor watches his slots: nobody booked yet.
    const lead = await device(tutor);
    await lead.page.goto('/laboratori');
    await lead.page
      .getByRole('navigation', { name: 'Navigazione principale' })
      .getByRole('link', { name: 'Tutoraggio' })
      .click();
    await lead.page.getByRole('link', { name: 'I miei orari', exact: true }).click();
    await lead.page.getByRole('heading', { level: 1, name: 'I miei orari di tutoraggio' }).waitFor();
    await lead.socket.subscribed(roomName('member', tutor.id));
    const own = slotCard(lead.page, slot.id);
    await own.getByText('Nessuna prenotazione per ora.').waitFor();
    await own.getByText('2 posti liberi su 2').waitFor();
    await suite.expectAccessible(lead.page, 'tutoring-tutor');

    // Alice finds the slot by her lab and books it with a topic.
    const a = await device(alice);
    await a.page.goto('/tutoraggio');
    await a.page.getByRole('heading', { level: 1, name: 'Tutoraggio' }).waitFor();
    await a.socket.subscribed(roomName('lab', lab.id));
    await a.page.locator('#find-lab').selectOption(lab.id);
    await a.page.locator('#find-tutor').selectOption(tutor.id);
    // Days on Rome's calendar, both ends included.
    await a.page.locator('#find-from').fill(slot.startsAt.slice(0, 10));
    await a.page.locator('#find-to').fill(slot.startsAt.slice(0, 10));
    await a.page.getByRole('button', { name: 'Cerca', exact: true }).click();
    const found = slotCard(a.page, slot.id);
    await found.getByText('Tommaso Tutor').waitFor();
    await found.getByText('Revisione del piano di lavoro').waitFor();
    await found.getByText('Videochiamata').waitFor();
    await expect(a.page.getByTestId('found-slots').locator('article').count()).resolves.toBe(1);
    await suite.expectAccessible(a.page, 'tutoring-official');
    await found.getByRole('button', { name: 'Prenota con Tommaso Tutor' }).click();
    await found.getByLabel('Di cosa vuoi parlare?').fill('Indicatori del piano triennale <b>PNRR</b>');
    await suite.expectAccessible(a.page, 'tutoring-book-form');
    await found.getByRole('button', { name: 'Conferma la prenotazione' }).click();
    await found.getByText('Prenotazione confermata.').waitFor();

    // The tutor sees who booked and why, without a reload; the topic is text, not markup.
    const row = own.locator('[data-testid="slot-bookings"] li', { hasText: 'Alice Bianchi' });
    await row.getByText('Indicatori del piano triennale <b>PNRR</b>').waitFor();
    await own.getByText('1 posto libero su 2').waitFor();
    await lead.page
      .getByTestId('booking-announcement')
      .getByText(/^Nuova prenotazione di Alice Bianchi per /)
      .waitFor();
    await expect(own.locator('b', { hasText: 'PNRR' }).count()).resolves.toBe(0);
    // His bell words the notification in Italian, on Rome's clock.
    await lead.page
      .locator('.notification-bell [role="status"]')
      .getByText('Nuova notifica: Alice Bianchi ha prenotato il tuo orario di tutoraggio del')
      .waitFor();

    // Alice's bookings list it, with the link to the call; she cancels it after confirming.
    const mine = a.page.getByTestId('my-bookings-upcoming');
    const booking = mine.locator(`article[data-slot-id="${slot.id}"]`);
    await booking.getByRole('link', { name: /Apri il link della videochiamata/ }).waitFor();
    await booking.getByRole('button', { name: 'Annulla la prenotazione' }).click();
    await booking.getByRole('alertdialog').waitFor();
    await suite.expectAccessible(a.page, 'tutoring-cancel-dialog');
    await booking.getByRole('button', { name: 'Sì, annulla la prenotazione' }).click();
    await booking.waitFor({ state: 'detached' });
    await a.page.getByText('Non hai prenotazioni in programma.').waitFor();

    // The tutor sees it go, live.
    await row.waitFor({ state: 'detached' });
    await own.getByText('Nessuna prenotazione per ora.').waitFor();
    await own.getByText('2 posti liberi su 2').waitFor();
    await lead.page
      .getByTestId('booking-announcement')
      .getByText(/^Alice Bianchi ha annullato la prenotazione di /)
      .waitFor();

    // Her past bookings keep it, cancelled by her.
    await a.page.getByRole('button', { name: 'Passate e annullate' }).click();
    await a.page
      .getByTestId('my-bookings-past')
      .locator(`article[data-slot-id="${slot.id}"]`)
      .getByText(/Annullata da te/)
      .waitFor();
  }, 120_000);

  it('tells a full slot in words, updates places left live, and passes axe on the slot and coaching pages', async () => {
    const slot = await publish({ ...at(3, 9), labId: lab.id, capacity: 1, meeting: 'convergo' });
    const a = await device(alice);
    await a.page.goto('/tutoraggio');
    await a.socket.subscribed(roomName('lab', lab.id));
    const found = slotCard(a.page, slot.id);
    await found.getByText('1 posto libero su 1').waitFor();
    await found.getByRole('button', { name: 'Prenota con Tommaso Tutor' }).click();
    await found.getByLabel('Di cosa vuoi parlare?').fill('Cronoprogramma');

    // Bruno takes the last place meanwhile: Alice's page shows it full, live.
    await suite.app
      .http()
      .post(`/api/v1/tutoring/slots/${slot.id}/bookings`)
      .set(as(bruno))
      .send({ topic: 'Budget' })
      .expect(201);
    await found.getByText('Completo (1 su 1 prenotati)').waitFor();
    await found.getByRole('button', { name: 'Conferma la prenotazione' }).click();
    await found.getByRole('alert').getByText('I posti di questo orario sono appena finiti').waitFor();
    await expect(found.getByText('slot_full').count()).resolves.toBe(0);

    // The slot page, as the tutor sees it: Bruno's booking and topic.
    const lead = await device(tutor);
    await lead.page.goto(`/tutoraggio/slot/${slot.id}`);
    await lead.page.getByRole('heading', { level: 2, name: 'Chi ha prenotato' }).waitFor();
    await lead.page.getByText('Budget').waitFor();
    await suite.expectAccessible(lead.page, 'tutoring-slot-page');

    // The tutor publishes a slot through the form; an overlapping one is refused in words.
    await lead.page.goto('/tutoraggio/gestione');
    const { startsAt } = at(4, 8);
    const local = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Europe/Rome',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .format(new Date(startsAt))
      .replace(' ', 'T');
    const end = local.replace(/T(\d\d)/, (_m, h: string) => `T${String(Number(h) + 1).padStart(2, '0')}`);
    for (const attempt of [1, 2]) {
      await lead.page.locator('#tutoring-slot-starts').fill(local);
      await lead.page.locator('#tutoring-slot-ends').fill(end);
      await lead.page.locator('#tutoring-slot-lab').selectOption(lab.id);
      await lead.page.getByRole('button', { name: "Pubblica l'orario" }).click();
      if (attempt === 1) await lead.page.getByText('Orario pubblicato.').waitFor();
    }
    await lead.page.getByRole('alert').getByText('Hai già un orario in quel momento').waitFor();
    await suite.expectAccessible(lead.page, 'tutoring-tutor-overlap');

    // The coaching list (its API may answer or not: the page stays accessible either way).
    await lead.page.goto('/tutoraggio/coaching');
    await lead.page.getByRole('heading', { level: 1, name: 'Coaching' }).waitFor();
    await suite.expectAccessible(lead.page, 'tutoring-coaching');
  }, 120_000);
  it('an official and the tutor meet in the slot’s room: each sees the other present and the other’s messages live', async () => {
    const slot = await publish({ ...at(5, 9), labId: lab.id, capacity: 2, meeting: 'convergo' });
    await suite.app
      .http()
      .post(`/api/v1/tutoring/slots/${slot.id}/bookings`)
      .set(as(alice))
      .send({ topic: 'Cronoprogramma' })
      .expect(201);

    const lead = await device(tutor);
    await lead.page.goto(`/tutoraggio/slot/${slot.id}`);
    await lead.page.getByRole('heading', { level: 2, name: "Stanza dell'incontro" }).waitFor();
    const leadPresent = lead.page.getByTestId('tutoring-room-present');
    await leadPresent.getByText('Tommaso Tutor').waitFor();

    // Alice enters: each sees the other, without a reload.
    const a = await device(alice);
    await a.page.goto(`/tutoraggio/slot/${slot.id}`);
    const alicePresent = a.page.getByTestId('tutoring-room-present');
    await alicePresent.getByText('Tommaso Tutor').waitFor();
    await alicePresent.getByText('Alice Bianchi').waitFor();
    await leadPresent.getByText('Alice Bianchi').waitFor();
    await lead.page.getByRole('heading', { level: 2, name: 'Presenti (2)' }).waitFor();

    // The tutor writes; Alice reads it live, as rendered Markdown; raw HTML stays text.
    await lead.page
      .getByLabel('Messaggio', { exact: true })
      .fill('Partiamo dal **cronoprogramma** <b>ora</b>');
    await lead.page.getByRole('button', { name: 'Invia', exact: true }).click();
    const aliceChat = a.page.getByTestId('tutoring-room-chat');
    await aliceChat.locator('strong', { hasText: 'cronoprogramma' }).waitFor();
    await aliceChat.getByText('<b>ora</b>').waitFor();
    await expect(aliceChat.locator('b').count()).resolves.toBe(0);
    await suite.expectAccessible(a.page, 'tutoring-meeting-room');

    // She answers with Enter; the tutor reads it live.
    await a.page.getByLabel('Messaggio', { exact: true }).fill('Ho una domanda sulle scadenze');
    await a.page.getByLabel('Messaggio', { exact: true }).press('Enter');
    await lead.page.getByTestId('tutoring-room-chat').getByText('Ho una domanda sulle scadenze').waitFor();

    // Bruno did not book: a clear message, no room.
    const b = await device(bruno);
    await b.page.goto(`/tutoraggio/slot/${slot.id}`);
    await b.page
      .getByText('La stanza di questo incontro è riservata al tutor e a chi ha prenotato')
      .waitFor();
    await expect(b.page.getByTestId('tutoring-room-chat').count()).resolves.toBe(0);
    await suite.expectAccessible(b.page, 'tutoring-meeting-outsider');

    // Alice leaves the page: the tutor sees her go.
    await a.page.goto('/tutoraggio');
    await leadPresent.getByText('Alice Bianchi').waitFor({ state: 'detached' });
    await lead.page.getByRole('heading', { level: 2, name: 'Presenti (1)' }).waitFor();
  }, 120_000);

  it('a tutor publishes a weekly series through the form, skips one date, edits one, ends the series; the page reads in English too', async () => {
    // The Tuesday at least a week ahead, 15:00 on Rome's clock; the second week is skipped.
    const first = new Date();
    first.setUTCDate(first.getUTCDate() + 7 + ((9 - first.getUTCDay()) % 7));
    const day = (offsetWeeks: number) => {
      const d = new Date(first.getTime() + offsetWeeks * 7 * 86_400_000);
      return d.toISOString().slice(0, 10);
    };
    const lead = await device(tutor);
    await lead.page.goto('/tutoraggio/gestione');
    await lead.page.getByRole('button', { name: 'Una serie settimanale' }).click();
    await lead.page.locator('#tutoring-series-starts').fill(`${day(0)}T15:00`);
    await lead.page.locator('#tutoring-series-duration').fill('45');
    // Bootstrap Italia draws the checkbox on its label: people click the label.
    await lead.page.locator('label[for="tutoring-series-weekdays-TU"]').click();
    await lead.page.locator('#tutoring-series-count').fill('4');
    await lead.page.locator('#tutoring-series-exceptions').fill(`${day(1)}, Natale`);
    await lead.page.locator('#tutoring-series-meeting').selectOption('in_presence');
    await lead.page.getByRole('button', { name: 'Pubblica la serie' }).click();
    // A wrong date to skip is caught before sending, in words.
    await lead.page
      .getByRole('alert')
      .getByText('Queste non sono date nel formato 2026-12-24: Natale.')
      .waitFor();
    await lead.page.locator('#tutoring-series-exceptions').fill(day(1));
    await lead.page.locator('#tutoring-series-place').fill('Roma, Formez PA, sala 2');
    await suite.expectAccessible(lead.page, 'tutoring-series-form');
    await lead.page.getByRole('button', { name: 'Pubblica la serie' }).click();
    await lead.page.getByText('Serie pubblicata: 3 orari.').waitFor();

    const series = lead.page
      .getByTestId('own-slots')
      .locator('article', { hasText: 'Roma, Formez PA, sala 2' });
    await series.nth(2).waitFor();
    await expect(series.count()).resolves.toBe(3);
    await series.first().getByText('Fa parte di una serie settimanale.').waitFor();

    // Skip the first date, with a reason.
    const firstSlot = series.first();
    await firstSlot.getByRole('button', { name: 'Salta questa data' }).click();
    await firstSlot.getByLabel('Motivo (facoltativo, lo leggono le persone avvisate)').fill('Ponte');
    await firstSlot.getByRole('button', { name: 'Sì, salta la data' }).click();
    await firstSlot.getByText('Data saltata').waitFor();
    await firstSlot.getByText('Annullato', { exact: true }).waitFor();

    // Edit another date: one more place.
    const second = series.nth(1);
    await second.getByRole('button', { name: 'Modifica' }).click();
    await second.getByLabel('Posti').fill('3');
    await second.getByRole('button', { name: 'Salva le modifiche' }).click();
    await second.getByText('Modifiche salvate').waitFor();
    await second.getByText('3 posti liberi su 3').waitFor();

    // End the series from another of its slots: the rest is cancelled.
    const open = lead.page
      .getByTestId('own-slots')
      .locator('article', { hasText: 'Roma, Formez PA, sala 2' })
      .filter({ has: lead.page.getByRole('button', { name: 'Termina la serie' }) });
    await open.first().getByRole('button', { name: 'Termina la serie' }).click();
    await lead.page.getByRole('button', { name: 'Sì, termina la serie' }).click();
    await open.first().waitFor({ state: 'detached' });
    await suite.expectAccessible(lead.page, 'tutoring-series-ended');

    // In English.
    await lead.page.getByRole('button', { name: 'English' }).click();
    await lead.page.getByRole('heading', { level: 1, name: 'My tutoring office hours' }).waitFor();
    await lead.page.getByRole('link', { name: 'Book', exact: true }).click();
    await lead.page.getByRole('heading', { level: 1, name: 'Tutoring' }).waitFor();
    await lead.page.getByRole('heading', { level: 2, name: 'My bookings' }).waitFor();
    await suite.expectAccessible(lead.page, 'tutoring-official-en');
  }, 120_000);
});
