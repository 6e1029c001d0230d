import { newMember } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';

describe('smoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('serves the OpenAPI document and answers unknown routes with problem+json', async () => {
    await t.http().get('/api/docs-json').expect(200);
    const member = await newMember(t);
    expect(member.accessToken).toBeTruthy();
    const res = await t.http().get('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});
