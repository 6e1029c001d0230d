import {
  TUTORING_LIMITS,
  type EventEnvelope,
  type Page,
  type TutoringBookingView,
  type TutoringJoinAck,
  type TutoringMessageView,
  type TutoringPresenceSignal,
  type TutoringSlotView,
} from '@convergo/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { TutoringMeetingHeartbeat } from '../apps/api/src/modules/tutoring/meeting/tutoring-meeting-heartbeat';
import { newMember, type TestMember } from './support/factories';
import { as } from './support/live-room';
import { connectSocket, type TestSocket } from './support/socket-client';
import { startTestApp, type TestApp } from './support/test-app';

/** A start `hours` hours after a fixed future base, so slots of one tutor never overlap. */
const at = (hours: number) => new Date(Date.UTC(2027, 2, 1, 8) + hours * 3_600_000).toISOString();

type Joined = Extract<TutoringJoinAck, { ok: true }>;

describe('tutoring meeting room', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: TestMember;
  let tutor: TestMember;
  let paola: TestMember;
  let carlo: TestMember;
  let outsider: TestMember;
  let slot: TutoringSlotView;
  let nextHour = 0;
  const sockets: TestSocket[] = [];

  const expectProblem = (
    res: { status: number; headers: Record<string, string>; body: { code?: string } },
    status: number,
    code?: string,
  ) => {
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code: code ?? res.body.code });
    expect(res.headers['content-type']).toContain('application/problem+json');
  };
  const newSlot = async (body: Record<string, unknown> = {}): Promise<TutoringSlotView> => {
    nextHour += 2;
    const res = await t
      .http()
      .post('/api/v1/tutoring/slots')
      .set(as(tutor))
      .send({ startsAt: at(nextHour), endsAt: at(nextHour + 1), capacity: 3, ...body });
    expect(res.status).toBe(201);
    return res.body as TutoringSlotView;
  };
  const book = async (member: TestMember, slotId: string): Promise<TutoringBookingView> =>
    (
      await t
        .http()
        .post(`/api/v1/tutoring/slots/${slotId}/bookings`)
        .set(as(member))
        .send({ topic: 'Piano di lavoro' })
        .expect(201)
    ).body as TutoringBookingView;
  const post = (member: TestMember, body: unknown, slotId = slot.id) =>
    t.http().post(`/api/v1/tutoring/slots/${slotId}/messages`).set(as(member)).send({ body });
  const page = async (member: TestMember, slotId: string, query = '') =>
    (await t.http().get(`/api/v1/tutoring/slots/${slotId}/messages${query}`).set(as(member)).expect(200))
      .body as Page<TutoringMessageView>;
  const countMessages = async () =>
    Number(((await db.query(`SELECT count(*) AS n FROM tutoring_messages`)) as { n: string }[])[0].n);
  const socketOf = async (member: TestMember) => {
    const socket = await connectSocket(t.baseUrl, member.accessToken);
    sockets.push(socket);
    return socket;
  };
  const join = (socket: TestSocket, slotId: string = slot.id) =>
    socket.rawWithAck('tutoring:join', { slotId }) as Promise<TutoringJoinAck>;
  const joined = async (socket: TestSocket, slotId: string = slot.id): Promise<Joined['state']> => {
    const ack = await join(socket, slotId);
    expect(ack).toMatchObject({ ok: true });
    return (ack as Joined).state;
  };
  const names = (present: { displayName: string }[]) => present.map((m) => m.displayName);
  /** The next presence signal of the slot whose list is `expected` (by name). */
  const presenceOf = async (socket: TestSocket, expected: string[], slotId: string = slot.id) => {
    const signal = (await socket.waitFor((e) => {
      const s = e as unknown as TutoringPresenceSignal;
      return (
        s.type === 'tutoring.presence' &&
        s.data.slotId === slotId &&
        JSON.stringify(names(s.data.present)) === JSON.stringify(expected)
      );
    })) as unknown as TutoringPresenceSignal;
    expect(signal.room).toBe(`tutoring_slot:${slotId}`);
    // Ephemeral: state, not history.
    expect(signal).not.toHaveProperty('id');
    return signal;
  };

  beforeAll(async () => {
    // Member budgets on: the chat limit is part of what is tested.
    t = await startTestApp({ env: { RATE_LIMIT_DISABLED: 'false' } });
    db = t.app.get(DataSource);
    [admin, tutor, paola, carlo, outsider] = await Promise.all([
      newMember(t, { role: 'admin', displayName: 'Anna Admin' }),
      newMember(t, { role: 'tutor', displayName: 'Tina Tutor' }),
      newMember(t, { displayName: 'Paola Funzionaria' }),
      newMember(t, { displayName: 'Carlo Collega' }),
      newMember(t, { displayName: 'Omar Esterno' }),
    ]);
    slot = await newSlot();
    await book(paola, slot.id);
    await book(carlo, slot.id);
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers tutoring:join with the slot, who is present and the chat; presence reaches the other party', async () => {
    await post(paola, 'Buongiorno, ho preparato le domande').expect(201);
    const tina = await socketOf(tutor);
    const first = await joined(tina);
    expect(first.slot).toMatchObject({ id: slot.id, meeting: 'convergo', status: 'open' });
    expect(first.slot.viewer).toMatchObject({ canManage: true });
    expect(first.present).toEqual([{ id: tutor.id, displayName: 'Tina Tutor', organizationName: null }]);
    expect(first.messages.map((m) => m.body)).toEqual(['Buongiorno, ho preparato le domande']);

    const paolaSocket = await socketOf(paola);
    const second = await joined(paolaSocket);
    expect(names(second.present)).toEqual(['Tina Tutor', 'Paola Funzionaria']);
    expect(second.slot.viewer?.bookingId).toEqual(expect.any(String));
    await presenceOf(tina, ['Tina Tutor', 'Paola Funzionaria']);

    // A second tab of the same member counts once; joining twice on one socket is idempotent.
    const paolaTab = await socketOf(paola);
    expect(names((await joined(paolaTab)).present)).toEqual(['Tina Tutor', 'Paola Funzionaria']);
    expect(names((await joined(paolaTab)).present)).toEqual(['Tina Tutor', 'Paola Funzionaria']);

    // An admin may enter too.
    const anna = await socketOf(admin);
    expect(names((await joined(anna)).present)).toEqual(['Tina Tutor', 'Paola Funzionaria', 'Anna Admin']);
    await presenceOf(paolaSocket, ['Tina Tutor', 'Paola Funzionaria', 'Anna Admin']);
    tina.received.splice(0);
    anna.close();
    await presenceOf(tina, ['Tina Tutor', 'Paola Funzionaria']);

    // One tab leaving keeps her present; leaving with the last one takes her out.
    expect(await paolaTab.rawWithAck('tutoring:leave', { slotId: slot.id })).toEqual({ ok: true });
    tina.received.splice(0);
    paolaSocket.close();
    await presenceOf(tina, ['Tina Tutor']);
    expect(await db.query(`SELECT count(*)::int AS n FROM tutoring_meeting_connections`)).toEqual([{ n: 1 }]);
    // Nothing of presence is stored in the events table.
    expect(await db.query(`SELECT count(*)::int AS n FROM events WHERE type = 'tutoring.presence'`)).toEqual([
      { n: 0 },
    ]);
  });

  it('delivers a message live over socket.io to the other party, through the outbox', async () => {
    const carloSocket = await socketOf(carlo);
    await joined(carloSocket);
    const res = await post(tutor, 'Partiamo dal **quadro logico**: https://example.org/ql');
    expect(res.status).toBe(201);
    const message = res.body as TutoringMessageView;
    expect(message).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      slotId: slot.id,
      author: { id: tutor.id, displayName: 'Tina Tutor', organizationName: null },
      body: 'Partiamo dal **quadro logico**: https://example.org/ql',
      bodyHtml:
        '<p>Partiamo dal <strong>quadro logico</strong>: <a href="https://example.org/ql" rel="nofollow noopener noreferrer ugc" target="_blank">https://example.org/ql</a></p>\n',
      createdAt: expect.any(String),
    });
    const event = await carloSocket.waitFor((e) => e.type === 'tutoring.message');
    expect(event).toMatchObject({ room: `tutoring_slot:${slot.id}`, id: expect.any(String) });
    expect(event.data).toEqual(message);
    // Stored: catch-up gives it to a client that was away.
    const catchUp = await t
      .http()
      .get(`/api/v1/events?room=tutoring_slot:${slot.id}&after=0`)
      .set(as(paola))
      .expect(200);
    expect((catchUp.body as { items: EventEnvelope[] }).items.map((e) => e.type)).toContain(
      'tutoring.message',
    );
  });

  it('keeps outsiders out of the room, its chat and its events', async () => {
    const omar = await socketOf(outsider);
    expect(await join(omar)).toEqual({
      ok: false,
      error: { code: 'forbidden', message: expect.any(String) },
    });
    expect(await join(omar, randomUUID())).toEqual({
      ok: false,
      error: { code: 'not_found', message: expect.any(String) },
    });
    expect(await omar.subscribe({ room: `tutoring_slot:${slot.id}` })).toMatchObject({ ok: false });
    expectProblem(await post(outsider, 'Posso entrare?'), 403, 'tutoring_forbidden');
    expectProblem(
      await t.http().get(`/api/v1/tutoring/slots/${slot.id}/messages`).set(as(outsider)),
      403,
      'tutoring_forbidden',
    );
    expectProblem(await post(paola, 'ciao', randomUUID()), 404, 'tutoring_slot_not_found');
    expectProblem(
      await t.http().get(`/api/v1/tutoring/slots/${randomUUID()}/messages`).set(as(paola)),
      404,
      'tutoring_slot_not_found',
    );
    // Nothing reached the outsider's socket.
    await post(tutor, 'Solo per chi ha prenotato').expect(201);
    const tina = await socketOf(tutor);
    await joined(tina);
    expect(omar.received.filter((e) => e.room === `tutoring_slot:${slot.id}`)).toEqual([]);
  });

  it('takes a booker out of the room when their booking is cancelled', async () => {
    const other = await newSlot();
    const booking = await book(outsider, other.id);
    const tina = await socketOf(tutor);
    await joined(tina, other.id);
    const omar = await socketOf(outsider);
    expect(names((await joined(omar, other.id)).present)).toEqual(['Tina Tutor', 'Omar Esterno']);
    await presenceOf(tina, ['Tina Tutor', 'Omar Esterno'], other.id);
    tina.received.splice(0);
    await t.http().delete(`/api/v1/tutoring/bookings/${booking.id}`).set(as(outsider)).expect(204);
    await presenceOf(tina, ['Tina Tutor'], other.id);
    expect(await join(omar, other.id)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expectProblem(await post(outsider, 'ancora qui?', other.id), 403, 'tutoring_forbidden');
  });

  it('sanitises the rendered HTML: no scripts, javascript: links or event handlers', async () => {
    const body = [
      '<script>alert(1)</script>',
      '[clicca](javascript:alert(1)) [dati](data:text/html;base64,PHNjcmlwdD4=)',
      '<img src=x onerror=alert(3)>',
      '<a href="javascript:alert(4)" onclick="alert(5)">link</a>',
      '<svg onload=alert(6)>',
    ].join('\n\n');
    const res = await post(paola, body);
    expect(res.status).toBe(201);
    const { bodyHtml } = res.body as TutoringMessageView;
    expect(bodyHtml).not.toMatch(/<script/i);
    expect(bodyHtml).not.toMatch(/<img/i);
    expect(bodyHtml).not.toMatch(/<svg/i);
    expect(bodyHtml).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
    // No real link survives: the unsafe ones are text.
    expect([...bodyHtml.matchAll(/<a\s[^>]*href="([^"]*)"/gi)]).toEqual([]);
    expect(bodyHtml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('refuses empty, oversize, NUL and wrongly typed messages with 400, storing nothing', async () => {
    const before = await countMessages();
    const cases: unknown[] = [
      '',
      ' \n\t ',
      'ciao\u0000',
      'ciao \ud800 mondo',
      'x'.repeat(TUTORING_LIMITS.message + 1),
      42,
      null,
      ['ciao'],
      { html: '<b>x</b>' },
    ];
    for (const body of cases) {
      const res = await post(paola, body);
      expect({ body: JSON.stringify(body)?.slice(0, 20), status: res.status }).toEqual({
        body: JSON.stringify(body)?.slice(0, 20),
        status: 400,
      });
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    await post(paola, 'x'.repeat(TUTORING_LIMITS.message)).expect(201);
    expect(await countMessages()).toBe(before + 1);
    // Unknown fields and a forged id are refused too.
    const extra = await t
      .http()
      .post(`/api/v1/tutoring/slots/${slot.id}/messages`)
      .set(as(paola))
      .send({ body: 'ciao', authorId: tutor.id });
    expectProblem(extra, 400);
    expectProblem(await post(paola, 'ciao', 'not-a-uuid'), 400);
  });

  it('refuses malformed tutoring:join and tutoring:leave payloads as invalid', async () => {
    const socket = await socketOf(paola);
    for (const payload of [
      'x',
      null,
      42,
      [slot.id],
      {},
      { slotId: 7 },
      { slotId: slot.id.toUpperCase() },
      { slotId: `${slot.id}\u0000` },
      { slotId: slot.id, extra: true },
      { slotId: 'x'.repeat(100_000) },
    ]) {
      expect(await socket.rawWithAck('tutoring:join', payload)).toMatchObject({
        ok: false,
        error: { code: 'invalid' },
      });
      expect(await socket.rawWithAck('tutoring:leave', payload)).toMatchObject({
        ok: false,
        error: { code: 'invalid' },
      });
    }
  });

  it('pages the chat newest first, each page oldest to newest', async () => {
    const chat = await newSlot();
    await book(paola, chat.id);
    for (let i = 1; i <= 5; i += 1) await post(i % 2 ? paola : tutor, `riga ${i}`, chat.id).expect(201);
    const first = await page(tutor, chat.id, '?limit=2');
    expect(first.items.map((m) => m.body)).toEqual(['riga 4', 'riga 5']);
    const second = await page(paola, chat.id, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((m) => m.body)).toEqual(['riga 2', 'riga 3']);
    const third = await page(admin, chat.id, `?limit=2&cursor=${second.nextCursor}`);
    expect(third).toEqual({ items: [expect.objectContaining({ body: 'riga 1' })], nextCursor: null });
    expectProblem(
      await t.http().get(`/api/v1/tutoring/slots/${chat.id}/messages?cursor=forged`).set(as(tutor)),
      400,
      'invalid_cursor',
    );
    expectProblem(
      await t.http().get(`/api/v1/tutoring/slots/${chat.id}/messages?limit=0`).set(as(tutor)),
      400,
    );
  });

  it('closes the room of a cancelled slot (409) and has none for a slot meeting elsewhere', async () => {
    const cancelled = await newSlot();
    await book(paola, cancelled.id);
    await post(paola, 'Ci vediamo giovedì', cancelled.id).expect(201);
    await t
      .http()
      .post(`/api/v1/tutoring/slots/${cancelled.id}/cancel`)
      .set(as(tutor))
      .send({ reason: 'Malattia' })
      .expect(200);
    expectProblem(await post(tutor, 'Annullato, scusate', cancelled.id), 409, 'slot_cancelled');
    const tina = await socketOf(tutor);
    expect(await join(tina, cancelled.id)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    // The history stays readable by the tutor.
    expect((await page(tutor, cancelled.id)).items.map((m) => m.body)).toEqual(['Ci vediamo giovedì']);

    const online = await newSlot({ meeting: 'online', onlineUrl: 'https://meet.example.it/tutor' });
    await book(paola, online.id);
    expectProblem(await post(paola, 'ciao', online.id), 409, 'no_meeting_room');
    expect(await join(tina, online.id)).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });

  it('shows members connected through another process, and sweeps them when that process stops beating', async () => {
    const shared = await newSlot();
    await book(carlo, shared.id);
    // Carlo is in the room through another API process (its own process id), last seen long ago.
    await db.query(
      `INSERT INTO tutoring_meeting_connections (socket_id, slot_id, member_id, process_id, joined_at, last_seen_at)
       VALUES ('other-process-socket', $1, $2, $3, now() - interval '1 hour', now() - interval '1 hour')`,
      [shared.id, carlo.id, randomUUID()],
    );
    const tina = await socketOf(tutor);
    expect(names((await joined(tina, shared.id)).present)).toEqual(['Carlo Collega', 'Tina Tutor']);
    await t.app.get(TutoringMeetingHeartbeat).beat();
    await presenceOf(tina, ['Tina Tutor'], shared.id);
    // This process's own connection was confirmed, not swept.
    expect(
      await db.query(`SELECT member_id AS "memberId" FROM tutoring_meeting_connections WHERE slot_id = $1`, [
        shared.id,
      ]),
    ).toEqual([{ memberId: tutor.id }]);
  });

  it('limits a member to 20 lines a minute in one room (429)', async () => {
    const busy = await newSlot();
    await book(carlo, busy.id);
    for (let i = 0; i < 20; i += 1) await post(carlo, `messaggio ${i}`, busy.id).expect(201);
    const res = await post(carlo, 'uno di troppo', busy.id);
    expectProblem(res, 429, 'rate_limited');
    expect(res.headers['retry-after']).toEqual(expect.any(String));
    // The other party's budget is their own.
    await post(tutor, 'Rallentiamo un attimo', busy.id).expect(201);
  });
});
