import type { RaisedHand } from '@convergo/contracts';
import { DataSource } from 'typeorm';
import { LiveHeartbeat } from '../apps/api/src/modules/live-room/live-heartbeat';
import { newMember, type TestMember } from './support/factories';
import { hand, handIds, joinedState, leaveRoom, newLiveLab, newLiveSession } from './support/live-room';
import { connectSocket, type TestSocket } from './support/socket-client';
import { startTestApp, type TestApp } from './support/test-app';

/** The live room on the embedded database (PGlite, one connection): stays, hands, heartbeat. */
describe('live session room on the embedded database', () => {
  let t: TestApp;
  let admin: TestMember;
  let tutor: TestMember;
  let people: TestMember[];
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    t = await startTestApp({ embedded: true });
    [admin, tutor, ...people] = await Promise.all([
      newMember(t, { role: 'admin' }),
      newMember(t, { role: 'tutor' }),
      ...Array.from({ length: 4 }, () => newMember(t)),
    ]);
    // PGlite runs every migration on one connection: slow on a busy 2-core machine.
  }, 180_000);
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await t?.close();
  });

  it('opens one stay per member under concurrent joins, keeps hands in order and closes stays on leave', async () => {
    const lab = await newLiveLab(t.baseUrl, admin, { tutors: [tutor], participants: people });
    const session = await newLiveSession(t.baseUrl, tutor, lab.id);
    const clients = await Promise.all(
      [...people, people[0]].map(async (member) => {
        const socket = await connectSocket(t.baseUrl, member.accessToken);
        sockets.push(socket);
        return socket;
      }),
    );
    const states = await Promise.all(clients.map((socket) => joinedState(socket, session.id)));
    const last = states.reduce((a, b) => (a.present.length >= b.present.length ? a : b));
    expect(last.present.map((p) => p.member.id).sort()).toEqual(people.map((p) => p.id).sort());

    for (const index of [2, 0, 1])
      expect((await hand(clients[index], { sessionId: session.id, raised: true })).ok).toBe(true);
    const ack = await hand(clients[3], { sessionId: session.id, raised: true });
    expect(ack.ok && handIds(ack.hands)).toEqual([people[2].id, people[0].id, people[1].id, people[3].id]);

    // A beat (heartbeat and sweep) on the one connection leaves live members alone.
    await t.app.get(LiveHeartbeat).beat();
    for (const socket of clients) expect(await leaveRoom(socket, session.id)).toEqual({ ok: true });
    const rows = (await t.app.get(DataSource).query(
      `SELECT member_id AS "memberId", ended_at AS "endedAt" FROM attendance_intervals
        WHERE session_id = $1 AND source = 'live'`,
      [session.id],
    )) as { memberId: string; endedAt: Date | null }[];
    expect(rows.map((r) => r.memberId).sort()).toEqual(people.map((p) => p.id).sort());
    expect(rows.every((r) => r.endedAt !== null)).toBe(true);
    const observer = await connectSocket(t.baseUrl, admin.accessToken);
    sockets.push(observer);
    const state = await joinedState(observer, session.id);
    expect(state.present.map((p) => p.member.id)).toEqual([admin.id]);
    expect(state.hands as RaisedHand[]).toEqual([]);
  });
});
