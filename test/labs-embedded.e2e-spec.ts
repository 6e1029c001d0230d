import type { SpaceView } from '@convergo/contracts';
import { DataSource } from 'typeorm';
import { Attendance1765000300000 } from '../apps/api/src/database/migrations/1765000300000-attendance';
import { LabsSessions1765000000000 } from '../apps/api/src/database/migrations/1765000000000-labs-sessions';
import { EnrolmentDeliverables1765000100000 } from '../apps/api/src/database/migrations/1765000100000-enrolment-deliverables';
import { LabsTwinnings1764000800000 } from '../apps/api/src/database/migrations/1764000800000-labs-twinnings';
import { LiveRoom1765000200000 } from '../apps/api/src/database/migrations/1765000200000-live-room';
import { LivePollsChat1765000400000 } from '../apps/api/src/database/migrations/1765000400000-live-polls-chat';
import { TutoringSlots1765000500000 } from '../apps/api/src/database/migrations/1765000500000-tutoring-slots';
import { TutoringReminders1765000600000 } from '../apps/api/src/database/migrations/1765000600000-tutoring-reminders';
import { CoachingSpaces1765000950000 } from '../apps/api/src/database/migrations/1765000950000-coaching-spaces';
import { TwinningSpaces1765001800000 } from '../apps/api/src/database/migrations/1765001800000-twinning-spaces';
import { TutoringMeeting1765001000000 } from '../apps/api/src/database/migrations/1765001000000-tutoring-meeting';
import { Practices1765001200000 } from '../apps/api/src/database/migrations/1765001200000-practices';
import { ProgrammeIndicators1765001600000 } from '../apps/api/src/database/migrations/1765001600000-programme-indicators';
import { TwinningLifecycle1765001300000 } from '../apps/api/src/database/migrations/1765001300000-twinning-lifecycle';
import { newMember, type TestMember } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';

