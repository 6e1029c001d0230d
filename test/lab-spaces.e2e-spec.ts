import type { NotificationView, Page, SearchPage, SpaceView } from '@convergo/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { newMember, newSpace, newThread, type TestMember } from './support/factories';
import { connectSocket, errorCode, type TestSocket } from './support/socket-client';
import { startTestApp, type TestApp } from './support/test-app';

describe('spaces restricted to a lab', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: TestMember;
  let moderator: TestMember;
  let tutor: TestMember;
  let alice: TestMember;
  let bob: TestMember;
  let carla: TestMember;
  let labId: string;
  let otherLabId: string;
  const sockets: TestSocket[] = [];

  const as = (m: TestMember) => ({ authorization: `Bearer ${m.accessToken}` });
  const countSpaces = async () =>
    Number(((await db.query(`SELECT count(*) AS n FROM spaces`)) as { n: string }[])[0].n);
  const createLab = async (title: string): Promise<string> =>
    (await t.http().post('/api/v1/labs').set(as(admin)).send({ title, ambito: 'A' }).expect(201)).body
      .id as string;
  const enrol = (labIdToUse: string, member: TestMember, role = 'participant') =>
    t
      .http()
      .put(`/api/v1/labs/${labIdToUse}/participants/${member.id}`)
      .set(as(admin))
      .send({ role })
      .expect(200);
  const listedIds = async (m: TestMember) => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await t
        .http()
        .get('/api/v1/spaces')
        .query({ limit: 100, ...(cursor ? { cursor } : {}) })
        .set(as(m))
        .expect(200);
      const page = res.body as Page<SpaceView>;
      ids.push(...page.items.map((s) => s.id));
      cursor = page.nextCursor;
    } while (cursor);
    return ids;
  };
  const searchHits = async (m: TestMember, q: string, space?: string) =>
    (
      (
        await t
          .http()
          .get('/api/v1/search')
          .query({ q, ...(space ? { space } : {}) })
          .set(as(m))
          .expect(200)
      ).body as SearchPage
    ).items.map((hit) => hit.thread.id);
  const connect = async (m: TestMember) => {
    const socket = await connectSocket(t.baseUrl, m.accessToken);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    [admin, moderator, tutor, alice, bob, carla] = await Promise.all([
      newMember(t, { role: 'admin' }),
      newMember(t, { role: 'moderator' }),
      newMember(t, { role: 'tutor', displayName: 'Tiziana Tutor' }),
      newMember(t, { displayName: 'Alice Bianchi' }),
      newMember(t, { displayName: 'Bruno Verdi' }),
      newMember(t, { displayName: 'Carla Neri' }),
    ]);
    labId = await createLab('Laboratorio Ambito A – cooperazione internazionale');
    otherLabId = await createLab('Laboratorio Ambito C – interregionale');
    await enrol(labId, tutor, 'tutor');
    await enrol(labId, alice);
    await enrol(otherLabId, bob);
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates a lab space only with an existing lab, and refuses a lab for other visibilities', async () => {
    const created = await t
      .http()
      .post('/api/v1/spaces')
      .set(as(moderator))
      .send({ name: 'Spazio del laboratorio A', visibility: 'lab', labId })
      .expect(201);
    expect(created.body).toMatchObject({ visibility: 'lab', labId });

    const before = await countSpaces();
    const missing = await t
      .http()
      .post('/api/v1/spaces')
      .set(as(moderator))
      .send({ name: 'Senza laboratorio', visibility: 'lab' })
      .expect(400);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'labId' })]);
    const unknown = await t
      .http()
      .post('/api/v1/spaces')
      .set(as(moderator))
      .send({ name: 'Laboratorio inesistente', visibility: 'lab', labId: randomUUID() })
      .expect(400);
    expect(unknown.body.code).toBe('lab_not_found');
    for (const visibility of ['public', 'private']) {
      const res = await t
        .http()
        .post('/api/v1/spaces')
        .set(as(moderator))
        .send({ name: `Spazio ${visibility}`, visibility, labId })
        .expect(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'labId' })]);
    }
    await t
      .http()
      .post('/api/v1/spaces')
      .set(as(moderator))
      .send({ name: 'Id non valido', visibility: 'lab', labId: 'lab-1' })
      .expect(400);
    await t
      .http()
      .post('/api/v1/spaces')
      .set(as(tutor))
      .send({ name: 'Spazio del tutor', visibility: 'lab', labId })
      .expect(403);
    expect(await countSpaces()).toBe(before);

    // Changing the visibility follows the same rules.
    const open = await newSpace(t, { visibility: 'public' });
    await t
      .http()
      .patch(`/api/v1/spaces/${open.id}`)
      .set(as(moderator))
      .send({ visibility: 'lab' })
      .expect(400);
    await t.http().patch(`/api/v1/spaces/${open.id}`).set(as(moderator)).send({ labId }).expect(400);
    const moved = await t
      .http()
      .patch(`/api/v1/spaces/${open.id}`)
      .set(as(moderator))
      .send({ visibility: 'lab', labId: otherLabId })
      .expect(200);
    expect(moved.body).toMatchObject({ visibility: 'lab', labId: otherLabId });
    // Staying a lab space keeps the lab; a renamed lab space too.
    const kept = await t
      .http()
      .patch(`/api/v1/spaces/${open.id}`)
      .set(as(moderator))
      .send({ visibility: 'lab', name: 'Tavolo interregionale' })
      .expect(200);
    expect(kept.body).toMatchObject({ visibility: 'lab', labId: otherLabId, name: 'Tavolo interregionale' });
    const unknownLab = await t
      .http()
      .patch(`/api/v1/spaces/${open.id}`)
      .set(as(moderator))
      .send({ labId: randomUUID() })
      .expect(400);
    expect(unknownLab.body.code).toBe('lab_not_found');
    const back = await t
      .http()
      .patch(`/api/v1/spaces/${open.id}`)
      .set(as(moderator))
      .send({ visibility: 'private' })
      .expect(200);
    expect(back.body).toMatchObject({ visibility: 'private', labId: null });
  });

  it('lets the lab’s people read it, and keeps everyone else out of threads, search and rooms', async () => {
    const space = (
      await t
        .http()
        .post('/api/v1/spaces')
        .set(as(moderator))
        .send({
          name: 'Laboratorio cooperazione internazionale — spazio del gruppo',
          visibility: 'lab',
          labId,
        })
        .expect(201)
    ).body as SpaceView;
    // Carla is invited into the space itself, without being in the lab.
    await t
      .http()
      .post(`/api/v1/spaces/${space.id}/members`)
      .set(as(moderator))
      .send({ memberId: carla.id })
      .expect(201);

    const thread = await newThread(t, alice, space.id, {
      title: 'Quadro logico della macroarea Balcani occidentali',
      body: 'Proposta di quadro logico per la macroarea gemellaggio balcanico.',
    });

    for (const reader of [alice, tutor, carla, moderator, admin]) {
      await t.http().get(`/api/v1/spaces/${space.id}`).set(as(reader)).expect(200);
      await t.http().get(`/api/v1/spaces/${space.id}/threads`).set(as(reader)).expect(200);
      await t.http().get(`/api/v1/threads/${thread.id}/posts`).set(as(reader)).expect(200);
      expect(await listedIds(reader)).toContain(space.id);
      expect(await searchHits(reader, 'balcanico')).toEqual([thread.id]);
      const socket = await connect(reader);
      expect(await socket.subscribe({ room: `space:${space.id}` })).toEqual({ ok: true });
      expect(await socket.subscribe({ room: `thread:${thread.id}` })).toEqual({ ok: true });
    }
    const answered = await t
      .http()
      .post(`/api/v1/threads/${thread.id}/posts`)
      .set(as(tutor))
      .send({ body: 'Buon inizio: aggiungete gli indicatori.' })
      .expect(201);

    // Bob is in another lab, not this one: the space is closed to him, as a private one would be.
    const forbidden = await t.http().get(`/api/v1/spaces/${space.id}`).set(as(bob)).expect(403);
    expect(forbidden.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(forbidden.body.code).toBe('space_forbidden');
    await t.http().get(`/api/v1/spaces/${space.id}/threads`).set(as(bob)).expect(403);
    await t.http().get(`/api/v1/threads/${thread.id}`).set(as(bob)).expect(403);
    await t.http().get(`/api/v1/threads/${thread.id}/posts`).set(as(bob)).expect(403);
    await t.http().get(`/api/v1/posts/${answered.body.id}`).set(as(bob)).expect(403);
    await t
      .http()
      .post(`/api/v1/threads/${thread.id}/posts`)
      .set(as(bob))
      .send({ body: 'Posso entrare?' })
      .expect(403);
    await t
      .http()
      .post(`/api/v1/spaces/${space.id}/threads`)
      .set(as(bob))
      .send({ title: 'Intruso', body: 'Testo' })
      .expect(403);
    await t.http().post(`/api/v1/spaces/${space.id}/subscription`).set(as(bob)).expect(403);
    expect(await listedIds(bob)).not.toContain(space.id);
    expect(await searchHits(bob, 'balcanico')).toEqual([]);
    expect(await searchHits(bob, 'balcanico', space.id)).toEqual([]);
    const bobSocket = await connect(bob);
    expect(errorCode(await bobSocket.subscribe({ room: `space:${space.id}` }))).toBe('forbidden');
    expect(errorCode(await bobSocket.subscribe({ room: `thread:${thread.id}` }))).toBe('forbidden');
    await t
      .http()
      .get('/api/v1/events')
      .query({ room: `space:${space.id}`, after: '0' })
      .set(as(bob))
      .expect(403);
  });

  it('closes the space to a participant removed from the lab', async () => {
    const dora = await newMember(t, { displayName: 'Dora Esposito' });
    await enrol(labId, dora);
    const space = (
      await t
        .http()
        .post('/api/v1/spaces')
        .set(as(admin))
        .send({ name: 'Spazio del laboratorio – consegne', visibility: 'lab', labId })
        .expect(201)
    ).body as SpaceView;
    const thread = await newThread(t, tutor, space.id, {
      body: 'Consegna del piano strategico internazionale.',
    });
    await t.http().get(`/api/v1/threads/${thread.id}`).set(as(dora)).expect(200);
    await t.http().post(`/api/v1/spaces/${space.id}/subscription`).set(as(dora)).expect(200);
    const socket = await connect(dora);
    expect(await socket.subscribe({ room: `space:${space.id}` })).toEqual({ ok: true });

    await t.http().delete(`/api/v1/labs/${labId}/participants/${dora.id}`).set(as(tutor)).expect(204);

    await t.http().get(`/api/v1/spaces/${space.id}`).set(as(dora)).expect(403);
    await t.http().get(`/api/v1/threads/${thread.id}`).set(as(dora)).expect(403);
    expect(await listedIds(dora)).not.toContain(space.id);
    expect(await searchHits(dora, 'strategico')).toEqual([]);
    expect(errorCode(await socket.subscribe({ room: `thread:${thread.id}` }))).toBe('forbidden');
    // The socket that followed the space room is made to leave it: a new thread does not reach it.
    const fresh = await connect(dora);
    expect(errorCode(await fresh.subscribe({ room: `space:${space.id}` }))).toBe('forbidden');

    // She followed the space, but a follower who may no longer read it is not notified.
    const tutorSocket = await connect(tutor);
    expect(await tutorSocket.subscribe({ room: `space:${space.id}` })).toEqual({ ok: true });
    const later = await newThread(t, tutor, space.id, { title: 'Seconda consegna' });
    await tutorSocket.waitFor(
      (e) =>
        e.type === 'thread.created' &&
        e.room === `space:${space.id}` &&
        (e.data as { id: string }).id === later.id,
    );
    const notifications = (await t.http().get('/api/v1/notifications').set(as(dora)).expect(200))
      .body as Page<NotificationView>;
    expect(notifications.items.filter((n) => JSON.stringify(n).includes(later.id))).toEqual([]);
    expect(
      socket.received.filter(
        (e) =>
          e.room === `space:${space.id}` &&
          e.type === 'thread.created' &&
          (e.data as { id: string }).id === later.id,
      ),
    ).toEqual([]);

    // Enrolled again, she reads it again.
    await enrol(labId, dora);
    await t.http().get(`/api/v1/threads/${thread.id}`).set(as(dora)).expect(200);
  });
});
