import type { EventEnvelope } from '@convergo/contracts';
import { RealtimeRedis } from '../apps/api/src/modules/realtime/realtime-redis';
import { newMember, type TestMember } from './support/factories';
import { memberView, accessRequest } from './support/event-payloads';
import { connectSocket, sleep, type TestSocket } from './support/socket-client';
import { startTestApp, type TestApp } from './support/test-app';
import { inTransaction } from './support/transaction';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Two api processes' worth of app on one PostgreSQL database and one Redis, as in docker/. */
describe('realtime scale-out (Redis streams adapter, two instances)', () => {
  let first: TestApp;
  let second: TestApp;
  let alice: TestMember;
  let moderator: TestMember;
  const sockets: TestSocket[] = [];

  const connect = async (app: TestApp, token: string, reconnection = false): Promise<TestSocket> => {
    const socket = await connectSocket(app.baseUrl, token, { reconnection });
    sockets.push(socket);
    return socket;
  };
  const room = (member: TestMember) => `member:${member.id}`;
  const emitOn = (app: TestApp, member: TestMember, displayName: string): Promise<EventEnvelope> =>
    inTransaction(app.app, (outbox) =>
      outbox.record(room(member), 'member.updated', memberView(member, displayName)),
    );

  beforeAll(async () => {
    first = await startTestApp({ env: { REDIS_URL } });
    second = await startTestApp({ env: { REDIS_URL }, databaseUrl: first.databaseUrl });
    [alice, moderator] = await Promise.all([newMember(first), newMember(first, { role: 'moderator' })]);
  });

  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });

  afterAll(async () => {
    // The second instance first: the first one owns (and drops) the database.
    await second?.close();
    await first?.close();
  });

  it('reports database and Redis in the health check', async () => {
    for (const app of [first, second]) {
      const res = await app.http().get('/api/v1/health').expect(200);
      expect(res.body).toEqual({
        status: 'ok',
        checks: {
          database: expect.objectContaining({ status: 'up' }),
          redis: expect.objectContaining({ status: 'up' }),
        },
      });
    }
  });

  it('delivers an event committed on instance 2 to a client of instance 1, exactly once', async () => {
    const onFirst = await connect(first, alice.accessToken);
    const alsoOnSecond = await connect(second, alice.accessToken);
    const sent = await emitOn(second, alice, 'from instance 2');
    const got = await onFirst.waitForEvent(room(alice), sent.id);
    expect(got).toEqual(sent);
    await alsoOnSecond.waitForEvent(room(alice), sent.id);
    await sleep(500);
    expect(onFirst.received).toEqual([sent]);
    expect(alsoOnSecond.received).toEqual([sent]);
  });

  it('pushes a real profile change made through instance 2 to the member connected to instance 1', async () => {
    const onFirst = await connect(first, alice.accessToken);
    const res = await second
      .http()
      .patch('/api/v1/me')
      .set('authorization', `Bearer ${alice.accessToken}`)
      .send({ displayName: 'Alice Cambiata', interests: ['turismo'] })
      .expect(200);
    const got = await onFirst.waitFor((e) => e.type === 'member.updated' && e.room === room(alice));
    expect(got.data).toEqual(res.body);
    await sleep(300);
    expect(onFirst.received.filter((e) => e.type === 'member.updated')).toHaveLength(1);
  });

  it('relays subscribed rooms the other way too (instance 1 to a client of instance 2)', async () => {
    const modOnSecond = await connect(second, moderator.accessToken);
    expect(await modOnSecond.subscribe({ room: 'moderation' })).toEqual({ ok: true });
    const request = accessRequest('r1');
    const sent = await inTransaction(first.app, (outbox) =>
      outbox.record('moderation', 'access_request.created', request),
    );
    await modOnSecond.waitForEvent('moderation', sent.id);
    await sleep(300);
    expect(modOnSecond.inRoom('moderation')).toEqual([sent]);
  });

  it('recovers a briefly dropped connection through Redis and delivers the missed events once', async () => {
    const socket = await connect(first, alice.accessToken, true);
    const before = await emitOn(second, alice, 'before drop');
    await socket.waitForEvent(room(alice), before.id);

    const disconnected = new Promise<string>((resolve) => socket.socket.once('disconnect', resolve));
    const reconnected = socket.nextConnect();
    socket.socket.io.engine.close();
    await disconnected;
    const missed = [
      await emitOn(second, alice, 'during drop 1'),
      await emitOn(first, alice, 'during drop 2'),
    ];
    await reconnected;
    expect(socket.socket.recovered).toBe(true);
    for (const e of missed) await socket.waitForEvent(room(alice), e.id);
    await sleep(300);
    expect(socket.received.map((e) => e.id)).toEqual([before.id, ...missed.map((e) => e.id)]);
  });

  it('recovers the session on the other instance (what a load balancer does after a node restart)', async () => {
    const socket = await connect(first, alice.accessToken, true);
    const before = await emitOn(first, alice, 'before move');
    await socket.waitForEvent(room(alice), before.id);

    const disconnected = new Promise<string>((resolve) => socket.socket.once('disconnect', resolve));
    const reconnected = socket.nextConnect();
    // Point the manager at instance 2 before it reconnects.
    // (engine.io parses the manager's uri again on every reconnection attempt)
    (socket.socket.io as unknown as { uri: string }).uri = second.baseUrl;
    socket.socket.io.engine.close();
    await disconnected;
    const missed = await emitOn(first, alice, 'during move');
    await reconnected;
    expect((socket.socket.io.engine as unknown as { opts: { port: string } }).opts.port).toBe(
      new URL(second.baseUrl).port,
    );
    expect(socket.socket.recovered).toBe(true);
    await socket.waitForEvent(room(alice), missed.id);
    const live = await emitOn(first, alice, 'after move');
    await socket.waitForEvent(room(alice), live.id);
    await sleep(300);
    expect(socket.received.map((e) => e.id)).toEqual([before.id, missed.id, live.id]);
  });

  it('answers 503 problem+json naming Redis when Redis does not answer', async () => {
    // Last test: it breaks the second instance's Redis connection on purpose.
    second.app.get(RealtimeRedis).client!.destroy();
    const res = await second.http().get('/api/v1/health').expect(503);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({
      status: 503,
      code: 'unavailable',
      detail: expect.stringContaining('redis'),
      checks: { database: { status: 'up' }, redis: { status: 'down' } },
    });
    await first.http().get('/api/v1/health').expect(200);
  });
});
