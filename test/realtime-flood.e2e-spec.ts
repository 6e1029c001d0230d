import { roomName } from '@convergo/contracts';
import { newMember, newSpace, newThread, type TestMember } from './support/factories';
import { connectSocket, type TestSocket } from './support/socket-client';
import { startFlood } from './support/subscribe-flood';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Issue 19, finding 3: 20 sockets x 1,000 `subscribe` calls held the database pool, so the health
 * check answered 503 and other members' events came seconds late. Each socket now has an event
 * budget and room checks a bounded share of the pool: the flood gets `rate_limited` answers and
 * everyone else is served. The flood's 20 sockets run in a process of their own, as an attacker's would.
 */
describe('a subscribe flood does not stall the server', () => {
  let t: TestApp;
  let attacker: TestMember;
  let bystander: TestMember;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    // The per-member budgets are what is under test (other test files turn them off).
    t = await startTestApp({ env: { RATE_LIMIT_DISABLED: 'false' } });
    attacker = await newMember(t);
    bystander = await newMember(t);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await t.close();
  });

  it('answers the flood with rate_limited while health and other members’ events keep flowing', async () => {
    const spaces = await Promise.all(Array.from({ length: 10 }, () => newSpace(t)));
    const thread = await newThread(t, bystander, spaces[0].id);
    const watcher = await connectSocket(t.baseUrl, bystander.accessToken);
    sockets.push(watcher);
    expect((await watcher.subscribe({ room: roomName('thread', thread.id) })).ok).toBe(true);
    const flood = startFlood(
      t.baseUrl,
      attacker.accessToken,
      spaces.map((space) => roomName('space', space.id)),
    );
    await flood.ready;

    const health: number[] = [];
    let flooding = true;
    const probe = (async () => {
      while (flooding) {
        const res = await t.http().get('/api/v1/health');
        health.push(res.status);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    try {
      await flood.go();
      const post = await t
        .http()
        .post(`/api/v1/threads/${thread.id}/posts`)
        .set('authorization', `Bearer ${bystander.accessToken}`)
        .send({ body: 'Durante il flood' })
        .expect(201);
      const delivered = await watcher.waitFor(
        (e) => e.type === 'post.created' && (e.data as { id: string }).id === post.body.id,
        60_000,
      );
      expect(delivered.room).toBe(roomName('thread', thread.id));
      const codes = await flood.codes;
      expect(codes.rate_limited).toBeGreaterThan(0);
      expect(Object.keys(codes).filter((code) => code !== 'ok' && code !== 'rate_limited')).toEqual([]);
      expect(watcher.socket.connected).toBe(true);
    } finally {
      flooding = false;
      await probe;
      flood.stop();
    }
    expect(health.length).toBeGreaterThan(0);
    // Listed, so a failure says what health answered (503: the database ping took over 1.5 s).
    expect(health.filter((status) => status !== 200)).toEqual([]);
  }, 150_000);

  it('answers a burst of events past the per-connection budget with rate_limited, then serves it again', async () => {
    const client = await connectSocket(t.baseUrl, attacker.accessToken);
    sockets.push(client);
    const answers = await Promise.all(
      Array.from({ length: 300 }, () => client.unsubscribe({ room: roomName('member', attacker.id) })),
    );
    const codes = answers.map((answer) => (answer.ok ? 'ok' : answer.error.code));
    expect(codes.filter((code) => code === 'ok').length).toBeLessThanOrEqual(100);
    expect(codes.filter((code) => code === 'rate_limited').length).toBeGreaterThanOrEqual(200);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await client.unsubscribe({ room: roomName('member', attacker.id) })).toEqual({ ok: true });
    await t.http().get('/api/v1/health').expect(200);
  });
});
