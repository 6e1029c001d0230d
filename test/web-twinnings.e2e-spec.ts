// Code passed to page.evaluate() runs in the browser: it is typed against the DOM.
/// <reference lib="dom" />
import type { TwinningView } from '@convergo/contracts';
import { browserSuite } from './support/browser-suite';

/**
 * Issue 12 in a real Chromium on the demo world: the referent of Napoli finds a published practice
 * by searching the catalogue, requests a twinning and lands on its page in "Candidatura"; an admin
 * selects it through the API and the referent's open page shows "Selezionato" without a reload,
 * with a notification linking to the twinning. Both new pages pass axe.
 */
describe('twinnings in Chromium', () => {
  const suite = browserSuite({ env: { DEMO_DATA: 'true' } });
  const PRACTICE = 'Catalogo comunale dei dati aperti';

  it('a referent requests a twinning and sees it selected live, notified', async () => {
    const { page } = await suite.newDevice();
    await suite.logIn(page, 'referente.napoli@convergo.demo');

    // The catalogue, searched as a person would.
    await page.getByRole('link', { name: 'Buone pratiche', exact: true }).first().click();
    await page.waitForURL('**/buone-pratiche');
    await page.getByLabel('Cerca', { exact: true }).fill('dati aperti');
    await page.getByRole('button', { name: 'Cerca', exact: true }).click();
    await page.getByRole('link', { name: PRACTICE }).click();
    await page.getByRole('heading', { level: 1, name: PRACTICE }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Chi l’ha già adottata' }).waitFor();

    await page.getByRole('button', { name: 'Richiedi gemellaggio' }).click();
    await page
      .getByLabel('Di che cosa ha bisogno l’amministrazione (facoltativo)')
      .fill('Pubblicare i dati comunali.');
    await page.getByRole('button', { name: 'Invia la richiesta' }).click();
    await page.waitForURL(/\/gemellaggi\/[0-9a-f-]{36}$/);
    const twinningId = page.url().split('/').pop()!;
    const status = page.getByTestId('twinning-status');
    await status.getByText('Candidatura', { exact: true }).waitFor();
    await page.getByRole('list', { name: 'Avanzamento del gemellaggio' }).waitFor();
    await page.getByText('Pubblicare i dati comunali.').waitFor();
    await suite.expectAccessible(page, 'twinning-page');

    // The page is live: nothing else is loaded until the admin's move arrives on the socket.
    const marker = await page.evaluate(() => {
      (window as unknown as { beforeMove: boolean }).beforeMove = true;
      return true;
    });
    expect(marker).toBe(true);
    const admin = await suite.apiLogin('admin@convergo.demo');
    const moved = await suite.app
      .http()
      .post(`/api/v1/twinnings/${twinningId}/status`)
      .set('authorization', `Bearer ${admin.accessToken}`)
      .send({ status: 'selezionato', note: 'Candidatura accolta dal comitato.' })
      .expect(200);
    expect((moved.body as TwinningView).status).toBe('selezionato');

    await status.getByText('Selezionato', { exact: true }).waitFor();
    await page.getByText('Nota: Candidatura accolta dal comitato.').waitFor();
    await page.getByRole('link', { name: 'Spazio riservato alle amministrazioni del gemellaggio' }).waitFor();
    // Same document: no reload happened.
    expect(await page.evaluate(() => (window as unknown as { beforeMove?: boolean }).beforeMove)).toBe(true);

    // The notification, linking to the twinning's page.
    await page.locator('.notification-bell-button').click();
    const panel = page.locator('#notification-panel');
    const item = panel.getByRole('link', { name: /è passato allo stato «selezionato»/ }).first();
    await item.waitFor();
    expect(await item.getAttribute('href')).toBe(`/gemellaggi/${twinningId}`);
    await page.keyboard.press('Escape');

    // The list of the administration's twinnings has it, and can be filtered by status.
    await page.goto(`${suite.app.baseUrl}/gemellaggi`);
    await page.getByRole('heading', { level: 1, name: 'Gemellaggi' }).waitFor();
    await page.getByRole('link', { name: new RegExp(PRACTICE) }).waitFor();
    await page.getByLabel('Stato').selectOption('ritirato');
    await page.getByRole('button', { name: 'Filtra' }).click();
    await page.getByText('Nessun gemellaggio corrisponde al filtro.').waitFor();
    await page.getByLabel('Stato').selectOption('selezionato');
    await page.getByRole('button', { name: 'Filtra' }).click();
    await page.getByRole('link', { name: new RegExp(PRACTICE) }).waitFor();
    await suite.expectAccessible(page, 'twinnings-list');
  });

  it('the referent edits the plan and ticks an activity; an admin sees only the allowed moves', async () => {
    const referent = await suite.apiLogin('referente.napoli@convergo.demo');
    const admin = await suite.apiLogin('admin@convergo.demo');
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    const found = await suite.app
      .http()
      .get('/api/v1/practices')
      .query({ q: 'protocollo informatico fascicolo' })
      .set(bearer(referent.accessToken))
      .expect(200);
    const practiceId = (found.body.items as { id: string }[])[0].id;
    const twinning = (
      await suite.app
        .http()
        .post(`/api/v1/practices/${practiceId}/twinning-requests`)
        .set(bearer(referent.accessToken))
        .send({ organizationId: referent.member.organization!.id })
        .expect(201)
    ).body as TwinningView;
    await suite.app
      .http()
      .post(`/api/v1/twinnings/${twinning.id}/status`)
      .set(bearer(admin.accessToken))
      .send({ status: 'selezionato' })
      .expect(200);

    const { page } = await suite.newDevice();
    await suite.logIn(page, 'referente.napoli@convergo.demo');
    await page.goto(`${suite.app.baseUrl}/gemellaggi/${twinning.id}`);
    await page.getByRole('button', { name: 'Modifica date, budget e risultati' }).click();
    await page.getByLabel('Inizio previsto').fill('2027-01-10');
    await page.getByLabel('Fine prevista').fill('2026-12-31');
    await page.getByLabel('Budget (euro)').fill('12.500,50');
    await page.getByRole('textbox', { name: 'Risultati' }).fill('<b>Portale attivo</b>');
    await page.getByRole('button', { name: 'Salva' }).click();
    await page.getByText('La fine prevista non può precedere l’inizio.').waitFor();
    await page.getByLabel('Fine prevista').fill('2027-12-31');
    await page.getByRole('button', { name: 'Salva' }).click();
    await page.getByText('Modifiche salvate.').waitFor();
    const plan = page.getByTestId('twinning-plan');
    await plan.getByText('<b>Portale attivo</b>').waitFor();
    expect(await plan.getByText(/12\.500,50/).count()).toBe(1);
    expect(await plan.locator('b').count()).toBe(0);

    await page.getByLabel('Titolo dell’attività').fill('Incontro di avvio');
    await page.getByRole('button', { name: 'Aggiungi l’attività' }).click();
    const activities = page.getByTestId('twinning-activities');
    await activities.getByText('Incontro di avvio').waitFor();
    // Bootstrap Italia draws the box on the label, as a user clicks it.
    await activities.locator('label', { hasText: 'Incontro di avvio' }).click();
    await page.getByText('1 di 1 svolte').waitFor();

    const adminDevice = await suite.newDevice();
    await suite.logIn(adminDevice.page, 'admin@convergo.demo');
    await adminDevice.page.goto(`${suite.app.baseUrl}/gemellaggi/${twinning.id}`);
    const actions = adminDevice.page.getByRole('region', { name: 'Cambia stato' });
    await actions.getByRole('button', { name: 'Avvia' }).waitFor();
    expect(await actions.getByRole('button').allTextContents()).toEqual(['Avvia', 'Ritira']);
    await adminDevice.page.getByLabel('Nota (facoltativa)').fill('Si parte.');
    await actions.getByRole('button', { name: 'Avvia' }).click();
    await adminDevice.page.getByTestId('twinning-status').getByText('In corso', { exact: true }).waitFor();
    // The referent's open page follows.
    await page.getByTestId('twinning-status').getByText('In corso', { exact: true }).waitFor();
  });
});
