import type {
  AgendaStepEvent,
  EventEnvelope,
  LabSessionView,
  LabView,
  PollView,
  PresentMember,
  RaisedHand,
  TimerEvent,
} from '@convergo/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { newMember, newOrganization, type TestMember } from './support/factories';
import {
  as,
  hand,
  handIds,
  joinedState,
  joinRoom,
  leaveRoom,
  newLiveLab,
  newLiveSession,
} from './support/live-room';
import { connectSocket, sleep, type TestSocket } from './support/socket-client';
import { startTestApp, type TestApp } from './support/test-app';

interface Interval {
  memberId: string;
  startedAt: Date;
  endedAt: Date | null;
}

describe('live session room', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: TestMember;
  let tutor: TestMember;
  let people: TestMember[];
  let outsider: TestMember;
  let lab: LabView;
  const sockets: TestSocket[] = [];

  const session = (): Promise<LabSessionView> => newLiveSession(t.baseUrl, tutor, lab.id);
  const connect = async (member: TestMember): Promise<TestSocket> => {
    const socket = await connectSocket(t.baseUrl, member.accessToken);
    sockets.push(socket);
    return socket;
  };
  const inRoom = async (member: TestMember, sessionId: string): Promise<TestSocket> => {
    const socket = await connect(member);
    await joinedState(socket, sessionId);
    return socket;
  };
  const intervals = async (sessionId: string): Promise<Interval[]> =>
    (await db.query(
      `SELECT member_id AS "memberId", started_at AS "startedAt", ended_at AS "endedAt"
         FROM attendance_intervals WHERE session_id = $1 AND source = 'live' ORDER BY started_at`,
      [sessionId],
    )) as Interval[];
  /** Disconnects are handled after the client is gone: wait until the register shows it. */
  const eventually = async <T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> => {
    for (let i = 0; i < 100; i++) {
      const value = await read();
      if (done(value)) return value;
      await sleep(50);
    }
    return read();
  };
  const presenceWith = (socket: TestSocket, ids: string[]) =>
    socket.waitFor((e) => {
      if (e.type !== 'session.presence') return false;
      const present = (e.data as { present: PresentMember[] }).present.map((p) => p.member.id).sort();
      return JSON.stringify(present) === JSON.stringify([...ids].sort());
    });
  const handsAre = (socket: TestSocket, ids: string[]) =>
    socket.waitFor(
      (e) =>
        e.type === 'session.hands' &&
        JSON.stringify(handIds((e.data as { hands: RaisedHand[] }).hands)) === JSON.stringify(ids),
    );

  beforeAll(async () => {
    // Member budgets on: the hand limit is part of what is tested.
    t = await startTestApp({ env: { RATE_LIMIT_DISABLED: 'false' } });
    db = t.app.get(DataSource);
    const organizationId = await newOrganization(t, { name: `Comune di Prova ${randomUUID().slice(0, 6)}` });
    [admin, tutor, outsider] = await Promise.all([
      newMember(t, { role: 'admin', displayName: 'Ada Amministratrice' }),
      newMember(t, { role: 'tutor', displayName: 'Tina Tutor' }),
      newMember(t, { displayName: 'Omar Esterno' }),
    ]);
    people = await Promise.all(
      Array.from({ length: 5 }, (_, i) => newMember(t, { displayName: `Partecipante ${i}`, organizationId })),
    );
    lab = await newLiveLab(t.baseUrl, admin, { tutors: [tutor], participants: people });
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lets the lab’s people join, with the room’s state, and tells the room who is present', async () => {
    const s = await session();
    const tutorSocket = await connect(tutor);
    const first = await joinedState(tutorSocket, s.id);
    expect(first).toEqual({
      session: expect.objectContaining({ id: s.id, labId: lab.id, agenda: s.agenda }),
      currentStep: null,
      present: [
        {
          member: { id: tutor.id, displayName: 'Tina Tutor', organizationName: null },
          role: 'tutor',
          since: expect.any(String),
        },
      ],
      hands: [],
      polls: [],
      timerEndsAt: null,
      myVotes: {},
      myRole: 'tutor',
    });
    const participant = await connect(people[0]);
    const state = await joinedState(participant, s.id);
    expect(state.myRole).toBe('participant');
    expect(state.present.map((p) => [p.member.id, p.role])).toEqual([
      [tutor.id, 'tutor'],
      [people[0].id, 'participant'],
    ]);
    const signal = await presenceWith(tutorSocket, [tutor.id, people[0].id]);
    expect(signal).toEqual({
      type: 'session.presence',
      room: `session:${s.id}`,
      at: expect.any(String),
      data: { sessionId: s.id, present: expect.any(Array) },
    });
    expect('id' in signal).toBe(false);
    // An admin looks in as an observer.
    const adminSocket = await connect(admin);
    expect((await joinedState(adminSocket, s.id)).myRole).toBe('observer');
    await presenceWith(participant, [tutor.id, people[0].id, admin.id]);
  });

  it('refuses outsiders, unknown and forged sessions, and closed sessions', async () => {
    const s = await session();
    const stranger = await connect(outsider);
    expect(await joinRoom(stranger, s.id)).toEqual({
      ok: false,
      error: { code: 'forbidden', message: expect.any(String) },
    });
    expect(await joinRoom(stranger, randomUUID())).toEqual({
      ok: false,
      error: { code: 'not_found', message: expect.any(String) },
    });
    // An outsider cannot raise a hand in a room it never joined.
    expect(await hand(stranger, { sessionId: s.id, raised: true })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await intervals(s.id)).toEqual([]);

    const cancelled = await session();
    await t.http().post(`/api/v1/sessions/${cancelled.id}/cancel`).set(as(tutor)).expect(200);
    const participant = await connect(people[1]);
    expect(await joinRoom(participant, cancelled.id)).toMatchObject({
      ok: false,
      error: { code: 'session_closed' },
    });
  });

  it('sends the tutor’s agenda step to every participant', async () => {
    const s = await session();
    const tutorSocket = await inRoom(tutor, s.id);
    const clients = await Promise.all(people.slice(0, 4).map((p) => inRoom(p, s.id)));
    const res = await t
      .http()
      .post(`/api/v1/sessions/${s.id}/agenda-step`)
      .set(as(tutor))
      .send({ step: 1 })
      .expect(200);
    expect((res.body as LabSessionView).currentStep).toBe(1);
    for (const client of [tutorSocket, ...clients]) {
      const event = await client.waitFor((e) => e.type === 'session.agenda_step');
      expect(event).toMatchObject({ room: `session:${s.id}`, id: expect.any(String) });
      expect(event.data as AgendaStepEvent).toEqual({
        sessionId: s.id,
        step: 1,
        item: { title: 'Lavoro per gruppi', minutes: 60 },
      });
      // The step is not repeated as a whole `session.updated` to the room (it was 18x the step's size).
      expect(client.inRoom(`session:${s.id}`).filter((e) => e.type === 'session.updated')).toEqual([]);
    }
  });

  it('refuses an agenda step outside the agenda (400), from participants (403), outsiders (403) and unknown sessions (404)', async () => {
    const s = await session();
    const post = (member: TestMember, body: unknown, id = s.id) =>
      t
        .http()
        .post(`/api/v1/sessions/${id}/agenda-step`)
        .set(as(member))
        .send(body as object);
    for (const body of [
      { step: 3 },
      { step: -1 },
      { step: 1.5 },
      { step: '1' },
      {},
      { step: 1, extra: true },
      { step: 1e300 },
    ]) {
      const res = await post(tutor, body);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await post(people[0], { step: 0 })).status).toBe(403);
    expect((await post(outsider, { step: 0 })).status).toBe(403);
    expect((await post(tutor, { step: 0 }, randomUUID())).status).toBe(404);
    expect((await post(tutor, { step: 0 }, 'not-a-uuid')).status).toBe(400);
    expect((await post(admin, { step: 2 })).status).toBe(200);
  });

  it('keeps raised hands in the order raised; the tutor lowers one, a participant cannot', async () => {
    const s = await session();
    const tutorSocket = await inRoom(tutor, s.id);
    const [a, b, c] = await Promise.all(people.slice(0, 3).map((p) => inRoom(p, s.id)));
    for (const [socket, member] of [
      [b, people[1]],
      [a, people[0]],
      [c, people[2]],
    ] as const) {
      const ack = await hand(socket, { sessionId: s.id, raised: true });
      expect(ack.ok).toBe(true);
      void member;
    }
    const order = [people[1].id, people[0].id, people[2].id];
    const signal = await handsAre(tutorSocket, order);
    const hands = (signal.data as { hands: RaisedHand[] }).hands;
    expect(hands[0]).toEqual({
      member: {
        id: people[1].id,
        displayName: 'Partecipante 1',
        organizationName: expect.stringContaining('Comune di Prova'),
      },
      raisedAt: expect.any(String),
    });
    expect(hands.map((h) => h.raisedAt)).toEqual([...hands.map((h) => h.raisedAt)].sort());
    // A re-raise keeps its place.
    const again = await hand(b, { sessionId: s.id, raised: true });
    expect(again.ok && handIds(again.hands)).toEqual(order);
    // A participant cannot lower another's hand, nor raise it.
    expect(await hand(a, { sessionId: s.id, raised: false, memberId: people[2].id })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await hand(tutorSocket, { sessionId: s.id, raised: true, memberId: people[2].id })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    // The tutor lowers one; everyone sees the rest in order.
    const lowered = await hand(tutorSocket, { sessionId: s.id, raised: false, memberId: people[0].id });
    expect(lowered.ok && handIds(lowered.hands)).toEqual([people[1].id, people[2].id]);
    await handsAre(c, [people[1].id, people[2].id]);
    // One lowers their own.
    const own = await hand(b, { sessionId: s.id, raised: false });
    expect(own.ok && handIds(own.hands)).toEqual([people[2].id]);
    await handsAre(a, [people[2].id]);
  });

  it('gives a late joiner the step, the hands, the timer, who is present (with their administration) and the polls', async () => {
    const s = await session();
    const tutorSocket = await inRoom(tutor, s.id);
    const early = await inRoom(people[0], s.id);
    await inRoom(admin, s.id);
    await t.http().post(`/api/v1/sessions/${s.id}/agenda-step`).set(as(tutor)).send({ step: 2 }).expect(200);
    await hand(early, { sessionId: s.id, raised: true });
    const timer = (
      await t.http().post(`/api/v1/sessions/${s.id}/timer`).set(as(tutor)).send({ seconds: 600 }).expect(200)
    ).body as TimerEvent;
    const poll = (
      await t
        .http()
        .post(`/api/v1/sessions/${s.id}/polls`)
        .set(as(tutor))
        .send({ question: 'Da dove partiamo?', options: ['Governance', 'Semplificazione'] })
        .expect(201)
    ).body as PollView;
    await t.http().post(`/api/v1/polls/${poll.id}/votes`).set(as(people[3])).send({ option: 1 }).expect(200);

    const late = await connect(people[3]);
    const state = await joinedState(late, s.id);
    expect(state.currentStep).toBe(2);
    expect(state.session.currentStep).toBe(2);
    expect(handIds(state.hands)).toEqual([people[0].id]);
    expect(state.timerEndsAt).toBe(timer.endsAt);
    expect(state.polls).toEqual([expect.objectContaining({ id: poll.id, totalVotes: 1 })]);
    expect(state.myVotes).toEqual({ [poll.id]: 1 });
    expect(state.present.map((p) => [p.member.id, p.role])).toEqual([
      [tutor.id, 'tutor'],
      [people[0].id, 'participant'],
      [admin.id, 'observer'],
      [people[3].id, 'participant'],
    ]);
    expect(state.present[1].member.organizationName).toContain('Comune di Prova');
    void tutorSocket;
  });

  it('counts two tabs of one member once, with one interval closed when the last tab goes', async () => {
    const s = await session();
    const tutorSocket = await inRoom(tutor, s.id);
    const [tab1, tab2] = [await connect(people[4]), await connect(people[4])];
    const [one, two] = await Promise.all([joinedState(tab1, s.id), joinedState(tab2, s.id)]);
    expect(two.present.filter((p) => p.member.id === people[4].id)).toHaveLength(1);
    expect(one.present.filter((p) => p.member.id === people[4].id)).toHaveLength(1);
    // Joining again on the same socket changes nothing.
    await joinedState(tab1, s.id);
    await presenceWith(tutorSocket, [tutor.id, people[4].id]);
    let mine = (await intervals(s.id)).filter((i) => i.memberId === people[4].id);
    expect(mine).toEqual([{ memberId: people[4].id, startedAt: expect.any(Date), endedAt: null }]);

    expect(await leaveRoom(tab1, s.id)).toEqual({ ok: true });
    mine = (await intervals(s.id)).filter((i) => i.memberId === people[4].id);
    expect(mine).toHaveLength(1);
    expect(mine[0].endedAt).toBeNull();
    // The other tab still counts; its hand stays up until the last tab leaves.
    expect((await hand(tab2, { sessionId: s.id, raised: true })).ok).toBe(true);
    // The first tab is no longer in the room.
    expect(await hand(tab1, { sessionId: s.id, raised: true })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });

    tab2.close();
    mine = await eventually(
      async () => (await intervals(s.id)).filter((i) => i.memberId === people[4].id),
      (rows) => rows.every((row) => row.endedAt !== null),
    );
    expect(mine).toHaveLength(1);
    expect(mine[0].endedAt!.getTime()).toBeGreaterThanOrEqual(mine[0].startedAt.getTime());
    await presenceWith(tutorSocket, [tutor.id]);
    await handsAre(tutorSocket, []);

    // Coming back opens a second interval; leaving closes it.
    const back = await connect(people[4]);
    await joinedState(back, s.id);
    expect(await leaveRoom(back, s.id)).toEqual({ ok: true });
    mine = (await intervals(s.id)).filter((i) => i.memberId === people[4].id);
    expect(mine).toHaveLength(2);
    expect(mine.every((i) => i.endedAt !== null)).toBe(true);
    // Leaving twice is harmless.
    expect(await leaveRoom(back, s.id)).toEqual({ ok: true });
  });

  it('puts a connection recovered after a short drop back in the room', async () => {
    const s = await session();
    const tutorSocket = await inRoom(tutor, s.id);
    const socket = await connectSocket(t.baseUrl, people[3].accessToken, { reconnection: true });
    sockets.push(socket);
    await joinedState(socket, s.id);
    // A member who only follows the room's events (subscribe) is not present after recovery.
    const follower = await connectSocket(t.baseUrl, people[2].accessToken, { reconnection: true });
    sockets.push(follower);
    expect(await follower.subscribe({ room: `session:${s.id}` })).toEqual({ ok: true });
    // Recovery needs an offset: the last broadcast the client received.
    await t.http().post(`/api/v1/sessions/${s.id}/timer`).set(as(tutor)).send({ seconds: 60 }).expect(200);
    await socket.waitFor((e) => e.type === 'session.timer');
    await follower.waitFor((e) => e.type === 'session.timer');

    const reconnected = Promise.all([socket.nextConnect(), follower.nextConnect()]);
    socket.socket.io.engine.close();
    follower.socket.io.engine.close();
    await reconnected;
    expect(socket.socket.recovered).toBe(true);
    expect(follower.socket.recovered).toBe(true);
    const ack = await hand(socket, { sessionId: s.id, raised: true });
    expect(ack.ok && handIds(ack.hands)).toEqual([people[3].id]);
    await presenceWith(tutorSocket, [tutor.id, people[3].id]);
    const late = await joinedState(await connect(people[0]), s.id);
    expect(late.present.map((p) => p.member.id)).toEqual([tutor.id, people[3].id, people[0].id]);
    // The drop shows in the register as two stays, the second still open.
    const mine = (await intervals(s.id)).filter((i) => i.memberId === people[3].id);
    expect(mine.map((i) => i.endedAt === null)).toEqual([false, true]);
  });

  it('takes a member removed from the lab out of the room, closing their stay', async () => {
    const s = await session();
    const member = await newMember(t, { displayName: 'Rita Rimossa' });
    await t
      .http()
      .put(`/api/v1/labs/${lab.id}/participants/${member.id}`)
      .set(as(admin))
      .send({ role: 'participant' })
      .expect(200);
    const tutorSocket = await inRoom(tutor, s.id);
    const socket = await inRoom(member, s.id);
    await presenceWith(tutorSocket, [tutor.id, member.id]);
    await t.http().delete(`/api/v1/labs/${lab.id}/participants/${member.id}`).set(as(admin)).expect(204);
    await presenceWith(tutorSocket, [tutor.id]);
    const rows = await eventually(
      async () => (await intervals(s.id)).filter((i) => i.memberId === member.id),
      (found) => found.every((i) => i.endedAt !== null),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].endedAt).not.toBeNull();
    expect(await hand(socket, { sessionId: s.id, raised: true })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await joinRoom(socket, s.id)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('closes the room when the session ends: nobody present, no hands, no new joins', async () => {
    const s = await session();
    await t.http().patch(`/api/v1/sessions/${s.id}`).set(as(tutor)).send({ status: 'live' }).expect(200);
    const tutorSocket = await inRoom(tutor, s.id);
    const socket = await inRoom(people[1], s.id);
    expect((await hand(socket, { sessionId: s.id, raised: true })).ok).toBe(true);
    await t.http().patch(`/api/v1/sessions/${s.id}`).set(as(tutor)).send({ status: 'ended' }).expect(200);
    await presenceWith(tutorSocket, []);
    await handsAre(tutorSocket, []);
    const rows = await intervals(s.id);
    expect(rows).toHaveLength(2);
    expect(rows.every((i) => i.endedAt !== null)).toBe(true);
    expect(await joinRoom(await connect(people[2]), s.id)).toMatchObject({
      ok: false,
      error: { code: 'session_closed' },
    });
    // Leaving a closed room afterwards is harmless.
    expect(await leaveRoom(socket, s.id)).toEqual({ ok: true });
  });

  it('answers hostile payloads with `invalid`, never a crash', async () => {
    const s = await session();
    const socket = await connect(people[0]);
    const huge = 'x'.repeat(200_000);
    const bad: [string, unknown][] = [
      ['session:join', 'not an object'],
      ['session:join', null],
      ['session:join', [s.id]],
      ['session:join', 42],
      ['session:join', {}],
      ['session:join', { sessionId: 7 }],
      ['session:join', { sessionId: huge }],
      ['session:join', { sessionId: `${s.id}\u0000` }],
      ['session:join', { sessionId: s.id.toUpperCase() }],
      ['session:join', { sessionId: s.id, extra: 'field' }],
      ['session:join', { sessionId: { $ne: null } }],
      ['session:leave', { sessionId: '../etc' }],
      ['session:hand', { sessionId: s.id }],
      ['session:hand', { sessionId: s.id, raised: 'yes' }],
      ['session:hand', { sessionId: s.id, raised: true, memberId: 'nope' }],
      ['session:hand', { sessionId: s.id, raised: true, memberId: huge }],
      ['session:hand', JSON.parse(`{"sessionId":"${s.id}","raised":true,"__proto__":{"admin":true}}`)],
    ];
    for (const [event, body] of bad) {
      expect(await socket.rawWithAck(event, body)).toEqual({
        ok: false,
        error: { code: 'invalid', message: expect.any(String) },
      });
    }
    // A forged member id (a real one, not in the room) by a participant is forbidden, not a crash.
    await joinedState(socket, s.id);
    expect(await hand(socket, { sessionId: s.id, raised: false, memberId: randomUUID() })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(socket.socket.connected).toBe(true);
    expect((await t.http().get('/api/v1/health')).status).toBe(200);
  });

  it('limits how often a member raises and lowers their hand', async () => {
    const s = await session();
    const member = await newMember(t, { displayName: 'Mano Veloce' });
    await t
      .http()
      .put(`/api/v1/labs/${lab.id}/participants/${member.id}`)
      .set(as(admin))
      .send({ role: 'participant' })
      .expect(200);
    const socket = await inRoom(member, s.id);
    const codes: string[] = [];
    for (let i = 0; i < 25; i++) {
      const ack = await hand(socket, { sessionId: s.id, raised: i % 2 === 0 });
      codes.push(ack.ok ? 'ok' : ack.error.code);
    }
    expect(codes.slice(0, 20).every((code) => code === 'ok')).toBe(true);
    expect(codes.slice(20)).toEqual(Array(5).fill('rate_limited'));
  });

  it('sets and clears the countdown for the room (tutor, admin), refused to participants', async () => {
    const s = await session();
    const participant = await inRoom(people[1], s.id);
    const post = (member: TestMember, body: unknown) =>
      t
        .http()
        .post(`/api/v1/sessions/${s.id}/timer`)
        .set(as(member))
        .send(body as object);
    const before = Date.now();
    const set = (await post(tutor, { seconds: 300 }).expect(200)).body as TimerEvent;
    expect(set.sessionId).toBe(s.id);
    expect(new Date(set.endsAt!).getTime()).toBeGreaterThanOrEqual(before + 300_000);
    const event: EventEnvelope = await participant.waitFor((e) => e.type === 'session.timer');
    expect(event.data).toEqual(set);
    const cleared = (await post(admin, { seconds: 0 }).expect(200)).body as TimerEvent;
    expect(cleared).toEqual({ sessionId: s.id, endsAt: null });
    await participant.waitFor((e) => e.type === 'session.timer' && (e.data as TimerEvent).endsAt === null);
    expect((await joinedState(await connect(people[2]), s.id)).timerEndsAt).toBeNull();

    expect((await post(people[1], { seconds: 60 })).status).toBe(403);
    expect((await post(outsider, { seconds: 60 })).status).toBe(403);
    for (const body of [
      { seconds: 4 * 3600 + 1 },
      { seconds: -1 },
      { seconds: 'soon' },
      { seconds: 1.5 },
      {},
    ]) {
      expect((await post(tutor, body)).status).toBe(400);
    }
  });
});
