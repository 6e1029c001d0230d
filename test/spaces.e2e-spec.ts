import type { SpaceMemberView, SpaceView } from '@convergo/contracts';
import { DataSource } from 'typeorm';
import { SpacesService } from '../apps/api/src/modules/spaces/spaces.service';
import { newMember, newSpace, type TestMember } from './support/factories';
import { connectSocket, errorCode, sleep, type TestSocket } from './support/socket-client';
import { startTestApp, type TestApp } from './support/test-app';

describe('spaces', () => {
  let t: TestApp;
  let admin: TestMember;
  let moderator: TestMember;
  let alice: TestMember;
  let bob: TestMember;
  let carla: TestMember;
  const sockets: TestSocket[] = [];

  const as = (m: TestMember) => ({ authorization: `Bearer ${m.accessToken}` });
  const connect = async (m: TestMember) => {
    const socket = await connectSocket(t.baseUrl, m.accessToken);
    sockets.push(socket);
    return socket;
  };
  const countSpaces = async () =>
    Number(((await t.app.get(DataSource).query(`SELECT count(*) AS n FROM spaces`)) as { n: string }[])[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    [admin, moderator, alice, bob, carla] = await Promise.all([
      newMember(t, { role: 'admin', displayName: 'Anna Admin' }),
      newMember(t, { role: 'moderator', displayName: 'Marco Moderatore' }),
      newMember(t, { displayName: 'Alice Bianchi' }),
      newMember(t, { displayName: 'Bruno Verdi' }),
      newMember(t, { displayName: 'Carla Neri' }),
    ]);
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(async () => {
    await t.close();
  });

  it('lets moderators create spaces, and nobody else', async () => {
    const created = await t
      .http()
      .post('/api/v1/spaces')
      .set(as(moderator))
      .send({ name: '  Città metropolitane  ', description: 'Riassetto istituzionale', visibility: 'public' })
      .expect(201);
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Città metropolitane',
      description: 'Riassetto istituzionale',
      visibility: 'public',
      labId: null,
      threadCount: 0,
      viewer: { role: null, following: false, canModerate: true },
    });
    const before = await countSpaces();
    const refused = await t
      .http()
      .post('/api/v1/spaces')
      .set(as(alice))
      .send({ name: 'Di Alice', visibility: 'public' })
      .expect(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    const taken = await t
      .http()
      .post('/api/v1/spaces')
      .set(as(admin))
      .send({ name: 'CITTÀ METROPOLITANE', visibility: 'private' })
      .expect(409);
    expect(taken.body).toMatchObject({ code: 'space_name_taken', errors: [{ field: 'name' }] });
    expect(await countSpaces()).toBe(before);
  });

  it('refuses bad input with 400 problem+json and stores nothing', async () => {
    const before = await countSpaces();
    for (const body of [
      {},
      { name: 'x', visibility: 'secret' },
      { name: '', visibility: 'public' },
      { name: '   ', visibility: 'public' },
      { name: 'x'.repeat(121), visibility: 'public' },
      { name: 42, visibility: 'public' },
      { name: 'ok', visibility: 'public', description: ['a'] },
      { name: 'ok', visibility: 'public', labId: '00000000-0000-4000-8000-000000000000' },
      { name: 'ok', visibility: 'public', isAdmin: true },
    ]) {
      const res = await t.http().post('/api/v1/spaces').set(as(admin)).send(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors?.length).toBeGreaterThan(0);
    }
    expect(await countSpaces()).toBe(before);
    await t.http().get('/api/v1/spaces/not-a-uuid').set(as(alice)).expect(400);
    await t.http().get('/api/v1/spaces?limit=0').set(as(alice)).expect(400);
    await t.http().get('/api/v1/spaces?cursor=%%%').set(as(alice)).expect(400);
    await t.http().get('/api/v1/spaces').expect(401);
  });

  it('keeps private spaces to their members: reading, listing, rooms and catch-up', async () => {
    const secret = await newSpace(t, { visibility: 'private', members: [{ member: alice }] });
    const open = await newSpace(t, { visibility: 'public' });

    const asAlice = await t.http().get(`/api/v1/spaces/${secret.id}`).set(as(alice)).expect(200);
    expect(asAlice.body.viewer).toEqual({ role: 'member', following: false, canModerate: false });
    const asBob = await t.http().get(`/api/v1/spaces/${secret.id}`).set(as(bob)).expect(403);
    expect(asBob.body.code).toBe('space_forbidden');
    await t.http().get(`/api/v1/spaces/${open.id}`).set(as(bob)).expect(200);
    await t.http().get('/api/v1/spaces/00000000-0000-4000-8000-000000000000').set(as(bob)).expect(404);
    // Global moderators read every space.
    await t.http().get(`/api/v1/spaces/${secret.id}`).set(as(moderator)).expect(200);

    const listed = async (m: TestMember) => {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await t
          .http()
          .get('/api/v1/spaces')
          .query({ limit: 2, ...(cursor ? { cursor } : {}) })
          .set(as(m))
          .expect(200);
        ids.push(...(page.body.items as SpaceView[]).map((s) => s.id));
        cursor = page.body.nextCursor as string | null;
      } while (cursor);
      return ids;
    };
    expect(await listed(alice)).toEqual(expect.arrayContaining([secret.id, open.id]));
    expect(await listed(bob)).toContain(open.id);
    expect(await listed(bob)).not.toContain(secret.id);
    const all = await listed(admin);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toContain(secret.id);

    const bobSocket = await connect(bob);
    expect(errorCode(await bobSocket.subscribe({ room: `space:${secret.id}` }))).toBe('forbidden');
    expect(errorCode(await bobSocket.subscribe({ room: 'space:00000000-0000-4000-8000-000000000000' }))).toBe(
      'not_found',
    );
    expect(errorCode(await bobSocket.subscribe({ room: `space:${secret.id.toUpperCase()}` }))).toBe(
      'invalid',
    );
    expect(await bobSocket.subscribe({ room: `space:${open.id}` })).toEqual({ ok: true });
    await t
      .http()
      .get('/api/v1/events')
      .query({ room: `space:${secret.id}`, after: 0 })
      .set(as(bob))
      .expect(403);
    const aliceSocket = await connect(alice);
    expect(await aliceSocket.subscribe({ room: `space:${secret.id}` })).toEqual({ ok: true });
  });

  it('lets space moderators edit and invite, admins appoint moderators, and keeps rooms in step', async () => {
    const space = await newSpace(t, {
      visibility: 'private',
      members: [{ member: carla, role: 'moderator' }],
    });
    const carlaSocket = await connect(carla);
    expect(await carlaSocket.subscribe({ room: `space:${space.id}` })).toEqual({ ok: true });

    await t.http().patch(`/api/v1/spaces/${space.id}`).set(as(bob)).send({ description: 'no' }).expect(403);
    const patched = await t
      .http()
      .patch(`/api/v1/spaces/${space.id}`)
      .set(as(carla))
      .send({ description: 'Tavoli territoriali' })
      .expect(200);
    expect(patched.body).toMatchObject({ description: 'Tavoli territoriali', viewer: { canModerate: true } });
    const updated = await carlaSocket.waitFor((e) => e.type === 'space.updated');
    expect(updated).toMatchObject({
      room: `space:${space.id}`,
      data: { description: 'Tavoli territoriali', viewer: null },
    });

    // Space moderators invite members, but only admins appoint moderators.
    await t
      .http()
      .post(`/api/v1/spaces/${space.id}/members`)
      .set(as(bob))
      .send({ memberId: alice.id })
      .expect(403);
    const invited = await t
      .http()
      .post(`/api/v1/spaces/${space.id}/members`)
      .set(as(carla))
      .send({ memberId: alice.id })
      .expect(201);
    expect(invited.body).toMatchObject({
      spaceId: space.id,
      role: 'member',
      member: { id: alice.id, displayName: 'Alice Bianchi' },
    });
    await carlaSocket.waitFor(
      (e) => e.type === 'space.member_added' && (e.data as SpaceMemberView).member.id === alice.id,
    );
    await t
      .http()
      .post(`/api/v1/spaces/${space.id}/members`)
      .set(as(carla))
      .send({ memberId: bob.id, role: 'moderator' })
      .expect(403);
    await t
      .http()
      .post(`/api/v1/spaces/${space.id}/members`)
      .set(as(moderator))
      .send({ memberId: bob.id, role: 'moderator' })
      .expect(403);
    await t
      .http()
      .post(`/api/v1/spaces/${space.id}/members`)
      .set(as(carla))
      .send({ memberId: '00000000-0000-4000-8000-000000000000' })
      .expect(422);
    await t
      .http()
      .post(`/api/v1/spaces/${space.id}/members`)
      .set(as(carla))
      .send({ memberId: 'nope' })
      .expect(400);
    await t
      .http()
      .post(`/api/v1/spaces/${space.id}/members`)
      .set(as(carla))
      .send({ memberId: alice.id, role: 'owner' })
      .expect(400);

    // Alice was told, can read now, and follows the room.
    const notifications = await t.http().get('/api/v1/notifications').set(as(alice)).expect(200);
    expect(notifications.body.items[0]).toMatchObject({ kind: 'space_added', data: { spaceId: space.id } });
    await t.http().get(`/api/v1/spaces/${space.id}`).set(as(alice)).expect(200);
    const roster = await t.http().get(`/api/v1/spaces/${space.id}/members`).set(as(alice)).expect(200);
    expect((roster.body.items as SpaceMemberView[]).map((m) => [m.member.displayName, m.role])).toEqual([
      ['Alice Bianchi', 'member'],
      ['Carla Neri', 'moderator'],
    ]);
    const aliceSocket = await connect(alice);
    expect(await aliceSocket.subscribe({ room: `space:${space.id}` })).toEqual({ ok: true });

    // Removed: no access, and her socket leaves the room (no more events reach her).
    await t.http().delete(`/api/v1/spaces/${space.id}/members/${alice.id}`).set(as(bob)).expect(403);
    await t.http().delete(`/api/v1/spaces/${space.id}/members/${alice.id}`).set(as(carla)).expect(204);
    await t.http().get(`/api/v1/spaces/${space.id}`).set(as(alice)).expect(403);
    await sleep(200);
    await t
      .http()
      .patch(`/api/v1/spaces/${space.id}`)
      .set(as(carla))
      .send({ description: 'Dopo' })
      .expect(200);
    await carlaSocket.waitFor(
      (e) => e.type === 'space.updated' && (e.data as SpaceView).description === 'Dopo',
    );
    await sleep(100);
    expect(aliceSocket.received.filter((e) => e.type === 'space.updated')).toEqual([]);

    // The admin appoints Bob moderator; a member may leave; a moderator is removed by admins only.
    await t
      .http()
      .post(`/api/v1/spaces/${space.id}/members`)
      .set(as(admin))
      .send({ memberId: bob.id, role: 'moderator' })
      .expect(201);
    await t
      .http()
      .patch(`/api/v1/spaces/${space.id}`)
      .set(as(bob))
      .send({ name: 'Tavolo Bruno' })
      .expect(200);
    await t.http().delete(`/api/v1/spaces/${space.id}/members/${bob.id}`).set(as(carla)).expect(403);
    await t.http().delete(`/api/v1/spaces/${space.id}/members/${bob.id}`).set(as(admin)).expect(204);
    await t.http().delete(`/api/v1/spaces/${space.id}/members/${bob.id}`).set(as(admin)).expect(404);
  });

  it('follows and unfollows a readable space', async () => {
    const space = await newSpace(t);
    const followed = await t.http().post(`/api/v1/spaces/${space.id}/subscription`).set(as(bob)).expect(200);
    expect(followed.body).toEqual({ spaceId: space.id, following: true });
    expect((await t.http().get(`/api/v1/spaces/${space.id}`).set(as(bob))).body.viewer.following).toBe(true);
    await t.http().delete(`/api/v1/spaces/${space.id}/subscription`).set(as(bob)).expect(200);
    expect((await t.http().get(`/api/v1/spaces/${space.id}`).set(as(bob))).body.viewer.following).toBe(false);
    const secret = await newSpace(t, { visibility: 'private' });
    await t.http().post(`/api/v1/spaces/${secret.id}/subscription`).set(as(bob)).expect(403);
  });

  it('creates the demo spaces of the source documents once', async () => {
    const spaces = t.app.get(SpacesService);
    expect(await spaces.ensureDemoSpaces()).toBe(10);
    expect(await spaces.ensureDemoSpaces()).toBe(0);
    const names = (await t.http().get('/api/v1/spaces?limit=100').set(as(bob))).body.items.map(
      (s: SpaceView) => s.name,
    );
    expect(names).toEqual(
      expect.arrayContaining([
        "Piani di riassetto istituzionale e organizzativo dell'area metropolitana",
        'Piani strategici metropolitani',
        'Semplificazione amministrativa in materia edilizia e urbanistica',
        'Cooperazione internazionale',
        'Servizi ai cittadini',
        'Interoperabilità e cooperazione applicativa',
      ]),
    );
    const found = await t
      .http()
      .get('/api/v1/spaces')
      .query({ q: 'interoperabilita' })
      .set(as(bob))
      .expect(200);
    expect(found.body.items.map((s: SpaceView) => s.name)).toEqual([
      'Interoperabilità e cooperazione applicativa',
    ]);
  });
});
