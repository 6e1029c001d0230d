// Code passed to page.evaluate() runs in the browser: it is typed against the DOM.
/// <reference lib="dom" />
import { randomUUID } from 'node:crypto';
import type { PracticeView } from '@convergo/contracts';
import { browserSuite } from './support/browser-suite';
import { newMember, newOrganization, type TestMember } from './support/factories';

/**
 * Needs and matching in a real Chromium: a referent declares the needs of the administration on
 * `/enti/:id` and sees the suggested practice with its reasons; an official of another
 * administration reads them without a form; an admin sees the suggested administration on the
 * practice's page.
 */
describe('needs and matching in Chromium', () => {
  const suite = browserSuite();
  let admin: TestMember;
  let referent: TestMember;
  let outsider: TestMember;
  let orgTarget: string;
  let practice: PracticeView;
  const tag = randomUUID().slice(0, 6);
  const as = (m: TestMember) => ({ authorization: `Bearer ${m.accessToken}` });

  beforeAll(async () => {
    const t = suite.app;
    const offering = await newOrganization(t, {
      name: `Regione Offerente ${tag}`,
      kind: 'regione',
      region: 'Toscana',
    });
    orgTarget = await newOrganization(t, { name: `Comune Bisognoso ${tag}`, region: 'Calabria' });
    const other = await newOrganization(t, { name: `Comune Altro ${tag}`, region: 'Lazio' });
    [admin, referent, outsider] = await Promise.all([
      newMember(t, { role: 'admin' }),
      newMember(t, { organizationId: orgTarget, isReferent: true }),
      newMember(t, { organizationId: other }),
    ]);
    practice = (
      await t
        .http()
        .post('/api/v1/practices')
        .set(as(admin))
        .send({
          title: `Dati aperti regionali ${tag}`,
          summary: 'Un catalogo di dati aperti per gli enti locali.',
          themes: ['patrimonio-informativo-pubblico'],
          offeringOrganizationId: offering,
        })
        .expect(201)
    ).body as PracticeView;
    await t.http().post(`/api/v1/practices/${practice.id}/publish`).set(as(admin)).send({}).expect(200);
  }, 60_000);

  it('lets the referent declare needs and shows the suggestions with their reasons', async () => {
    const { page } = await suite.newDevice();
    await suite.logIn(page, referent.email, referent.password);
    // From the directory of administrations to the administration's own page.
    await page.goto(`${suite.app.baseUrl}/enti?q=${encodeURIComponent(`Comune Bisognoso ${tag}`)}`);
    await page.getByRole('link', { name: 'Fabbisogni e buone pratiche suggerite' }).first().click();
    await page.waitForURL(`**/enti/${orgTarget}`);
    await page.getByRole('heading', { level: 2, name: 'Fabbisogni' }).waitFor();
    await page.getByText('Nessuna buona pratica suggerita').waitFor();
    // Bootstrap Italia draws the box on the label (the input itself is off-screen), as a user clicks it.
    await page.locator('label[for="need-theme-patrimonio-informativo-pubblico"]').click();
    expect(await page.getByLabel('Patrimonio informativo pubblico').isChecked()).toBe(true);
    await page.getByLabel('Descrizione dei fabbisogni').fill('Pubblicare dati aperti');
    await page.getByRole('button', { name: 'Salva i fabbisogni' }).click();
    await page.getByText('Fabbisogni salvati.').waitFor();
    const list = page.getByTestId('suggested-practices');
    await list.getByRole('link', { name: practice.title }).waitFor();
    await list.getByText('stesso tema: Patrimonio informativo pubblico').waitFor();
    await list.getByText('parole in comune: aperti, dati').waitFor();
    await list.getByText('regione Convergenza').waitFor();
    await suite.expectAccessible(page, 'organization-needs');
  });

  it('shows the needs read-only to another administration’s official', async () => {
    const { page } = await suite.newDevice();
    await suite.logIn(page, outsider.email, outsider.password);
    await page.goto(`${suite.app.baseUrl}/enti/${orgTarget}`);
    await page.getByText('Pubblicare dati aperti').waitFor();
    expect(await page.getByRole('button', { name: 'Salva i fabbisogni' }).count()).toBe(0);
  });

  it('shows the suggested administrations to an admin on the practice page', async () => {
    const { page } = await suite.newDevice();
    await suite.logIn(page, admin.email, admin.password);
    await page.goto(`${suite.app.baseUrl}/buone-pratiche/${practice.id}`);
    const list = page.getByTestId('suggested-organizations');
    await list.getByRole('link', { name: `Comune Bisognoso ${tag}` }).waitFor();
    await list.getByText('stesso tema: Patrimonio informativo pubblico').waitFor();
  });
});
