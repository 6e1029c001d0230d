import type { NotificationView, TutoringBookingView, TutoringSlotView } from '@convergo/contracts';
import { DataSource } from 'typeorm';
import { TutoringRemindersService } from '../apps/api/src/modules/tutoring/reminders/tutoring-reminders.service';
import { newMember, type TestMember } from './support/factories';
import { FakeSmtp } from './support/fake-smtp';
import { as } from './support/live-room';
import { sleep } from './support/socket-client';
import { startTestApp, type TestApp } from './support/test-app';

/** 15 s before the start: the slot starts 40 s after it is created. */
const OFFSET_MINUTES = 0.25;
const LEAD_MS = 40_000;

/** pg-boss on the embedded database (PGlite behind pglite-socket, one connection shared with the app). */
describe('tutoring reminders on the embedded database', () => {
  const smtp = new FakeSmtp();
  let t: TestApp;
  let db: DataSource;
  let tutor: TestMember;
  let booker: TestMember;
  let canceller: TestMember;

  const reminders = async (member: TestMember) =>
    (
      (await db.query(
        `SELECT data FROM notifications WHERE member_id = $1 AND kind = 'tutoring_reminder' ORDER BY created_at`,
        [member.id],
      )) as { data: NotificationView['data'] }[]
    ).map((r) => r.data);

  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({
      embedded: true,
      env: {
        TUTORING_REMINDER_MINUTES: String(OFFSET_MINUTES),
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(smtp.port),
        SMTP_SECURE: 'false',
        MAIL_OUTBOX_INTERVAL_MS: '200',
      },
    });
    db = t.app.get(DataSource);
    [tutor, booker, canceller] = await Promise.all([
      newMember(t, { role: 'tutor', displayName: 'Tutor Embedded' }),
      newMember(t),
      newMember(t),
    ]);
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await smtp.stop();
  });

  it('reminds the booker and the tutor once, in app and by e-mail; a cancelled booking gets nothing', async () => {
    const startsAt = new Date(Date.now() + LEAD_MS);
    const slot = (
      await t
        .http()
        .post('/api/v1/tutoring/slots')
        .set(as(tutor))
        .send({
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 20 * 60_000).toISOString(),
          capacity: 2,
        })
        .expect(201)
    ).body as TutoringSlotView;
    const booking = (
      await t.http().post(`/api/v1/tutoring/slots/${slot.id}/bookings`).set(as(booker)).send({}).expect(201)
    ).body as TutoringBookingView;
    const dropped = (
      await t
        .http()
        .post(`/api/v1/tutoring/slots/${slot.id}/bookings`)
        .set(as(canceller))
        .send({})
        .expect(201)
    ).body as TutoringBookingView;
    await t.http().delete(`/api/v1/tutoring/bookings/${dropped.id}`).set(as(canceller)).expect(204);
    const jobs = (await db.query(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'tutoring-reminder' AND state = 'created'`,
    )) as { n: number }[];
    expect(jobs[0].n).toBe(2); // the booker's and the tutor's; the cancelled booking's was withdrawn

    for (
      let i = 0;
      i < 400 && ((await reminders(booker)).length < 1 || (await reminders(tutor)).length < 1);
      i++
    ) {
      await sleep(100);
    }
    expect(await reminders(booker)).toEqual([
      expect.objectContaining({ slotId: slot.id, bookingId: booking.id, minutesBefore: OFFSET_MINUTES }),
    ]);
    expect(await reminders(tutor)).toEqual([expect.objectContaining({ slotId: slot.id, bookingId: null })]);
    expect(await reminders(canceller)).toEqual([]);

    // pg-boss delivers at least once: the same job again sends nothing.
    const service = t.app.get(TutoringRemindersService);
    const again = await service.deliver({
      slotId: slot.id,
      bookingId: booking.id,
      minutesBefore: OFFSET_MINUTES,
      startsAt: slot.startsAt,
    });
    expect(again).toBe(false);
    expect(await reminders(booker)).toHaveLength(1);

    for (
      let i = 0;
      i < 100 && smtp.to(booker).filter((m) => m.subject.startsWith('Promemoria')).length < 1;
      i++
    ) {
      await sleep(100);
    }
    expect(smtp.to(booker).filter((m) => m.subject.startsWith('Promemoria'))).toHaveLength(1);
  }, 120_000);
});
