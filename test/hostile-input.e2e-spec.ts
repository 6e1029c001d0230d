import { newMember, newOrganization, type TestMember } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';

const bearer = (m: { accessToken: string }) => `Bearer ${m.accessToken}`;

/** `{"a":{"a":…}}` nested `depth` levels deep, as raw JSON text. */
function deepJson(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

function expectProblem(
  res: { status: number; headers: Record<string, string>; body: unknown },
  status: number,
  code?: string,
): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  if (code) expect(res.body).toMatchObject({ status, code });
}

/**
 * Issue 19, findings 7 and 8: input that used to answer 500 or be stored as it came. Each case is
 * refused at the edge with a 4xx problem that says what is wrong, and nothing stored changes.
 */
describe('hostile input at the HTTP edge', () => {
  let t: TestApp;
  let official: TestMember;
  let organizationId: string;

  beforeAll(async () => {
    t = await startTestApp();
    organizationId = await newOrganization(t, { name: 'Comune di Cosenza (prova)', region: 'Calabria' });
    official = await newMember(t, { organizationId, displayName: 'Rosa Greco' });
  });
  afterAll(async () => {
    await t.close();
  });

  describe('JSON nested thousands of levels deep', () => {
    const cases: [string, string, boolean][] = [
      ['post', '/api/v1/auth/login', false],
      ['post', '/api/v1/access-requests', false],
      ['patch', '/api/v1/me', true],
      ['post', '/api/v1/spaces', true],
      ['post', '/api/v1/documents', true],
    ];
    it.each(cases)('%s %s answers 400 json_too_deep, not 500', async (method, path, auth) => {
      let req = t.http()[method as 'post' | 'patch'](path).set('content-type', 'application/json');
      if (auth) req = req.set('authorization', bearer(official));
      const res = await req.send(deepJson(5000));
      expectProblem(res, 400, 'json_too_deep');
      expect((res.body as { detail: string }).detail).toMatch(/deep|profond/i);
    });

    it('still accepts ordinary nesting (an agenda of objects in a body)', async () => {
      const res = await t
        .http()
        .patch('/api/v1/me')
        .set('authorization', bearer(official))
        .send({ displayName: 'Rosa Greco' });
      expect(res.status).toBe(200);
    });
  });

  it('refuses __proto__ and constructor keys anywhere in a body', async () => {
    for (const body of [
      '{"__proto__":{"role":"admin"},"displayName":"X Y"}',
      '{"displayName":"X Y","constructor":{"prototype":{"x":1}}}',
    ]) {
      const res = await t
        .http()
        .patch('/api/v1/me')
        .set('authorization', bearer(official))
        .set('content-type', 'application/json')
        .send(body);
      expectProblem(res, 400, 'json_forbidden_key');
    }
    const me = await t.http().get('/api/v1/me').set('authorization', bearer(official)).expect(200);
    expect(me.body.displayName).toBe('Rosa Greco');
    expect(me.body.role).not.toBe('admin');
  });

  it('answers 415 to a body that is neither JSON nor a form', async () => {
    for (const type of ['text/plain', 'application/xml']) {
      const res = await t
        .http()
        .patch('/api/v1/me')
        .set('authorization', bearer(official))
        .set('content-type', type)
        .send('displayName=Hacked');
      expectProblem(res, 415, 'unsupported_media_type');
    }
  });

  describe('NUL bytes, control characters and lone surrogates', () => {
    const queries = [
      '/api/v1/search?q=%00',
      '/api/v1/members?q=a%00b',
      '/api/v1/organizations?q=%00',
      '/api/v1/spaces?q=%00',
      '/api/v1/labs?q=%00',
      '/api/v1/notifications?cursor=%00',
    ];
    it.each(queries)('GET %s answers 400 naming the parameter', async (path) => {
      const res = await t.http().get(path).set('authorization', bearer(official));
      expectProblem(res, 400, 'invalid_text');
      expect((res.body as { errors: { field: string }[] }).errors[0].field).toMatch(/^(q|cursor)$/);
    });

    it('refuses them in bodies, naming the field, and stores nothing', async () => {
      for (const displayName of ['Rosa\u0000Greco', 'Rosa\u0007Greco', 'Rosa \ud800 Greco']) {
        const res = await t
          .http()
          .patch('/api/v1/me')
          .set('authorization', bearer(official))
          .send({ displayName });
        expectProblem(res, 400, 'invalid_text');
        expect((res.body as { errors: { field: string }[] }).errors[0].field).toBe('displayName');
      }
      const me = await t.http().get('/api/v1/me').set('authorization', bearer(official)).expect(200);
      expect(me.body.displayName).toBe('Rosa Greco');
    });

    it('refuses a lone surrogate in an e-mail at login and access request (no URIError 500)', async () => {
      const login = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: 'a\ud800@x.it', password: 'x'.repeat(12) });
      expectProblem(login, 400, 'invalid_text');
      const request = await t.http().post('/api/v1/access-requests').send({
        email: 'b\udc00@x.it',
        displayName: 'Bea Rossi',
        organizationId,
        password: 'Una-password-lunga-2026',
      });
      expectProblem(request, 400, 'invalid_text');
    });
  });

  it('reads an undecodable percent-escape as U+FFFD, not as a 500', async () => {
    const res = await t.http().get('/api/v1/members?q=%ED%A0%80').set('authorization', bearer(official));
    expect(res.status).toBe(200);
  });

  it('answers a path that is not valid percent-encoded UTF-8 with a 400 problem', async () => {
    for (const path of ['/api/v1/members/x%ED%A0%80y', '/api/v1/members/%ZZ']) {
      const res = await t.http().get(path).set('authorization', bearer(official));
      expectProblem(res, 400, 'malformed_url');
    }
  });

  it('answers a URL past the HTTP parser limit with a 431 problem, and a lab module with an exponent-form number with a 400', async () => {
    const long = await fetch(`${t.baseUrl}/api/v1/labs?q=${'x'.repeat(20_000)}`);
    expect(long.status).toBe(431);
    expect(long.headers.get('content-type')).toBe('application/problem+json');
    expect(await long.json()).toMatchObject({ status: 431, code: 'request_too_large' });

    const admin = await newMember(t, { role: 'admin' });
    const lab = await t
      .http()
      .post('/api/v1/labs')
      .set('authorization', bearer(admin))
      .send({ title: 'Laboratorio numeri', ambito: 'B' })
      .expect(201);
    const res = await t
      .http()
      .post(`/api/v1/labs/${lab.body.id}/modules`)
      .set('authorization', bearer(admin))
      .send({ title: 'Modulo', plannedDays: 6e-323 });
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'plannedDays' })]);
  });

  it('refuses forged cursors with impossible dates or wrong types with 400 invalid_cursor', async () => {
    const forged = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
    const admin = await newMember(t, { role: 'admin' });
    for (const cursor of [
      forged(['2024-13-45T25:61:00Z', '00000000-0000-0000-0000-000000000000']),
      forged([1, 2]),
      forged('x'),
    ]) {
      const res = await t
        .http()
        .get(`/api/v1/access-requests?cursor=${cursor}`)
        .set('authorization', bearer(admin));
      expectProblem(res, 400, 'invalid_cursor');
    }
  });

  it('keeps tabs and new lines in text (they are not control characters to refuse)', async () => {
    const res = await t
      .http()
      .patch('/api/v1/me')
      .set('authorization', bearer(official))
      .send({ displayName: 'Rosa Greco', bio: 'Riga uno\nRiga\tdue' });
    expect([200, 400]).toContain(res.status);
    if (res.status === 400) expect((res.body as { code: string }).code).not.toBe('invalid_text');
  });

  it('refuses a display name of invisible characters only', async () => {
    const res = await t
      .http()
      .patch('/api/v1/me')
      .set('authorization', bearer(official))
      .send({ displayName: '\u200b\u200b\u200b' });
    expectProblem(res, 400);
    const me = await t.http().get('/api/v1/me').set('authorization', bearer(official)).expect(200);
    expect(me.body.displayName).toBe('Rosa Greco');
  });

  it('answers PATCH /me { displayName: null } with 400, not 500', async () => {
    const res = await t
      .http()
      .patch('/api/v1/me')
      .set('authorization', bearer(official))
      .send({ displayName: null });
    expectProblem(res, 400);
  });

  it('maps concurrent identical access requests to one 201 and 409s, never 500', async () => {
    const body = {
      email: 'gemelli@comune.example.it',
      displayName: 'Gemma Elli',
      organizationId,
      password: 'Una-password-lunga-2026',
    };
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => t.http().post('/api/v1/access-requests').send(body)),
    );
    const statuses = answers.map((res) => res.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 201).every((s) => s === 409)).toBe(true);
  });
});
