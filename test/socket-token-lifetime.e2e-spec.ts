import { JwtService } from '@nestjs/jwt';
import { roomName, type LoginResult, type RenewAck } from '@convergo/contracts';
import { newMember, type TestMember } from './support/factories';
import { connectSocket, expectConnectError, sleep, type TestSocket } from './support/socket-client';
import { startTestApp, type TestApp } from './support/test-app';

/** Resolves with the reason of the socket's next disconnect. */
function nextDisconnect(client: TestSocket, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still connected after ${timeoutMs} ms`)), timeoutMs);
    client.socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

/**
 * Issue 19, finding 2: a socket lived on after its access token expired and after logout. Now a
 * connection lasts as long as its token (unless renewed in band), and ending a sign-in closes its
 * sockets on the spot.
 */
describe('sockets bound to the life of their token', () => {
  let t: TestApp;
  let member: TestMember;
  let other: TestMember;
  const open: TestSocket[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    member = await newMember(t, { displayName: 'Marta Lanza' });
    other = await newMember(t);
  });
  afterAll(async () => {
    for (const client of open) client.close();
    await t.close();
  });

  /** An access token of `who` that expires in `seconds`. */
  const shortToken = (who: TestMember, seconds: number, sid?: string) =>
    t.app.get(JwtService).signAsync(
      {
        sub: who.id,
        role: who.role,
        org: who.organizationId,
        ref: who.isReferent,
        ...(sid ? { sid } : {}),
      },
      { expiresIn: seconds },
    );

  const connect = async (token: string) => {
    const client = await connectSocket(t.baseUrl, token);
    open.push(client);
    return client;
  };

  const login = async (who: TestMember): Promise<LoginResult> =>
    (await t.http().post('/api/v1/auth/login').send({ email: who.email, password: who.password }).expect(200))
      .body as LoginResult;

  it('closes the connection when its token expires, and the expired token cannot reconnect', async () => {
    const token = await shortToken(member, 2);
    const client = await connect(token);
    expect((await client.subscribe({ room: roomName('member', member.id) })).ok).toBe(true);
    const reason = await nextDisconnect(client, 10_000);
    // A transport drop, not a server "go away": socket.io clients reconnect on their own.
    expect(reason).toBe('transport close');
    const refused = await expectConnectError(t.baseUrl, token);
    expect(refused.message).toBe('unauthorized');
  });

  it('keeps a connection whose token was renewed in band, still delivering events', async () => {
    const client = await connect(await shortToken(member, 2));
    const room = roomName('member', member.id);
    const renewed = (await client.rawWithAck('auth:renew', { token: member.accessToken })) as RenewAck;
    expect(renewed.ok).toBe(true);
    await sleep(4_500);
    expect(client.socket.connected).toBe(true);
    const mark = await t
      .http()
      .patch('/api/v1/me')
      .set('authorization', `Bearer ${member.accessToken}`)
      .send({ jobTitle: 'Funzionaria, rinnovo' })
      .expect(200);
    expect(mark.body.jobTitle).toBe('Funzionaria, rinnovo');
    const event = await client.waitFor((e) => e.room === room && e.type === 'member.updated');
    expect(event.type).toBe('member.updated');
  });

  it('refuses a renewal with a forged, expired or another member’s token', async () => {
    const client = await connect(member.accessToken);
    for (const token of ['forged.token.value', await shortToken(member, -10), other.accessToken, 42, null]) {
      const answer = (await client.rawWithAck('auth:renew', { token })) as RenewAck;
      expect(answer).toEqual({ ok: false, error: { code: 'unauthorized', message: expect.any(String) } });
    }
    expect(client.socket.connected).toBe(true);
  });

  it('closes the sockets of a sign-in at logout, and only those', async () => {
    const first = await login(member);
    const second = await login(member);
    const ended = await connect(first.accessToken);
    const kept = await connect(second.accessToken);
    const disconnected = nextDisconnect(ended, 5_000);
    await t.http().post('/api/v1/auth/logout').send({ refreshToken: first.refreshToken }).expect(204);
    expect(await disconnected).toBe('io server disconnect');
    await sleep(300);
    expect(kept.socket.connected).toBe(true);
  });

  it('closes the sockets of a sign-in whose refresh token was stolen (reuse detected)', async () => {
    const session = await login(member);
    const client = await connect(session.accessToken);
    const disconnected = nextDisconnect(client, 5_000);
    await t.http().post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }).expect(200);
    // The spent token again: someone else has it. The whole sign-in ends.
    await t.http().post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
    expect(await disconnected).toBe('io server disconnect');
  });
});
