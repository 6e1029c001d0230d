import { startTestApp, type TestApp } from './support/test-app';

describe('HTTP conventions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('publishes the OpenAPI document with the core endpoints', async () => {
    const doc = (await t.http().get('/api/docs-json').expect(200)).body as { paths: Record<string, unknown> };
    for (const path of [
      '/api/v1/auth/login',
      '/api/v1/auth/refresh',
      '/api/v1/auth/logout',
      '/api/v1/auth/accept-invitation',
      '/api/v1/invitations',
      '/api/v1/me',
      '/api/v1/organizations',
      '/api/v1/events',
      '/api/v1/health',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    await t.http().get('/api/docs').expect(200);
  });

  it('answers unknown routes and anonymous calls with problem+json and no stack trace', async () => {
    const missing = await t.http().get('/api/v1/nothing-here').expect(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.body).toMatchObject({
      status: 404,
      title: expect.any(String),
      detail: expect.any(String),
    });
    const anonymous = await t.http().get('/api/v1/me').expect(401);
    expect(JSON.stringify(anonymous.body)).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('sets security headers and echoes or creates a request id', async () => {
    const res = await t.http().get('/api/v1/health').set('x-request-id', 'trace-123').expect(200);
    expect(res.headers['x-request-id']).toBe('trace-123');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
    const generated = await t.http().get('/api/v1/health').set('x-request-id', '<script>');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports the database in the health check', async () => {
    const res = await t.http().get('/api/v1/health').expect(200);
    expect(JSON.stringify(res.body)).toContain('database');
  });
});
