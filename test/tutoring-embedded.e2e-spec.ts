import type { TutoringBookingView, TutoringSeriesWithSlots, TutoringSlotView } from '@convergo/contracts';
import { DataSource } from 'typeorm';
import { TutoringSlots1765000500000 } from '../apps/api/src/database/migrations/1765000500000-tutoring-slots';
import { TutoringReminders1765000600000 } from '../apps/api/src/database/migrations/1765000600000-tutoring-reminders';
import { TutoringMeeting1765001000000 } from '../apps/api/src/database/migrations/1765001000000-tutoring-meeting';
import { newMember, type TestMember } from './support/factories';
import { as } from './support/live-room';
import { startTestApp, type TestApp } from './support/test-app';

const at = (hours: number) => new Date(Date.UTC(2027, 2, 1, 8) + hours * 3_600_000).toISOString();

/** Tutoring on the embedded database (PGlite, one connection): btree_gist, the race, overlaps. */
describe('tutoring on the embedded database', () => {
  let t: TestApp;
  let db: DataSource;
  let tutor: TestMember;
  let officials: TestMember[];

  const book = (member: TestMember, slotId: string) =>
    t.http().post(`/api/v1/tutoring/slots/${slotId}/bookings`).set(as(member)).send({ topic: 'Bilancio' });

  beforeAll(async () => {
    t = await startTestApp({ embedded: true });
    db = t.app.get(DataSource);
    [tutor, ...officials] = await Promise.all([
      newMember(t, { role: 'tutor' }),
      ...Array.from({ length: 8 }, () => newMember(t)),
    ]);
    // PGlite runs every migration on one connection: on a busy 2-core machine that alone took a minute.
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  it('the booking race: exactly `capacity` of 8 simultaneous bookers win, 30 rounds; cancelling frees the place', async () => {
    for (let round = 0; round < 30; round += 1) {
      const capacity = round % 3 === 2 ? 3 : 1;
      const slot = (
        await t
          .http()
          .post('/api/v1/tutoring/slots')
          .set(as(tutor))
          .send({ startsAt: at(round * 2), endsAt: at(round * 2 + 1), capacity })
          .expect(201)
      ).body as TutoringSlotView;
      const answers = await Promise.all(officials.map((m) => book(m, slot.id)));
      expect(answers.filter((res) => res.status === 201)).toHaveLength(capacity);
      expect(
        answers
          .filter((res) => res.status !== 201)
          .map((res) => [res.status, (res.body as { code: string }).code]),
      ).toEqual(Array.from({ length: officials.length - capacity }, () => [409, 'slot_full']));
      const [row] = (await db.query(
        `SELECT booked_count AS n, (SELECT count(*)::int FROM tutoring_bookings b WHERE b.slot_id = s.id AND b.status = 'booked') AS active
           FROM tutoring_slots s WHERE id = $1`,
        [slot.id],
      )) as { n: number; active: number }[];
      expect(row).toEqual({ n: capacity, active: capacity });

      if (round === 0) {
        const winner = answers.find((res) => res.status === 201)!.body as TutoringBookingView;
        const winnerMember = officials.find((m) => m.id === winner.member.id)!;
        await t.http().delete(`/api/v1/tutoring/bookings/${winner.id}`).set(as(winnerMember)).expect(204);
        const other = officials.find((m) => m.id !== winnerMember.id)!;
        await book(other, slot.id).expect(201);
      }
    }
  }, 180_000);

  it('overlaps are refused by the exclusion constraint, a series keeps Rome’s wall clock, and the migration reverts', async () => {
    const series = (
      await t
        .http()
        .post('/api/v1/tutoring/series')
        .set(as(tutor))
        .send({ firstStartsAt: '2027-10-19T10:00:00+02:00', durationMinutes: 60, count: 3 })
        .expect(201)
    ).body as TutoringSeriesWithSlots;
    expect(series.slots.map((s) => s.startsAt)).toEqual([
      '2027-10-19T08:00:00.000Z',
      '2027-10-26T08:00:00.000Z',
      '2027-11-02T09:00:00.000Z',
    ]);
    const clash = await t
      .http()
      .post('/api/v1/tutoring/slots')
      .set(as(tutor))
      .send({ startsAt: '2027-10-26T10:30:00+02:00', endsAt: '2027-10-26T11:30:00+02:00' });
    expect({ status: clash.status, code: (clash.body as { code: string }).code }).toEqual({
      status: 409,
      code: 'slot_overlap',
    });
    // Straight into the table, past the service's check: the constraint itself refuses it.
    await expect(
      db.query(
        `INSERT INTO tutoring_slots (tutor_id, starts_at, ends_at, capacity, meeting)
         VALUES ($1, '2027-10-19T08:30:00Z', '2027-10-19T09:30:00Z', 1, 'convergo')`,
        [tutor.id],
      ),
    ).rejects.toMatchObject({ driverError: { code: '23P01' } });

    const runner = db.createQueryRunner();
    await runner.startTransaction();
    try {
      // The meeting room and the reminders build on the slots: they go first and come back last.
      const meeting = new TutoringMeeting1765001000000();
      await meeting.down(runner);
      expect(await runner.query(`SELECT to_regclass('tutoring_messages') AS t`)).toEqual([{ t: null }]);
      const reminders = new TutoringReminders1765000600000();
      await reminders.down(runner);
      const migration = new TutoringSlots1765000500000();
      await migration.down(runner);
      expect(await runner.query(`SELECT to_regclass('tutoring_bookings') AS t`)).toEqual([{ t: null }]);
      await migration.up(runner);
      await reminders.up(runner);
      await meeting.up(runner);
      expect(await runner.query(`SELECT count(*)::int AS n FROM tutoring_slots`)).toEqual([{ n: 0 }]);
      expect(await runner.query(`SELECT count(*)::int AS n FROM tutoring_messages`)).toEqual([{ n: 0 }]);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
