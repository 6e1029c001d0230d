import type {
  EventEnvelope,
  LabView,
  NotificationView,
  Page,
  TutoringBookingView,
  TutoringSlotView,
} from '@convergo/contracts';
import { DataSource } from 'typeorm';
import { TutoringService } from '../apps/api/src/modules/tutoring/tutoring.service';
import { newMember, type TestMember } from './support/factories';
import { as, newLiveLab } from './support/live-room';
import { connectSocket, type TestSocket } from './support/socket-client';
import { startTestApp, type TestApp } from './support/test-app';

/** A start `hours` hours after a fixed future base, so slots of one tutor never overlap by accident. */
const at = (hours: number) => new Date(Date.UTC(2027, 1, 1, 8) + hours * 3_600_000).toISOString();

describe('tutoring bookings', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: TestMember;
  let tutor: TestMember;
  let labTutor: TestMember;
  let officials: TestMember[];
  let participant: TestMember;
  let outsider: TestMember;
  let lab: LabView;
  let nextHour = 0;
  const sockets: TestSocket[] = [];

  const expectProblem = (res: { status: number; body: { code?: string } }, status: number, code: string) =>
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
  const newSlot = async (
    body: Record<string, unknown> = {},
    by: TestMember = tutor,
  ): Promise<TutoringSlotView> => {
    nextHour += 2;
    const res = await t
      .http()
      .post('/api/v1/tutoring/slots')
      .set(as(by))
      .send({ startsAt: at(nextHour), endsAt: at(nextHour + 1), ...body });
    expect(res.status).toBe(201);
    return res.body as TutoringSlotView;
  };
  const book = (member: TestMember, slotId: string, body: Record<string, unknown> = {}) =>
    t.http().post(`/api/v1/tutoring/slots/${slotId}/bookings`).set(as(member)).send(body);
  const dbCounts = async (slotId: string) => {
    const [row] = (await db.query(
      `SELECT s.booked_count AS "bookedCount",
              (SELECT count(*)::int FROM tutoring_bookings b WHERE b.slot_id = s.id AND b.status = 'booked') AS active
         FROM tutoring_slots s WHERE s.id = $1`,
      [slotId],
    )) as { bookedCount: number; active: number }[];
    return row;
  };
  const notificationsOf = async (member: TestMember) =>
    (
      (await t.http().get('/api/v1/notifications?limit=50').set(as(member)).expect(200))
        .body as Page<NotificationView>
    ).items;
  const socketOf = async (member: TestMember) => {
    const socket = await connectSocket(t.baseUrl, member.accessToken);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    [admin, tutor, labTutor, participant, outsider, ...officials] = await Promise.all([
      newMember(t, { role: 'admin' }),
      newMember(t, { role: 'tutor' }),
      newMember(t),
      newMember(t),
      newMember(t),
      ...Array.from({ length: 8 }, () => newMember(t)),
    ]);
    lab = await newLiveLab(t.baseUrl, admin, {
      tutors: [labTutor],
      participants: [participant, officials[0]],
    });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await t?.close();
  });

  it('the booking race: of members booking the last places at the same instant exactly `capacity` win, 30 rounds', async () => {
    for (let round = 0; round < 30; round += 1) {
      const capacity = round % 3 === 2 ? 3 : 1;
      const slot = await newSlot({ capacity });
      const answers = await Promise.all(officials.map((m) => book(m, slot.id, { topic: `Round ${round}` })));
      const won = answers.filter((res) => res.status === 201);
      const lost = answers.filter((res) => res.status !== 201);
      expect(won).toHaveLength(capacity);
      expect(lost.map((res) => [res.status, (res.body as { code: string }).code])).toEqual(
        Array.from({ length: officials.length - capacity }, () => [409, 'slot_full']),
      );
      expect(await dbCounts(slot.id)).toEqual({ bookedCount: capacity, active: capacity });
      const seen = (await t.http().get(`/api/v1/tutoring/slots/${slot.id}`).set(as(tutor)).expect(200))
        .body as TutoringSlotView;
      expect(seen.bookedCount).toBe(capacity);
    }
  }, 180_000);

  it('cancelling frees the place for someone else; cancelling twice is a 409; the tutor cancels a booking', async () => {
    const slot = await newSlot({ capacity: 1 });
    const first = (await book(officials[1], slot.id).expect(201)).body as TutoringBookingView;
    expectProblem(await book(officials[2], slot.id), 409, 'slot_full');
    expectProblem(await book(officials[1], slot.id), 409, 'already_booked');

    await t.http().delete(`/api/v1/tutoring/bookings/${first.id}`).set(as(officials[1])).expect(204);
    expect(await dbCounts(slot.id)).toEqual({ bookedCount: 0, active: 0 });
    expectProblem(
      await t.http().delete(`/api/v1/tutoring/bookings/${first.id}`).set(as(officials[1])),
      409,
      'booking_not_active',
    );
    const second = (await book(officials[2], slot.id).expect(201)).body as TutoringBookingView;
    expect(second.slot.bookedCount).toBe(1);

    // Someone else's booking: as if it did not exist.
    expectProblem(
      await t.http().delete(`/api/v1/tutoring/bookings/${second.id}`).set(as(officials[3])),
      404,
      'tutoring_booking_not_found',
    );
    await t
      .http()
      .delete(`/api/v1/tutoring/bookings/${second.id}?reason=${encodeURIComponent('Imprevisto')}`)
      .set(as(tutor))
      .expect(204);
    const told = (await notificationsOf(officials[2])).find(
      (n) => n.kind === 'tutoring_booking_cancelled' && n.data.bookingId === second.id,
    );
    expect(told?.data).toMatchObject({ cancelledBy: 'tutor', reason: 'Imprevisto', slotId: slot.id });
    const mine = (
      await t.http().get('/api/v1/me/tutoring/bookings?when=past').set(as(officials[2])).expect(200)
    ).body as Page<TutoringBookingView>;
    expect(mine.items.find((b) => b.id === second.id)).toMatchObject({
      status: 'cancelled',
      cancelledBy: 'tutor',
    });
  });

  it('cancellations, bookings and the slot’s cancellation racing each other: no 5xx, and the count agrees', async () => {
    for (let round = 0; round < 5; round += 1) {
      const slot = await newSlot({ capacity: 4 });
      const holders = officials.slice(0, 4);
      const bookings = await Promise.all(
        holders.map(async (m) => (await book(m, slot.id).expect(201)).body as TutoringBookingView),
      );
      const answers = await Promise.all([
        ...bookings.map((b, i) => t.http().delete(`/api/v1/tutoring/bookings/${b.id}`).set(as(holders[i]))),
        ...officials.slice(4).map((m) => book(m, slot.id)),
        t.http().post(`/api/v1/tutoring/slots/${slot.id}/cancel`).set(as(tutor)).send({ reason: 'Sciopero' }),
      ]);
      expect(answers.filter((res) => res.status >= 500)).toEqual([]);
      expect(await dbCounts(slot.id)).toEqual({ bookedCount: 0, active: 0 });
    }
  });

  it('a double click books once: the same member’s simultaneous requests give one 201 and 409 already_booked', async () => {
    for (const capacity of [1, 3]) {
      const slot = await newSlot({ capacity });
      const answers = await Promise.all(Array.from({ length: 5 }, () => book(officials[5], slot.id)));
      expect(answers.map((res) => res.status).sort()).toEqual([201, 409, 409, 409, 409]);
      for (const res of answers.filter((r) => r.status === 409)) {
        expect((res.body as { code: string }).code).toBe('already_booked');
      }
      expect(await dbCounts(slot.id)).toEqual({ bookedCount: 1, active: 1 });
    }
  });

  it('refuses the tutor’s own slot, cancelled slots, and nothing changes on refusal', async () => {
    const slot = await newSlot({ capacity: 2 });
    expectProblem(await book(tutor, slot.id), 409, 'own_slot');
    await t.http().post(`/api/v1/tutoring/slots/${slot.id}/cancel`).set(as(tutor)).send({}).expect(200);
    expectProblem(await book(officials[1], slot.id), 409, 'slot_closed');
    expect(await dbCounts(slot.id)).toEqual({ bookedCount: 0, active: 0 });
  });

  it('a slot that has started takes no booking, and its booker can no longer cancel', async () => {
    const slot = await newSlot({ capacity: 2 });
    const booking = (await book(officials[4], slot.id).expect(201)).body as TutoringBookingView;
    // Move the slot into the past behind the API's back: the rule is the database clock's.
    await db.query(
      `UPDATE tutoring_slots SET starts_at = now() - interval '10 minutes', ends_at = now() + interval '50 minutes' WHERE id = $1`,
      [slot.id],
    );
    expectProblem(await book(officials[5], slot.id), 409, 'slot_closed');
    expectProblem(
      await t.http().delete(`/api/v1/tutoring/bookings/${booking.id}`).set(as(officials[4])),
      409,
      'slot_started',
    );
    await t.http().delete(`/api/v1/tutoring/bookings/${booking.id}`).set(as(tutor)).expect(204);
  });

  it('a lab slot: outsiders cannot book (403) nor see who booked (403); bookers cannot either', async () => {
    const slot = await newSlot({ labId: lab.id, capacity: 2, note: 'Quadro logico' }, labTutor);
    expectProblem(await book(outsider, slot.id), 403, 'tutoring_forbidden');
    const booking = (await book(participant, slot.id, { topic: 'Il nostro quadro logico' }).expect(201))
      .body as TutoringBookingView;
    expect(booking).toMatchObject({ slotId: slot.id, member: { id: participant.id }, status: 'booked' });
    for (const member of [outsider, participant]) {
      expectProblem(
        await t.http().get(`/api/v1/tutoring/slots/${slot.id}/bookings`).set(as(member)),
        403,
        'tutoring_forbidden',
      );
    }
    for (const member of [labTutor, admin]) {
      const list = (
        await t.http().get(`/api/v1/tutoring/slots/${slot.id}/bookings`).set(as(member)).expect(200)
      ).body as { items: TutoringBookingView[] };
      expect(list.items.map((b) => [b.member.id, b.topic])).toEqual([
        [participant.id, 'Il nostro quadro logico'],
      ]);
    }
    // Others cannot cancel the participant's booking nor the slot.
    expectProblem(
      await t.http().delete(`/api/v1/tutoring/bookings/${booking.id}`).set(as(outsider)),
      404,
      'tutoring_booking_not_found',
    );
    expectProblem(
      await t.http().post(`/api/v1/tutoring/slots/${slot.id}/cancel`).set(as(participant)).send({}),
      403,
      'tutoring_forbidden',
    );
    expectProblem(
      await t.http().patch(`/api/v1/tutoring/slots/${slot.id}`).set(as(tutor)).send({ capacity: 5 }),
      403,
      'tutoring_forbidden',
    );
    // A forged id is a 404, a malformed one a 400.
    expectProblem(
      await book(participant, '00000000-0000-4000-8000-000000000000'),
      404,
      'tutoring_slot_not_found',
    );
    expect((await book(participant, 'not-a-uuid')).status).toBe(400);
  });

  it('stores a topic with markup as text; refuses wrong types and unknown fields', async () => {
    const slot = await newSlot({ capacity: 3 });
    const topic = '<img src=x onerror="alert(1)"> **quadro** <script>alert(2)</script>';
    const booking = (await book(officials[6], slot.id, { topic }).expect(201)).body as TutoringBookingView;
    expect(booking.topic).toBe(topic);
    const [stored] = (await db.query(`SELECT topic FROM tutoring_bookings WHERE id = $1`, [booking.id])) as {
      topic: string;
    }[];
    expect(stored.topic).toBe(topic);
    expectProblem(await book(officials[7], slot.id, { topic: 42 }), 400, 'validation_failed');
    expectProblem(await book(officials[7], slot.id, { topic: 'x'.repeat(501) }), 400, 'validation_failed');
    expectProblem(
      await book(officials[7], slot.id, { topic: 'ok', memberId: officials[0].id }),
      400,
      'validation_failed',
    );
    expect(await dbCounts(slot.id)).toEqual({ bookedCount: 1, active: 1 });
  });

  it('live: the tutor’s socket gets tutoring.booking_created; the booker’s gets slot_updated when the tutor edits', async () => {
    const slot = await newSlot({
      capacity: 2,
      meeting: 'online',
      onlineUrl: 'https://meet.jit.si/tutoraggio',
    });
    const tutorSocket = await socketOf(tutor);
    const booker = officials[3];
    const bookerSocket = await socketOf(booker);
    const booking = (await book(booker, slot.id, { topic: 'Indicatori' }).expect(201))
      .body as TutoringBookingView;
    const created = await tutorSocket.waitFor(
      (e) => e.type === 'tutoring.booking_created' && (e.data as TutoringBookingView).id === booking.id,
    );
    expect(created.room).toBe(`member:${tutor.id}`);
    expect(created.data).toMatchObject({
      member: { id: booker.id },
      topic: 'Indicatori',
      slot: { bookedCount: 1 },
    });

    expect(await bookerSocket.subscribe({ room: `tutoring_slot:${slot.id}` })).toEqual({ ok: true });
    // Only the tutor, active bookers and admins enter the slot's room.
    expect(
      await (await socketOf(officials[5])).subscribe({ room: `tutoring_slot:${slot.id}` }),
    ).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const moved = (
      await t
        .http()
        .patch(`/api/v1/tutoring/slots/${slot.id}`)
        .set(as(tutor))
        .send({ startsAt: at(nextHour + 100), endsAt: at(nextHour + 101), place: 'ignored for online' })
        .expect(200)
    ).body as TutoringSlotView;
    expect(moved.icalSequence).toBe(slot.icalSequence + 1);
    const updated: EventEnvelope = await bookerSocket.waitFor(
      (e) =>
        e.type === 'tutoring.slot_updated' &&
        e.room === `tutoring_slot:${slot.id}` &&
        (e.data as TutoringSlotView).startsAt === moved.startsAt,
    );
    expect(updated.data).toMatchObject({ id: slot.id, viewer: null });
    const changed = (await notificationsOf(booker)).find(
      (n) => n.kind === 'tutoring_slot_changed' && n.data.slotId === slot.id,
    );
    expect(changed?.data).toMatchObject({
      changes: 'startsAt,endsAt',
      bookingId: booking.id,
      topic: 'Indicatori',
    });

    expectProblem(
      await t.http().patch(`/api/v1/tutoring/slots/${slot.id}`).set(as(tutor)).send({ capacity: 0 }),
      400,
      'validation_failed',
    );
    await book(officials[4], slot.id).expect(201);
    expectProblem(
      await t.http().patch(`/api/v1/tutoring/slots/${slot.id}`).set(as(tutor)).send({ capacity: 1 }),
      409,
      'capacity_below_bookings',
    );

    await t
      .http()
      .post(`/api/v1/tutoring/slots/${slot.id}/cancel`)
      .set(as(tutor))
      .send({ reason: 'Indisposto' })
      .expect(200);
    expectProblem(
      await t.http().post(`/api/v1/tutoring/slots/${slot.id}/cancel`).set(as(tutor)).send({}),
      409,
      'slot_cancelled',
    );
    for (const member of [booker, officials[4]]) {
      const cancelled = (await notificationsOf(member)).find(
        (n) => n.kind === 'tutoring_slot_cancelled' && n.data.slotId === slot.id,
      );
      expect(cancelled?.data).toMatchObject({ reason: 'Indisposto' });
    }
    await bookerSocket.waitFor(
      (e) => e.type === 'tutoring.booking_cancelled' && (e.data as TutoringBookingView).id === booking.id,
    );
    expect(await dbCounts(slot.id)).toEqual({ bookedCount: 0, active: 0 });
    // No longer an active booker: the slot's room is closed to them.
    expect(await (await socketOf(booker)).subscribe({ room: `tutoring_slot:${slot.id}` })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    // The cancelled slot stays visible to its bookers, not to others.
    const seen = (await t.http().get(`/api/v1/tutoring/slots/${slot.id}`).set(as(booker)).expect(200))
      .body as TutoringSlotView;
    expect(seen).toMatchObject({ status: 'cancelled', cancelReason: 'Indisposto' });
    expectProblem(
      await t.http().get(`/api/v1/tutoring/slots/${slot.id}`).set(as(officials[6])),
      403,
      'tutoring_forbidden',
    );
  });

  it('what other modules read: meetingAccess, getSlot, bookingDetails, slotDetails, calendarFor', async () => {
    const service = t.app.get(TutoringService);
    const auth = (m: TestMember) => ({ id: m.id, role: m.role, organizationId: null, isReferent: false });
    const slot = await newSlot({ capacity: 2, labId: lab.id }, labTutor);
    const booking = (await book(participant, slot.id, { topic: 'Cronoprogramma' }).expect(201))
      .body as TutoringBookingView;

    await expect(service.meetingAccess(auth(labTutor), slot.id)).resolves.toBe('tutor');
    await expect(service.meetingAccess(auth(participant), slot.id)).resolves.toBe('booker');
    await expect(service.meetingAccess(auth(admin), slot.id)).resolves.toBe('admin');
    await expect(service.meetingAccess(auth(officials[0]), slot.id)).rejects.toMatchObject({
      status: 403,
      code: 'tutoring_forbidden',
    });
    await expect(
      service.meetingAccess(auth(outsider), '00000000-0000-4000-8000-000000000000'),
    ).rejects.toMatchObject({
      status: 404,
    });
    await expect(service.getSlot(auth(outsider), slot.id)).rejects.toMatchObject({ status: 403 });
    expect((await service.getSlot(auth(participant), slot.id)).viewer?.bookingId).toBe(booking.id);

    const details = await service.bookingDetails(booking.id);
    expect(details).toMatchObject({
      booking: { id: booking.id, topic: 'Cronoprogramma', slot: { id: slot.id, lab: { id: lab.id } } },
      tutor: { id: labTutor.id, email: labTutor.email, locale: 'it' },
      member: { id: participant.id, email: participant.email, locale: 'it' },
    });
    await expect(service.bookingDetails('00000000-0000-4000-8000-000000000000')).resolves.toBeUndefined();
    expect(await service.slotDetails(slot.id)).toMatchObject({
      slot: { id: slot.id, bookedCount: 1 },
      tutor: { id: labTutor.id },
      bookerIds: [participant.id],
    });

    await t.http().delete(`/api/v1/tutoring/bookings/${booking.id}`).set(as(participant)).expect(204);
    await expect(service.meetingAccess(auth(participant), slot.id)).rejects.toMatchObject({ status: 403 });
    const calendar = await service.calendarFor(participant.id);
    expect(calendar.bookings.find((b) => b.id === booking.id)).toMatchObject({ status: 'cancelled' });
    const tutorCalendar = await service.calendarFor(labTutor.id);
    expect(tutorCalendar.tutoredSlots.map((s) => s.id)).toContain(slot.id);
    expect(tutorCalendar.bookings).toEqual([]);
  });

  it('my bookings and the tutors list', async () => {
    const slot = await newSlot({ capacity: 4 });
    const booking = (await book(officials[7], slot.id, { topic: 'Budget' }).expect(201))
      .body as TutoringBookingView;
    const upcoming = (
      await t
        .http()
        .get('/api/v1/me/tutoring/bookings?when=upcoming&limit=100')
        .set(as(officials[7]))
        .expect(200)
    ).body as Page<TutoringBookingView>;
    expect(upcoming.items.map((b) => b.id)).toContain(booking.id);
    const starts = upcoming.items.map((b) => b.slot.startsAt);
    expect([...starts].sort()).toEqual(starts);
    const tutors = (await t.http().get('/api/v1/tutoring/tutors').set(as(outsider)).expect(200)).body as {
      items: { tutor: { id: string }; openSlots: number }[];
    };
    expect(tutors.items.map((x) => x.tutor.id)).toContain(tutor.id);
    // The lab tutor's slots are all in the lab, which the outsider does not see.
    expect(tutors.items.map((x) => x.tutor.id)).not.toContain(labTutor.id);
  });
});
