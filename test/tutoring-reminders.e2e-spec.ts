import type { NotificationView, TutoringBookingView, TutoringSlotView } from '@convergo/contracts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { exited, spawnApp, type AppProcess } from './support/app-process';
import { newMember, type TestMember } from './support/factories';
import { as } from './support/live-room';
import { FakeSmtp } from './support/fake-smtp';
import { createTestDatabase, dropTestDatabase } from './support/postgres';
import { sleep } from './support/socket-client';
import { startTestApp, TEST_JWT_SECRET } from './support/test-app';

/**
 * Reminders 60 and 30 seconds before (the offsets may be fractions of a minute): slots start 90 s
 * ahead, so the test has 30 s to arrange and stop both processes, and the restart 30 s before the
 * second reminder falls due.
 */
const OFFSETS = [1, 0.5];
const LEAD_MS = 90_000;

/**
 * Two built API processes on one PostgreSQL database, both stopped (one gracefully, one killed)
 * before the first reminder falls due and restarted after it: every booker and tutor gets each
 * reminder once, in app and by e-mail; a cancelled booking gets none; a moved slot's reminders
 * follow its new time.
 */
describe('tutoring reminders: two API processes, a restart, exactly once', () => {
  const smtp = new FakeSmtp();
  let databaseUrl: string;
  let db: Client;
  let tutor: TestMember;
  let otherTutor: TestMember;
  let booker: TestMember;
  let canceller: TestMember;
  let mover: TestMember;
  const children: AppProcess['child'][] = [];
  const dirs: string[] = [];
  const dataDir = () => {
    dirs.push(mkdtempSync(join(tmpdir(), 'convergo-reminders-')));
    return dirs[dirs.length - 1];
  };

  const start = async (): Promise<AppProcess> => {
    const { child, ready } = spawnApp({
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir(),
      DEMO_DATA: 'false',
      RATE_LIMIT_DISABLED: 'true',
      JWT_SECRET: TEST_JWT_SECRET,
      TUTORING_REMINDER_MINUTES: OFFSETS.join(','),
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      SMTP_SECURE: 'false',
      MAIL_OUTBOX_INTERVAL_MS: '500',
      PUBLIC_URL: 'https://convergo.example.it',
    });
    children.push(child);
    return ready;
  };
  const stop = async (app: AppProcess, signal: NodeJS.Signals) => {
    app.child.kill(signal);
    await exited(app.child);
  };
  const reminders = async (member: TestMember) =>
    (
      await db.query<{ data: NotificationView['data'] }>(
        `SELECT data FROM notifications WHERE member_id = $1 AND kind = 'tutoring_reminder' ORDER BY created_at`,
        [member.id],
      )
    ).rows.map((r) => r.data);
  const pendingJobs = async () =>
    Number(
      (
        await db.query<{ n: string }>(
          `SELECT count(*) AS n FROM pgboss.job WHERE name = 'tutoring-reminder' AND state < 'completed'`,
        )
      ).rows[0].n,
    );
  const reminderMails = (member: TestMember) =>
    smtp.to(member).filter((m) => m.subject.startsWith('Promemoria'));

  beforeAll(async () => {
    await smtp.start();
    databaseUrl = await createTestDatabase();
    // Members are arranged in-process (migrations, then straight inserts); that app is closed
    // before the two API processes start, so only they run reminders.
    const arrange = await startTestApp({ databaseUrl });
    [tutor, otherTutor, booker, canceller, mover] = await Promise.all([
      newMember(arrange, { role: 'tutor', displayName: 'Tutor Uno' }),
      newMember(arrange, { role: 'tutor', displayName: 'Tutor Due' }),
      newMember(arrange, { displayName: 'Funzionaria Prenotata' }),
      newMember(arrange, { displayName: 'Funzionario Che Annulla' }),
      newMember(arrange, { displayName: 'Funzionaria Spostata' }),
    ]);
    await arrange.close();
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
  }, 120_000);

  afterAll(async () => {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await Promise.all(children.map(exited));
    await db?.end();
    if (databaseUrl) await dropTestDatabase(databaseUrl);
    await smtp.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('sends each reminder once across two processes and a restart; none after a cancellation; a moved slot’s follow it', async () => {
    const [one, two] = await Promise.all([start(), start()]);
    const t0 = Date.now();
    const startsAt = new Date(t0 + LEAD_MS);
    const slot = (
      await request(one.baseUrl)
        .post('/api/v1/tutoring/slots')
        .set(as(tutor))
        .send({
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 30 * 60_000).toISOString(),
          capacity: 3,
        })
        .expect(201)
    ).body as TutoringSlotView;
    const booking = (
      await request(one.baseUrl)
        .post(`/api/v1/tutoring/slots/${slot.id}/bookings`)
        .set(as(booker))
        .send({ topic: 'Piano di lavoro' })
        .expect(201)
    ).body as TutoringBookingView;
    const cancelled = (
      await request(two.baseUrl)
        .post(`/api/v1/tutoring/slots/${slot.id}/bookings`)
        .set(as(canceller))
        .send({})
        .expect(201)
    ).body as TutoringBookingView;
    await request(two.baseUrl)
      .delete(`/api/v1/tutoring/bookings/${cancelled.id}`)
      .set(as(canceller))
      .expect(204);

    // The other tutor's slot is booked for tomorrow, then moved to start soon: its reminders
    // follow the new start.
    const tomorrow = new Date(t0 + 86_400_000);
    const moving = (
      await request(two.baseUrl)
        .post('/api/v1/tutoring/slots')
        .set(as(otherTutor))
        .send({
          startsAt: tomorrow.toISOString(),
          endsAt: new Date(tomorrow.getTime() + 30 * 60_000).toISOString(),
        })
        .expect(201)
    ).body as TutoringSlotView;
    await request(two.baseUrl)
      .post(`/api/v1/tutoring/slots/${moving.id}/bookings`)
      .set(as(mover))
      .send({})
      .expect(201);
    const movedStart = new Date(t0 + LEAD_MS + 10_000);
    await request(one.baseUrl)
      .patch(`/api/v1/tutoring/slots/${moving.id}`)
      .set(as(otherTutor))
      .send({
        startsAt: movedStart.toISOString(),
        endsAt: new Date(movedStart.getTime() + 30 * 60_000).toISOString(),
      })
      .expect(200);

    // Both processes go down before the first reminder is due: one gracefully, one killed.
    const firstDue = startsAt.getTime() - OFFSETS[0] * 60_000;
    expect(Date.now()).toBeLessThan(firstDue);
    await Promise.all([stop(one, 'SIGTERM'), stop(two, 'SIGKILL')]);
    expect(await reminders(booker)).toEqual([]);
    await sleep(Math.max(0, firstDue - Date.now() + 1_000));

    // Restarted after it fell due: the first reminders go out late but once.
    const again = await start();
    for (let i = 0; i < 300 && (await reminders(booker)).length < 1; i++) await sleep(200);
    expect(await reminders(booker)).toHaveLength(1);
    const third = await start();

    // Both running for the second reminder; wait until the queue has nothing left.
    for (let i = 0; i < 600; i++) {
      const [b, m, p] = [await reminders(booker), await reminders(mover), await pendingJobs()];
      if (b.length >= 2 && m.length >= 2 && p === 0) break;
      await sleep(200);
    }

    const bookerReminders = await reminders(booker);
    expect(bookerReminders.map((d) => d.minutesBefore)).toEqual(OFFSETS);
    for (const data of bookerReminders) {
      expect(data).toMatchObject({
        slotId: slot.id,
        bookingId: booking.id,
        startsAt: slot.startsAt,
        topic: 'Piano di lavoro',
      });
    }
    const tutorReminders = await reminders(tutor);
    expect(tutorReminders.map((d) => d.minutesBefore)).toEqual(OFFSETS);
    expect(tutorReminders[0]).toMatchObject({ slotId: slot.id, bookingId: null, bookedCount: 1 });
    expect(await reminders(canceller)).toEqual([]);
    const moverReminders = await reminders(mover);
    expect(moverReminders.map((d) => d.minutesBefore)).toEqual(OFFSETS);
    expect(moverReminders.every((d) => d.startsAt === movedStart.toISOString())).toBe(true);
    expect((await reminders(otherTutor)).map((d) => d.minutesBefore)).toEqual(OFFSETS);

    // By e-mail too, although their preference is the daily digest: once per reminder.
    for (let i = 0; i < 100 && reminderMails(booker).length + reminderMails(tutor).length < 4; i++)
      await sleep(100);
    expect(reminderMails(booker)).toHaveLength(2);
    expect(reminderMails(tutor)).toHaveLength(2);
    expect(reminderMails(canceller)).toHaveLength(0);
    expect(reminderMails(booker)[0].subject).toContain('con Tutor Uno');
    expect(reminderMails(tutor)[0].subject).toContain('(prenotazioni: 1)');

    await Promise.all([stop(again, 'SIGTERM'), stop(third, 'SIGTERM')]);
    expect(again.child.exitCode).toBe(0);
  }, 300_000);
});
