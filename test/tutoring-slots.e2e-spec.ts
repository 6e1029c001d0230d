import type {
  LabView,
  NotificationView,
  Page,
  TutoringBookingView,
  TutoringSeriesWithSlots,
  TutoringSlotView,
} from '@convergo/contracts';
import { DataSource } from 'typeorm';
import { DEMO_PASSWORD } from '../apps/api/src/modules/demo/demo-accounts';
import { DemoWorldService } from '../apps/api/src/modules/demo/demo-world.service';
import { DEMO_TUTORING_TOPIC } from '../apps/api/src/modules/tutoring/tutoring.demo-data';
import { newMember, type TestMember } from './support/factories';
import { as, newLiveLab } from './support/live-room';
import { connectSocket, type TestSocket } from './support/socket-client';
import { startTestApp, type TestApp } from './support/test-app';

const at = (hours: number) => new Date(Date.UTC(2027, 5, 1, 6) + hours * 3_600_000).toISOString();

describe('tutoring slots and series', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: TestMember;
  let tutor: TestMember;
  let otherTutor: TestMember;
  let labTutor: TestMember;
  let participant: TestMember;
  let member: TestMember;
  let lab: LabView;
  const sockets: TestSocket[] = [];

  const expectProblem = (res: { status: number; body: { code?: string } }, status: number, code: string) =>
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
  const post = (by: TestMember, body: Record<string, unknown>) =>
    t.http().post('/api/v1/tutoring/slots').set(as(by)).send(body);
  const slotCount = async (tutorId: string) =>
    (
      (await db.query(`SELECT count(*)::int AS n FROM tutoring_slots WHERE tutor_id = $1`, [tutorId])) as {
        n: number;
      }[]
    )[0].n;
  const list = async (by: TestMember, query = '') =>
    (await t.http().get(`/api/v1/tutoring/slots?limit=100${query}`).set(as(by)).expect(200))
      .body as Page<TutoringSlotView>;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    [admin, tutor, otherTutor, labTutor, participant, member] = await Promise.all([
      newMember(t, { role: 'admin' }),
      newMember(t, { role: 'tutor' }),
      newMember(t, { role: 'tutor' }),
      newMember(t),
      newMember(t),
      newMember(t),
    ]);
    lab = await newLiveLab(t.baseUrl, admin, { tutors: [labTutor], participants: [participant] });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await t?.close();
  });

  it('who publishes: global tutors (open slots), a lab’s tutors (its slots), admins; nobody else', async () => {
    expectProblem(await post(member, { startsAt: at(1), endsAt: at(2) }), 403, 'tutoring_forbidden');
    expectProblem(await post(labTutor, { startsAt: at(1), endsAt: at(2) }), 403, 'tutoring_forbidden');
    expectProblem(
      await post(tutor, { startsAt: at(1), endsAt: at(2), labId: lab.id }),
      403,
      'tutoring_forbidden',
    );
    expectProblem(
      await post(participant, { startsAt: at(1), endsAt: at(2), labId: lab.id }),
      403,
      'tutoring_forbidden',
    );
    expectProblem(
      await post(admin, { startsAt: at(1), endsAt: at(2), labId: '00000000-0000-4000-8000-000000000000' }),
      404,
      'lab_not_found',
    );
    const open = (
      await post(tutor, {
        startsAt: at(1),
        endsAt: at(2),
        note: '<script>alert(1)</script> Piani di lavoro & **quadri**',
      }).expect(201)
    ).body as TutoringSlotView;
    expect(open).toMatchObject({
      tutor: { id: tutor.id },
      lab: null,
      capacity: 1,
      bookedCount: 0,
      meeting: 'convergo',
      status: 'open',
      icalSequence: 0,
      viewer: { canManage: true, canBook: false, bookingId: null },
    });
    // Stored and returned as text: the web app escapes it.
    expect(open.note).toBe('<script>alert(1)</script> Piani di lavoro & **quadri**');
    const labSlot = (
      await post(labTutor, { startsAt: at(1), endsAt: at(2), labId: lab.id, capacity: 3 }).expect(201)
    ).body as TutoringSlotView;
    expect(labSlot.lab).toEqual({ id: lab.id, title: lab.title });
    await post(admin, { startsAt: at(1), endsAt: at(2) }).expect(201);
  });

  it('bad input is a 400 naming the field, and nothing is stored', async () => {
    const before = await slotCount(otherTutor.id);
    const cases: [Record<string, unknown>, string][] = [
      [{ startsAt: at(10), endsAt: at(9) }, 'endsAt'],
      [{ startsAt: at(10), endsAt: at(10) }, 'endsAt'],
      [{ startsAt: at(10), endsAt: new Date(Date.parse(at(10)) + 5 * 60_000).toISOString() }, 'endsAt'],
      [{ startsAt: at(10), endsAt: at(19) }, 'endsAt'],
      [{ startsAt: at(10), endsAt: at(11), capacity: 0 }, 'capacity'],
      [{ startsAt: at(10), endsAt: at(11), capacity: 51 }, 'capacity'],
      [{ startsAt: at(10), endsAt: at(11), capacity: '2' }, 'capacity'],
      [{ startsAt: at(10), endsAt: at(11), capacity: 1.5 }, 'capacity'],
      [{ startsAt: at(10), endsAt: at(11), meeting: 'online' }, 'onlineUrl'],
      [
        { startsAt: at(10), endsAt: at(11), meeting: 'online', onlineUrl: 'http://meet.example.it/x' },
        'onlineUrl',
      ],
      [
        { startsAt: at(10), endsAt: at(11), meeting: 'online', onlineUrl: 'javascript:alert(1)' },
        'onlineUrl',
      ],
      [{ startsAt: at(10), endsAt: at(11), meeting: 'in_presence' }, 'place'],
      [{ startsAt: at(10), endsAt: at(11), meeting: 'teams' }, 'meeting'],
      [{ startsAt: '2020-01-01T10:00:00Z', endsAt: '2020-01-01T11:00:00Z' }, 'startsAt'],
      [{ startsAt: '2027-06-01T10:00:00', endsAt: at(11) }, 'startsAt'],
      [{ startsAt: at(10), endsAt: at(11), note: 'x'.repeat(1001) }, 'note'],
      [{ startsAt: at(10), endsAt: at(11), place: 'a\u0007b', meeting: 'in_presence' }, 'place'],
      [{ startsAt: at(10), endsAt: at(11), labId: 'lab-1' }, 'labId'],
      [{ startsAt: at(10), endsAt: at(11), tutorId: member.id }, 'tutorId'],
      [{ startsAt: 12, endsAt: at(11) }, 'startsAt'],
      [{ startsAt: '9999-12-31T10:00:00Z', endsAt: '9999-12-31T11:00:00Z' }, 'startsAt'],
    ];
    for (const [body, field] of cases) {
      const res = await post(otherTutor, body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      const fields = ((res.body as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);
      expect({ body, fields }).toEqual({ body, fields: expect.arrayContaining([field]) as unknown });
    }
    expect(await slotCount(otherTutor.id)).toBe(before);
  });

  it('one tutor’s slots never overlap: 409 slot_overlap naming the time; touching and cancelled slots are fine', async () => {
    const first = (await post(otherTutor, { startsAt: at(20), endsAt: at(21) }).expect(201))
      .body as TutoringSlotView;
    const clash = await post(otherTutor, {
      startsAt: new Date(Date.parse(at(20)) + 30 * 60_000).toISOString(),
      endsAt: at(22),
    });
    expectProblem(clash, 409, 'slot_overlap');
    // 2027-06-02 02:00Z is 04:00 in Rome (summer time).
    expect((clash.body as { detail: string }).detail).toContain('2027-06-02 04:00–05:00');
    await post(otherTutor, { startsAt: at(21), endsAt: at(22) }).expect(201);
    // Another tutor may hold the same hour.
    await post(tutor, { startsAt: at(20), endsAt: at(21) }).expect(201);
    // Moving a slot onto another is refused too.
    const later = (await post(otherTutor, { startsAt: at(30), endsAt: at(31) }).expect(201))
      .body as TutoringSlotView;
    expectProblem(
      await t
        .http()
        .patch(`/api/v1/tutoring/slots/${later.id}`)
        .set(as(otherTutor))
        .send({ startsAt: at(20), endsAt: at(21) }),
      409,
      'slot_overlap',
    );
    await t.http().post(`/api/v1/tutoring/slots/${first.id}/cancel`).set(as(otherTutor)).send({}).expect(200);
    await post(otherTutor, { startsAt: at(20), endsAt: at(21) }).expect(201);
  });

  it('the database refuses overlaps created at the same instant: of 6 concurrent ones exactly one is stored', async () => {
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        post(otherTutor, {
          startsAt: new Date(Date.parse(at(40)) + i * 10 * 60_000).toISOString(),
          endsAt: at(41 + i),
        }),
      ),
    );
    expect(answers.filter((res) => res.status === 201)).toHaveLength(1);
    for (const res of answers.filter((r) => r.status !== 201)) expectProblem(res, 409, 'slot_overlap');
    const [row] = (await db.query(
      `SELECT count(*)::int AS n FROM tutoring_slots WHERE tutor_id = $1 AND status = 'open'
          AND tstzrange(starts_at, ends_at) && tstzrange($2::timestamptz, $3::timestamptz)`,
      [otherTutor.id, at(40), at(47)],
    )) as { n: number }[];
    expect(row.n).toBe(1);
  });

  it('who sees what: open slots to all, lab slots to the lab, cancelled ones to their tutor and bookers', async () => {
    const open = (await post(tutor, { startsAt: at(60), endsAt: at(61), capacity: 2 }).expect(201))
      .body as TutoringSlotView;
    const labSlot = (await post(labTutor, { startsAt: at(60), endsAt: at(61), labId: lab.id }).expect(201))
      .body as TutoringSlotView;
    const cancelled = (await post(tutor, { startsAt: at(62), endsAt: at(63) }).expect(201))
      .body as TutoringSlotView;
    await t.http().post(`/api/v1/tutoring/slots/${cancelled.id}/cancel`).set(as(tutor)).send({}).expect(200);

    const ids = (page: Page<TutoringSlotView>) => page.items.map((s) => s.id);
    const range = `&from=${encodeURIComponent(at(59))}&to=${encodeURIComponent(at(64))}`;
    expect(ids(await list(member, range))).toEqual([open.id]);
    // Both start at the same time: ties are ordered by id.
    expect(ids(await list(participant, range))).toEqual([open.id, labSlot.id].sort());
    expect(ids(await list(tutor, range))).toEqual([open.id, cancelled.id]);
    expect(ids(await list(admin, range)).sort()).toEqual([open.id, labSlot.id, cancelled.id].sort());
    expect(ids(await list(member, `${range}&labId=${lab.id}`))).toEqual([]);
    expect(ids(await list(participant, `${range}&tutorId=${labTutor.id}`))).toEqual([labSlot.id]);

    expectProblem(
      await t.http().get(`/api/v1/tutoring/slots/${labSlot.id}`).set(as(member)),
      403,
      'tutoring_forbidden',
    );
    expectProblem(
      await t.http().get(`/api/v1/tutoring/slots/${cancelled.id}`).set(as(member)),
      403,
      'tutoring_forbidden',
    );
    const seen = (await t.http().get(`/api/v1/tutoring/slots/${labSlot.id}`).set(as(participant)).expect(200))
      .body as TutoringSlotView;
    expect(seen.viewer).toEqual({ bookingId: null, canManage: false, canBook: true });

    // `available`: bookable now by the asker.
    const booking = (
      await t.http().post(`/api/v1/tutoring/slots/${open.id}/bookings`).set(as(member)).send({}).expect(201)
    ).body as TutoringBookingView;
    expect(ids(await list(member, `${range}&available=true`))).toEqual([]);
    const mine = (await t.http().get(`/api/v1/tutoring/slots/${open.id}`).set(as(member)).expect(200))
      .body as TutoringSlotView;
    expect(mine.viewer).toEqual({ bookingId: booking.id, canManage: false, canBook: false });
    expect(ids(await list(participant, `${range}&available=true`))).toEqual([open.id, labSlot.id].sort());

    // Pages follow the start order; a forged cursor or a reversed range is a 400.
    const page1 = (await t.http().get(`/api/v1/tutoring/slots?limit=1${range}`).set(as(admin)).expect(200))
      .body as Page<TutoringSlotView>;
    const page2 = (
      await t
        .http()
        .get(`/api/v1/tutoring/slots?limit=1${range}&cursor=${page1.nextCursor}`)
        .set(as(admin))
        .expect(200)
    ).body as Page<TutoringSlotView>;
    expect(page2.items[0].startsAt >= page1.items[0].startsAt).toBe(true);
    expect(page2.items[0].id).not.toBe(page1.items[0].id);
    expectProblem(
      await t.http().get('/api/v1/tutoring/slots?cursor=abc').set(as(admin)),
      400,
      'invalid_cursor',
    );
    // A well-formed cursor whose position overflows PostgreSQL's bigint is refused too, not a 500.
    const forged = Buffer.from(JSON.stringify(['9999999999999999999', open.id])).toString('base64url');
    for (const path of ['/api/v1/tutoring/slots', '/api/v1/me/tutoring/bookings']) {
      expectProblem(await t.http().get(`${path}?cursor=${forged}`).set(as(admin)), 400, 'invalid_cursor');
    }
    expectProblem(
      await t
        .http()
        .get(`/api/v1/tutoring/slots?from=${encodeURIComponent(at(64))}&to=${encodeURIComponent(at(59))}`)
        .set(as(admin)),
      400,
      'validation_failed',
    );
    expectProblem(
      await t.http().get('/api/v1/tutoring/slots?available=maybe').set(as(admin)),
      400,
      'validation_failed',
    );
  });

  it('a weekly series across the DST change: 10:00 in Rome stays 10:00, the UTC hour moves; exceptions skipped', async () => {
    const res = await t
      .http()
      .post('/api/v1/tutoring/series')
      .set(as(tutor))
      .send({
        firstStartsAt: '2027-03-16T10:00:00+01:00',
        durationMinutes: 60,
        count: 5,
        exceptions: ['2027-03-23'],
        capacity: 2,
        meeting: 'online',
        onlineUrl: 'https://meet.jit.si/ricevimento',
      });
    expect(res.status).toBe(201);
    const created = res.body as TutoringSeriesWithSlots;
    expect(created.series).toMatchObject({
      rrule: 'FREQ=WEEKLY;INTERVAL=1;WKST=MO;BYDAY=TU;COUNT=5',
      timeZone: 'Europe/Rome',
      startTime: '10:00',
      firstDate: '2027-03-16',
      exceptions: ['2027-03-23'],
      slotCount: 4,
      status: 'active',
    });
    expect(created.slots.map((s) => s.startsAt)).toEqual([
      '2027-03-16T09:00:00.000Z',
      '2027-03-30T08:00:00.000Z',
      '2027-04-06T08:00:00.000Z',
      '2027-04-13T08:00:00.000Z',
    ]);
    expect(created.slots.every((s) => s.seriesId === created.series.id && s.capacity === 2)).toBe(true);

    // Skipping a date cancels its slot and tells its bookers.
    const booking = (
      await t
        .http()
        .post(`/api/v1/tutoring/slots/${created.slots[1].id}/bookings`)
        .set(as(member))
        .send({})
        .expect(201)
    ).body as TutoringBookingView;
    const skipped = (
      await t
        .http()
        .post(`/api/v1/tutoring/series/${created.series.id}/exceptions`)
        .set(as(tutor))
        .send({ date: '2027-03-30', reason: 'Pasquetta' })
        .expect(200)
    ).body as TutoringSeriesWithSlots;
    expect(skipped.series.exceptions).toEqual(['2027-03-23', '2027-03-30']);
    expect(skipped.series.slotCount).toBe(3);
    expect(skipped.slots.find((s) => s.id === booking.slotId)).toMatchObject({
      status: 'cancelled',
      cancelReason: 'Pasquetta',
    });
    const notes = (await t.http().get('/api/v1/notifications?limit=50').set(as(member)).expect(200))
      .body as Page<NotificationView>;
    expect(
      notes.items.some((n) => n.kind === 'tutoring_slot_cancelled' && n.data.bookingId === booking.id),
    ).toBe(true);

    expectProblem(
      await t
        .http()
        .post(`/api/v1/tutoring/series/${created.series.id}/exceptions`)
        .set(as(member))
        .send({ date: '2027-04-06' }),
      403,
      'tutoring_forbidden',
    );
    for (const date of ['2020-01-07', '2027-02-30', '30/03/2027']) {
      expectProblem(
        await t
          .http()
          .post(`/api/v1/tutoring/series/${created.series.id}/exceptions`)
          .set(as(tutor))
          .send({ date }),
        400,
        'validation_failed',
      );
    }
    const read = (
      await t.http().get(`/api/v1/tutoring/series/${created.series.id}`).set(as(member)).expect(200)
    ).body as TutoringSeriesWithSlots;
    expect(read.series.id).toBe(created.series.id);

    const ended = (
      await t
        .http()
        .post(`/api/v1/tutoring/series/${created.series.id}/cancel`)
        .set(as(tutor))
        .send({})
        .expect(200)
    ).body as TutoringSeriesWithSlots;
    expect(ended.series).toMatchObject({ status: 'cancelled', slotCount: 0 });
    expectProblem(
      await t.http().post(`/api/v1/tutoring/series/${created.series.id}/cancel`).set(as(tutor)).send({}),
      409,
      'series_cancelled',
    );
  });

  it('the October change too, until a date', async () => {
    const created = (
      await t
        .http()
        .post('/api/v1/tutoring/series')
        .set(as(otherTutor))
        .send({ firstStartsAt: '2027-10-19T10:00:00+02:00', durationMinutes: 60, until: '2027-11-02' })
        .expect(201)
    ).body as TutoringSeriesWithSlots;
    expect(created.slots.map((s) => s.startsAt)).toEqual([
      '2027-10-19T08:00:00.000Z',
      '2027-10-26T08:00:00.000Z',
      '2027-11-02T09:00:00.000Z',
    ]);
  });

  it('a series overlapping a slot is refused whole (409 naming the date); bad rules are 400s; nothing stored', async () => {
    await post(otherTutor, {
      startsAt: '2027-09-14T10:30:00+02:00',
      endsAt: '2027-09-14T11:30:00+02:00',
    }).expect(201);
    const seriesBefore = (
      (await db.query(`SELECT count(*)::int AS n FROM tutoring_series`)) as { n: number }[]
    )[0].n;
    const slotsBefore = await slotCount(otherTutor.id);
    const clash = await t
      .http()
      .post('/api/v1/tutoring/series')
      .set(as(otherTutor))
      .send({ firstStartsAt: '2027-09-07T10:00:00+02:00', durationMinutes: 60, count: 4 });
    expectProblem(clash, 409, 'slot_overlap');
    expect((clash.body as { detail: string }).detail).toContain('2027-09-14');
    const bad: Record<string, unknown>[] = [
      { firstStartsAt: '2027-09-07T10:00:00+02:00', durationMinutes: 60 },
      { firstStartsAt: '2027-09-07T10:00:00+02:00', durationMinutes: 60, count: 3, until: '2027-10-01' },
      { firstStartsAt: '2027-09-07T10:00:00+02:00', durationMinutes: 60, count: 53 },
      { firstStartsAt: '2027-09-07T10:00:00+02:00', durationMinutes: 5, count: 3 },
      { firstStartsAt: '2027-09-07T10:00:00+02:00', durationMinutes: 60, until: '2029-01-01' },
      { firstStartsAt: '2027-09-07T10:00:00+02:00', durationMinutes: 60, until: '2027-02-30' },
      { firstStartsAt: '2027-09-07T10:00:00+02:00', durationMinutes: 60, count: 3, weekdays: ['XX'] },
      { firstStartsAt: '2027-09-07T10:00:00+02:00', durationMinutes: 60, count: 3, intervalWeeks: 9 },
      { firstStartsAt: '2020-09-07T10:00:00+02:00', durationMinutes: 60, count: 3 },
      { firstStartsAt: '9999-12-20T10:00:00Z', durationMinutes: 60, count: 5 },
      {
        firstStartsAt: '2027-09-07T10:00:00+02:00',
        durationMinutes: 60,
        count: 3,
        exceptions: ['0000-01-01'],
      },
      {
        firstStartsAt: '2027-09-07T10:00:00+02:00',
        durationMinutes: 60,
        count: 3,
        exceptions: ['7 settembre'],
      },
    ];
    for (const body of bad) {
      const res = await t.http().post('/api/v1/tutoring/series').set(as(otherTutor)).send(body);
      expect({ body, status: res.status, code: (res.body as { code: string }).code }).toEqual({
        body,
        status: 400,
        code: 'validation_failed',
      });
    }
    expectProblem(
      await t
        .http()
        .post('/api/v1/tutoring/series')
        .set(as(member))
        .send({ firstStartsAt: '2027-09-07T10:00:00+02:00', durationMinutes: 60, count: 2 }),
      403,
      'tutoring_forbidden',
    );
    expect(((await db.query(`SELECT count(*)::int AS n FROM tutoring_series`)) as { n: number }[])[0].n).toBe(
      seriesBefore,
    );
    expect(await slotCount(otherTutor.id)).toBe(slotsBefore);
  });

  it('live: open slots reach every member in `tutoring`, a lab’s slots its room', async () => {
    const socket = await connectSocket(t.baseUrl, member.accessToken);
    sockets.push(socket);
    expect(await socket.subscribe({ room: 'tutoring' })).toEqual({ ok: true });
    const labSocket = await connectSocket(t.baseUrl, participant.accessToken);
    sockets.push(labSocket);
    expect(await labSocket.subscribe({ room: `lab:${lab.id}` })).toEqual({ ok: true });
    const open = (await post(tutor, { startsAt: at(80), endsAt: at(81) }).expect(201))
      .body as TutoringSlotView;
    const labSlot = (await post(labTutor, { startsAt: at(80), endsAt: at(81), labId: lab.id }).expect(201))
      .body as TutoringSlotView;
    const created = await socket.waitFor(
      (e) => e.type === 'tutoring.slot_created' && (e.data as TutoringSlotView).id === open.id,
    );
    expect(created.room).toBe('tutoring');
    await labSocket.waitFor(
      (e) => e.type === 'tutoring.slot_created' && (e.data as TutoringSlotView).id === labSlot.id,
    );
    expect(socket.received.some((e) => (e.data as { id?: string }).id === labSlot.id)).toBe(false);
  });
  it('demo world: the demo tutor’s Tuesday series and a lab slot, one booking with a topic; loading twice adds nothing', async () => {
    await t.app.get(DemoWorldService).load();
    await t.app.get(DemoWorldService).load();
    const login = async (email: string) =>
      (await t.http().post('/api/v1/auth/login').send({ email, password: DEMO_PASSWORD }).expect(200))
        .body as {
        accessToken: string;
        member: { id: string };
      };
    const demoTutor = await login('tutor@convergo.demo');
    const official = await login('funzionaria.bari@convergo.demo');
    const slots = (
      await t
        .http()
        .get(`/api/v1/tutoring/slots?limit=100&tutorId=${demoTutor.member.id}`)
        .set({ authorization: `Bearer ${demoTutor.accessToken}` })
        .expect(200)
    ).body as Page<TutoringSlotView>;
    const weekly = slots.items.filter((s) => s.seriesId !== null);
    expect(weekly).toHaveLength(8);
    for (const slot of weekly) {
      expect(slot.capacity).toBe(2);
      const rome = new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/Rome',
        weekday: 'short',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(new Date(slot.startsAt));
      expect(rome).toBe('Tue 10:00');
    }
    expect(slots.items.filter((s) => s.lab !== null)).toHaveLength(1);
    const mine = (
      await t
        .http()
        .get('/api/v1/me/tutoring/bookings')
        .set({ authorization: `Bearer ${official.accessToken}` })
        .expect(200)
    ).body as Page<TutoringBookingView>;
    expect(mine.items.map((b) => [b.topic, b.slot.tutor.id])).toEqual([
      [DEMO_TUTORING_TOPIC, demoTutor.member.id],
    ]);
  });
});
