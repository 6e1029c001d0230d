import {
  POLL_LIMITS,
  type LabSessionView,
  type LabView,
  type PollListView,
  type PollView,
} from '@convergo/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PollsService } from '../apps/api/src/modules/polls/polls.service';
import { newMember, type TestMember } from './support/factories';
import { connectSocket, type TestSocket } from './support/socket-client';
import { startTestApp, type TestApp } from './support/test-app';

describe('live session polls', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: TestMember;
  let tutor: TestMember;
  let outsider: TestMember;
  /** Participants of the lab; each test uses its own so per-member vote budgets never mix. */
  let people: TestMember[];
  let lab: LabView;
  let session: LabSessionView;
  const sockets: TestSocket[] = [];

  const as = (m: TestMember) => ({ authorization: `Bearer ${m.accessToken}` });
  const expectProblem = (
    res: { status: number; headers: Record<string, string>; body: { code?: string } },
    status: number,
    code?: string,
  ) => {
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code: code ?? res.body.code });
    expect(res.headers['content-type']).toContain('application/problem+json');
  };
  const countVotes = async (pollId: string) =>
    Number(
      (
        (await db.query(`SELECT count(*) AS n FROM poll_votes WHERE poll_id = $1`, [pollId])) as {
          n: string;
        }[]
      )[0].n,
    );
  const countPolls = async () =>
    Number(((await db.query(`SELECT count(*) AS n FROM polls`)) as { n: string }[])[0].n);
  const newSession = async (): Promise<LabSessionView> =>
    (
      await t
        .http()
        .post(`/api/v1/labs/${lab.id}/sessions`)
        .set(as(tutor))
        .send({
          title: `Sessione ${randomUUID().slice(0, 8)}`,
          mode: 'online',
          onlineUrl: 'https://meet.jit.si/lab',
          startsAt: '2027-01-14T10:00:00+01:00',
          endsAt: '2027-01-14T13:00:00+01:00',
        })
        .expect(201)
    ).body as LabSessionView;
  const ask = async (
    options: string[] = ['Governance', 'Semplificazione', 'Digitalizzazione'],
    inSession = session,
  ): Promise<PollView> => {
    const res = await t
      .http()
      .post(`/api/v1/sessions/${inSession.id}/polls`)
      .set(as(tutor))
      .send({ question: 'Da quale macro-area partiamo?', options });
    expect(res.status).toBe(201);
    return res.body as PollView;
  };
  const vote = (member: TestMember, pollId: string, option: unknown) =>
    t.http().post(`/api/v1/polls/${pollId}/votes`).set(as(member)).send({ option });
  const roomSocket = async (member: TestMember, sessionId = session.id): Promise<TestSocket> => {
    const socket = await connectSocket(t.baseUrl, member.accessToken);
    sockets.push(socket);
    expect(await socket.subscribe({ room: `session:${sessionId}` })).toEqual({ ok: true });
    return socket;
  };

  beforeAll(async () => {
    // Member budgets on: the vote limit is part of what is tested.
    t = await startTestApp({ env: { RATE_LIMIT_DISABLED: 'false' } });
    db = t.app.get(DataSource);
    [admin, tutor, outsider] = await Promise.all([
      newMember(t, { role: 'admin' }),
      newMember(t, { role: 'tutor' }),
      newMember(t, { displayName: 'Omar Esterno' }),
    ]);
    people = await Promise.all(
      Array.from({ length: 16 }, (_, i) => newMember(t, { displayName: `Partecipante ${i}` })),
    );
    lab = (
      await t
        .http()
        .post('/api/v1/labs')
        .set(as(admin))
        .send({ title: `Laboratorio ${randomUUID()}`, ambito: 'A', status: 'running' })
        .expect(201)
    ).body as LabView;
    for (const [member, role] of [
      [tutor, 'tutor'] as const,
      ...people.map((p) => [p, 'participant'] as const),
    ]) {
      await t
        .http()
        .put(`/api/v1/labs/${lab.id}/participants/${member.id}`)
        .set(as(admin))
        .send({ role })
        .expect(200);
    }
    session = await newSession();
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(async () => {
    await t.close();
  });

  it('lets the tutor ask a poll, which reaches the participants in the room as poll.created', async () => {
    const socket = await roomSocket(people[0]);
    const poll = await ask();
    expect(poll).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      sessionId: session.id,
      question: 'Da quale macro-area partiamo?',
      options: [
        { label: 'Governance', votes: 0 },
        { label: 'Semplificazione', votes: 0 },
        { label: 'Digitalizzazione', votes: 0 },
      ],
      totalVotes: 0,
      status: 'open',
      createdAt: expect.any(String),
      closedAt: null,
    });
    const created = await socket.waitFor(
      (e) => e.type === 'poll.created' && (e.data as PollView).id === poll.id,
    );
    expect(created.room).toBe(`session:${session.id}`);
    expect(created.data).toEqual(poll);

    // An admin outside the lab may ask too.
    const byAdmin = await t
      .http()
      .post(`/api/v1/sessions/${session.id}/polls`)
      .set(as(admin))
      .send({ question: 'Pausa ora?', options: ['Sì', 'No'] });
    expect(byAdmin.status).toBe(201);
  });

  it('refuses bad polls with 400 naming the field, storing nothing', async () => {
    const before = await countPolls();
    const question = 'Domanda?';
    const cases: [Record<string, unknown>, string][] = [
      [{ question, options: ['Una sola'] }, 'options'],
      [{ question, options: Array.from({ length: 11 }, (_, i) => `Opzione ${i}`) }, 'options'],
      [{ question, options: [] }, 'options'],
      [{ question, options: 'Sì, No' }, 'options'],
      [{ question, options: ['Sì', '   '] }, 'options'],
      [{ question, options: ['Sì', 3] }, 'options'],
      [{ question, options: ['Sì', 'x'.repeat(POLL_LIMITS.optionLabel + 1)] }, 'options'],
      [{ question, options: ['Sì', ' sì '] }, 'options'],
      [{ question, options: ['Sì', 'N\u0000o'] }, 'options'],
      [{ question, options: ['Sì', 'No\ud800'] }, 'options'],
      [{ question: '  ', options: ['Sì', 'No'] }, 'question'],
      [{ question: 'x'.repeat(POLL_LIMITS.question + 1), options: ['Sì', 'No'] }, 'question'],
      [{ question: 'Do\u0000manda', options: ['Sì', 'No'] }, 'question'],
      [{ question: 'Domanda \udc00', options: ['Sì', 'No'] }, 'question'],
      [{ question: 42, options: ['Sì', 'No'] }, 'question'],
      [{ options: ['Sì', 'No'] }, 'question'],
      [{ question, options: ['Sì', 'No'], status: 'closed' }, 'status'],
    ];
    for (const [payload, field] of cases) {
      const res = await t.http().post(`/api/v1/sessions/${session.id}/polls`).set(as(tutor)).send(payload);
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(res.headers['content-type']).toContain('application/problem+json');
      // The field, or an item of it (`options[1]` when one label holds a NUL).
      const named = (res.body.errors as { field: string }[]).map((e) => e.field.replace(/\[\d+\]$/, ''));
      expect({ field, errors: named }).toEqual({
        field,
        errors: expect.arrayContaining([field]),
      });
    }
    expectProblem(
      await t
        .http()
        .post(`/api/v1/sessions/not-a-uuid/polls`)
        .set(as(tutor))
        .send({ question, options: ['a', 'b'] }),
      400,
    );
    expect(await countPolls()).toBe(before);
  });

  it('keeps asking and closing to tutors and admins, and votes to the lab’s participants', async () => {
    const poll = await ask();
    const before = await countPolls();
    const participant = people[1];
    expectProblem(
      await t
        .http()
        .post(`/api/v1/sessions/${session.id}/polls`)
        .set(as(participant))
        .send({ question: 'Mia domanda?', options: ['a', 'b'] }),
      403,
      'poll_forbidden',
    );
    expectProblem(
      await t
        .http()
        .post(`/api/v1/sessions/${session.id}/polls`)
        .set(as(outsider))
        .send({ question: 'Mia domanda?', options: ['a', 'b'] }),
      403,
      'poll_forbidden',
    );
    expect(await countPolls()).toBe(before);
    expectProblem(
      await t.http().post(`/api/v1/polls/${poll.id}/close`).set(as(participant)),
      403,
      'poll_forbidden',
    );
    expectProblem(await vote(outsider, poll.id, 0), 403, 'poll_forbidden');
    // The tutor who asks does not tilt the counts, nor does an admin looking in.
    expectProblem(await vote(tutor, poll.id, 0), 403, 'poll_forbidden');
    expectProblem(await vote(admin, poll.id, 0), 403, 'poll_forbidden');
    expectProblem(
      await t.http().get(`/api/v1/sessions/${session.id}/polls`).set(as(outsider)),
      403,
      'poll_forbidden',
    );
    expect(await countVotes(poll.id)).toBe(0);
    const listed = (await t.http().get(`/api/v1/sessions/${session.id}/polls`).set(as(tutor)).expect(200))
      .body as PollListView;
    expect(listed.items.find((p) => p.id === poll.id)?.status).toBe('open');

    // Forged ids.
    expectProblem(await vote(participant, randomUUID(), 0), 404, 'poll_not_found');
    expectProblem(
      await t.http().post(`/api/v1/polls/${randomUUID()}/close`).set(as(tutor)),
      404,
      'poll_not_found',
    );
    expectProblem(
      await t
        .http()
        .post(`/api/v1/sessions/${randomUUID()}/polls`)
        .set(as(tutor))
        .send({ question: 'Chi?', options: ['a', 'b'] }),
      404,
      'session_not_found',
    );
    expectProblem(await t.http().get(`/api/v1/sessions/${randomUUID()}/polls`).set(as(tutor)), 404);
    expectProblem(await vote(participant, 'not-a-uuid', 0), 400);
    expectProblem(await t.http().post(`/api/v1/polls/${poll.id}/votes`).send({ option: 0 }), 401);
  });

  it('replaces a re-vote: one vote per member, counts move, and poll.updated names no voter', async () => {
    const [maria, luca] = [people[2], people[3]];
    const socket = await roomSocket(people[4]);
    const poll = await ask();

    let res = await vote(maria, poll.id, 0);
    expect(res.status).toBe(200);
    expect((res.body as PollView).options.map((o) => o.votes)).toEqual([1, 0, 0]);
    expect((res.body as PollView).totalVotes).toBe(1);

    res = await vote(maria, poll.id, 2);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ totalVotes: 1, options: [{ votes: 0 }, { votes: 0 }, { votes: 1 }] });

    res = await vote(luca, poll.id, 2);
    expect(res.body).toMatchObject({ totalVotes: 2, options: [{ votes: 0 }, { votes: 0 }, { votes: 2 }] });
    // The same vote again changes nothing.
    res = await vote(luca, poll.id, 2);
    expect(res.body).toMatchObject({ totalVotes: 2, options: [{ votes: 0 }, { votes: 0 }, { votes: 2 }] });
    expect(await countVotes(poll.id)).toBe(2);

    const last = await socket.waitFor(
      (e) =>
        e.type === 'poll.updated' &&
        (e.data as PollView).id === poll.id &&
        (e.data as PollView).totalVotes === 2,
    );
    expect(last.data).toEqual(res.body);
    const updates = socket.received.filter(
      (e) => e.type === 'poll.updated' && (e.data as PollView).id === poll.id,
    );
    expect(updates.length).toBeGreaterThanOrEqual(3);
    for (const update of updates) {
      const json = JSON.stringify(update);
      for (const voter of [maria, luca]) {
        expect(json).not.toContain(voter.id);
        expect(json).not.toContain(voter.displayName);
      }
      expect(Object.keys(update.data as object).sort()).toEqual(
        ['closedAt', 'createdAt', 'id', 'options', 'question', 'sessionId', 'status', 'totalVotes'].sort(),
      );
      for (const option of (update.data as PollView).options)
        expect(Object.keys(option).sort()).toEqual(['label', 'votes']);
    }

    // Each voter sees their own vote, and nobody else's.
    const mine = (await t.http().get(`/api/v1/sessions/${session.id}/polls`).set(as(maria)).expect(200))
      .body as PollListView;
    expect(mine.myVotes[poll.id]).toBe(2);
    expect(JSON.stringify(mine)).not.toContain(luca.id);
    const tutors = (await t.http().get(`/api/v1/sessions/${session.id}/polls`).set(as(tutor)).expect(200))
      .body as PollListView;
    expect(tutors.myVotes[poll.id]).toBeUndefined();
    expect(JSON.stringify(tutors)).not.toContain(maria.id);
  });

  it('refuses options that are not an index of the poll with 400, storing nothing', async () => {
    const poll = await ask(['Sì', 'No', 'Non so']);
    const member = people[5];
    for (const option of [3, 9, 10, -1, 1.5, '1', null, true, 1e300, [0], { i: 0 }]) {
      const res = await vote(member, poll.id, option);
      expect({ option, status: res.status }).toEqual({ option, status: 400 });
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect((res.body as { errors: { field: string }[] }).errors.map((e) => e.field)).toContain('option');
    }
    expectProblem(await t.http().post(`/api/v1/polls/${poll.id}/votes`).set(as(member)).send({}), 400);
    expectProblem(
      await t
        .http()
        .post(`/api/v1/polls/${poll.id}/votes`)
        .set(as(member))
        .send({ option: 0, memberId: people[6].id }),
      400,
    );
    expect(await countVotes(poll.id)).toBe(0);
  });

  it('closes a poll: its counts are final, a later vote is 409 and closing again changes nothing', async () => {
    const socket = await roomSocket(people[6]);
    const poll = await ask(['Sì', 'No']);
    await vote(people[7], poll.id, 1).expect(200);

    const closed = await t.http().post(`/api/v1/polls/${poll.id}/close`).set(as(tutor));
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      id: poll.id,
      status: 'closed',
      closedAt: expect.any(String),
      totalVotes: 1,
      options: [
        { label: 'Sì', votes: 0 },
        { label: 'No', votes: 1 },
      ],
    });
    const event = await socket.waitFor(
      (e) =>
        e.type === 'poll.updated' &&
        (e.data as PollView).id === poll.id &&
        (e.data as PollView).status === 'closed',
    );
    expect(event.data).toEqual(closed.body);

    expectProblem(await vote(people[7], poll.id, 0), 409, 'poll_closed');
    expectProblem(await vote(people[8], poll.id, 0), 409, 'poll_closed');
    expect(await countVotes(poll.id)).toBe(1);

    const again = await t.http().post(`/api/v1/polls/${poll.id}/close`).set(as(tutor));
    expect(again.status).toBe(200);
    expect(again.body).toEqual(closed.body);
    // An admin may close as well (idempotent here too).
    await t.http().post(`/api/v1/polls/${poll.id}/close`).set(as(admin)).expect(200);
    const closings = socket.received.filter(
      (e) => e.type === 'poll.updated' && (e.data as PollView).status === 'closed',
    );
    expect(closings).toHaveLength(1);
  });

  it('counts exactly when many participants vote and re-vote at once', async () => {
    const voters = people.slice(0, 12);
    const socket = await roomSocket(people[12]);
    const poll = await ask(['A', 'B', 'C', 'D']);

    const first = await Promise.all(voters.map((m, i) => vote(m, poll.id, i % 4)));
    expect(first.map((r) => r.status)).toEqual(voters.map(() => 200));
    // Every answer counted its own vote, so the totals seen go 1..12, each once.
    expect(first.map((r) => (r.body as PollView).totalVotes).sort((a, b) => a - b)).toEqual(
      voters.map((_, i) => i + 1),
    );

    // Everyone changes their mind at once: A → B, B → C, C → D, D → A… then some go back to A.
    const second = await Promise.all(voters.map((m, i) => vote(m, poll.id, i < 6 ? 0 : (i + 1) % 4)));
    expect(second.map((r) => r.status)).toEqual(voters.map(() => 200));
    for (const res of second) expect((res.body as PollView).totalVotes).toBe(12);

    const expected = [0, 0, 0, 0];
    voters.forEach((_, i) => (expected[i < 6 ? 0 : (i + 1) % 4] += 1));
    const listed = (await t.http().get(`/api/v1/sessions/${session.id}/polls`).set(as(voters[0])).expect(200))
      .body as PollListView;
    const final = listed.items.find((p) => p.id === poll.id)!;
    expect(final.options.map((o) => o.votes)).toEqual(expected);
    expect(final.totalVotes).toBe(12);
    expect(await countVotes(poll.id)).toBe(12);

    // The room's last update (in commit order) carries the final counts.
    await socket.waitFor(
      (e) =>
        e.type === 'poll.updated' &&
        (e.data as PollView).id === poll.id &&
        JSON.stringify((e.data as PollView).options.map((o) => o.votes)) === JSON.stringify(expected),
    );
    const updates = socket.received.filter(
      (e) => e.type === 'poll.updated' && (e.data as PollView).id === poll.id,
    );
    expect(updates).toHaveLength(24);
    const newest = updates.reduce((a, b) => (BigInt(a.id) > BigInt(b.id) ? a : b));
    expect((newest.data as PollView).options.map((o) => o.votes)).toEqual(expected);
  });

  it('gives the live room the polls newest first and the member’s own votes (forRoom)', async () => {
    const room = await newSession();
    const older = await ask(['Sì', 'No'], room);
    const newer = await ask(['Uno', 'Due', 'Tre'], room);
    const member = people[13];
    await vote(member, older.id, 1).expect(200);
    await vote(member, newer.id, 2).expect(200);
    await vote(people[14], newer.id, 0).expect(200);

    const polls = t.app.get(PollsService);
    const state = await polls.forRoom(room.id, member.id);
    expect(state.polls.map((p) => p.id)).toEqual([newer.id, older.id]);
    expect(state.polls[0]).toMatchObject({
      totalVotes: 2,
      options: [{ votes: 1 }, { votes: 0 }, { votes: 1 }],
    });
    expect(state.myVotes).toEqual({ [older.id]: 1, [newer.id]: 2 });
    expect((await polls.forRoom(room.id, tutor.id)).myVotes).toEqual({});
    expect(await polls.forRoom(randomUUID(), member.id)).toEqual({ polls: [], myVotes: {} });

    const listed = (await t.http().get(`/api/v1/sessions/${room.id}/polls`).set(as(member)).expect(200))
      .body as PollListView;
    expect(listed).toEqual({ items: state.polls, myVotes: state.myVotes });
  });

  it('refuses new polls and votes once the session is cancelled or ended (409)', async () => {
    const cancelled = await newSession();
    const open = await ask(['Sì', 'No'], cancelled);
    await t.http().post(`/api/v1/sessions/${cancelled.id}/cancel`).set(as(tutor)).expect(200);
    expectProblem(
      await t
        .http()
        .post(`/api/v1/sessions/${cancelled.id}/polls`)
        .set(as(tutor))
        .send({ question: 'Ancora?', options: ['Sì', 'No'] }),
      409,
      'session_closed',
    );
    expectProblem(await vote(people[9], open.id, 0), 409, 'session_closed');

    const ended = await newSession();
    const late = await ask(['Sì', 'No'], ended);
    await t.http().patch(`/api/v1/sessions/${ended.id}`).set(as(tutor)).send({ status: 'live' }).expect(200);
    await t.http().patch(`/api/v1/sessions/${ended.id}`).set(as(tutor)).send({ status: 'ended' }).expect(200);
    expectProblem(await vote(people[9], late.id, 0), 409, 'session_closed');
    // Tidying up is still allowed.
    await t.http().post(`/api/v1/polls/${late.id}/close`).set(as(tutor)).expect(200);
  });

  it('limits each member’s votes per minute with a coded 429', async () => {
    const poll = await ask(['Sì', 'No']);
    const member = people[15];
    for (let i = 0; i < POLL_LIMITS.votesPerMinute; i += 1) await vote(member, poll.id, i % 2).expect(200);
    const res = await vote(member, poll.id, 0);
    expectProblem(res, 429, 'rate_limited');
    // Another member is unaffected.
    await vote(people[10], poll.id, 0).expect(200);
  });
});