/** The labs migration and lab spaces on the embedded database (PGlite, one connection). */
describe('labs on the embedded database', () => {
  let t: TestApp;
  let admin: TestMember;
  let alice: TestMember;
  let bob: TestMember;
  const as = (m: TestMember) => ({ authorization: `Bearer ${m.accessToken}` });

  beforeAll(async () => {
    t = await startTestApp({ embedded: true });
    admin = await newMember(t, { role: 'admin' });
    alice = await newMember(t);
    bob = await newMember(t);
    // PGlite runs every migration on one connection: on a busy 2-core machine that alone took over a minute.
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  it('runs the migration, keeps lab spaces to the lab, and reverts cleanly', async () => {
    const lab = await t
      .http()
      .post('/api/v1/labs')
      .set(as(admin))
      .send({ title: 'Laboratorio interregionale', ambito: 'C' })
      .expect(201);
    await t
      .http()
      .put(`/api/v1/labs/${lab.body.id}/participants/${alice.id}`)
      .set(as(admin))
      .send({ role: 'participant' })
      .expect(200);
    const space = (
      await t
        .http()
        .post('/api/v1/spaces')
        .set(as(admin))
        .send({ name: 'Tavolo interregionale', visibility: 'lab', labId: lab.body.id })
        .expect(201)
    ).body as SpaceView;
    await t.http().get(`/api/v1/spaces/${space.id}`).set(as(alice)).expect(200);
    await t.http().get(`/api/v1/spaces/${space.id}`).set(as(bob)).expect(403);

    // Down then up inside a transaction that is rolled back: the data stays as it was.
    const runner = t.app.get(DataSource).createQueryRunner();
    await runner.startTransaction();
    try {
      // The later migrations that build on labs go first: the tutoring meeting room, coaching spaces, tutoring reminders and slots, the sessions' polls and chat, attendance,
      // the live room, enrolment and deliverables, then sessions, modules and calendar feeds.
      // Practices name their source deliverable, so they go first.
      // The twinning life cycle names practices and twinnings, so it goes before both.
      // Twinning spaces name twinnings; the programme indicators' links name labs, practices and
      // twinnings: they go first of all.
      await new TwinningSpaces1765001800000().down(runner);
      await new ProgrammeIndicators1765001600000().down(runner);
      const twinningLifecycle = new TwinningLifecycle1765001300000();
      await twinningLifecycle.down(runner);
      const practices = new Practices1765001200000();
      await practices.down(runner);
      expect(await runner.query(`SELECT to_regclass('practices') AS t`)).toEqual([{ t: null }]);
      const meeting = new TutoringMeeting1765001000000();
      await meeting.down(runner);
      const coaching = new CoachingSpaces1765000950000();
      await coaching.down(runner);
      const reminders = new TutoringReminders1765000600000();
      await reminders.down(runner);
      expect(await runner.query(`SELECT to_regclass('tutoring_reminders_sent') AS t`)).toEqual([{ t: null }]);
      const tutoring = new TutoringSlots1765000500000();
      await tutoring.down(runner);
      expect(await runner.query(`SELECT to_regclass('tutoring_slots') AS t`)).toEqual([{ t: null }]);
      const live = new LivePollsChat1765000400000();
      await live.down(runner);
      expect(await runner.query(`SELECT to_regclass('polls') AS t`)).toEqual([{ t: null }]);
      await new Attendance1765000300000().down(runner);
      expect(await runner.query(`SELECT to_regclass('attendance_intervals') AS t`)).toEqual([{ t: null }]);
      await new LiveRoom1765000200000().down(runner);
      expect(await runner.query(`SELECT to_regclass('live_connections') AS t`)).toEqual([{ t: null }]);
      const latest = new EnrolmentDeliverables1765000100000();
      await latest.down(runner);
      expect(await runner.query(`SELECT to_regclass('deliverables') AS t`)).toEqual([{ t: null }]);
      expect(await runner.query(`SELECT to_regclass('lab_applications') AS t`)).toEqual([{ t: null }]);
      const later = new LabsSessions1765000000000();
      await later.down(runner);
      expect(await runner.query(`SELECT to_regclass('lab_sessions') AS t`)).toEqual([{ t: null }]);
      const migration = new LabsTwinnings1764000800000();
      await migration.down(runner);
      const [closed] = (await runner.query(`SELECT visibility, lab_id FROM spaces WHERE id = $1`, [
        space.id,
      ])) as {
        visibility: string;
        lab_id: string | null;
      }[];
      // Reverted, a lab space stays closed rather than opening to everyone.
      expect(closed).toEqual({ visibility: 'private', lab_id: null });
      expect(await runner.query(`SELECT to_regclass('labs') AS t`)).toEqual([{ t: null }]);
      await migration.up(runner);
      await later.up(runner);
      await latest.up(runner);
      await new LiveRoom1765000200000().up(runner);
      await new Attendance1765000300000().up(runner);
      expect(await runner.query(`SELECT count(*)::int AS n FROM attendance_intervals`)).toEqual([{ n: 0 }]);
      await live.up(runner);
      await tutoring.up(runner);
      expect(await runner.query(`SELECT count(*)::int AS n FROM tutoring_slots`)).toEqual([{ n: 0 }]);
      await reminders.up(runner);
      expect(await runner.query(`SELECT count(*)::int AS n FROM tutoring_reminders_sent`)).toEqual([
        { n: 0 },
      ]);
      await coaching.up(runner);
      await meeting.up(runner);
      await practices.up(runner);
      await twinningLifecycle.up(runner);
      await new ProgrammeIndicators1765001600000().up(runner);
      expect(await runner.query(`SELECT count(*)::int AS n FROM practice_themes`)).toEqual([{ n: 18 }]);
      expect(await runner.query(`SELECT count(*)::int AS n FROM labs`)).toEqual([{ n: 0 }]);
      expect(await runner.query(`SELECT count(*)::int AS n FROM deliverables`)).toEqual([{ n: 0 }]);
      expect(await runner.query(`SELECT count(*)::int AS n FROM lab_sessions`)).toEqual([{ n: 0 }]);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    await t.http().get(`/api/v1/spaces/${space.id}`).set(as(alice)).expect(200);
    await t.http().get(`/api/v1/spaces/${space.id}`).set(as(bob)).expect(403);
  });
});
