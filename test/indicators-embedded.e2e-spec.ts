import type { ProgrammeIndicatorsView, ProgrammeView } from '@convergo/contracts';
import { newMember } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The embedded database has a single connection: the indicators must not hold it in a
 * transaction while the programme is read through another repository (that request hung to a 500).
 */
describe('programme indicators on the embedded database (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ embedded: true });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers the indicators and their CSV', async () => {
    const admin = await newMember(t, { role: 'admin' });
    const auth = { Authorization: `Bearer ${admin.accessToken}` };
    const programme = (
      await t
        .http()
        .post('/api/v1/programmes')
        .set(auth)
        .send({ code: 'programma-embedded', name: 'Programma' })
        .expect(201)
    ).body as ProgrammeView;
    const view = (await t.http().get(`/api/v1/programmes/${programme.id}/indicators`).set(auth).expect(200))
      .body as ProgrammeIndicatorsView;
    expect(view.computed.find((i) => i.code === 'iniziative')?.value).toBe(0);
    await t.http().get(`/api/v1/programmes/${programme.id}/indicators.csv`).set(auth).expect(200);
  });
});
