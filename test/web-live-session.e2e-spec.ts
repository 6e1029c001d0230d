// Code passed to page.evaluate() runs in the browser: it is typed against the DOM.
/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { Workbook } from 'exceljs';
import { roomName, type LabSessionView, type LabView } from '@convergo/contracts';
import type { Page, WebSocketRoute } from 'playwright-core';
import { SocketIoRecorder } from './support/browser';
import { browserSuite } from './support/browser-suite';
import { newMember, newOrganization, type TestMember } from './support/factories';

/**
 * A short live session in three Chromium contexts against the real API: a tutor and two
 * officials join the room and see each other; the tutor moves the agenda and both officials
 * follow; a hand is raised and lowered by the tutor; a poll is opened, voted (and a vote
 * changed) with the counts live everywhere; an official checks in with the code the tutor's
 * panel shows; the tutor opens the register and downloads it as Excel and CSV.
 */
describe('live session room in Chromium', () => {
  const suite = browserSuite({ startTimeoutMs: 90_000 });
  let admin: TestMember;
  let tutor: TestMember;
  let alice: TestMember;
  let bruno: TestMember;
  let lab: LabView;
  let session: LabSessionView;

  const as = (m: TestMember) => ({ authorization: `Bearer ${m.accessToken}` });

  beforeAll(async () => {
    const t = suite.app;
    const [napoli, bari] = await Promise.all([
      newOrganization(t, { name: `Comune di Napoli ${randomUUID().slice(0, 6)}`, region: 'Campania' }),
      newOrganization(t, { name: `Comune di Bari ${randomUUID().slice(0, 6)}`, region: 'Puglia' }),
    ]);
    [admin, tutor, alice, bruno] = await Promise.all([
      newMember(t, { role: 'admin', displayName: 'Anna Amministratrice' }),
      newMember(t, { displayName: 'Tommaso Tutor' }),
      newMember(t, { displayName: 'Alice Bianchi', organizationId: napoli }),
      newMember(t, { displayName: 'Bruno Verdi', organizationId: bari }),
    ]);
    lab = (
      await t
        .http()
        .post('/api/v1/labs')
        .set(as(admin))
        .send({ title: `Laboratorio PNRR ${randomUUID().slice(0, 8)}`, ambito: 'A', status: 'running' })
        .expect(201)
    ).body as LabView;
    for (const [m, role] of [
      [tutor, 'tutor'],
      [alice, 'participant'],
      [bruno, 'participant'],
    ] as const) {
      await t
        .http()
        .put(`/api/v1/labs/${lab.id}/participants/${m.id}`)
        .set(as(admin))
        .send({ role })
        .expect(200);
    }
    // Under way now: the register clips stays to the session's times.
    const startsAt = new Date(Date.now() - 15 * 60_000).toISOString();
    const endsAt = new Date(Date.now() + 2 * 3_600_000).toISOString();
    session = (
      await t
        .http()
        .post(`/api/v1/labs/${lab.id}/sessions`)
        .set(as(tutor))
        .send({
          title: 'Giornata di co-progettazione',
          mode: 'hybrid',
          startsAt,
          endsAt,
          place: 'Napoli, Palazzo San Giacomo',
          agenda: [
            { title: 'Accoglienza e presentazioni', minutes: 15 },
            { title: 'Analisi dei fabbisogni', minutes: 60 },
            { title: 'Sintesi e prossimi passi', minutes: 20 },
          ],
        })
        .expect(201)
    ).body as LabSessionView;
  }, 90_000);

  const device = async (m: TestMember): Promise<{ page: Page; socket: SocketIoRecorder }> => {
    const { page } = await suite.newDevice();
    const socket = new SocketIoRecorder(page);
    await suite.logIn(page, m.email, m.password);
    return { page, socket };
  };

  const present = (page: Page, name: string) => page.locator('#live-present li', { hasText: name }).waitFor();
  const currentStep = (page: Page, title: string) =>
    page.locator('#live-agenda li[aria-current="step"]', { hasText: title }).waitFor();

  it('runs a short session: presence, agenda, hands, poll, check-in, register and its downloads', async () => {
    // The tutor goes from the session page into the room and starts the session.
    const lead = await device(tutor);
    await lead.page.goto(`/laboratori/${lab.id}/sessioni/${session.id}`);
    await lead.page.getByRole('link', { name: 'Registro presenze' }).waitFor();
    await lead.page.getByRole('link', { name: 'Entra nella sessione live' }).click();
    await lead.page.getByRole('heading', { level: 1, name: 'Giornata di co-progettazione' }).waitFor();
    await lead.socket.subscribed(roomName('session', session.id));
    await lead.page.getByRole('button', { name: 'Avvia la sessione' }).click();
    await lead.page.getByRole('button', { name: 'Termina la sessione' }).waitFor();

    // Both officials join; everyone sees everyone.
    const a = await device(alice);
    const b = await device(bruno);
    await a.page.goto(`/sessioni/${session.id}/live`);
    await b.page.goto(`/sessioni/${session.id}/live`);
    for (const page of [lead.page, a.page, b.page]) {
      await present(page, 'Tommaso Tutor');
      await present(page, 'Alice Bianchi');
      await present(page, 'Bruno Verdi');
    }
    await lead.page
      .locator('#live-present li', { hasText: 'Tommaso Tutor' })
      .getByText('Tutor', { exact: true })
      .waitFor();
    await a.page
      .locator('#live-present li', { hasText: 'Bruno Verdi' })
      .getByText('Comune di Bari')
      .waitFor();

    // The tutor pushes the agenda; both officials follow.
    await lead.page.getByRole('button', { name: 'Punto successivo' }).click();
    await currentStep(lead.page, 'Accoglienza e presentazioni');
    await lead.page.getByRole('button', { name: 'Punto successivo' }).click();
    for (const page of [lead.page, a.page, b.page]) await currentStep(page, 'Analisi dei fabbisogni');
    await expect(a.page.getByRole('button', { name: 'Punto successivo' }).count()).resolves.toBe(0);

    // Alice raises her hand; the tutor sees it and lowers it; Alice sees it lowered.
    await a.page.getByRole('button', { name: 'Alza la mano' }).click();
    await a.page.getByRole('button', { name: 'Abbassa la mano' }).waitFor();
    await lead.page.locator('#live-hands li', { hasText: 'Alice Bianchi' }).waitFor();
    await b.page.locator('#live-hands li', { hasText: 'Alice Bianchi' }).waitFor();
    await lead.page.getByRole('button', { name: 'Abbassa la mano di Alice Bianchi' }).click();
    await a.page.getByRole('button', { name: 'Alza la mano' }).waitFor();
    await a.page.locator('#live-hands').getByText('Nessuna mano alzata.').waitFor();
    await lead.page.locator('#live-hands').getByText('Nessuna mano alzata.').waitFor();

    // The chat: Markdown rendered, live for the others.
    await a.page.locator('#live-chat textarea').fill('**Buongiorno** a tutti dal Comune di Napoli');
    await a.page.getByRole('button', { name: 'Invia', exact: true }).click();
    await lead.page.locator('#live-chat strong', { hasText: 'Buongiorno' }).waitFor();
    await b.page.locator('#live-chat', { hasText: 'a tutti dal Comune di Napoli' }).waitFor();

    // The countdown reaches everyone.
    await lead.page.locator('#live-timer-minutes').fill('3');
    await lead.page.getByRole('button', { name: 'Avvia il conto alla rovescia' }).click();
    await b.page.getByTestId('live-countdown').waitFor();

    // A poll: both vote, the counts update live; Alice changes her vote.
    await lead.page.locator('#live-polls summary', { hasText: 'Nuovo sondaggio' }).click();
    await lead.page.locator('#poll-new-question').fill('Quale priorità per il prossimo modulo?');
    await lead.page.locator('#poll-new-options').fill('Digitalizzazione\nAppalti\nPersonale');
    await lead.page.getByRole('button', { name: 'Apri il sondaggio' }).click();
    const poll = (page: Page) =>
      page.locator('#live-polls article', { hasText: 'Quale priorità per il prossimo modulo?' });
    // Bootstrap Italia draws the radio on its label: people click the label.
    const choose = (page: Page, option: string) => poll(page).locator('label', { hasText: option }).click();
    await poll(a.page).waitFor();
    await poll(b.page).waitFor();
    await choose(a.page, 'Digitalizzazione');
    await poll(a.page).getByRole('button', { name: 'Vota', exact: true }).click();
    await poll(a.page).getByRole('button', { name: 'Cambia il voto' }).waitFor();
    await choose(b.page, 'Appalti');
    await poll(b.page).getByRole('button', { name: 'Vota', exact: true }).click();
    for (const page of [lead.page, a.page, b.page]) {
      await poll(page).getByText('2 voti in totale').waitFor();
      await poll(page).locator('[data-option="0"][data-votes="1"]').waitFor();
      await poll(page).locator('[data-option="1"][data-votes="1"]').waitFor();
    }
    await choose(a.page, 'Appalti');
    await poll(a.page).getByRole('button', { name: 'Cambia il voto' }).click();
    for (const page of [lead.page, b.page]) {
      await poll(page).locator('[data-option="1"][data-votes="2"]').getByText('2 voti (100%)').waitFor();
      await poll(page).getByText('2 voti in totale').waitFor();
    }
    await suite.expectAccessible(lead.page, 'live-room-tutor');

    // The tutor closes the poll: the counts stay, voting ends for everyone.
    await poll(lead.page).getByRole('button', { name: 'Chiudi il sondaggio' }).click();
    await poll(b.page).getByText('Chiuso', { exact: true }).waitFor();
    await expect(poll(b.page).getByRole('button', { name: 'Cambia il voto' }).count()).resolves.toBe(0);
    await poll(b.page).getByText('2 voti in totale').waitFor();

    // A reload loses nothing: the join acknowledgement brings the step, the countdown and her vote.
    await a.page.reload();
    await currentStep(a.page, 'Analisi dei fabbisogni');
    await a.page.getByTestId('live-countdown').waitFor();
    await poll(a.page).locator('[data-option="1"]').getByText('il tuo voto').waitFor();
    // On a phone the panels stack, still usable.
    await a.page.setViewportSize({ width: 390, height: 844 });
    await suite.expectAccessible(a.page, 'live-room-phone');
    await a.page.setViewportSize({ width: 1280, height: 900 });
    await present(lead.page, 'Alice Bianchi');
    await suite.expectAccessible(a.page, 'live-room-participant');

    // Bruno is in the room: he checks in with the code on the tutor's screen.
    const code = (await lead.page.getByTestId('check-in-code').textContent())?.trim() ?? '';
    expect(code).toMatch(/^\S{6}$/);
    await b.page.goto(`/sessioni/${session.id}/check-in`);
    await b.page.locator('#check-in-code').fill('ZZZZZZ' === code ? 'YYYYYY' : 'ZZZZZZ');
    await b.page.getByRole('button', { name: 'Registra la mia presenza' }).click();
    await b.page.getByText('Il codice non è corretto o è scaduto').first().waitFor();
    await b.page.locator('#check-in-code').fill(code.toLowerCase());
    await b.page.getByRole('button', { name: 'Registra la mia presenza' }).click();
    await b.page.getByText(/Presenza registrata alle \d\d:\d\d/).waitFor();
    await b.page.getByRole('button', { name: "Registra l'uscita" }).waitFor();
    await suite.expectAccessible(b.page, 'live-check-in');

    // The tutor ends the session: Alice, still in the room, sees it.
    await lead.page.getByRole('button', { name: 'Termina la sessione' }).click();
    await a.page.locator('.badge', { hasText: 'Conclusa' }).waitFor();

    // The tutor's register: both officials are in it, live.
    await lead.page.getByRole('link', { name: 'Registro presenze' }).click();
    await lead.page
      .getByRole('heading', { level: 1, name: 'Registro presenze: Giornata di co-progettazione' })
      .waitFor();
    const table = lead.page.getByTestId('register-table');
    await table.locator('tr', { hasText: 'Alice Bianchi' }).waitFor();
    await table.locator('tr', { hasText: 'Bruno Verdi' }).waitFor();
    await suite.expectAccessible(lead.page, 'live-register');

    // The lab's register as Excel and CSV.
    const [xlsx] = await Promise.all([
      lead.page.waitForEvent('download'),
      lead.page.getByRole('button', { name: 'Scarica il registro (Excel)' }).click(),
    ]);
    expect(xlsx.suggestedFilename()).toMatch(/^registro-presenze-laboratorio-pnrr-[a-z0-9-]+\.xlsx$/);
    const workbook = new Workbook();
    await workbook.xlsx.readFile(await xlsx.path());
    const cells: string[] = [];
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text ?? '')))),
    );
    expect(cells).toEqual(expect.arrayContaining(['Alice Bianchi', 'Bruno Verdi']));

    const [csv] = await Promise.all([
      lead.page.waitForEvent('download'),
      lead.page.getByRole('button', { name: 'Scarica il registro (CSV)' }).click(),
    ]);
    expect(csv.suggestedFilename()).toMatch(/^registro-presenze-laboratorio-pnrr-[a-z0-9-]+\.csv$/);
    const text = readFileSync(await csv.path(), 'utf8');
    expect(text).toContain('Alice Bianchi');
    expect(text).toContain('Bruno Verdi');

    // The lab page offers the register to its tutors, not to its participants.
    await lead.page.goto(`/laboratori/${lab.id}`);
    await lead.page.locator('#presenze').getByRole('button', { name: 'Scarica il registro (CSV)' }).waitFor();
    await a.page.goto(`/laboratori/${lab.id}`);
    await a.page.getByRole('heading', { level: 2, name: 'Calendario' }).waitFor();
    await expect(a.page.locator('#presenze').count()).resolves.toBe(0);
  }, 180_000);

  it('checks in from the QR code’s address; the tutor’s register updates live, is confirmed and logs a correction', async () => {
    const t = suite.app;
    const startsAt = new Date(Date.now() - 5 * 60_000).toISOString();
    const endsAt = new Date(Date.now() + 3_600_000).toISOString();
    const inRoom = (
      await t
        .http()
        .post(`/api/v1/labs/${lab.id}/sessions`)
        .set(as(tutor))
        .send({
          title: 'Laboratorio in aula',
          mode: 'in_presence',
          startsAt,
          endsAt,
          place: 'Bari, Sala consiliare',
        })
        .expect(201)
    ).body as LabSessionView;
    await t.http().patch(`/api/v1/sessions/${inRoom.id}`).set(as(tutor)).send({ status: 'live' }).expect(200);
    const issue = async () =>
      (await t.http().post(`/api/v1/sessions/${inRoom.id}/check-in-code`).set(as(tutor)).expect(201))
        .body as { code: string; checkInPath: string };

    // The tutor watches the register: nobody yet.
    const lead = await device(tutor);
    await lead.page.goto(`/sessioni/${inRoom.id}/presenze`);
    await lead.page
      .getByRole('heading', { level: 1, name: 'Registro presenze: Laboratorio in aula' })
      .waitFor();
    await lead.socket.subscribed(roomName('attendance', inRoom.id));
    await lead.page.getByText('Nessuna presenza registrata.').waitFor();

    // Alice's phone opens the QR code's address signed out: after signing in she is back, the code filled in.
    const { code, checkInPath } = await issue();
    const a = await suite.newDevice();
    await a.page.goto(checkInPath);
    await a.page.waitForURL('**/accedi');
    await suite.logIn(a.page, alice.email, alice.password);
    await a.page.getByRole('heading', { level: 1, name: 'Check-in in aula' }).waitFor();
    await expect(a.page.locator('#check-in-code').inputValue()).resolves.toBe(code);
    await a.page.getByRole('button', { name: 'Registra la mia presenza' }).click();
    await a.page.getByText(/Presenza registrata alle \d\d:\d\d/).waitFor();
    await suite.expectAccessible(a.page, 'live-check-in-done');
    // Back on the page later, the open stay offers the check-out.
    await a.page.reload();
    await a.page.getByRole('button', { name: "Registra l'uscita" }).click();
    await a.page.getByText(/Uscita registrata alle \d\d:\d\d/).waitFor();
    await a.page.getByRole('button', { name: 'Registra la mia presenza' }).waitFor();

    // Her row appears on the tutor's register without a reload, from the check-in.
    const table = lead.page.getByTestId('register-table');
    const aliceRow = table.locator(`tr[data-member-id="${alice.id}"]`);
    await aliceRow.getByText('Check-in').waitFor();
    await aliceRow.getByText('In presenza').waitFor();
    // Bruno checks in too (through the API): live again.
    await t
      .http()
      .post(`/api/v1/sessions/${inRoom.id}/check-in`)
      .set(as(bruno))
      .send({ code: (await issue()).code })
      .expect(201);
    await table.locator(`tr[data-member-id="${bruno.id}"]`).waitFor();

    // The tutor confirms; a later correction needs a note and lands in the log.
    await lead.page.getByRole('button', { name: 'Conferma registro' }).click();
    await lead.page
      .getByTestId('register-confirmed')
      .getByText('Registro confermato da Tommaso Tutor')
      .waitFor();
    await aliceRow.getByRole('button', { name: 'Modifica Alice Bianchi' }).click();
    const form = `#attendance-${alice.id}`;
    await lead.page.locator(`${form}-status`).selectOption('excused');
    await lead.page.getByRole('button', { name: 'Salva', exact: true }).click();
    await lead.page.getByRole('alert').getByText('indica il motivo della modifica').first().waitFor();
    await lead.page.locator(`${form}-note`).fill('Uscita anticipata per servizio, autorizzata.');
    await lead.page.getByRole('button', { name: 'Salva', exact: true }).click();
    await aliceRow.getByText('Assenza giustificata').waitFor();
    await lead.page
      .getByTestId('register-log')
      .getByText('Uscita anticipata per servizio, autorizzata.')
      .waitFor();
    await suite.expectAccessible(lead.page, 'live-register-confirmed');

    // The register is the tutors' own: a participant is told so, in Italian.
    await a.page.goto(`/sessioni/${inRoom.id}/presenze`);
    await a.page.getByText('Solo i tutor del laboratorio e gli amministratori').waitFor();

    // Alice's own attendance lists the session.
    await a.page.goto('/presenze');
    await a.page.getByRole('heading', { level: 1, name: 'Le mie presenze' }).waitFor();
    await a.page.getByRole('link', { name: 'Laboratorio in aula' }).waitFor();
    await suite.expectAccessible(a.page, 'live-my-attendance');
  }, 120_000);

  it('after a dropped connection joins the room again and shows what happened meanwhile', async () => {
    const t = suite.app;
    const online = (
      await t
        .http()
        .post(`/api/v1/labs/${lab.id}/sessions`)
        .set(as(tutor))
        .send({
          title: 'Webinar di restituzione',
          mode: 'online',
          startsAt: new Date(Date.now() - 60_000).toISOString(),
          endsAt: new Date(Date.now() + 3_600_000).toISOString(),
          agenda: [{ title: 'Risultati del questionario' }, { title: 'Domande e risposte' }],
        })
        .expect(201)
    ).body as LabSessionView;
    await t.http().patch(`/api/v1/sessions/${online.id}`).set(as(tutor)).send({ status: 'live' }).expect(200);

    const lead = await device(tutor);
    await lead.page.goto(`/sessioni/${online.id}/live`);

    // Alice's websockets pass through here, so the test can drop them like a network would.
    const { context, page } = await suite.newDevice();
    const sockets: WebSocketRoute[] = [];
    await context.routeWebSocket(/\/socket\.io\//, (ws) => {
      sockets.push(ws);
      ws.connectToServer();
    });
    await suite.logIn(page, alice.email, alice.password);
    await page.goto(`/sessioni/${online.id}/live`);
    await present(page, 'Tommaso Tutor');
    await present(lead.page, 'Alice Bianchi');
    await page.getByText('Collegamento in tempo reale attivo').waitFor();
    expect(sockets.length).toBeGreaterThan(0);

    // The connection drops and cannot come back for now: the room sees her leave.
    await page.route('**/socket.io/**', (route) => route.abort());
    await Promise.all(sockets.map((ws) => ws.close().catch(() => undefined)));
    await page.getByText('Connessione persa').waitFor();
    await lead.page.locator('#live-present li', { hasText: 'Alice Bianchi' }).waitFor({ state: 'detached' });

    // Meanwhile the tutor moves on and starts a countdown.
    await lead.page.getByRole('button', { name: 'Punto successivo' }).click();
    await currentStep(lead.page, 'Risultati del questionario');
    await lead.page.locator('#live-timer-minutes').fill('10');
    await lead.page.getByRole('button', { name: 'Avvia il conto alla rovescia' }).click();
    await lead.page.getByTestId('live-countdown').waitFor();

    // Back online, as a new connection: socket.io's recovery (which would put her back by itself)
    // is not offered, as after a longer drop or on another API process. Her page joins again.
    await page.unroute('**/socket.io/**');
    await page.route('**/socket.io/**', (route) => {
      const body = route.request().postData();
      if (!body?.includes('"pid"')) return route.continue();
      const fresh = body
        .split('\x1e')
        .map((packet) => {
          if (!packet.startsWith('40')) return packet;
          const {
            pid: _pid,
            offset: _offset,
            ...auth
          } = JSON.parse(packet.slice(2)) as Record<string, unknown>;
          return `40${JSON.stringify(auth)}`;
        })
        .join('\x1e');
      return route.continue({ postData: fresh });
    });
    await present(lead.page, 'Alice Bianchi');
    await currentStep(page, 'Risultati del questionario');
    await page.getByTestId('live-countdown').waitFor();
    await page.getByText('Collegamento in tempo reale attivo').waitFor();
  }, 120_000);
});
