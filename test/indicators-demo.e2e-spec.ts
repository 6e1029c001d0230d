import type { Page, ProgrammeIndicatorsView, ProgrammeView } from '@convergo/contracts';
import { DataSource } from 'typeorm';
import { DemoWorldService } from '../apps/api/src/modules/demo/demo-world.service';
import { newMember, type TestMember } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';

/** The demo AGIRE POR, as the source reports it, computed from the demo data (issues 12 and 13). */
describe('programme indicators of the demo AGIRE POR (e2e)', () => {
  let t: TestApp;
  let admin: TestMember;
  let agire: ProgrammeView;
  const as = (who: TestMember) => ({ Authorization: `Bearer ${who.accessToken}` });

  beforeAll(async () => {
    t = await startTestApp({ env: { DEMO_DATA: 'true' } });
    admin = await newMember(t, { role: 'admin' });
    const page = (await t.http().get('/api/v1/programmes?limit=100').set(as(admin)).expect(200))
      .body as Page<ProgrammeView>;
    agire = page.items.find((p) => p.code === 'agire-por-2007-2013')!;
  });

  afterAll(async () => {
    await t?.close();
  });

  const values = async () => {
    const view = (await t.http().get(`/api/v1/programmes/${agire.id}/indicators`).set(as(admin)).expect(200))
      .body as ProgrammeIndicatorsView;
    return { view, value: (code: string) => view.computed.find((i) => i.code === code)?.value };
  };

  it('gives 33 initiatives, 17 concluded, 16 start-ups, over 100 administrations and 35 operators', async () => {
    const { view, value } = await values();
    expect(value('iniziative')).toBe(33);
    expect(value('gemellaggi-conclusi')).toBe(17);
    expect(value('start-up-progetti')).toBe(16);
    expect(value('amministrazioni-coinvolte')).toBeGreaterThan(100);
    expect(value('operatori-economici')).toBe(35);
    expect(value('buone-pratiche-per-tema')).toBe(12);
    // Receiving administrations are in the Convergence regions, offering ones elsewhere: both sides count.
    const convergence = view.computed
      .find((i) => i.code === 'amministrazioni-coinvolte')
      ?.breakdown?.find((b) => b.dimension === 'convergenza')?.items;
    expect(convergence?.find((i) => i.key === 'convergenza')?.value).toBeGreaterThanOrEqual(70);
    expect(convergence?.find((i) => i.key === 'altre')?.value).toBeGreaterThanOrEqual(30);
    // All within the programme's years.
    const period = (
      await t
        .http()
        .get(`/api/v1/programmes/${agire.id}/indicators?from=2009-01-01&to=2015-12-31`)
        .set(as(admin))
        .expect(200)
    ).body as ProgrammeIndicatorsView;
    expect(period.computed.find((i) => i.code === 'iniziative')?.value).toBe(33);
  });

  it('loads again without duplicating anything', async () => {
    await t.app.get(DemoWorldService).load();
    const { value } = await values();
    expect([value('iniziative'), value('gemellaggi-conclusi'), value('start-up-progetti')]).toEqual([
      33, 17, 16,
    ]);
    expect(value('operatori-economici')).toBe(35);
    const [{ count }] = (await t.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS count FROM practices WHERE programme_id = $1`, [agire.id])) as {
      count: number;
    }[];
    expect(count).toBe(12);
  });
});
