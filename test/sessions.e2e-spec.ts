import type { LabSessionView, LabView, NotificationPage } from '@convergo/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { newMember, type TestMember } from './support/factories';
import { connectSocket, errorCode, sleep, type TestSocket } from './support/socket-client';
import { startTestApp, type TestApp } from './support/test-app';

describe('lab sessions', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: TestMember;
  let tutor: TestMember;
  let participant: TestMember;
  let colleague: TestMember;
  let outsider: TestMember;
  let lab: LabView;
  let otherLab: LabView;
  const sockets: TestSocket[] = [];

  const as = (m: TestMember) => ({ authorization: `Bearer ${m.accessToken}` });
  const count = async (table: string, where = 'true', params: unknown[] = []) =>
    Number(
      ((await db.query(`SELECT count(*) AS n FROM ${table} WHERE ${where}`, params)) as { n: string }[])[0].n,
    );
  const expectProblem = (res: { status: number; headers: Record<string, string> }, status: number) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
  };
  const body = (fields: Record<string, unknown> = {}) => ({
    title: `Sessione ${randomUUID().slice(0, 8)}`,
    mode: 'in_presence',
    startsAt: '2027-01-14T10:00:00+01:00',
    endsAt: '2027-01-14T13:00:00+01:00',
    place: 'Formez PA, Roma',
    agenda: [{ title: 'Apertura', minutes: 30 }, { title: 'Lavoro per gruppi' }],
    ...fields,
  });
  const createSession = async (
    fields: Record<string, unknown> = {},
    actor = tutor,
  ): Promise<LabSessionView> => {
    const res = await t.http().post(`/api/v1/labs/${lab.id}/sessions`).set(as(actor)).send(body(fields));
    expect(res.status).toBe(201);
    return res.body as LabSessionView;
  };
  const notifications = async (member: TestMember): Promise<NotificationPage> =>
    (await t.http().get('/api/v1/notifications?limit=100').set(as(member)).expect(200))
      .body as NotificationPage;
  const socketOf = async (member: TestMember, rooms: string[]): Promise<TestSocket> => {
    const socket = await connectSocket(t.baseUrl, member.accessToken);
    sockets.push(socket);
    for (const room of rooms) expect(await socket.subscribe({ room })).toEqual({ ok: true });
    return socket;
  };

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    [admin, tutor, participant, colleague, outsider] = await Promise.all([
      newMember(t, { role: 'admin' }),
      newMember(t, { role: 'tutor' }),
      newMember(t, { displayName: 'Paola Partecipante' }),
      newMember(t, { displayName: 'Carlo Collega' }),
      newMember(t, { displayName: 'Omar Esterno' }),
    ]);
    const newLab = async () =>
      (
        await t
          .http()
          .post('/api/v1/labs')
          .set(as(admin))
          .send({ title: `Laboratorio ${randomUUID()}`, ambito: 'A', status: 'running' })
          .expect(201)
      ).body as LabView;
    [lab, otherLab] = [await newLab(), await newLab()];
    for (const [member, role] of [
      [tutor, 'tutor'],
      [participant, 'participant'],
      [colleague, 'participant'],
    ] as const) {
      await t
        .http()
        .put(`/api/v1/labs/${lab.id}/participants/${member.id}`)
        .set(as(admin))
        .send({ role })
        .expect(200);
    }
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(async () => {
    await t.close();
  });

  it('lets tutors and admins schedule sessions, with a notes document, announced live and notified', async () => {
    const socket = await socketOf(participant, [`lab:${lab.id}`]);
    const before = (await notifications(participant)).items.length;
    const session = await createSession();
    expect(session).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      labId: lab.id,
      moduleId: null,
      title: expect.any(String),
      mode: 'in_presence',
      startsAt: '2027-01-14T09:00:00.000Z',
      endsAt: '2027-01-14T12:00:00.000Z',
      place: 'Formez PA, Roma',
      onlineUrl: null,
      agenda: [
        { title: 'Apertura', minutes: 30 },
        { title: 'Lavoro per gruppi', minutes: null },
      ],
      currentStep: null,
      status: 'scheduled',
      notesDocumentId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      icalSequence: 0,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const created = await socket.waitFor((e) => e.type === 'session.created' && e.room === `lab:${lab.id}`);
    expect(created.data).toMatchObject({ id: session.id });

    // The notes document belongs to the lab: its people open it, others do not.
    const notes = await t.http().get(`/api/v1/documents/${session.notesDocumentId}`).set(as(participant));
    expect(notes.status).toBe(200);
    expect(notes.body).toMatchObject({ kind: 'verbale', owner: { type: 'lab', id: lab.id } });
    expectProblem(await t.http().get(`/api/v1/documents/${session.notesDocumentId}`).set(as(outsider)), 403);

    const mine = await notifications(participant);
    expect(mine.items.length).toBe(before + 1);
    expect(mine.items[0]).toMatchObject({
      kind: 'session_scheduled',
      data: { labId: lab.id, sessionId: session.id, startsAt: '2027-01-14T09:00:00.000Z' },
      link: `/laboratori/${lab.id}/sessioni/${session.id}`,
    });
    // The author is not told about their own session; outsiders are not told at all.
    expect((await notifications(tutor)).items.filter((n) => n.data.sessionId === session.id)).toEqual([]);
    expect((await notifications(outsider)).items).toEqual([]);

    const byAdmin = await createSession(
      { mode: 'online', place: null, onlineUrl: 'https://meet.jit.si/x' },
      admin,
    );
    expect(byAdmin).toMatchObject({ mode: 'online', onlineUrl: 'https://meet.jit.si/x', place: null });
  });

  it('refuses to schedule for participants, outsiders and unknown labs, storing nothing', async () => {
    const before = [await count('lab_sessions'), await count('documents')];
    for (const who of [participant, outsider]) {
      const res = await t.http().post(`/api/v1/labs/${lab.id}/sessions`).set(as(who)).send(body());
      expectProblem(res, 403);
    }
    // A tutor of one lab is nobody in another.
    expectProblem(
      await t.http().post(`/api/v1/labs/${otherLab.id}/sessions`).set(as(tutor)).send(body()),
      403,
    );
    expectProblem(
      await t.http().post(`/api/v1/labs/${randomUUID()}/sessions`).set(as(admin)).send(body()),
      404,
    );
    expectProblem(await t.http().post(`/api/v1/labs/${lab.id}/sessions`).send(body()), 401);
    expect([await count('lab_sessions'), await count('documents')]).toEqual(before);
  });

  it('refuses bad session input with 400 naming the field, storing nothing', async () => {
    const otherModule = (
      await t
        .http()
        .post(`/api/v1/labs/${otherLab.id}/modules`)
        .set(as(admin))
        .send({ title: 'Altro' })
        .expect(201)
    ).body as { id: string };
    const before = [await count('lab_sessions'), await count('documents'), await count('notifications')];
    const cases: [Record<string, unknown>, string][] = [
      [body({ endsAt: '2027-01-14T09:00:00+01:00' }), 'endsAt'],
      [body({ endsAt: '2027-01-14T10:00:00+01:00' }), 'endsAt'],
      [body({ endsAt: '2027-03-14T10:00:00+01:00' }), 'endsAt'],
      [body({ mode: 'telepathy' }), 'mode'],
      [body({ mode: undefined }), 'mode'],
      [body({ agenda: 'apertura' }), 'agenda'],
      [body({ agenda: ['apertura'] }), 'agenda'],
      [body({ agenda: [{ minutes: 10 }] }), 'agenda.0.title'],
      [body({ agenda: [{ title: 'x', minutes: -5 }] }), 'agenda.0.minutes'],
      [body({ agenda: [{ title: 'x', minutes: '10' }] }), 'agenda.0.minutes'],
      [body({ agenda: [{ title: 'x', extra: true }] }), 'agenda.0.extra'],
      [body({ agenda: Array.from({ length: 51 }, (_, i) => ({ title: `p${i}` })) }), 'agenda'],
      [body({ title: 'a\u0000b' }), 'title'],
      [body({ place: 'Roma\u0000' }), 'place'],
      [body({ title: 'x'.repeat(201) }), 'title'],
      [body({ place: 'x'.repeat(301) }), 'place'],
      [body({ title: 42 }), 'title'],
      [body({ title: '   ' }), 'title'],
      [body({ startsAt: '2027-01-14T10:00:00' }), 'startsAt'],
      [body({ startsAt: 'domani' }), 'startsAt'],
      [body({ startsAt: 1768381200000 }), 'startsAt'],
      [body({ startsAt: '2027-02-30T10:00:00+01:00' }), 'startsAt'],
      [body({ onlineUrl: 'javascript:alert(1)' }), 'onlineUrl'],
      [body({ moduleId: 'not-a-uuid' }), 'moduleId'],
      [body({ moduleId: otherModule.id }), 'moduleId'],
      [body({ status: 'live' }), 'status'],
      [body({ notesDocumentId: randomUUID() }), 'notesDocumentId'],
    ];
    for (const [payload, field] of cases) {
      const res = await t.http().post(`/api/v1/labs/${lab.id}/sessions`).set(as(tutor)).send(payload);
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect({ field, errors: (res.body.errors as { field: string }[]).map((e) => e.field) }).toEqual({
        field,
        errors: expect.arrayContaining([field]),
      });
    }
    expect([await count('lab_sessions'), await count('documents'), await count('notifications')]).toEqual(
      before,
    );
  });

  it('sends session.updated to lab:<id> and session:<id>, raises the sequence and notifies a new time', async () => {
    const session = await createSession();
    const inLab = await socketOf(participant, [`lab:${lab.id}`]);
    const inSession = await socketOf(colleague, [`session:${session.id}`]);
    const before = (await notifications(participant)).items.length;

    const moved = await t
      .http()
      .patch(`/api/v1/sessions/${session.id}`)
      .set(as(tutor))
      .send({ startsAt: '2027-01-15T10:00:00+01:00', endsAt: '2027-01-15T13:00:00+01:00', place: 'Napoli' })
      .expect(200);
    expect(moved.body).toMatchObject({
      startsAt: '2027-01-15T09:00:00.000Z',
      place: 'Napoli',
      icalSequence: 1,
    });
    for (const [socket, room] of [
      [inLab, `lab:${lab.id}`],
      [inSession, `session:${session.id}`],
    ] as const) {
      const event = await socket.waitFor((e) => e.type === 'session.updated' && e.room === room);
      expect(event.data).toMatchObject({
        id: session.id,
        startsAt: '2027-01-15T09:00:00.000Z',
        icalSequence: 1,
      });
    }
    const after = await notifications(participant);
    expect(after.items.length).toBe(before + 1);
    expect(after.items[0]).toMatchObject({
      kind: 'session_changed',
      data: { sessionId: session.id, changes: 'startsAt,endsAt,place', place: 'Napoli' },
    });
    expect((await notifications(colleague)).items[0]).toMatchObject({ kind: 'session_changed' });

    // A change of title or agenda is a new version for calendars, but nobody's diary moves.
    const renamed = await t
      .http()
      .patch(`/api/v1/sessions/${session.id}`)
      .set(as(admin))
      .send({ title: 'Titolo nuovo', agenda: [{ title: 'Solo questo', minutes: 60 }] })
      .expect(200);
    expect(renamed.body).toMatchObject({ title: 'Titolo nuovo', icalSequence: 2 });
    expect((await notifications(participant)).items.length).toBe(before + 1);
    // The same values again change nothing.
    const same = await t
      .http()
      .patch(`/api/v1/sessions/${session.id}`)
      .set(as(tutor))
      .send({ title: 'Titolo nuovo', place: 'Napoli' })
      .expect(200);
    expect(same.body.icalSequence).toBe(2);
    expect(
      (await t.http().get(`/api/v1/sessions/${session.id}`).set(as(participant)).expect(200)).body,
    ).toEqual(renamed.body);
  });

  it('refuses a bad change with 400 naming the field and stores nothing', async () => {
    const session = await createSession();
    for (const [payload, field] of [
      [{ endsAt: '2027-01-14T09:30:00+01:00' }, 'endsAt'],
      [{ startsAt: '2027-01-14T14:00:00+01:00' }, 'endsAt'],
      [{ mode: 'teleport' }, 'mode'],
      [{ agenda: { title: 'x' } }, 'agenda'],
      [{ title: null }, 'title'],
      [{ status: 'archived' }, 'status'],
      [{ icalSequence: 9 }, 'icalSequence'],
      [{ title: 'x\u0000' }, 'title'],
    ] as [Record<string, unknown>, string][]) {
      const res = await t.http().patch(`/api/v1/sessions/${session.id}`).set(as(tutor)).send(payload);
      expectProblem(res, 400);
      expect({ field, errors: (res.body.errors as { field: string }[]).map((e) => e.field) }).toEqual({
        field,
        errors: expect.arrayContaining([field]),
      });
    }
    const stored = await t.http().get(`/api/v1/sessions/${session.id}`).set(as(tutor)).expect(200);
    expect(stored.body).toEqual(session);
  });

  it('cancels (PATCH or POST …/cancel) with a notice to participants, and follows the status table', async () => {
    const a = await createSession();
    const b = await createSession();
    const socket = await socketOf(participant, [`session:${a.id}`]);
    const cancelled = await t
      .http()
      .patch(`/api/v1/sessions/${a.id}`)
      .set(as(tutor))
      .send({ status: 'cancelled' })
      .expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', icalSequence: 1 });
    const event = await socket.waitFor((e) => e.type === 'session.updated' && e.room === `session:${a.id}`);
    expect(event.data).toMatchObject({ status: 'cancelled' });
    const viaPost = await t.http().post(`/api/v1/sessions/${b.id}/cancel`).set(as(admin)).expect(200);
    expect(viaPost.body).toMatchObject({ status: 'cancelled', icalSequence: 1 });
    const mine = (await notifications(participant)).items.filter((n) => n.kind === 'session_cancelled');
    expect(mine.map((n) => n.data.sessionId).sort()).toEqual([a.id, b.id].sort());
    // Cancelling again changes nothing and tells nobody again.
    await t.http().post(`/api/v1/sessions/${b.id}/cancel`).set(as(admin)).expect(200);
    expect(
      (await notifications(participant)).items.filter((n) => n.kind === 'session_cancelled').length,
    ).toBe(2);
    // cancelled → live is not in the table; cancelled → scheduled is (and is announced again).
    const live = await t.http().patch(`/api/v1/sessions/${a.id}`).set(as(tutor)).send({ status: 'live' });
    expectProblem(live, 409);
    expect(live.body).toMatchObject({ code: 'session_status_transition_not_allowed' });
    await t.http().patch(`/api/v1/sessions/${a.id}`).set(as(tutor)).send({ status: 'scheduled' }).expect(200);
    await t.http().patch(`/api/v1/sessions/${a.id}`).set(as(tutor)).send({ status: 'live' }).expect(200);
    await t.http().patch(`/api/v1/sessions/${a.id}`).set(as(tutor)).send({ status: 'ended' }).expect(200);
    const ended = await t.http().patch(`/api/v1/sessions/${a.id}`).set(as(tutor)).send({ place: 'Bari' });
    expectProblem(ended, 409);
    for (const who of [participant, outsider]) {
      expectProblem(await t.http().post(`/api/v1/sessions/${b.id}/cancel`).set(as(who)), 403);
    }
  });

  it('shows a session and its room to the lab’s people and admins only', async () => {
    const session = await createSession();
    for (const who of [admin, tutor, participant]) {
      await t.http().get(`/api/v1/sessions/${session.id}`).set(as(who)).expect(200);
    }
    const forbidden = await t.http().get(`/api/v1/sessions/${session.id}`).set(as(outsider));
    expectProblem(forbidden, 403);
    expect(forbidden.body).toMatchObject({ code: 'session_forbidden' });
    expectProblem(await t.http().get(`/api/v1/sessions/${randomUUID()}`).set(as(admin)), 404);
    expectProblem(await t.http().get(`/api/v1/sessions/nope`).set(as(admin)), 400);
    for (const who of [participant, outsider]) {
      expectProblem(
        await t.http().patch(`/api/v1/sessions/${session.id}`).set(as(who)).send({ title: 'Mio' }),
        403,
      );
    }
    expectProblem(
      await t.http().patch(`/api/v1/sessions/${randomUUID()}`).set(as(admin)).send({ title: 'x' }),
      404,
    );

    const outsiderSocket = await connectSocket(t.baseUrl, outsider.accessToken);
    sockets.push(outsiderSocket);
    expect(errorCode(await outsiderSocket.subscribe({ room: `session:${session.id}` }))).toBe('forbidden');
    expect(errorCode(await outsiderSocket.subscribe({ room: `session:${randomUUID()}` }))).toBe('not_found');
    const adminSocket = await socketOf(admin, [`session:${session.id}`]);
    await t
      .http()
      .patch(`/api/v1/sessions/${session.id}`)
      .set(as(tutor))
      .send({ title: 'Per tutti' })
      .expect(200);
    await adminSocket.waitFor((e) => e.type === 'session.updated' && e.room === `session:${session.id}`);
    await sleep(200);
    expect(outsiderSocket.inRoom(`session:${session.id}`)).toEqual([]);
  });

  it('lists a lab’s sessions and mine by start within from/to', async () => {
    const own = await t
      .http()
      .post('/api/v1/labs')
      .set(as(admin))
      .send({ title: `Calendario ${randomUUID()}`, ambito: 'B' })
      .expect(201);
    const labId = own.body.id as string;
    const member = await newMember(t);
    await t
      .http()
      .put(`/api/v1/labs/${labId}/participants/${member.id}`)
      .set(as(admin))
      .send({ role: 'participant' });
    const schedule = (startsAt: string, endsAt: string) =>
      t
        .http()
        .post(`/api/v1/labs/${labId}/sessions`)
        .set(as(admin))
        .send(body({ startsAt, endsAt }))
        .expect(201)
        .then((res) => res.body as LabSessionView);
    const late = await schedule('2027-03-10T10:00:00Z', '2027-03-10T12:00:00Z');
    const early = await schedule('2027-03-01T10:00:00Z', '2027-03-01T12:00:00Z');
    const middle = await schedule('2027-03-05T10:00:00Z', '2027-03-05T12:00:00Z');
    const ids = (res: { body: { items: LabSessionView[] } }) => res.body.items.map((s) => s.id);

    const all = await t.http().get(`/api/v1/labs/${labId}/sessions`).set(as(member)).expect(200);
    expect(ids(all)).toEqual([early.id, middle.id, late.id]);
    const window = await t
      .http()
      .get(`/api/v1/labs/${labId}/sessions`)
      .query({ from: '2027-03-01T11:00:00Z', to: '2027-03-06T00:00:00Z' })
      .set(as(member))
      .expect(200);
    expect(ids(window)).toEqual([early.id, middle.id]);
    const me = await t
      .http()
      .get('/api/v1/me/sessions')
      .query({ from: '2027-03-01T00:00:00Z' })
      .set(as(member));
    expect(me.status).toBe(200);
    expect(ids(me)).toEqual([early.id, middle.id, late.id]);
    // Another lab's sessions are not in my calendar; an outsider's calendar is empty.
    const theirs = await t.http().get('/api/v1/me/sessions').set(as(outsider)).expect(200);
    expect(theirs.body).toEqual({ items: [] });
    const participantsOwn = await t.http().get('/api/v1/me/sessions').set(as(participant)).expect(200);
    expect(ids(participantsOwn)).not.toContain(early.id);

    expectProblem(await t.http().get(`/api/v1/labs/${labId}/sessions`).set(as(outsider)), 403);
    expectProblem(await t.http().get(`/api/v1/labs/${randomUUID()}/sessions`).set(as(admin)), 404);
    for (const query of [
      { from: 'ieri' },
      { to: '2027-03-01' },
      { from: '2027-03-02T00:00:00Z', to: '2027-03-01T00:00:00Z' },
      { from: '2020-01-01T00:00:00Z', to: '2029-01-01T00:00:00Z' },
      { other: 1 },
    ]) {
      const res = await t.http().get(`/api/v1/labs/${labId}/sessions`).query(query).set(as(member));
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expectProblem(await t.http().get('/api/v1/me/sessions').query(query).set(as(member)), 400);
    }
  });
});
