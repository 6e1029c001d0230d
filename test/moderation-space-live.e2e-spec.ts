import {
  roomName,
  type FlagResolvedEvent,
  type FlagView,
  type ModerationScopeView,
  type MutedThreadView,
  type ThreadMergeView,
} from '@convergo/contracts';
import { newMember, newSpace, newThread, type TestMember } from './support/factories';
import { connectSocket, errorCode, sleep, type TestSocket } from './support/socket-client';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Space moderators get their space's flag queue live in `moderation_space:<spaceId>` (global
 * moderators have `moderation`): flag.created and flag.resolved of their space only; members are
 * refused the room. Also the small reads the moderation pages need: the scope, the merge target
 * of a merged thread and the muted threads of the e-mail preferences.
 */
describe('moderation: the space moderators’ live queue', () => {
  let t: TestApp;
  let spaceMod: TestMember;
  let otherMod: TestMember;
  let globalMod: TestMember;
  let alice: TestMember;
  let bob: TestMember;
  let spaceA: string;
  let spaceB: string;
  const sockets: TestSocket[] = [];

  const as = (m: TestMember) => ({ authorization: `Bearer ${m.accessToken}` });
  const connect = async (m: TestMember) => {
    const socket = await connectSocket(t.baseUrl, m.accessToken);
    sockets.push(socket);
    return socket;
  };
  const reply = async (m: TestMember, threadId: string, body: string): Promise<{ id: string }> =>
    (await t.http().post(`/api/v1/threads/${threadId}/posts`).set(as(m)).send({ body }).expect(201)).body as {
      id: string;
    };
  const flag = async (m: TestMember, postId: string, reason: string): Promise<FlagView> =>
    (await t.http().post(`/api/v1/posts/${postId}/flags`).set(as(m)).send({ reason }).expect(201))
      .body as FlagView;

  beforeAll(async () => {
    t = await startTestApp();
    [spaceMod, otherMod, globalMod, alice, bob] = await Promise.all([
      newMember(t, { displayName: 'Sara Moderatrice' }),
      newMember(t, { displayName: 'Olga Moderatrice' }),
      newMember(t, { role: 'moderator', displayName: 'Marco Moderatore' }),
      newMember(t, { displayName: 'Alice Bianchi' }),
      newMember(t, { displayName: 'Bruno Verdi' }),
    ]);
    spaceA = (await newSpace(t, { members: [{ member: spaceMod, role: 'moderator' }] })).id;
    spaceB = (await newSpace(t, { members: [{ member: otherMod, role: 'moderator' }] })).id;
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(async () => {
    await t.close();
  });

  it('a space moderator receives flag.created and flag.resolved of their space, not of another', async () => {
    const modSocket = await connect(spaceMod);
    const globalSocket = await connect(globalMod);
    expect(await modSocket.subscribe({ room: roomName('moderation_space', spaceA) })).toEqual({ ok: true });
    expect(errorCode(await modSocket.subscribe({ room: roomName('moderation_space', spaceB) }))).toBe(
      'forbidden',
    );
    // Global moderators may follow one space's queue too.
    expect(await globalSocket.subscribe({ room: roomName('moderation_space', spaceB) })).toEqual({
      ok: true,
    });

    const inA = await newThread(t, alice, spaceA);
    const inB = await newThread(t, alice, spaceB);
    const postA = await reply(alice, inA.id, 'Messaggio nello spazio A');
    const postB = await reply(alice, inB.id, 'Messaggio nello spazio B');

    const flagB = await flag(bob, postB.id, 'Fuori tema');
    const flagA = await flag(bob, postA.id, 'Linguaggio offensivo');
    const created = await modSocket.waitFor(
      (e) => e.type === 'flag.created' && (e.data as FlagView).id === flagA.id,
    );
    expect(created.room).toBe(roomName('moderation_space', spaceA));
    expect(created.data).toMatchObject({ postId: postA.id, spaceId: spaceA, reason: 'Linguaggio offensivo' });
    await globalSocket.waitFor((e) => e.type === 'flag.created' && (e.data as FlagView).id === flagB.id);

    const hidden = await t
      .http()
      .post('/api/v1/moderation/actions')
      .set(as(spaceMod))
      .send({ action: 'hide', postIds: [postA.id], reason: 'Toni non adatti' })
      .expect(200);
    expect(hidden.body).toMatchObject({ results: [{ id: postA.id, status: 'changed' }] });
    const resolved = await modSocket.waitFor(
      (e) => e.type === 'flag.resolved' && (e.data as FlagResolvedEvent).postId === postA.id,
    );
    expect(resolved.room).toBe(roomName('moderation_space', spaceA));
    expect(resolved.data).toEqual({
      postId: postA.id,
      resolution: 'hidden',
      moderatorId: spaceMod.id,
      threadId: inA.id,
      spaceId: spaceA,
    });

    await t
      .http()
      .post('/api/v1/moderation/actions')
      .set(as(otherMod))
      .send({ action: 'dismiss', postIds: [postB.id], reason: 'Va bene così' })
      .expect(200);
    await globalSocket.waitFor(
      (e) => e.type === 'flag.resolved' && (e.data as FlagResolvedEvent).postId === postB.id,
    );
    // The other space's events went out (the global moderator got them); give a stray one time to land.
    await sleep(200);
    const mine = modSocket.received.filter((e) => e.type === 'flag.created' || e.type === 'flag.resolved');
    expect(mine.map((e) => [e.type, (e.data as { postId: string }).postId])).toEqual([
      ['flag.created', postA.id],
      ['flag.resolved', postA.id],
    ]);
    expect(mine.every((e) => e.room === roomName('moderation_space', spaceA))).toBe(true);
  });

  it('refuses the room to ordinary members, and to forged or unknown spaces', async () => {
    const socket = await connect(alice);
    expect(errorCode(await socket.subscribe({ room: roomName('moderation_space', spaceA) }))).toBe(
      'forbidden',
    );
    expect(errorCode(await socket.subscribe({ room: roomName('moderation_space', spaceB) }))).toBe(
      'forbidden',
    );
    const modSocket = await connect(spaceMod);
    expect(
      errorCode(
        await modSocket.subscribe({
          room: roomName('moderation_space', '00000000-0000-4000-8000-000000000000'),
        }),
      ),
    ).toBe('not_found');
    expect(errorCode(await modSocket.subscribe({ room: 'moderation_space:not-a-uuid' }))).toBe('invalid');
    expect(
      errorCode(await modSocket.subscribe({ room: roomName('moderation_space', spaceA.toUpperCase()) })),
    ).toBe('invalid');
    // The REST catch-up follows the same rule.
    await t
      .http()
      .get('/api/v1/events')
      .query({ room: roomName('moderation_space', spaceA) })
      .set(as(alice))
      .expect(403);
    await t
      .http()
      .get('/api/v1/events')
      .query({ room: roomName('moderation_space', spaceA) })
      .set(as(spaceMod))
      .expect(200);

    // Nothing of the space's queue reaches the refused member.
    expect(await modSocket.subscribe({ room: roomName('moderation_space', spaceA) })).toEqual({ ok: true });
    const thread = await newThread(t, bob, spaceA);
    const post = await reply(bob, thread.id, 'Ancora un messaggio');
    await flag(otherMod, post.id, 'Segnalazione');
    await modSocket.waitFor((e) => e.type === 'flag.created' && (e.data as FlagView).postId === post.id);
    expect(socket.received.filter((e) => e.type === 'flag.created')).toEqual([]);
  });

  it('a space moderator made a plain member leaves the queue room at once', async () => {
    const admin = await newMember(t, { role: 'admin' });
    const demoted = await newMember(t, { displayName: 'Dario Ex-moderatore' });
    const space = (await newSpace(t, { members: [{ member: demoted, role: 'moderator' }] })).id;
    const socket = await connect(demoted);
    const watcher = await connect(globalMod);
    expect(await socket.subscribe({ room: roomName('moderation_space', space) })).toEqual({ ok: true });
    expect(await watcher.subscribe({ room: roomName('moderation_space', space) })).toEqual({ ok: true });

    await t
      .http()
      .post(`/api/v1/spaces/${space}/members`)
      .set(as(admin))
      .send({ memberId: demoted.id, role: 'member' })
      .expect(201);
    const thread = await newThread(t, alice, space);
    const post = await reply(alice, thread.id, 'Dopo la revoca');
    // The revalidation runs right after the commit; the flag comes after it.
    await sleep(300);
    await flag(bob, post.id, 'Spam');
    await watcher.waitFor((e) => e.type === 'flag.created' && (e.data as FlagView).postId === post.id);
    await sleep(200);
    expect(socket.received.filter((e) => e.type === 'flag.created')).toEqual([]);
  });

  it('tells each member where they moderate, never refusing', async () => {
    const scopeOf = async (m: TestMember) =>
      (await t.http().get('/api/v1/moderation/scope').set(as(m)).expect(200)).body as ModerationScopeView;
    expect(await scopeOf(spaceMod)).toEqual({ everySpace: false, spaceIds: [spaceA] });
    expect(await scopeOf(globalMod)).toEqual({ everySpace: true, spaceIds: [] });
    expect(await scopeOf(alice)).toEqual({ everySpace: false, spaceIds: [] });
    await t.http().get('/api/v1/moderation/scope').expect(401);
  });

  it('answers where a merged thread went, to its readers only', async () => {
    const source = await newThread(t, alice, spaceA, { title: 'Discussione doppia' });
    const target = await newThread(t, bob, spaceA, { title: 'Discussione principale' });
    await t.http().get(`/api/v1/threads/${source.id}/merge`).set(as(alice)).expect(404);
    await t
      .http()
      .post(`/api/v1/moderation/threads/${source.id}/merge`)
      .set(as(spaceMod))
      .send({ targetThreadId: target.id, reason: 'Stesso argomento' })
      .expect(200);
    const merged = (await t.http().get(`/api/v1/threads/${source.id}/merge`).set(as(alice)).expect(200))
      .body as ThreadMergeView;
    expect(merged).toMatchObject({
      sourceThreadId: source.id,
      targetThreadId: target.id,
      target: { id: target.id, title: 'Discussione principale' },
    });
    const res = await t.http().get(`/api/v1/threads/${target.id}/merge`).set(as(alice)).expect(404);
    expect(res.body).toMatchObject({ code: 'thread_not_merged' });
    await t.http().get('/api/v1/threads/not-a-uuid/merge').set(as(alice)).expect(400);
    await t
      .http()
      .get('/api/v1/threads/00000000-0000-4000-8000-000000000000/merge')
      .set(as(alice))
      .expect(404);

    // A private space's merged thread: outsiders learn nothing.
    const privateSpace = (await newSpace(t, { visibility: 'private', members: [{ member: bob }] })).id;
    const hidden = await newThread(t, bob, privateSpace);
    const res2 = await t.http().get(`/api/v1/threads/${hidden.id}/merge`).set(as(alice));
    expect([403, 404]).toContain(res2.status);
  });

  it('lists the threads a member muted, only in spaces they still read', async () => {
    const thread = await newThread(t, bob, spaceA, { title: 'Da silenziare' });
    await t
      .http()
      .post(`/api/v1/threads/${thread.id}/subscription`)
      .set(as(alice))
      .send({ level: 'muted' })
      .expect(200);
    const watched = await newThread(t, bob, spaceA, { title: 'Da seguire' });
    await t
      .http()
      .post(`/api/v1/threads/${watched.id}/subscription`)
      .set(as(alice))
      .send({ level: 'watching' })
      .expect(200);
    const list = async () =>
      (
        (await t.http().get('/api/v1/me/muted-threads').set(as(alice)).expect(200)).body as {
          items: MutedThreadView[];
        }
      ).items;
    expect((await list()).map((i) => [i.threadId, i.title, i.spaceId])).toEqual([
      [thread.id, 'Da silenziare', spaceA],
    ]);
    await t.http().delete(`/api/v1/threads/${thread.id}/subscription`).set(as(alice)).expect(200);
    expect(await list()).toEqual([]);
    // Bob's list is his own.
    expect(
      (
        (await t.http().get('/api/v1/me/muted-threads').set(as(bob)).expect(200)).body as {
          items: MutedThreadView[];
        }
      ).items,
    ).toEqual([]);
  });
});
