import { DataSource } from 'typeorm';
import { newMember, newOrganization, type TestMember } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';

describe('auth: login, refresh rotation, logout', () => {
  let t: TestApp;
  let alice: TestMember;

  beforeAll(async () => {
    t = await startTestApp();
    alice = await newMember(t, { organizationId: await newOrganization(t, { name: 'Comune di Prova' }) });
  });
  afterAll(async () => {
    await t.close();
  });

  const login = (email: string, password: string) =>
    t.http().post('/api/v1/auth/login').send({ email, password });

  it('logs in with e-mail and password and returns tokens and the member', async () => {
    const res = await login(alice.email.toUpperCase(), alice.password).expect(200);
    expect(res.body.accessToken).toEqual(expect.any(String));
    expect(res.body.refreshToken).toEqual(expect.any(String));
    expect(res.body.member).toMatchObject({ id: alice.id, email: alice.email, role: 'member' });
    expect(res.body.member.organization).toMatchObject({ name: 'Comune di Prova', convergence: true });
    expect(res.body.member).not.toHaveProperty('passwordHash');
    const me = await t
      .http()
      .get('/api/v1/me')
      .set('authorization', `Bearer ${res.body.accessToken}`)
      .expect(200);
    expect(me.body.id).toBe(alice.id);
  });

  it('answers a wrong password and an unknown e-mail alike, as problem+json 401', async () => {
    const wrong = await login(alice.email, 'not-the-password').expect(401);
    const unknown = await login('nobody@example.it', 'whatever-password').expect(401);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    expect(wrong.body).toMatchObject({ status: 401, code: 'invalid_credentials' });
    expect(unknown.body.detail).toBe(wrong.body.detail);
  });

  it.each([
    [{}, 'email'],
    [{ email: 'a@b.it' }, 'password'],
    [{ email: 42, password: 'x' }, 'email'],
    [{ email: 'a@b.it', password: ['x'] }, 'password'],
    [{ email: 'a@b.it', password: 'x'.repeat(5000) }, 'password'],
    [{ email: 'a@b.it', password: 'x', admin: true }, 'admin'],
  ])('rejects a malformed login body %j with 400 naming %s', async (body, field) => {
    const res = await t.http().post('/api/v1/auth/login').send(body).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('rejects malformed JSON and oversized bodies with a 4xx problem, never a 500', async () => {
    const bad = await t
      .http()
      .post('/api/v1/auth/login')
      .set('content-type', 'application/json')
      .send('{"email":');
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const huge = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'a@b.it', password: 'x'.repeat(1_000_000) });
    expect(huge.status).toBe(413);
    expect(huge.body.status).toBe(413);
  });

  it('rotates refresh tokens and revokes the family when an old one is reused', async () => {
    const first = (await login(alice.email, alice.password).expect(200)).body;
    const second = (
      await t.http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)
    ).body;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const third = (
      await t.http().post('/api/v1/auth/refresh').send({ refreshToken: second.refreshToken }).expect(200)
    ).body;

    // The first token was spent: presenting it again means theft, so the live one dies too.
    await t.http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
    const reuse = await t
      .http()
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: third.refreshToken })
      .expect(401);
    expect(reuse.body.code).toBe('invalid_refresh_token');

    const stored = await t.app
      .get(DataSource)
      .query(`SELECT token_hash FROM refresh_tokens WHERE member_id = $1`, [alice.id]);
    const secrets = [first, second, third].map((tokens) => tokens.refreshToken.split('.')[1]);
    for (const row of stored as { token_hash: string }[]) expect(secrets).not.toContain(row.token_hash);
  });

  it('logs out: the refresh token no longer works, other sessions do', async () => {
    const phone = (await login(alice.email, alice.password).expect(200)).body;
    const laptop = (await login(alice.email, alice.password).expect(200)).body;
    await t.http().post('/api/v1/auth/logout').send({ refreshToken: phone.refreshToken }).expect(204);
    await t.http().post('/api/v1/auth/refresh').send({ refreshToken: phone.refreshToken }).expect(401);
    await t.http().post('/api/v1/auth/refresh').send({ refreshToken: laptop.refreshToken }).expect(200);
  });

  it('refuses forged, garbage and missing access tokens', async () => {
    const [header, payload] = alice.accessToken.split('.');
    const forged = `${header}.${payload}.${Buffer.from('forged-signature').toString('base64url')}`;
    for (const token of [forged, 'garbage', '']) {
      const res = await t.http().get('/api/v1/me').set('authorization', `Bearer ${token}`).expect(401);
      expect(res.body.code).toBe('unauthenticated');
    }
    await t.http().get('/api/v1/me').expect(401);
  });

  it('refuses a disabled account', async () => {
    const bob = await newMember(t);
    await t.app.get(DataSource).query(`UPDATE members SET status = 'disabled' WHERE id = $1`, [bob.id]);
    const res = await login(bob.email, bob.password).expect(403);
    expect(res.body.code).toBe('account_disabled');
  });
});

describe('auth: rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { RATE_LIMIT_DISABLED: 'false' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('limits failed login attempts per account with 429 problem+json', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: 'x@example.it', password: 'nope-nope' });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });
});
