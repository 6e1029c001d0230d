import type { LabSessionView, LabView, Page, PollView, SessionMessageView } from '@convergo/contracts';
import { newMember, type TestMember } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';

/** Polls and the session chat on the embedded database (PGlite, one connection). */
describe('live polls and chat on the embedded database', () => {
  let t: TestApp;
  let admin: TestMember;
  let tutor: TestMember;
  let voters: TestMember[];
  const as = (m: TestMember) => ({ authorization: `Bearer ${m.accessToken}` });

  beforeAll(async () => {
    t = await startTestApp({ embedded: true });
    [admin, tutor, ...voters] = await Promise.all([
      newMember(t, { role: 'admin' }),
      newMember(t, { role: 'tutor' }),
      ...Array.from({ length: 6 }, () => newMember(t)),
    ]);
    // PGlite runs every migration on one connection: on a busy 2-core machine that alone took a minute.
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  it('asks, counts concurrent votes and re-votes exactly, closes, and pages the chat', async () => {
    const lab = (
      await t
        .http()
        .post('/api/v1/labs')
        .set(as(admin))
        .send({ title: 'Laboratorio incorporato', ambito: 'A', status: 'running' })
        .expect(201)
    ).body as LabView;
    for (const [member, role] of [
      [tutor, 'tutor'] as const,
      ...voters.map((v) => [v, 'participant'] as const),
    ]) {
      await t
        .http()
        .put(`/api/v1/labs/${lab.id}/participants/${member.id}`)
        .set(as(admin))
        .send({ role })
        .expect(200);
    }
    const session = (
      await t
        .http()
        .post(`/api/v1/labs/${lab.id}/sessions`)
        .set(as(tutor))
        .send({
          title: 'Sessione incorporata',
          mode: 'online',
          startsAt: '2027-01-14T10:00:00+01:00',
          endsAt: '2027-01-14T13:00:00+01:00',
        })
        .expect(201)
    ).body as LabSessionView;

    const poll = (
      await t
        .http()
        .post(`/api/v1/sessions/${session.id}/polls`)
        .set(as(tutor))
        .send({ question: 'Sì o no?', options: ['Sì', 'No'] })
        .expect(201)
    ).body as PollView;
    const vote = (m: TestMember, option: number) =>
      t.http().post(`/api/v1/polls/${poll.id}/votes`).set(as(m)).send({ option });
    await Promise.all(voters.map((m) => vote(m, 0).expect(200)));
    await Promise.all(voters.map((m, i) => vote(m, i % 2).expect(200)));
    const closed = (await t.http().post(`/api/v1/polls/${poll.id}/close`).set(as(tutor)).expect(200))
      .body as PollView;
    expect(closed).toMatchObject({
      status: 'closed',
      totalVotes: 6,
      options: [
        { label: 'Sì', votes: 3 },
        { label: 'No', votes: 3 },
      ],
    });
    expect((await vote(voters[0], 1)).status).toBe(409);

    for (const text of ['uno', 'due', 'tre']) {
      await t
        .http()
        .post(`/api/v1/sessions/${session.id}/messages`)
        .set(as(voters[0]))
        .send({ body: text })
        .expect(201);
    }
    const newest = (
      await t.http().get(`/api/v1/sessions/${session.id}/messages?limit=2`).set(as(tutor)).expect(200)
    ).body as Page<SessionMessageView>;
    expect(newest.items.map((m) => m.body)).toEqual(['due', 'tre']);
    const older = (
      await t
        .http()
        .get(`/api/v1/sessions/${session.id}/messages?limit=2&cursor=${newest.nextCursor}`)
        .set(as(tutor))
        .expect(200)
    ).body as Page<SessionMessageView>;
    expect(older).toMatchObject({ items: [{ body: 'uno' }], nextCursor: null });
  });
});
