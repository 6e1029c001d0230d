import { newMember, newOrganization, newSpace, newThread, type TestMember } from './support/factories';
import { postFrom } from './support/http-from';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Issue 19, finding 6: the login limit was dodged by sending X-Forwarded-For from loopback, and
 * posting had no per-member limit. Issue 18: ten logins a minute per address locked out a whole
 * municipal network behind one address, so failed logins are counted per account and the
 * address limit is generous. These run with the limits on (other test files turn them off).
 */
describe('rate limits that a client cannot dodge', () => {
  let t: TestApp;
  let member: TestMember;

  beforeAll(async () => {
    t = await startTestApp({ env: { RATE_LIMIT_DISABLED: 'false' } });
    member = await newMember(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('limits failed logins per account (10 in 15 minutes), from any address, without locking out colleagues', async () => {
    const official = await newMember(t);
    const colleague = await newMember(t);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await t
        .http()
        .post('/api/v1/auth/login')
        .set('x-forwarded-for', `203.0.113.${i + 1}`)
        .send({ email: official.email, password: 'password-sbagliata' });
      statuses.push(res.status);
    }
    expect(statuses.every((status) => status === 401)).toBe(true);
    // The eleventh, even with the right password, waits: the answer says for how long.
    const refused = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: official.email.toUpperCase(), password: official.password });
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ status: 429, code: 'rate_limited' });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // A colleague behind the same address logs in, wrong once then right, and right again.
    await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: colleague.email, password: 'password-sbagliata' })
      .expect(401);
    await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: colleague.email, password: colleague.password })
      .expect(200);
    // Successful logins do not count: ten more in a row are fine.
    for (let i = 0; i < 10; i++) {
      await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: colleague.email, password: colleague.password })
        .expect(200);
    }
  });

  it('limits logins per address at 100 a minute, whatever X-Forwarded-For claims (no proxy configured)', async () => {
    // An address of its own (nothing else in this file spent its minute). Requests without a
    // password are refused before any hashing, so the hundred fit well within the minute.
    const address = `127.0.0.${2 + Math.floor(Math.random() * 250)}`;
    const attempt = (n: number) =>
      postFrom(
        address,
        t.baseUrl,
        '/api/v1/auth/login',
        { email: `nessuno.${n}@example.it` },
        {
          'x-forwarded-for': `198.51.100.${(n % 250) + 1}`,
        },
      );
    const statuses: number[] = [];
    for (let batch = 0; batch < 10; batch++) {
      const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => attempt(batch * 10 + i)));
      statuses.push(...answers.map((res) => res.status));
    }
    // A hundred answered on their merits (no password: 400), then the address waits.
    expect(statuses.filter((status) => status !== 400)).toEqual([]);
    const refused = await attempt(100);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 'rate_limited' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Another address of the same network is not held up.
    await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: member.email, password: member.password })
      .expect(200);
  });

  it('limits posts per member, with a problem that says when to retry', async () => {
    const space = await newSpace(t);
    const thread = await newThread(t, member, space.id);
    const statuses: number[] = [];
    let refusal: { body: Record<string, unknown>; headers: Record<string, string> } | undefined;
    // The thread's first post counts too.
    for (let i = 0; i < 20; i++) {
      const res = await t
        .http()
        .post(`/api/v1/threads/${thread.id}/posts`)
        .set('authorization', `Bearer ${member.accessToken}`)
        .send({ body: `Risposta ${i}` });
      statuses.push(res.status);
      if (res.status === 429) refusal ??= res;
    }
    expect(statuses.slice(0, 19).every((status) => status === 201)).toBe(true);
    expect(statuses[19]).toBe(429);
    expect(refusal?.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refusal?.body).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(String(refusal?.body.detail)).toMatch(/try again in \d+ s/);
    expect(Number(refusal?.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('limits access requests per address (anonymous), 429 with Retry-After on the sixth', async () => {
    const organizationId = await newOrganization(t);
    const statuses: number[] = [];
    let refusal: { body: Record<string, unknown>; headers: Record<string, string> } | undefined;
    for (let i = 0; i < 6; i++) {
      const res = await t
        .http()
        .post('/api/v1/access-requests')
        .send({
          email: `richiesta.${i}.${Date.now()}@comune.example.it`,
          displayName: `Richiedente ${i}`,
          organizationId,
          password: 'Password-lunga-2026',
        });
      statuses.push(res.status);
      if (res.status === 429) refusal ??= res;
    }
    expect(statuses.slice(0, 5).every((status) => status === 201)).toBe(true);
    expect(statuses[5]).toBe(429);
    expect(refusal?.body).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(Number(refusal?.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('limits invitations per address, 429 with Retry-After past thirty a minute', async () => {
    const organizationId = await newOrganization(t);
    const admin = await newMember(t, { role: 'admin' });
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const res = await t
        .http()
        .post('/api/v1/invitations')
        .set('authorization', `Bearer ${admin.accessToken}`)
        .send({ email: `invitato.${i}.${Date.now()}@comune.example.it`, organizationId, role: 'member' });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 30).every((status) => status === 201)).toBe(true);
    expect(statuses[30]).toBe(429);
  });
});

describe('per-member budgets shared by the API processes (Redis)', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    const env = {
      RATE_LIMIT_DISABLED: 'false',
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    };
    a = await startTestApp({ env });
    b = await startTestApp({ env, databaseUrl: a.databaseUrl });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('counts posts made through two processes against one budget', async () => {
    const member = await newMember(a);
    const space = await newSpace(a);
    const thread = await newThread(a, member, space.id); // its first post counts
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const app = i % 2 === 0 ? b : a;
      const res = await app
        .http()
        .post(`/api/v1/threads/${thread.id}/posts`)
        .set('authorization', `Bearer ${member.accessToken}`)
        .send({ body: `Risposta ${i}` });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 19).every((status) => status === 201)).toBe(true);
    expect(statuses[19]).toBe(429);
  });
});
