// Code passed to page.evaluate() runs in the browser: it is typed against the DOM.
/// <reference lib="dom" />
import { randomUUID } from 'node:crypto';
import { roomName, type PracticeView } from '@convergo/contracts';
import type { Page } from 'playwright-core';
import { SocketIoRecorder } from './support/browser';
import { browserSuite } from './support/browser-suite';
import { newMember, newOrganization, type TestMember } from './support/factories';

/**
 * Good practices in a real Chromium against the real API: an official finds a practice from
 * the menu by searching without its accents and with another ending; an editor asks for changes
 * and the proposer sees it live, with the note, and resubmits; the pages pass axe.
 */
describe('good practices in Chromium', () => {
  const suite = browserSuite();
  let admin: TestMember;
  let official: TestMember;
  let proposer: TestMember;
  let orgA: string;
  const tag = randomUUID().slice(0, 6);

  const as = (m: TestMember) => ({ authorization: `Bearer ${m.accessToken}` });
  const propose = async (actor: TestMember, fields: Record<string, unknown>): Promise<PracticeView> =>
    (
      await suite.app
        .http()
        .post('/api/v1/practices')
        .set(as(actor))
        .send({
          summary: 'Sintesi della pratica.',
          themes: ['servizi-cittadini'],
          offeringOrganizationId: orgA,
          ...fields,
        })
        .expect(201)
    ).body as PracticeView;
  const publish = (id: string) =>
    suite.app.http().post(`/api/v1/practices/${id}/publish`).set(as(admin)).send({}).expect(200);

  beforeAll(async () => {
    const t = suite.app;
    orgA = await newOrganization(t, { name: `Comune di Buonpratica ${tag}`, region: 'Toscana' });
    const orgB = await newOrganization(t, { name: `Comune di Ricerca ${tag}`, region: 'Calabria' });
    [admin, official, proposer] = await Promise.all([
      newMember(t, { role: 'admin', displayName: 'Anna Redattrice' }),
      newMember(t, { organizationId: orgB, displayName: 'Ornella Funzionaria' }),
      newMember(t, { organizationId: orgA, displayName: 'Paolo Proponente' }),
    ]);
  }, 60_000);

  const device = async (m: TestMember): Promise<{ page: Page; socket: SocketIoRecorder }> => {
    const { page } = await suite.newDevice();
    const socket = new SocketIoRecorder(page);
    await suite.logIn(page, m.email, m.password);
    return { page, socket };
  };

  it('lets an official find a practice by a search without accents and with another ending', async () => {
    const mobility = await propose(proposer, {
      title: `Mobilità sostenibile nelle città d’arte ${tag}`,
      summary: 'Percorsi ciclabili e trasporto pubblico integrato per i residenti.',
      themes: ['mobilita-sostenibile'],
      description: 'Le **piste ciclabili** collegano i quartieri.',
      reuseConditions: { licence: 'EUPL-1.2', handedOver: 'Linee guida', effort: 'Sei mesi' },
    });
    const other = await propose(proposer, { title: `Certificati anagrafici online ${tag}` });
    await publish(mobility.id);
    await publish(other.id);

    const { page } = await device(official);
    await page.getByRole('link', { name: 'Buone pratiche' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Buone pratiche' }).waitFor();
    await suite.expectAccessible(page, 'practices-catalogue');

    // "mobilita" without its accent, "citta" for "città", "ciclabile" for "ciclabili".
    await page.locator('#practices-q').fill(`mobilita citta ciclabile ${tag}`);
    await page.getByRole('button', { name: 'Cerca' }).click();
    await page.waitForURL(/q=mobilita/);
    const results = page.getByRole('list', { name: 'Buone pratiche trovate' });
    await results.getByRole('link', { name: mobility.title }).waitFor();
    await expect(results.getByRole('link', { name: other.title }).count()).resolves.toBe(0);

    // The theme filter narrows to nothing for a theme the practice does not have.
    await page.locator('#practices-theme').selectOption('servizi-imprese');
    await page.getByRole('button', { name: 'Cerca' }).click();
    await page.waitForURL(/tema=servizi-imprese/);
    await page.getByText('Nessuna buona pratica corrisponde alla ricerca.').waitFor();
    await page.locator('#practices-theme').selectOption('');
    await page.locator('#practices-region').selectOption('Toscana');
    await page.getByRole('button', { name: 'Cerca' }).click();
    await page.waitForURL(/regione=Toscana/);
    await results.getByRole('link', { name: mobility.title }).click();

    await page.getByRole('heading', { level: 1, name: mobility.title }).waitFor();
    await page.getByText(`Comune di Buonpratica ${tag}`).waitFor();
    await page.locator('.post-body strong', { hasText: 'piste ciclabili' }).waitFor();
    await page.getByText('EUPL-1.2', { exact: true }).waitFor();
    await expect(page.getByRole('heading', { name: 'Revisione redazionale' }).count()).resolves.toBe(0);
    await suite.expectAccessible(page, 'practice-page');
  });

  it('lets a member propose a practice of their administration from the form', async () => {
    const { page } = await device(proposer);
    await page.goto('/buone-pratiche');
    await page.getByRole('link', { name: 'Proponi una buona pratica' }).click();
    await page.getByRole('heading', { level: 1, name: 'Proponi una buona pratica' }).waitFor();
    await page.getByText(`a nome di Comune di Buonpratica ${tag}`).waitFor();
    await suite.expectAccessible(page, 'practice-propose');

    // The rules are checked when sent: title, summary and a theme are needed.
    await page.getByRole('button', { name: 'Invia alla redazione' }).click();
    await page.getByText('Scegli almeno un tema.').first().waitFor();

    const title = `Protocollo unico degli atti ${tag}`;
    await page.locator('#practice-title').fill(title);
    await page.locator('#practice-summary').fill('Un solo protocollo informatico per tutti gli uffici.');
    // Bootstrap Italia draws the box on the label, which takes the click.
    await page.locator('label[for="practice-theme-innovazione-processi-dematerializzazione"]').click();
    await page.locator('#practice-licence').fill('EUPL-1.2');
    await page.locator('#practice-office').fill('Ufficio protocollo');
    await page.getByRole('button', { name: 'Invia alla redazione' }).click();

    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByTestId('practice-status').getByText('Proposta', { exact: true }).waitFor();
    await page.getByText('Ufficio protocollo').waitFor();
    // Another administration's official does not find the proposal.
    const other = (await device(official)).page;
    await other.goto(`/buone-pratiche?q=${encodeURIComponent(`protocollo ${tag}`)}`);
    await other.getByText('Nessuna buona pratica corrisponde alla ricerca.').waitFor();
  });

  it('shows the editor’s request for changes live to the proposer, who resubmits', async () => {
    const practice = await propose(proposer, { title: `Fascicolo digitale ${tag}` });
    const status = (page: Page, text: string) =>
      page.getByTestId('practice-status').getByText(text, { exact: true });

    const author = await device(proposer);
    await author.page.goto(`/buone-pratiche/${practice.id}`);
    await author.page.getByRole('heading', { level: 1, name: practice.title }).waitFor();
    await status(author.page, 'Proposta').waitFor();
    await author.socket.subscribed(roomName('practice', practice.id));

    const editor = await device(admin);
    await editor.page.goto(`/buone-pratiche/${practice.id}`);
    await editor.page.getByRole('heading', { level: 2, name: 'Revisione redazionale' }).waitFor();
    await editor.page.locator('#practice-review-note').fill('Indicate la licenza e l’impegno richiesto.');
    await editor.page.getByRole('button', { name: 'Chiedi modifiche' }).click();
    await status(editor.page, 'Modifiche richieste').waitFor();

    // Live on the proposer's page, with the note (read back through REST).
    await status(author.page, 'Modifiche richieste').waitFor();
    await author.page.getByText('Indicate la licenza e l’impegno richiesto.').waitFor();
    await author.page.getByRole('button', { name: 'Invia di nuovo alla redazione' }).click();
    await status(author.page, 'Proposta').waitFor();
    await status(editor.page, 'Proposta').waitFor();
    await editor.page.getByRole('button', { name: 'Pubblica' }).click();
    await status(author.page, 'Pubblicata').waitFor();
  });
});
