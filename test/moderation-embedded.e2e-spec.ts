import type { FlagQueueItem, ModerationActionResult, PostView, ThreadMergedEvent } from '@convergo/contracts';
import { newMember, newSpace, newThread, type TestMember } from './support/factories';
import { connectSocket, type TestSocket } from './support/socket-client';
import { startTestApp, type TestApp } from './support/test-app';

/** Moderation on embedded PGlite (one connection): every write shares the unit of work's transaction. */
describe('moderation on embedded PGlite', () => {
  let t: TestApp;
  let moderator: TestMember;
  let alice: TestMember;
  let bob: TestMember;
  let socket: TestSocket | undefined;

  const as = (m: TestMember) => ({ authorization: `Bearer ${m.accessToken}` });

  beforeAll(async () => {
    t = await startTestApp({ embedded: true });
    [moderator, alice, bob] = [
      await newMember(t, { role: 'moderator' }),
      await newMember(t, { displayName: 'Alice Bianchi' }),
      await newMember(t, { displayName: 'Bruno Verdi' }),
    ];
  }, 180_000);
  afterAll(async () => {
    socket?.close();
    await t?.close();
  });

  it('flags, bulk-hides, merges, suspends and logs', async () => {
    const spaceModerator = await newMember(t);
    const space = await newSpace(t, { members: [{ member: spaceModerator, role: 'moderator' }] });
    const thread = await newThread(t, alice, space.id);
    const other = await newThread(t, alice, space.id);
    const post = (
      await t
        .http()
        .post(`/api/v1/threads/${thread.id}/posts`)
        .set(as(alice))
        .send({ body: 'da nascondere' })
        .expect(201)
    ).body as PostView;
    await t.http().post(`/api/v1/posts/${post.id}/flags`).set(as(bob)).send({ reason: 'spam' }).expect(201);
    const queue = (await t.http().get('/api/v1/moderation/flags').set(as(spaceModerator)).expect(200))
      .body as {
      items: FlagQueueItem[];
    };
    expect(queue.items.map((i) => i.postId)).toEqual([post.id]);

    socket = await connectSocket(t.baseUrl, bob.accessToken);
    expect(await socket.subscribe({ room: `thread:${thread.id}` })).toEqual({ ok: true });
    const res = await t
      .http()
      .post('/api/v1/moderation/actions')
      .set(as(spaceModerator))
      .send({ action: 'hide', postIds: [post.id, thread.firstPost.id], reason: 'Spam' })
      .expect(200);
    expect((res.body as ModerationActionResult).results.every((r) => r.status === 'changed')).toBe(true);
    await socket.waitFor((e) => e.type === 'post.hidden' && (e.data as PostView).id === post.id);

    const merged = await t
      .http()
      .post(`/api/v1/moderation/threads/${thread.id}/merge`)
      .set(as(moderator))
      .send({ targetThreadId: other.id, reason: 'Doppione' })
      .expect(200);
    expect((merged.body as ThreadMergedEvent).movedPostIds).toHaveLength(2);

    await t
      .http()
      .post(`/api/v1/moderation/members/${bob.id}/suspensions`)
      .set(as(moderator))
      .send({ reason: 'Spam' })
      .expect(201);
    await t.http().post(`/api/v1/threads/${other.id}/posts`).set(as(bob)).send({ body: 'no' }).expect(403);
    await t.http().delete(`/api/v1/moderation/members/${bob.id}/suspensions`).set(as(moderator)).expect(200);
    await t.http().post(`/api/v1/threads/${other.id}/posts`).set(as(bob)).send({ body: 'sì' }).expect(201);

    const log = (await t.http().get('/api/v1/moderation/log').set(as(moderator)).expect(200)).body as {
      items: { action: string }[];
    };
    expect(log.items.map((e) => e.action)).toEqual(['unsuspend', 'suspend', 'merge', 'hide', 'hide']);
  });
});
