import type { OrganizationNeedsView, SuggestedPractice } from '@convergo/contracts';
import { DEMO_PASSWORD } from '../apps/api/src/modules/demo/demo-accounts';
import { startTestApp, type TestApp } from './support/test-app';

/** Issue 12: on first start the demo referent of Napoli finds needs and suggested practices. */
describe('matching demo data', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { DEMO_DATA: 'true' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('gives the Comune di Napoli needs its referent may edit, and suggestions with reasons', async () => {
    const login = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'referente.napoli@convergo.demo', password: DEMO_PASSWORD })
      .expect(200);
    const auth = { authorization: `Bearer ${login.body.accessToken as string}` };
    const me = await t.http().get('/api/v1/me').set(auth).expect(200);
    const napoli = me.body.organization.id as string;
    const needs = (await t.http().get(`/api/v1/organizations/${napoli}/needs`).set(auth).expect(200))
      .body as OrganizationNeedsView;
    expect(needs.canEdit).toBe(true);
    expect(needs.themes.map((theme) => theme.code)).toContain('servizi-cittadini');
    const suggestions = (
      await t.http().get(`/api/v1/organizations/${napoli}/suggested-practices`).set(auth).expect(200)
    ).body as { items: SuggestedPractice[] };
    const titles = suggestions.items.map((s) => s.practice.title);
    expect(titles).toContain('Certificati anagrafici e cambi di residenza online');
    expect(
      suggestions.items.every((s) => s.reasons.length > 0 && s.practice.offeringOrganization.id !== napoli),
    ).toBe(true);
  });
});
