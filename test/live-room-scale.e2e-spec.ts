import type {
  AgendaStepEvent,
  LabSessionView,
  LabView,
  PresentMember,
  RaisedHand,
} from '@convergo/contracts';
import { newMember, type TestMember } from './support/factories';
import { as, hand, handIds, joinedState, newLiveLab, newLiveSession } from './support/live-room';
import { connectSocket, type TestSocket } from './support/socket-client';
import { startTestApp, type TestApp } from './support/test-app';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Two API processes on one PostgreSQL database and one Redis: the live room is the same on both. */
describe('live session room across two API processes', () => {
  let first: TestApp;
  let second: TestApp;
  let admin: TestMember;
  let tutor: TestMember;
  let people: TestMember[];
  let lab: LabView;
  const sockets: TestSocket[] = [];

  const connect = async (app: TestApp, member: TestMember): Promise<TestSocket> => {
    const socket = await connectSocket(app.baseUrl, member.accessToken);
    sockets.push(socket);
    return socket;
  };
  const session = (): Promise<LabSessionView> => newLiveSession(first.baseUrl, tutor, lab.id);
  const presentIds = (present: PresentMember[]) => present.map((p) => p.member.id);

  beforeAll(async () => {
    first = await startTestApp({ env: { REDIS_URL } });
    second = await startTestApp({ env: { REDIS_URL }, databaseUrl: first.databaseUrl });
    [admin, tutor] = await Promise.all([
      newMember(first, { role: 'admin' }),
      newMember(first, { role: 'tutor' }),
    ]);
    people = await Promise.all([0, 1, 2].map((i) => newMember(first, { displayName: `Partecipante ${i}` })));
    lab = await newLiveLab(first.baseUrl, admin, { tutors: [tutor], participants: people });
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(async () => {
    // The second instance first: the first one owns (and drops) the database.
    await second?.close();
    await first?.close();
  });

  it('shows a member joined on process 1 to a member joining on process 2, and back', async () => {
    const s = await session();
    const onFirst = await connect(first, people[0]);
    await joinedState(onFirst, s.id);
    const onSecond = await connect(second, people[1]);
    const state = await joinedState(onSecond, s.id);
    expect(presentIds(state.present)).toEqual([people[0].id, people[1].id]);
    // The presence signal sent by process 2 reaches the client of process 1.
    await onFirst.waitFor(
      (e) =>
        e.type === 'session.presence' &&
        presentIds((e.data as { present: PresentMember[] }).present).includes(people[1].id),
    );
    // One member on both processes is present once.
    const alsoOnSecond = await connect(second, people[0]);
    const again = await joinedState(alsoOnSecond, s.id);
    expect(presentIds(again.present)).toEqual([people[0].id, people[1].id]);
  });

  it('sends a hand raised through process 1 to a client of process 2, in order', async () => {
    const s = await session();
    const onSecond = await connect(second, tutor);
    await joinedState(onSecond, s.id);
    const a = await connect(first, people[0]);
    const b = await connect(second, people[1]);
    await joinedState(a, s.id);
    await joinedState(b, s.id);
    expect((await hand(b, { sessionId: s.id, raised: true })).ok).toBe(true);
    const ack = await hand(a, { sessionId: s.id, raised: true });
    expect(ack.ok && handIds(ack.hands)).toEqual([people[1].id, people[0].id]);
    await onSecond.waitFor(
      (e) =>
        e.type === 'session.hands' &&
        JSON.stringify(handIds((e.data as { hands: RaisedHand[] }).hands)) ===
          JSON.stringify([people[1].id, people[0].id]),
    );
    // The tutor on process 2 lowers the hand raised through process 1.
    const lowered = await hand(onSecond, { sessionId: s.id, raised: false, memberId: people[0].id });
    expect(lowered.ok && handIds(lowered.hands)).toEqual([people[1].id]);
    await a.waitFor(
      (e) =>
        e.type === 'session.hands' &&
        JSON.stringify(handIds((e.data as { hands: RaisedHand[] }).hands)) === JSON.stringify([people[1].id]),
    );
  });

  it('sends an agenda step posted to process 1 to a client of process 2', async () => {
    const s = await session();
    const onSecond = await connect(second, people[2]);
    await joinedState(onSecond, s.id);
    await first
      .http()
      .post(`/api/v1/sessions/${s.id}/agenda-step`)
      .set(as(tutor))
      .send({ step: 1 })
      .expect(200);
    const event = await onSecond.waitFor((e) => e.type === 'session.agenda_step');
    expect(event.data as AgendaStepEvent).toEqual({
      sessionId: s.id,
      step: 1,
      item: { title: 'Lavoro per gruppi', minutes: 60 },
    });
    // A late joiner on process 2 gets the step process 1 stored.
    const late = await connect(second, people[0]);
    expect((await joinedState(late, s.id)).currentStep).toBe(1);
  });
});
