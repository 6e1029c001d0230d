// Code passed to page.evaluate() runs in the browser: it is typed against the DOM.
/// <reference lib="dom" />
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { browserSuite } from './support/browser-suite';
import { newMember, newOrganization, type TestMember } from './support/factories';

/**
 * The programme dashboard in a real Chromium against the real API: an admin sees the computed
 * figures beside the reported ones, the map of Italy coloured where the programme has
 * administrations, a chart with its data table, a figure changing live when a twinning is
 * concluded, and axe finds nothing serious; an official sees the headline only.
 */
describe('programme indicators dashboard in Chromium', () => {
  const suite = browserSuite();
  let admin: TestMember;
  let official: TestMember;
  let running: string;
  const code = `prova-${randomUUID().slice(0, 6)}`;

  beforeAll(async () => {
    const t = suite.app;
    const db = t.app.get(DataSource);
    admin = await newMember(t, { role: 'admin', displayName: 'Anna Staff' });
    official = await newMember(t, { role: 'member', displayName: 'Olga Funzionaria' });
    const programme = (
      await t
        .http()
        .post('/api/v1/programmes')
        .set({ authorization: `Bearer ${admin.accessToken}` })
        .send({
          code,
          name: `Programma di prova ${code}`,
          indicators: [
            { code: 'gemellaggi-realizzati', label: 'Progetti di gemellaggio realizzati', achieved: 17 },
          ],
        })
        .expect(201)
    ).body as { id: string };
    const napoli = await newOrganization(t, {
      name: `Comune di Napoli ${code}`,
      kind: 'comune',
      region: 'Campania',
    });
    const bari = await newOrganization(t, {
      name: `Comune di Bari ${code}`,
      kind: 'comune',
      region: 'Puglia',
    });
    const torino = await newOrganization(t, {
      name: `Comune di Torino ${code}`,
      kind: 'comune',
      region: 'Piemonte',
    });
    const twinning = async (title: string, status: string, offering: string, receiving: string) =>
      (
        (await db.query(
          `WITH t AS (
             INSERT INTO twinnings (title, practice_title, offering_organization_id, status, programme_id)
             VALUES ($1, $1, $2, $4, $5) RETURNING id)
           INSERT INTO twinning_receiving_organizations (twinning_id, organization_id)
           SELECT id, $3 FROM t RETURNING twinning_id AS id`,
          [title, offering, receiving, status, programme.id],
        )) as { id: string }[]
      )[0].id;
    await twinning(`Gemellaggio concluso ${code}`, 'concluso', torino, napoli);
    running = await twinning(`Gemellaggio in corso ${code}`, 'in_corso', torino, bari);
  }, 60_000);

  const figure = (page: import('playwright-core').Page, indicator: string) =>
    page.locator(`[data-indicator="${indicator}"] .figure-value`);

  it('shows an admin the figures, the map and the charts with their tables, and updates live', async () => {
    const { page } = await suite.newDevice();
    await suite.logIn(page, admin.email, admin.password);
    await page.getByRole('link', { name: 'Programmi' }).first().click();
    await page.getByRole('link', { name: `Programma di prova ${code}` }).click();
    await page.getByRole('heading', { level: 1, name: `Programma di prova ${code}` }).waitFor();
    await expect(page.title()).resolves.toContain(`Indicatori: Programma di prova ${code}`);

    await expect(figure(page, 'iniziative').textContent()).resolves.toBe('2');
    await expect(figure(page, 'gemellaggi-conclusi').textContent()).resolves.toBe('1');
    await expect(figure(page, 'amministrazioni-coinvolte').textContent()).resolves.toBe('3');
    // The reported 17 beside the computed 1, matched by meaning rather than by code.
    const reported = page.locator('[data-reported="gemellaggi-realizzati"] td');
    await expect(reported.allTextContents()).resolves.toEqual(['—', '17', '1']);

    // The map: Campania (15), Puglia (16) and Piemonte (01) filled; the table says one each.
    const map = page.locator('.region-map svg');
    await map.waitFor();
    const filled = await map
      .locator('path')
      .evaluateAll(
        (paths) => new Set(paths.map((p) => p.getAttribute('fill')).filter((f) => f && f !== 'none')).size,
      );
    expect(filled).toBeGreaterThan(2);
    const regionRows = page.locator('[data-breakdown="map-amministrazioni-coinvolte"] tbody tr');
    await expect(regionRows.locator('th').allTextContents()).resolves.toEqual(
      expect.arrayContaining(['Campania', 'Puglia', 'Piemonte']),
    );

    // A chart drawn as SVG, with the numbers in its table.
    const statusChart = page.locator('section[aria-labelledby="gemellaggi-per-stato-stato-title"]');
    await statusChart.locator('[role="img"] svg').waitFor();
    await expect(statusChart.locator('tr[data-key="concluso"] td').textContent()).resolves.toBe('1');
    await expect(statusChart.locator('tr[data-key="in_corso"] td').textContent()).resolves.toBe('1');
    // Each chart is a named, focusable figure: keyboard users reach it, screen readers hear its name.
    const charts = page.locator('.indicator-chart[role="img"][tabindex="0"]');
    await expect(charts.count()).resolves.toBeGreaterThan(3);
    await expect(charts.first().getAttribute('aria-label')).resolves.toContain('Mappa dell');
    await suite.expectAccessible(page, 'programme-dashboard');

    // Concluding the running twinning changes the figure on the open page, without a reload.
    await suite.app
      .http()
      .post(`/api/v1/twinnings/${running}/status`)
      .set({ authorization: `Bearer ${admin.accessToken}` })
      .send({ status: 'concluso' })
      .expect(200);
    await page.waitForFunction(
      () =>
        document.querySelector('[data-indicator="gemellaggi-conclusi"] .figure-value')?.textContent === '2',
    );

    // Printed to PDF from the browser: no site chrome or buttons, nothing wider than an A4 page,
    // the map and the tables still there.
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => {
      // Rendered at all: an element inside a hidden one has no boxes.
      const visible = (selector: string) =>
        [...document.querySelectorAll(selector)].some((e) => e.getClientRects().length > 0);
      return {
        header: visible('header'),
        printButton: visible('button'),
        map: visible('.region-map svg'),
        tables: document.querySelectorAll('table.indicator-table').length,
      };
    });
    expect(printed).toMatchObject({ header: false, printButton: false, map: true });
    expect(printed.tables).toBeGreaterThan(3);
    const pdf = await page.pdf({
      format: 'A4',
      margin: { top: '15mm', bottom: '15mm', left: '15mm', right: '15mm' },
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // A4 at 96 dpi less 2 × 15 mm margins is ~680 CSS px wide: nothing in the page runs past it.
    await page.setViewportSize({ width: 680, height: 1000 });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it('shows an official the headline only', async () => {
    const { page } = await suite.newDevice();
    await suite.logIn(page, official.email, official.password);
    await page.goto(`${suite.app.baseUrl}/programmi/${code}`);
    await page.getByRole('heading', { level: 1, name: `Programma di prova ${code}` }).waitFor();
    await expect(figure(page, 'iniziative').textContent()).resolves.toBe('2');
    await page.getByText('riservato allo staff del programma').waitFor();
    await expect(page.locator('.region-map').count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Scarica CSV' }).count()).resolves.toBe(0);
    await suite.expectAccessible(page, 'programme-dashboard-official');
  });
});
