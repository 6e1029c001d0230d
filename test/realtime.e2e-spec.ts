import type { EventEnvelope, MemberView } from '@convergo/contracts';
import { DataSource } from 'typeorm';
import { badAccessTokens } from './support/bad-tokens';
import { newMember, type TestMember } from './support/factories';
import { memberView, accessRequest } from './support/event-payloads';
import {
  connectSocket,
  errorCode,
  expectConnectError,
  sleep,
  type TestSocket,
} from './support/socket-client';
import { startTestApp, type TestApp } from './support/test-app';
import { inTransaction } from './support/transaction';

describe('realtime (in-memory adapter)', () => {
  let t: TestApp;
  let alice: TestMember;
  let bob: TestMember;
  let moderator: TestMember;
  let admin: TestMember;
  const sockets: TestSocket[] = [];

  const connect = async (token: unknown, reconnection = false): Promise<TestSocket> => {
    const socket = await connectSocket(t.baseUrl, token, { reconnection });
    sockets.push(socket);
    return socket;
  };
  const room = (member: TestMember) => `member:${member.id}`;
  const emitTo = (member: TestMember, displayName: string) =>
    inTransaction(t.app, (outbox) =>
      outbox.record(room(member), 'member.updated', memberView(member, displayName)),
    );
  const catchUp = (token: string, query: Record<string, string | number | undefined>) =>
    t.http().get('/api/v1/events').query(query).set('Authorization', `Bearer ${token}`);
  const ids = (items: EventEnvelope[]) => items.map((e) => e.id);

  beforeAll(async () => {
    t = await startTestApp();
    [alice, bob, moderator, admin] = await Promise.all([
      newMember(t),
      newMember(t),
      newMember(t, { role: 'moderator' }),
      newMember(t, { role: 'admin' }),
    ]);
  });

  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });

  afterAll(async () => {
    await t.close();
  });

  describe('handshake', () => {
    it('accepts a valid token and joins the member room: events there reach the member only', async () => {
      const aliceSocket = await connect(alice.accessToken);
      const bobSocket = await connect(bob.accessToken);
      const sent = await emitTo(alice, 'Alice B.');
      const got = await aliceSocket.waitForEvent(room(alice), sent.id);
      expect(Object.keys(got).sort()).toEqual(['at', 'data', 'id', 'room', 'type']);
      expect(got).toEqual({
        id: sent.id,
        type: 'member.updated',
        room: room(alice),
        at: sent.at,
        data: expect.objectContaining({ id: alice.id, displayName: 'Alice B.' }),
      });
      expect(got.id).toMatch(/^[1-9][0-9]*$/);
      expect(new Date(got.at).toISOString()).toBe(got.at);
      await sleep(150);
      expect(bobSocket.received).toEqual([]);
      expect(aliceSocket.received).toHaveLength(1);
    });

    it('refuses missing, garbage, expired and forged tokens with connect_error "unauthorized"', async () => {
      const { expired, forged, unsigned } = badAccessTokens(alice.id);

      const refusals = await Promise.all([
        expectConnectError(t.baseUrl, undefined, { noAuth: true }),
        expectConnectError(t.baseUrl, ''),
        expectConnectError(t.baseUrl, 'garbage'),
        expectConnectError(t.baseUrl, 12345),
        expectConnectError(t.baseUrl, 'x'.repeat(10_000)),
        expectConnectError(t.baseUrl, expired),
        expectConnectError(t.baseUrl, forged),
        expectConnectError(t.baseUrl, unsigned),
      ]);
      for (const error of refusals) {
        expect(error.message).toBe('unauthorized');
        expect(error.data).toEqual({ code: 'unauthorized' });
      }
    });
  });

  describe('subscribe / unsubscribe', () => {
    it("refuses another member's room (forbidden) and accepts one's own", async () => {
      const socket = await connect(alice.accessToken);
      expect(await socket.subscribe({ room: room(bob) })).toEqual({
        ok: false,
        error: { code: 'forbidden', message: expect.any(String) },
      });
      expect(await socket.subscribe({ room: room(alice) })).toEqual({ ok: true });
      // Forbidden means not joined: bob's events do not reach alice.
      const sent = await emitTo(bob, 'Bob');
      await sleep(150);
      expect(socket.received.find((e) => e.id === sent.id && e.room === room(bob))).toBeUndefined();
    });

    it('answers invalid for malformed payloads and rooms, and the connection keeps working', async () => {
      const socket = await connect(alice.accessToken);
      const malformed: unknown[] = [
        null,
        'member:x',
        42,
        [],
        [{ room: room(alice) }],
        {},
        { room: 5 },
        { room: '' },
        { room: { toString: 'member:x' } },
        { room: `member:${'a'.repeat(5_000)}` },
        { room: 'member:' },
        { room: 'member' },
        { room: ':' + alice.id },
        { room: 'member:not-a-uuid' },
        { room: `member:${alice.id.toUpperCase()}` },
        { room: `member:${alice.id}:extra` },
        { room: `planet:${alice.id}` },
        // A kind of the contract that no capability has registered yet is not served.
        { room: `nosuchkind:${alice.id}` },
        { room: 'moderation:1' },
        { room: 'MODERATION' },
        { room: socket.socket.id },
      ];
      for (const payload of malformed) {
        const ack = await socket.subscribe(payload);
        expect({ payload, code: errorCode(ack) }).toEqual({ payload, code: 'invalid' });
      }
      // No acknowledgement callback, or extra arguments: nothing breaks.
      (socket.socket as unknown as { emit(event: string, ...args: unknown[]): void }).emit('subscribe', {
        room: room(bob),
      });
      expect(await socket.rawWithAck('subscribe', { room: room(alice) }, 'extra')).toEqual({
        ok: false,
        error: { code: 'invalid', message: expect.any(String) },
      });
      expect(await socket.rawWithAck('unsubscribe', 'nope')).toEqual({
        ok: false,
        error: { code: 'invalid', message: expect.any(String) },
      });
      expect(await socket.subscribe({ room: room(alice) })).toEqual({ ok: true });
      expect(socket.socket.connected).toBe(true);
    });

    it('lets moderators and admins follow moderation, and only admins follow admin', async () => {
      const [member, mod, adm] = await Promise.all([
        connect(alice.accessToken),
        connect(moderator.accessToken),
        connect(admin.accessToken),
      ]);
      expect(errorCode(await member.subscribe({ room: 'moderation' }))).toBe('forbidden');
      expect(errorCode(await member.subscribe({ room: 'admin' }))).toBe('forbidden');
      expect(await mod.subscribe({ room: 'moderation' })).toEqual({ ok: true });
      expect(errorCode(await mod.subscribe({ room: 'admin' }))).toBe('forbidden');
      expect(await adm.subscribe({ room: 'moderation' })).toEqual({ ok: true });
      expect(await adm.subscribe({ room: 'admin' })).toEqual({ ok: true });

      const request = accessRequest('r1');
      const sent = await inTransaction(t.app, (outbox) =>
        outbox.record('moderation', 'access_request.created', request),
      );
      await mod.waitForEvent('moderation', sent.id);
      await adm.waitForEvent('moderation', sent.id);

      // After unsubscribe the room is silent for that socket.
      expect(await mod.unsubscribe({ room: 'moderation' })).toEqual({ ok: true });
      expect(await mod.unsubscribe({ room: 'moderation' })).toEqual({ ok: true });
      const later = await inTransaction(t.app, (outbox) =>
        outbox.record('moderation', 'access_request.created', request),
      );
      await adm.waitForEvent('moderation', later.id);
      await sleep(150);
      expect(mod.inRoom('moderation').map((e) => e.id)).toEqual([sent.id]);
      expect(member.inRoom('moderation')).toEqual([]);
    });
  });

  describe('outbox', () => {
    it('publishes nothing and stores nothing when the unit of work rolls back', async () => {
      const socket = await connect(alice.accessToken);
      const before = await catchUp(alice.accessToken, { room: room(alice) }).expect(200);
      const lastId = (before.body as { items: EventEnvelope[] }).items.at(-1)?.id ?? '0';

      await expect(
        inTransaction(t.app, async (outbox) => {
          await outbox.record(room(alice), 'member.updated', memberView(alice, 'never'));
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');

      await sleep(200);
      expect(socket.received).toEqual([]);
      const after = await catchUp(alice.accessToken, { room: room(alice), after: lastId }).expect(200);
      expect(after.body).toEqual({ items: [] });
      const [{ count }] = (await t.app
        .get(DataSource)
        .query(
          `SELECT count(*)::int AS count FROM events WHERE room = $1 AND data->>'displayName' = 'never'`,
          [room(alice)],
        )) as { count: number }[];
      expect(count).toBe(0);

      // The counter was rolled back too: the next event takes the very next id.
      const next = await emitTo(alice, 'after rollback');
      expect(BigInt(next.id)).toBe(BigInt(lastId) + 1n);
      await socket.waitForEvent(room(alice), next.id);
    });

    it('gives ids in commit order: a writer waits for the room’s earlier transaction, and after= never skips', async () => {
      const member = await newMember(t);
      const r = room(member);
      const socket = await connect(member.accessToken);
      const dataSource = t.app.get(DataSource);

      let releaseA!: () => void;
      const holdA = new Promise<void>((resolve) => (releaseA = resolve));
      let aEmitted!: () => void;
      const aHasEmitted = new Promise<void>((resolve) => (aEmitted = resolve));
      const a = inTransaction(t.app, async (outbox) => {
        const envelope = await outbox.record(r, 'member.updated', memberView(member, 'A'));
        aEmitted();
        await holdA;
        return envelope;
      });
      await aHasEmitted;

      let bSettled = false;
      const b = inTransaction(t.app, (outbox) =>
        outbox.record(r, 'member.updated', memberView(member, 'B')),
      ).finally(() => {
        bSettled = true;
      });

      // B is blocked on A's counter row in PostgreSQL itself, not merely slow.
      let waiting = 0;
      for (let i = 0; i < 50 && waiting === 0; i += 1) {
        const rows = (await dataSource.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity
           WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%event_rooms%'`,
        )) as { n: number }[];
        waiting = rows[0].n;
        if (waiting === 0) await sleep(20);
      }
      expect(waiting).toBe(1);
      expect(bSettled).toBe(false);

      // Nothing of the room is visible yet: a reader's cursor cannot move past an uncommitted id.
      const during = await catchUp(member.accessToken, { room: r, after: '0' }).expect(200);
      expect(during.body).toEqual({ items: [] });

      releaseA();
      const [ea, eb] = await Promise.all([a, b]);
      expect(ea.id).toBe('1');
      expect(eb.id).toBe('2');

      const all = await catchUp(member.accessToken, { room: r, after: '0' }).expect(200);
      const items = (all.body as { items: EventEnvelope[] }).items;
      expect(ids(items)).toEqual(['1', '2']);
      expect(items.map((e) => (e.data as MemberView).displayName)).toEqual(['A', 'B']);
      // A reader that saw A (after=1) still gets B: B committed after A with a higher id.
      const rest = await catchUp(member.accessToken, { room: r, after: ea.id }).expect(200);
      expect(ids((rest.body as { items: EventEnvelope[] }).items)).toEqual(['2']);

      await socket.waitForEvent(r, '2');
      expect(ids(socket.inRoom(r)).sort()).toEqual(['1', '2']);
    });

    it('records several events in one call: each room numbers its events in the order given, one after its last', async () => {
      const [m1, m2] = await Promise.all([newMember(t), newMember(t)]);
      const [s1, s2] = await Promise.all([connect(m1.accessToken), connect(m2.accessToken)]);
      const first = await emitTo(m1, 'before');

      const envelopes = await inTransaction(t.app, (outbox) =>
        outbox.recordAll([
          { room: room(m1), type: 'member.updated', data: memberView(m1, 'one') },
          { room: room(m2), type: 'member.updated', data: memberView(m2, 'only') },
          { room: room(m1), type: 'member.updated', data: memberView(m1, 'two') },
        ]),
      );

      expect(envelopes.map((e) => [e.room, e.id, (e.data as MemberView).displayName])).toEqual([
        [room(m1), String(BigInt(first.id) + 1n), 'one'],
        [room(m2), '1', 'only'],
        [room(m1), String(BigInt(first.id) + 2n), 'two'],
      ]);
      await s1.waitForEvent(room(m1), envelopes[2].id);
      await s2.waitForEvent(room(m2), '1');
      expect(s1.inRoom(room(m1)).map((e) => (e.data as MemberView).displayName)).toEqual([
        'before',
        'one',
        'two',
      ]);
      const stored = await catchUp(m1.accessToken, { room: room(m1), after: first.id }).expect(200);
      expect((stored.body as { items: EventEnvelope[] }).items).toEqual([envelopes[0], envelopes[2]]);
      // The next single event follows them.
      const next = await emitTo(m1, 'after');
      expect(next.id).toBe(String(BigInt(first.id) + 3n));
    });

    it('records nothing of several events when the unit of work rolls back', async () => {
      const member = await newMember(t);
      await expect(
        inTransaction(t.app, async (outbox) => {
          await outbox.recordAll([
            { room: room(member), type: 'member.updated', data: memberView(member, 'x') },
            { room: room(member), type: 'member.updated', data: memberView(member, 'y') },
          ]);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      const after = await catchUp(member.accessToken, { room: room(member), after: '0' }).expect(200);
      expect(after.body).toEqual({ items: [] });
      expect((await emitTo(member, 'first')).id).toBe('1');
    });
  });

  describe('GET /api/v1/events (catch-up)', () => {
    it('returns the events after an id, oldest first, paged by limit', async () => {
      const member = await newMember(t);
      const r = room(member);
      for (let i = 1; i <= 5; i += 1) await emitTo(member, `v${i}`);

      const all = await catchUp(member.accessToken, { room: r }).expect(200);
      expect(all.headers['content-type']).toContain('application/json');
      const items = (all.body as { items: EventEnvelope[] }).items;
      expect(ids(items)).toEqual(['1', '2', '3', '4', '5']);
      expect(items[0]).toEqual({
        id: '1',
        type: 'member.updated',
        room: r,
        at: expect.any(String),
        data: expect.objectContaining({ displayName: 'v1' }),
      });

      const page1 = await catchUp(member.accessToken, { room: r, after: '1', limit: 2 }).expect(200);
      expect(ids(page1.body.items as EventEnvelope[])).toEqual(['2', '3']);
      const page2 = await catchUp(member.accessToken, { room: r, after: '3', limit: 2 }).expect(200);
      expect(ids(page2.body.items as EventEnvelope[])).toEqual(['4', '5']);
      const page3 = await catchUp(member.accessToken, { room: r, after: '5', limit: 2 }).expect(200);
      expect(page3.body).toEqual({ items: [] });
    });

    it('refuses anonymous, malformed, forbidden and unknown-kind requests with problem+json', async () => {
      await t
        .http()
        .get('/api/v1/events')
        .query({ room: room(alice) })
        .expect(401);

      const bad: Record<string, string | number | undefined>[] = [
        {},
        { room: '' },
        { room: 'member' },
        { room: `member:${alice.id}`, after: 'abc' },
        { room: `member:${alice.id}`, after: '-1' },
        { room: `member:${alice.id}`, after: '01' },
        { room: `member:${alice.id}`, after: '99999999999999999999999' },
        { room: `member:${alice.id}`, limit: 0 },
        { room: `member:${alice.id}`, limit: 1001 },
        { room: `member:${alice.id}`, limit: 'ten' },
        { room: `member:${alice.id}`, other: 'x' },
      ];
      for (const query of bad) {
        const res = await catchUp(alice.accessToken, query);
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
        expect(res.headers['content-type']).toContain('application/problem+json');
      }
      for (const r of [`planet:${alice.id}`, 'member:not-a-uuid', `nosuchkind:${alice.id}`]) {
        const res = await catchUp(alice.accessToken, { room: r }).expect(400);
        expect(res.body).toMatchObject({ status: 400, code: 'invalid_room', errors: [{ field: 'room' }] });
      }

      const forbidden = await catchUp(alice.accessToken, { room: room(bob) }).expect(403);
      expect(forbidden.headers['content-type']).toContain('application/problem+json');
      expect(forbidden.body).toMatchObject({ status: 403, code: 'room_forbidden' });
      await catchUp(alice.accessToken, { room: 'moderation' }).expect(403);
      await catchUp(moderator.accessToken, { room: 'moderation' }).expect(200);
      await catchUp(moderator.accessToken, { room: 'admin' }).expect(403);
      await catchUp(admin.accessToken, { room: 'admin' }).expect(200);
    });

    it('lets a client that was away catch up with nothing lost and nothing twice', async () => {
      const member = await newMember(t);
      const r = room(member);
      const first = await connect(member.accessToken);
      const e1 = await emitTo(member, 'one');
      const e2 = await emitTo(member, 'two');
      await first.waitForEvent(r, e2.id);
      const seen = new Map<string, EventEnvelope>(first.inRoom(r).map((e) => [e.id, e]));
      const lastSeen = e2.id;
      first.close();

      const missed = [
        await emitTo(member, 'three'),
        await emitTo(member, 'four'),
        await emitTo(member, 'five'),
      ];

      // The client's algorithm: connect (live events start flowing), then fetch after the last id seen.
      const second = await connect(member.accessToken);
      const live = await emitTo(member, 'six');
      const res = await catchUp(member.accessToken, { room: r, after: lastSeen }).expect(200);
      for (const e of res.body.items as EventEnvelope[]) seen.set(e.id, e);
      await second.waitForEvent(r, live.id);
      for (const e of second.inRoom(r)) seen.set(e.id, e);

      expect([...seen.keys()].sort((x, y) => Number(x) - Number(y))).toEqual([
        e1.id,
        e2.id,
        ...missed.map((e) => e.id),
        live.id,
      ]);
      expect(ids(res.body.items as EventEnvelope[])).toEqual([...missed.map((e) => e.id), live.id]);
      // Nothing twice: each channel delivered each id at most once.
      expect(new Set(ids(second.inRoom(r))).size).toBe(second.inRoom(r).length);
      expect(ids(second.inRoom(r))).toEqual([live.id]);
    });
  });

  describe('connection state recovery', () => {
    it('restores a briefly dropped connection (rooms included) and delivers what was missed, once', async () => {
      const socket = await connect(moderator.accessToken, true);
      expect(await socket.subscribe({ room: 'moderation' })).toEqual({ ok: true });
      // Recovery needs an offset: the last broadcast the client received.
      const before = await emitTo(moderator, 'before drop');
      await socket.waitForEvent(room(moderator), before.id);
      expect(socket.socket.recovered).toBe(false);

      const disconnected = new Promise<string>((resolve) => socket.socket.once('disconnect', resolve));
      const reconnected = socket.nextConnect();
      socket.socket.io.engine.close();
      // The client closed its transport (not a disconnect()): a drop socket.io may recover from.
      expect(await disconnected).toBe('forced close');

      const missed1 = await emitTo(moderator, 'during drop');
      const missed2 = await inTransaction(t.app, (outbox) =>
        outbox.record('moderation', 'access_request.created', accessRequest('r2')),
      );
      await reconnected;
      expect(socket.socket.recovered).toBe(true);
      await socket.waitForEvent(room(moderator), missed1.id);
      await socket.waitForEvent('moderation', missed2.id);

      // Still in the moderation room after recovery, without subscribing again.
      const after = await inTransaction(t.app, (outbox) =>
        outbox.record('moderation', 'access_request.created', accessRequest('r3')),
      );
      await socket.waitForEvent('moderation', after.id);
      await sleep(150);
      const keys = socket.received.map((e) => `${e.room}#${e.id}`);
      expect(new Set(keys).size).toBe(keys.length);
    });
  });

  describe('health', () => {
    it('answers 200 when the database answers, without a redis check when REDIS_URL is unset', async () => {
      const res = await t.http().get('/api/v1/health').expect(200);
      expect(res.body).toEqual({
        status: 'ok',
        checks: { database: expect.objectContaining({ status: 'up' }) },
      });
      expect(res.headers['cache-control']).toBe('no-store');
    });
  });
});
