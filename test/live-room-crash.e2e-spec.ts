import type { LabSessionView } from '@convergo/contracts';
import { DataSource } from 'typeorm';
import { exited, spawnApp, type AppProcess } from './support/app-process';
import { newMember, type TestMember } from './support/factories';
import { joinedState, newLiveLab, newLiveSession } from './support/live-room';
import { connectSocket, sleep, type TestSocket } from './support/socket-client';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from './support/test-app';

interface Interval {
  memberId: string;
  startedAt: Date;
  endedAt: Date | null;
}

const HEARTBEAT_SECONDS = 1;
/** Timestamps are taken by the app and by this test on the same clock; this covers scheduling only. */
const SLACK_MS = 250;

/**
 * The built API killed with SIGKILL while members are in a live room: nobody leaves, nothing
 * runs at shutdown. After a restart on the same database every stay is closed at the last
 * heartbeat the dead process wrote, so nobody is credited for time after the crash.
 */
describe('live room stays when the API stops (SIGKILL + restart, SIGTERM)', () => {
  let arrange: TestApp;
  let db: DataSource;
  let admin: TestMember;
  let tutor: TestMember;
  let people: TestMember[];
  let session: LabSessionView;
  let labId: string;
  const children: AppProcess['child'][] = [];
  const sockets: TestSocket[] = [];

  const start = async (): Promise<AppProcess> => {
    const { child, ready } = spawnApp({
      DATABASE_URL: arrange.databaseUrl!,
      DATA_DIR: arrange.dataDir,
      DEMO_DATA: 'false',
      RATE_LIMIT_DISABLED: 'true',
      JWT_SECRET: TEST_JWT_SECRET,
      LIVE_HEARTBEAT_SECONDS: String(HEARTBEAT_SECONDS),
    });
    children.push(child);
    return ready;
  };
  const intervals = async (sessionId = session.id): Promise<Interval[]> =>
    (await db.query(
      `SELECT member_id AS "memberId", started_at AS "startedAt", ended_at AS "endedAt"
         FROM attendance_intervals WHERE session_id = $1 AND source = 'live' ORDER BY member_id`,
      [sessionId],
    )) as Interval[];

  beforeAll(async () => {
    // Arranges the world in-process; its own heartbeat is slow, so only the spawned API sweeps.
    arrange = await startTestApp({ env: { LIVE_HEARTBEAT_SECONDS: '300' } });
    db = arrange.app.get(DataSource);
    [admin, tutor] = await Promise.all([
      newMember(arrange, { role: 'admin' }),
      newMember(arrange, { role: 'tutor' }),
    ]);
    people = await Promise.all(
      [0, 1, 2].map((i) => newMember(arrange, { displayName: `Partecipante ${i}` })),
    );
    await newLiveLab(arrange.baseUrl, admin, { tutors: [tutor], participants: people });
    const lab = (await db.query(`SELECT lab_id AS "labId" FROM lab_participants WHERE member_id = $1`, [
      tutor.id,
    ])) as {
      labId: string;
    }[];
    labId = lab[0].labId;
    session = await newLiveSession(arrange.baseUrl, tutor, labId);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await Promise.all(children.map(exited));
    await arrange?.close();
  });

  it('closes every interval at the dead process’s last heartbeat, never later, never before it began', async () => {
    const app = await start();
    for (const member of [tutor, ...people]) {
      const socket = await connectSocket(app.baseUrl, member.accessToken);
      sockets.push(socket);
      await joinedState(socket, session.id);
    }
    // A couple of beats, so the connections were confirmed after they joined.
    await sleep(2_500);
    const open = await intervals();
    expect(open).toHaveLength(4);
    expect(open.every((i) => i.endedAt === null)).toBe(true);

    const killedAt = Date.now();
    app.child.kill('SIGKILL');
    await exited(app.child);
    for (const socket of sockets) socket.close();
    // Dead, not gone: nothing closed the stays.
    expect((await intervals()).every((i) => i.endedAt === null)).toBe(true);

    const again = await start();
    let closed = await intervals();
    for (let i = 0; i < 200 && closed.some((row) => row.endedAt === null); i++) {
      await sleep(100);
      closed = await intervals();
    }
    expect(closed).toHaveLength(4);
    for (const interval of closed) {
      expect(interval.endedAt).not.toBeNull();
      expect(interval.endedAt!.getTime()).toBeGreaterThanOrEqual(interval.startedAt.getTime());
      expect(interval.endedAt!.getTime()).toBeLessThanOrEqual(killedAt + HEARTBEAT_SECONDS * 1000 + SLACK_MS);
    }
    // The room starts empty on the restarted API: no ghost of the dead process is present.
    const back = await connectSocket(again.baseUrl, people[0].accessToken);
    sockets.push(back);
    const state = await joinedState(back, session.id);
    expect(state.present.map((p) => p.member.id)).toEqual([people[0].id]);
    expect((await intervals()).filter((i) => i.endedAt === null).map((i) => i.memberId)).toEqual([
      people[0].id,
    ]);
  });

  it('closes the stays of its members at the time of a graceful shutdown (SIGTERM)', async () => {
    const other = await newLiveSession(arrange.baseUrl, tutor, labId);
    const app = await start();
    const joinedAt = Date.now();
    for (const member of people.slice(0, 2)) {
      const socket = await connectSocket(app.baseUrl, member.accessToken);
      sockets.push(socket);
      await joinedState(socket, other.id);
    }
    app.child.kill('SIGTERM');
    expect(await exited(app.child)).toBe(0);
    const stoppedAt = Date.now();
    const rows = await intervals(other.id);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.endedAt).not.toBeNull();
      expect(row.endedAt!.getTime()).toBeGreaterThanOrEqual(
        Math.max(row.startedAt.getTime(), joinedAt - SLACK_MS),
      );
      expect(row.endedAt!.getTime()).toBeLessThanOrEqual(stoppedAt);
    }
  });
});
