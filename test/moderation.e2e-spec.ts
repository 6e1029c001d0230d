import type {
  FlagQueueItem,
  FlagView,
  ModerationActionResult,
  ModerationLogEntry,
  NotificationView,
  PostView,
  ThreadMergedEvent,
  ThreadMovedEvent,
} from '@convergo/contracts';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { newMember, newSpace, newThread, type TestMember } from './support/factories';
import { connectSocket, sleep, type TestSocket } from './support/socket-client';
import { startTestApp, type TestApp } from './support/test-app';

describe('moderation', () => {
  let t: TestApp;
  let globalMod: TestMember;
  let spaceMod: TestMember;
  let alice: TestMember;
  let bob: TestMember;
  let admin: TestMember;
  let spaceA: string;
  let spaceB: string;
  const sockets: TestSocket[] = [];

  const as = (m: TestMember) => ({ authorization: `Bearer ${m.accessToken}` });
  const connect = async (m: TestMember) => {
    const socket = await connectSocket(t.baseUrl, m.accessToken);
    sockets.push(socket);
    return socket;
  };
  const reply = async (m: TestMember, threadId: string, body: string): Promise<PostView> =>
    (await t.http().post(`/api/v1/threads/${threadId}/posts`).set(as(m)).send({ body }).expect(201))
      .body as PostView;
  const flag = async (m: TestMember, postId: string, reason: string): Promise<FlagView> =>
    (await t.http().post(`/api/v1/posts/${postId}/flags`).set(as(m)).send({ reason }).expect(201))
      .body as FlagView;
  const act = (m: TestMember, body: unknown) =>
    t
      .http()
      .post('/api/v1/moderation/actions')
      .set(as(m))
      .send(body as object);
  const expectProblem = (res: Response, status: number) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status, title: expect.any(String) });
  };
  const logOf = async (m: TestMember, query: Record<string, string> = {}): Promise<ModerationLogEntry[]> =>
    (
      await t
        .http()
        .get('/api/v1/moderation/log')
        .query({ limit: 100, ...query })
        .set(as(m))
        .expect(200)
    ).body.items as ModerationLogEntry[];
  const notificationsOf = async (m: TestMember): Promise<NotificationView[]> =>
    (await t.http().get('/api/v1/notifications').set(as(m)).expect(200)).body.items as NotificationView[];
  const postState = async (id: string) => {
    const [row] = (await t.app
      .get(DataSource)
      .query(`SELECT hidden_at, thread_id, number FROM posts WHERE id = $1`, [id])) as {
      hidden_at: Date | null;
      thread_id: string;
      number: number;
    }[];
    return row;
  };

  beforeAll(async () => {
    t = await startTestApp();
    [globalMod, spaceMod, alice, bob, admin] = await Promise.all([
      newMember(t, { role: 'moderator', displayName: 'Marco Moderatore' }),
      newMember(t, { displayName: 'Sara Moderatrice' }),
      newMember(t, { displayName: 'Alice Bianchi' }),
      newMember(t, { displayName: 'Bruno Verdi' }),
      newMember(t, { role: 'admin', displayName: 'Ada Admin' }),
    ]);
    spaceA = (await newSpace(t, { members: [{ member: spaceMod, role: 'moderator' }] })).id;
    spaceB = (await newSpace(t)).id;
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(async () => {
    await t.close();
  });

  it('a flag reaches a subscribed moderator live exactly once; space moderators are notified and see it queued', async () => {
    const thread = await newThread(t, alice, spaceA);
    const post = await reply(alice, thread.id, 'Un messaggio discutibile');
    const modSocket = await connect(globalMod);
    expect(await modSocket.subscribe({ room: 'moderation' })).toEqual({ ok: true });
    const spaceModSocket = await connect(spaceMod);

    const created = await flag(bob, post.id, 'Linguaggio offensivo');
    const event = await modSocket.waitFor(
      (e) => e.type === 'flag.created' && (e.data as FlagView).id === created.id,
    );
    expect(event.room).toBe('moderation');
    const note = await spaceModSocket.waitFor(
      (e) => e.type === 'notification.created' && (e.data as NotificationView).kind === 'post_flagged',
    );
    expect((note.data as NotificationView).data).toMatchObject({
      postId: post.id,
      reason: 'Linguaggio offensivo',
    });
    await sleep(200);
    expect(
      modSocket.received.filter((e) => e.type === 'flag.created' && (e.data as FlagView).id === created.id),
    ).toHaveLength(1);

    await flag(globalMod, post.id, 'Anche secondo me');
    for (const m of [globalMod, spaceMod, admin]) {
      const queue = (
        await t.http().get('/api/v1/moderation/flags').query({ status: 'open' }).set(as(m)).expect(200)
      ).body as { items: FlagQueueItem[] };
      const item = queue.items.find((i) => i.postId === post.id)!;
      expect(item).toMatchObject({
        flagCount: 2,
        threadId: thread.id,
        spaceId: spaceA,
        post: { author: { id: alice.id }, excerpt: 'Un messaggio discutibile' },
      });
      expect(item.reasons.map((r) => r.reason)).toEqual(['Linguaggio offensivo', 'Anche secondo me']);
    }
  });

  it('space moderators only see their spaces in the queue; members cannot read it or act', async () => {
    const other = await newThread(t, alice, spaceB);
    const post = await reply(alice, other.id, 'Altro spazio');
    await flag(bob, post.id, 'Spam');
    const queue = (await t.http().get('/api/v1/moderation/flags').set(as(spaceMod)).expect(200)).body as {
      items: FlagQueueItem[];
    };
    expect(queue.items.every((i) => i.spaceId === spaceA)).toBe(true);

    expectProblem(await t.http().get('/api/v1/moderation/flags').set(as(bob)), 403);
    expectProblem(await t.http().get('/api/v1/moderation/log').set(as(bob)), 403);
    expectProblem(await act(bob, { action: 'hide', postIds: [post.id], reason: 'no' }), 403);
    const socket = await connect(bob);
    expect((await socket.subscribe({ room: 'moderation' })).ok).toBe(false);

    // A space moderator cannot act outside their space, even mixed with an item inside it.
    const inside = await newThread(t, alice, spaceA);
    const insidePost = await reply(alice, inside.id, 'Dentro');
    const res = await act(spaceMod, { action: 'hide', postIds: [insidePost.id, post.id], reason: 'Spam' });
    expectProblem(res, 403);
    expect((await postState(insidePost.id)).hidden_at).toBeNull();
    expect((await postState(post.id)).hidden_at).toBeNull();
    expectProblem(await act(spaceMod, { action: 'lock', threadIds: [other.id], reason: 'x' }), 403);
    expectProblem(
      await t
        .http()
        .post(`/api/v1/moderation/threads/${inside.id}/move`)
        .set(as(spaceMod))
        .send({ spaceId: spaceB, reason: 'x' }),
      403,
    );
  });

  it('a bulk hide removes posts live for another member, restores, and resolves flags', async () => {
    const thread = await newThread(t, alice, spaceA);
    const posts = [await reply(alice, thread.id, 'uno'), await reply(bob, thread.id, 'due')];
    await flag(bob, posts[0].id, 'fuori tema');
    const watcher = await connect(bob);
    expect(await watcher.subscribe({ room: `thread:${thread.id}` })).toEqual({ ok: true });

    const res = await act(spaceMod, {
      action: 'hide',
      postIds: posts.map((p) => p.id),
      reason: 'Fuori tema',
    }).expect(200);
    expect((res.body as ModerationActionResult).results).toEqual(
      posts.map((p) => ({ id: p.id, status: 'changed' })),
    );
    for (const p of posts) {
      const event = await watcher.waitFor(
        (e) => e.type === 'post.hidden' && (e.data as PostView).id === p.id,
      );
      expect((event.data as PostView).body).toBeNull();
    }
    const page = (await t.http().get(`/api/v1/threads/${thread.id}/posts`).set(as(alice)).expect(200))
      .body as {
      items: PostView[];
    };
    expect(page.items.map((p) => p.id)).not.toContain(posts[1].id);
    expect(
      (await notificationsOf(bob)).some((n) => n.kind === 'post_hidden' && n.data.postId === posts[1].id),
    ).toBe(true);

    const open = (await t.http().get('/api/v1/moderation/flags').set(as(globalMod)).expect(200)).body as {
      items: FlagQueueItem[];
    };
    expect(open.items.map((i) => i.postId)).not.toContain(posts[0].id);
    const resolved = (
      await t
        .http()
        .get('/api/v1/moderation/flags')
        .query({ status: 'resolved' })
        .set(as(globalMod))
        .expect(200)
    ).body as { items: FlagQueueItem[] };
    expect(resolved.items.find((i) => i.postId === posts[0].id)).toMatchObject({ resolution: 'hidden' });

    const again = await act(globalMod, { action: 'hide', postIds: [posts[0].id], reason: 'di nuovo' }).expect(
      200,
    );
    expect((again.body as ModerationActionResult).results).toEqual([
      { id: posts[0].id, status: 'unchanged' },
    ]);

    await act(globalMod, { action: 'restore', postIds: [posts[0].id], reason: 'Ripensamento' }).expect(200);
    await watcher.waitFor((e) => e.type === 'post.restored' && (e.data as PostView).id === posts[0].id);
  });

  it('dismiss closes the flags without touching the post; lock and unlock emit thread.locked', async () => {
    const thread = await newThread(t, alice, spaceA);
    const post = await reply(alice, thread.id, 'normale');
    await flag(bob, post.id, 'boh');
    const modSocket = await connect(globalMod);
    await modSocket.subscribe({ room: 'moderation' });
    await act(spaceMod, { action: 'dismiss', postIds: [post.id], reason: 'Nessun problema' }).expect(200);
    await modSocket.waitFor((e) => e.type === 'flag.resolved');
    expect((await postState(post.id)).hidden_at).toBeNull();

    const spaceSocket = await connect(bob);
    await spaceSocket.subscribe({ room: `space:${spaceA}` });
    await act(spaceMod, { action: 'lock', threadIds: [thread.id], reason: 'Chiusa' }).expect(200);
    await spaceSocket.waitFor((e) => e.type === 'thread.locked' && (e.data as { locked: boolean }).locked);
    await t
      .http()
      .post(`/api/v1/threads/${thread.id}/posts`)
      .set(as(bob))
      .send({ body: 'ancora' })
      .expect(423);
    await act(spaceMod, { action: 'unlock', threadIds: [thread.id], reason: 'Riaperta' }).expect(200);
    await reply(bob, thread.id, 'ancora');
  });

  it('suspension blocks posting and lifting it restores; warnings notify', async () => {
    const carl = await newMember(t, { displayName: 'Carlo Sospeso' });
    const thread = await newThread(t, alice, spaceA);
    const socket = await connect(carl);

    const warned = await t
      .http()
      .post(`/api/v1/moderation/members/${carl.id}/warnings`)
      .set(as(globalMod))
      .send({ reason: 'Toni accesi' })
      .expect(201);
    expect(warned.body).toMatchObject({ memberId: carl.id, reason: 'Toni accesi' });
    await socket.waitFor(
      (e) => e.type === 'notification.created' && (e.data as NotificationView).kind === 'moderation_warning',
    );

    const until = new Date(Date.now() + 86_400_000).toISOString();
    await t
      .http()
      .post(`/api/v1/moderation/members/${carl.id}/suspensions`)
      .set(as(globalMod))
      .send({ reason: 'Recidivo', until })
      .expect(201);
    await socket.waitFor(
      (e) => e.type === 'notification.created' && (e.data as NotificationView).kind === 'member_suspended',
    );
    const blocked = await t
      .http()
      .post(`/api/v1/threads/${thread.id}/posts`)
      .set(as(carl))
      .send({ body: 'ciao' });
    expectProblem(blocked, 403);
    await t.http().get(`/api/v1/threads/${thread.id}/posts`).set(as(carl)).expect(200);

    await t.http().delete(`/api/v1/moderation/members/${carl.id}/suspensions`).set(as(globalMod)).expect(200);
    await reply(carl, thread.id, 'ciao di nuovo');
    expectProblem(
      await t.http().delete(`/api/v1/moderation/members/${carl.id}/suspensions`).set(as(globalMod)),
      409,
    );

    // Space moderators do not suspend; moderators do not suspend admins or themselves.
    expectProblem(
      await t
        .http()
        .post(`/api/v1/moderation/members/${carl.id}/warnings`)
        .set(as(spaceMod))
        .send({ reason: 'x' }),
      403,
    );
    expectProblem(
      await t
        .http()
        .post(`/api/v1/moderation/members/${admin.id}/suspensions`)
        .set(as(globalMod))
        .send({ reason: 'x' }),
      403,
    );
    expectProblem(
      await t
        .http()
        .post(`/api/v1/moderation/members/${globalMod.id}/warnings`)
        .set(as(globalMod))
        .send({ reason: 'x' }),
      422,
    );
    const log = await logOf(globalMod, { member: carl.id });
    expect(log.map((e) => e.action)).toEqual(['unsuspend', 'suspend', 'warn']);
  });

  it('move and merge keep the posts and emit events to both spaces', async () => {
    const source = await newThread(t, alice, spaceA, { title: 'Da spostare' });
    const sourceReply = await reply(bob, source.id, 'risposta');
    const [socketA, socketB] = [await connect(alice), await connect(bob)];
    await socketA.subscribe({ room: `space:${spaceA}` });
    await socketB.subscribe({ room: `space:${spaceB}` });

    const moved = await t
      .http()
      .post(`/api/v1/moderation/threads/${source.id}/move`)
      .set(as(globalMod))
      .send({ spaceId: spaceB, reason: 'Spazio giusto' })
      .expect(200);
    expect((moved.body as ThreadMovedEvent).thread.spaceId).toBe(spaceB);
    await socketA.waitFor((e) => e.type === 'thread.moved');
    await socketB.waitFor((e) => e.type === 'thread.moved');
    const list = (await t.http().get(`/api/v1/spaces/${spaceB}/threads`).set(as(alice)).expect(200)).body as {
      items: { id: string }[];
    };
    expect(list.items.map((i) => i.id)).toContain(source.id);

    const target = await newThread(t, alice, spaceA, { title: 'Destinazione' });
    await reply(alice, target.id, 'nella destinazione');
    const merged = await t
      .http()
      .post(`/api/v1/moderation/threads/${source.id}/merge`)
      .set(as(globalMod))
      .send({ targetThreadId: target.id, reason: 'Doppione' })
      .expect(200);
    const body = merged.body as ThreadMergedEvent;
    expect(body.movedPostIds).toEqual([source.firstPost.id, sourceReply.id]);
    await socketA.waitFor((e) => e.type === 'thread.merged');
    await socketB.waitFor((e) => e.type === 'thread.merged');
    const targetPosts = (await t.http().get(`/api/v1/threads/${target.id}/posts`).set(as(bob)).expect(200))
      .body as {
      items: PostView[];
    };
    expect(targetPosts.items.map((p) => p.number)).toEqual([1, 2, 3, 4]);
    expect(targetPosts.items.slice(2).map((p) => p.id)).toEqual([source.firstPost.id, sourceReply.id]);
    const stub = (await t.http().get(`/api/v1/threads/${source.id}`).set(as(bob)).expect(200)).body as {
      locked: boolean;
    };
    expect(stub.locked).toBe(true);
    await reply(alice, target.id, 'dopo la fusione');

    const log = await logOf(admin);
    expect(log.find((e) => e.action === 'move' && e.targetId === source.id)).toMatchObject({
      moderator: { id: globalMod.id },
      reason: 'Spazio giusto',
      details: { fromSpaceId: spaceA, toSpaceId: spaceB },
    });
    expect(log.find((e) => e.action === 'merge' && e.targetId === source.id)).toBeDefined();
  });

  it('a thread counts its visible posts through replies, deletions, hiding, restoring and merging', async () => {
    const counted = async (threadId: string) => {
      const shown = (await t.http().get(`/api/v1/threads/${threadId}`).set(as(alice)).expect(200)).body as {
        postCount: number;
      };
      const [stored] = (await t.app
        .get(DataSource)
        .query(
          `SELECT count(*)::int AS n FROM posts WHERE thread_id = $1 AND deleted_at IS NULL AND hidden_at IS NULL`,
          [threadId],
        )) as { n: number }[];
      expect(shown.postCount).toBe(stored.n);
      return shown.postCount;
    };
    const thread = await newThread(t, alice, spaceA, { title: 'Conteggio' });
    const [mine, other, third, fourth] = [
      await reply(alice, thread.id, 'mia'),
      await reply(bob, thread.id, 'di Bruno'),
      await reply(bob, thread.id, 'ancora Bruno'),
      await reply(alice, thread.id, 'la mia seconda'),
    ];
    expect(await counted(thread.id)).toBe(5);
    const listed = (await t.http().get(`/api/v1/spaces/${spaceA}/threads`).set(as(bob)).expect(200)).body as {
      items: { id: string; postCount: number }[];
    };
    expect(listed.items.find((i) => i.id === thread.id)?.postCount).toBe(5);

    await t.http().delete(`/api/v1/posts/${mine.id}`).set(as(alice)).expect(200);
    await t.http().delete(`/api/v1/posts/${mine.id}`).set(as(alice)).expect(409);
    expect(await counted(thread.id)).toBe(4);

    const hide = (postId: string) =>
      t.http().post(`/api/v1/posts/${postId}/hide`).set(as(spaceMod)).send({ reason: 'Fuori tema' });
    await hide(other.id).expect(200);
    await act(globalMod, { action: 'hide', postIds: [other.id, third.id, mine.id], reason: 'Spam' }).expect(
      200,
    );
    expect(await counted(thread.id)).toBe(2);

    // Hidden, then deleted by its author, then restored: it stays out of the count.
    await hide(fourth.id).expect(200);
    await t.http().delete(`/api/v1/posts/${fourth.id}`).set(as(alice)).expect(200);
    expect(await counted(thread.id)).toBe(1);
    await t.http().post(`/api/v1/posts/${fourth.id}/restore`).set(as(spaceMod)).expect(200);
    expect(await counted(thread.id)).toBe(1);

    await t.http().post(`/api/v1/posts/${other.id}/restore`).set(as(spaceMod)).expect(200);
    await act(globalMod, { action: 'restore', postIds: [third.id], reason: 'Ripensamento' }).expect(200);
    expect(await counted(thread.id)).toBe(3);

    // Merged: the target gains the visible posts, the stub keeps none.
    await hide(third.id).expect(200);
    const target = await newThread(t, bob, spaceA, { title: 'Conteggio, destinazione' });
    await t
      .http()
      .post(`/api/v1/moderation/threads/${thread.id}/merge`)
      .set(as(globalMod))
      .send({ targetThreadId: target.id, reason: 'Doppione' })
      .expect(200);
    expect(await counted(target.id)).toBe(3);
    expect(await counted(thread.id)).toBe(0);
    await reply(alice, target.id, 'dopo la fusione');
    expect(await counted(target.id)).toBe(4);
  });

  it('every action appears in the log, including pin, lock and hide through the threads endpoints', async () => {
    const thread = await newThread(t, alice, spaceA);
    const post = await reply(bob, thread.id, 'da nascondere');
    await t.http().post(`/api/v1/threads/${thread.id}/pin`).set(as(spaceMod)).expect(200);
    await t.http().post(`/api/v1/threads/${thread.id}/lock`).set(as(spaceMod)).expect(200);
    await t
      .http()
      .post(`/api/v1/posts/${post.id}/hide`)
      .set(as(spaceMod))
      .send({ reason: 'Offensivo' })
      .expect(200);
    await t.http().post(`/api/v1/posts/${post.id}/restore`).set(as(spaceMod)).expect(200);

    const mine = await logOf(spaceMod, { moderator: spaceMod.id });
    const about = mine.filter((e) => e.targetId === thread.id || e.targetId === post.id).map((e) => e.action);
    expect(about).toEqual(['restore', 'hide', 'lock', 'pin']);
    expect(mine.find((e) => e.action === 'hide' && e.targetId === post.id)).toMatchObject({
      reason: 'Offensivo',
      member: { id: bob.id },
      spaceId: spaceA,
    });
    // Space moderators read only their spaces' entries.
    expect(mine.every((e) => e.spaceId === spaceA)).toBe(true);

    const first = (
      await t.http().get('/api/v1/moderation/log').query({ limit: 2 }).set(as(globalMod)).expect(200)
    ).body as {
      items: ModerationLogEntry[];
      nextCursor: string;
    };
    expect(first.items).toHaveLength(2);
    const second = (
      await t
        .http()
        .get('/api/v1/moderation/log')
        .query({ limit: 2, cursor: first.nextCursor })
        .set(as(globalMod))
        .expect(200)
    ).body as { items: ModerationLogEntry[] };
    expect(second.items[0].id).not.toBe(first.items[1].id);
  });

  it('hostile input is a 4xx problem and changes nothing', async () => {
    const thread = await newThread(t, alice, spaceA);
    const post = await reply(alice, thread.id, 'intatto');
    const unknown = '00000000-0000-4000-8000-000000000000';
    const ids = (n: number) =>
      Array.from({ length: n }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const cases: [unknown, number][] = [
      [{ action: 'hide', postIds: [post.id, unknown], reason: 'x' }, 404],
      [{ action: 'hide', postIds: [], reason: 'x' }, 400],
      [{ action: 'hide', postIds: ids(101), reason: 'x' }, 400],
      [{ action: 'hide', postIds: [post.id], reason: 'x'.repeat(501) }, 400],
      [{ action: 'hide', postIds: [post.id], reason: '   ' }, 400],
      [{ action: 'hide', postIds: [post.id] }, 400],
      [{ action: 'hide', postIds: post.id, reason: 'x' }, 400],
      [{ action: 'hide', postIds: [42], reason: 'x' }, 400],
      [{ action: 'explode', postIds: [post.id], reason: 'x' }, 400],
      [{ action: 'hide', postIds: [post.id], reason: 'x', extra: true }, 400],
      [{ action: 'hide', threadIds: [thread.id], reason: 'x' }, 422],
      [{ action: 'lock', postIds: [post.id], reason: 'x' }, 422],
      [{ action: 'lock', threadIds: [post.id], reason: 'x' }, 404],
      [{ action: 'hide', postIds: [post.id, post.id], reason: 'x' }, 400],
    ];
    const bobEntries = (await logOf(globalMod, { member: bob.id })).length;
    for (const [body, status] of cases) expectProblem(await act(globalMod, body), status);
    expect((await postState(post.id)).hidden_at).toBeNull();
    expect((await logOf(globalMod)).some((e) => e.targetId === post.id || e.targetId === thread.id)).toBe(
      false,
    );

    const member = (path: string) => t.http().post(`/api/v1/moderation/members/${path}`).set(as(globalMod));
    expectProblem(await member(`${unknown}/warnings`).send({ reason: 'x' }), 404);
    expectProblem(await member('not-a-uuid/warnings').send({ reason: 'x' }), 400);
    expectProblem(await member(`${bob.id}/warnings`).send({ reason: 7 }), 400);
    expectProblem(await member(`${bob.id}/suspensions`).send({ reason: 'x', until: 'domani' }), 400);
    expectProblem(
      await member(`${bob.id}/suspensions`).send({ reason: 'x', until: '2001-01-01T00:00:00Z' }),
      422,
    );
    await reply(bob, thread.id, 'non sospeso');
    expectProblem(
      await t
        .http()
        .post(`/api/v1/moderation/threads/${thread.id}/merge`)
        .set(as(globalMod))
        .send({ targetThreadId: thread.id, reason: 'x' }),
      422,
    );
    expectProblem(
      await t
        .http()
        .post(`/api/v1/moderation/threads/${thread.id}/move`)
        .set(as(globalMod))
        .send({ spaceId: unknown, reason: 'x' }),
      404,
    );
    expectProblem(
      await t.http().get('/api/v1/moderation/flags').query({ status: 'all' }).set(as(globalMod)),
      400,
    );
    expectProblem(
      await t.http().get('/api/v1/moderation/log').query({ cursor: 'garbage' }).set(as(globalMod)),
      400,
    );
    expect((await logOf(globalMod, { member: bob.id })).length).toBe(bobEntries);
  });
});
