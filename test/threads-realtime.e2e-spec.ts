import type {
  EventEnvelope,
  FlagView,
  PostView,
  PresenceSignal,
  ReactionUpdate,
  ThreadView,
  ThreadWithFirstPost,
  TypingSignal,
} from '@convergo/contracts';
import { newMember, newSpace, newThread, type TestMember } from './support/factories';
import { connectSocket, errorCode, sleep, type TestSocket } from './support/socket-client';
import { startTestApp, type TestApp } from './support/test-app';

describe('threads in real time', () => {
  let t: TestApp;
  let moderator: TestMember;
  let alice: TestMember;
  let bob: TestMember;
  let outsider: TestMember;
  let spaceId: string;
  let privateSpaceId: string;
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
  const catchUp = async (m: TestMember, room: string, after: string, limit = 500): Promise<EventEnvelope[]> =>
    (await t.http().get('/api/v1/events').query({ room, after, limit }).set(as(m)).expect(200)).body
      .items as EventEnvelope[];
  const ofType = (socket: TestSocket, room: string, type: string) =>
    socket.inRoom(room).filter((e) => e.type === type);

  beforeAll(async () => {
    t = await startTestApp();
    [moderator, alice, bob, outsider] = await Promise.all([
      newMember(t, { role: 'moderator', displayName: 'Marco Moderatore' }),
      newMember(t, { displayName: 'Alice Bianchi' }),
      newMember(t, { displayName: 'Bruno Verdi' }),
      newMember(t, { displayName: 'Oscar Esterno' }),
    ]);
    spaceId = (await newSpace(t)).id;
    privateSpaceId = (
      await newSpace(t, { visibility: 'private', members: [{ member: alice }, { member: bob }] })
    ).id;
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(async () => {
    await t.close();
  });

  it('delivers each reply to every subscriber exactly once, in commit order', async () => {
    const thread = await newThread(t, alice, privateSpaceId);
    const room = `thread:${thread.id}`;
    const [aliceSocket, bobSocket] = [await connect(alice), await connect(bob)];
    expect(await aliceSocket.subscribe({ room })).toEqual({ ok: true });
    expect(await bobSocket.subscribe({ room })).toEqual({ ok: true });

    const sequential: PostView[] = [];
    for (let i = 1; i <= 3; i += 1) sequential.push(await reply(bob, thread.id, `risposta ${i}`));
    // Concurrent writers: the thread row serialises them, the outbox keeps commit order.
    const concurrent = await Promise.all(
      Array.from({ length: 8 }, (_, i) => reply(i % 2 ? alice : bob, thread.id, `insieme ${i}`)),
    );
    const all = [...sequential, ...concurrent];
    for (const socket of [aliceSocket, bobSocket]) {
      await socket.waitFor(() => ofType(socket, room, 'post.created').length >= all.length);
    }
    await sleep(150);
    for (const socket of [aliceSocket, bobSocket]) {
      const created = ofType(socket, room, 'post.created');
      expect(created).toHaveLength(all.length);
      expect(new Set(created.map((e) => (e.data as PostView).id))).toEqual(new Set(all.map((p) => p.id)));
      const ids = created.map((e) => Number(e.id));
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      const numbers = created.map((e) => (e.data as PostView).number);
      expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
      expect(new Set(numbers).size).toBe(numbers.length);
    }
    // The envelope carries the post as REST answers it to any reader.
    const first = ofType(aliceSocket, room, 'post.created')[0];
    expect(first).toEqual({
      id: expect.stringMatching(/^\d+$/),
      type: 'post.created',
      room,
      at: expect.any(String),
      data: { ...sequential[0], reactions: [] },
    });
  });

  it('makes a hidden post disappear for the others, live', async () => {
    const thread = await newThread(t, alice, spaceId);
    const room = `thread:${thread.id}`;
    const [aliceSocket, bobSocket] = [await connect(alice), await connect(bob)];
    await aliceSocket.subscribe({ room });
    await bobSocket.subscribe({ room });
    const bad = await reply(bob, thread.id, 'Contenuto da nascondere');
    await aliceSocket.waitFor((e) => e.type === 'post.created' && (e.data as PostView).id === bad.id);

    await t
      .http()
      .post(`/api/v1/posts/${bad.id}/hide`)
      .set(as(moderator))
      .send({ reason: 'Spam' })
      .expect(200);
    const hidden = await aliceSocket.waitFor((e) => e.type === 'post.hidden');
    expect(hidden.room).toBe(room);
    expect(hidden.data).toMatchObject({ id: bad.id, body: null, bodyHtml: null, hidden: { reason: null } });
    const forAuthor = await bobSocket.waitFor((e) => e.type === 'post.hidden');
    expect(forAuthor.id).toBe(hidden.id);
    const list = await t.http().get(`/api/v1/threads/${thread.id}/posts`).set(as(alice)).expect(200);
    expect(list.body.items.map((p: PostView) => p.id)).toEqual([thread.firstPost.id]);

    await t.http().post(`/api/v1/posts/${bad.id}/restore`).set(as(moderator)).expect(200);
    const restored = await aliceSocket.waitFor((e) => e.type === 'post.restored');
    expect(restored.data).toMatchObject({ id: bad.id, body: 'Contenuto da nascondere', hidden: null });
  });

  it('publishes edits, deletions, reactions and thread changes to the thread and space rooms', async () => {
    const spaceSocket = await connect(alice);
    await spaceSocket.subscribe({ room: `space:${spaceId}` });
    const thread = await newThread(t, bob, spaceId, { title: 'Eventi' });
    const created = await spaceSocket.waitFor((e) => e.type === 'thread.created');
    expect(created.data as ThreadWithFirstPost).toMatchObject({
      id: thread.id,
      title: 'Eventi',
      viewer: null,
      firstPost: { id: thread.firstPost.id },
    });

    const room = `thread:${thread.id}`;
    const socket = await connect(alice);
    await socket.subscribe({ room });
    const mine = await reply(alice, thread.id, 'Mia risposta');
    const bumped = await spaceSocket.waitFor((e) => e.type === 'thread.updated');
    expect(bumped.data as ThreadView).toMatchObject({
      id: thread.id,
      postCount: 2,
      lastPost: { id: mine.id },
    });
    // The thread as the reply left it is the thread as anyone reads it afterwards.
    const read = await t.http().get(`/api/v1/threads/${thread.id}`).set(as(alice)).expect(200);
    expect(bumped.data).toEqual({ ...(read.body as ThreadView), viewer: null });

    await t.http().patch(`/api/v1/posts/${mine.id}`).set(as(alice)).send({ body: 'Corretta' }).expect(200);
    expect((await socket.waitFor((e) => e.type === 'post.updated')).data).toMatchObject({
      id: mine.id,
      body: 'Corretta',
      editCount: 1,
    });
    await t.http().post(`/api/v1/posts/${mine.id}/reactions`).set(as(bob)).send({ emoji: '🎉' }).expect(200);
    const reaction = (await socket.waitFor((e) => e.type === 'reaction.updated')).data as ReactionUpdate;
    expect(reaction).toEqual({
      postId: mine.id,
      threadId: thread.id,
      memberId: bob.id,
      emoji: '🎉',
      active: true,
      reactions: [{ emoji: '🎉', count: 1, mine: false }],
    });
    await t.http().delete(`/api/v1/posts/${mine.id}`).set(as(alice)).expect(200);
    expect((await socket.waitFor((e) => e.type === 'post.deleted')).data).toMatchObject({
      id: mine.id,
      deleted: true,
      body: null,
    });

    await t.http().post(`/api/v1/threads/${thread.id}/pin`).set(as(moderator)).expect(200);
    await t.http().post(`/api/v1/threads/${thread.id}/lock`).set(as(moderator)).expect(200);
    for (const s of [socket, spaceSocket]) {
      expect((await s.waitFor((e) => e.type === 'thread.pinned')).data).toMatchObject({
        id: thread.id,
        pinned: true,
      });
      expect((await s.waitFor((e) => e.type === 'thread.locked')).data).toMatchObject({
        id: thread.id,
        locked: true,
      });
    }
  });

  it('keeps private threads out of reach: rooms, catch-up, signals', async () => {
    const thread = await newThread(t, alice, privateSpaceId);
    const spy = await connect(outsider);
    expect(errorCode(await spy.subscribe({ room: `thread:${thread.id}` }))).toBe('forbidden');
    expect(errorCode(await spy.subscribe({ room: 'thread:00000000-0000-4000-8000-000000000000' }))).toBe(
      'not_found',
    );
    expect(errorCode(await spy.subscribe({ room: 'thread:nope' }))).toBe('invalid');
    expect(errorCode(await spy.subscribe({ room: 'moderation' }))).toBe('forbidden');
    await t
      .http()
      .get('/api/v1/events')
      .query({ room: `thread:${thread.id}`, after: 0 })
      .set(as(outsider))
      .expect(403);
    const typing = (await spy.rawWithAck('thread:typing', { threadId: thread.id })) as {
      ok: boolean;
      error?: { code: string };
    };
    expect(typing).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await spy.rawWithAck('thread:typing', { threadId: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'invalid' },
    });
    expect(await spy.rawWithAck('thread:reading', 'nope')).toMatchObject({
      ok: false,
      error: { code: 'invalid' },
    });
    await reply(alice, thread.id, 'segreto');
    await sleep(100);
    expect(spy.received).toEqual([]);
  });

  it('sends flags to the moderation room', async () => {
    const thread = await newThread(t, alice, spaceId);
    const mod = await connect(moderator);
    expect(await mod.subscribe({ room: 'moderation' })).toEqual({ ok: true });
    await t
      .http()
      .post(`/api/v1/posts/${thread.firstPost.id}/flags`)
      .set(as(bob))
      .send({ reason: 'Pubblicità' })
      .expect(201);
    const flag = await mod.waitFor((e) => e.type === 'flag.created');
    expect(flag.room).toBe('moderation');
    expect(flag.data as FlagView).toMatchObject({
      postId: thread.firstPost.id,
      threadId: thread.id,
      reason: 'Pubblicità',
      reporter: { id: bob.id, displayName: 'Bruno Verdi' },
      post: { number: 1, author: { id: alice.id } },
    });
  });

  it('lets a client catch up on what it missed, with nothing twice and nothing lost', async () => {
    const thread = await newThread(t, alice, spaceId);
    const room = `thread:${thread.id}`;
    const socket = await connect(bob);
    await socket.subscribe({ room });
    await reply(alice, thread.id, 'prima del distacco');
    const seen = await socket.waitFor((e) => e.type === 'post.created');
    socket.close();

    const missed: PostView[] = [];
    for (let i = 0; i < 7; i += 1) missed.push(await reply(alice, thread.id, `mentre eri via ${i}`));
    await t
      .http()
      .post(`/api/v1/posts/${missed[0].id}/reactions`)
      .set(as(alice))
      .send({ emoji: '💡' })
      .expect(200);

    // Page through with a small limit, as a client would after a reconnect.
    const caught: EventEnvelope[] = [];
    let after = seen.id;
    for (;;) {
      const page = await catchUp(bob, room, after, 3);
      caught.push(...page);
      if (page.length < 3) break;
      after = page.at(-1)!.id;
    }
    expect(caught.map((e) => e.type)).toEqual([...Array<string>(7).fill('post.created'), 'reaction.updated']);
    expect(
      caught.map((e) => (e.type === 'post.created' ? (e.data as PostView).id : null)).slice(0, 7),
    ).toEqual(missed.map((p) => p.id));
    const ids = caught.map((e) => Number(e.id));
    expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => Number(seen.id) + 1 + i));
    // The whole history, from the start, has the same events as live plus catch-up.
    const history = await catchUp(bob, room, '0');
    expect(history.map((e) => e.id)).toEqual(['1', seen.id, ...caught.map((e) => e.id)]);
  });

  it('relays typing and reading signals to the other subscribers only, without storing them', async () => {
    const thread = await newThread(t, alice, spaceId);
    const room = `thread:${thread.id}`;
    const [aliceSocket, bobSocket] = [await connect(alice), await connect(bob)];
    await aliceSocket.subscribe({ room });
    await bobSocket.subscribe({ room });
    const before = await catchUp(alice, room, '0');

    expect(await bobSocket.rawWithAck('thread:typing', { threadId: thread.id })).toEqual({ ok: true });
    const typing = (await aliceSocket.waitFor(
      (e) => (e as unknown as TypingSignal).type === 'typing',
    )) as unknown as TypingSignal;
    expect(typing).toEqual({
      type: 'typing',
      room,
      at: expect.any(String),
      data: {
        threadId: thread.id,
        member: { id: bob.id, displayName: 'Bruno Verdi', organizationName: null },
        typing: true,
      },
    });
    // Repeats within a second are dropped; stopping is always relayed.
    expect(await bobSocket.rawWithAck('thread:typing', { threadId: thread.id })).toEqual({ ok: true });
    expect(await bobSocket.rawWithAck('thread:typing', { threadId: thread.id, typing: false })).toEqual({
      ok: true,
    });
    await aliceSocket.waitFor(
      (e) => (e as unknown as TypingSignal).type === 'typing' && !(e as unknown as TypingSignal).data.typing,
    );
    expect(aliceSocket.received.filter((e) => e.type === 'typing')).toHaveLength(2);

    expect(await bobSocket.rawWithAck('thread:reading', { threadId: thread.id })).toEqual({ ok: true });
    const reading = (await aliceSocket.waitFor((e) => e.type === 'presence')) as unknown as PresenceSignal;
    expect(reading.data).toMatchObject({ threadId: thread.id, member: { id: bob.id }, state: 'reading' });
    bobSocket.close();
    const left = (await aliceSocket.waitFor(
      (e) => e.type === 'presence' && (e as unknown as PresenceSignal).data.state === 'left',
    )) as unknown as PresenceSignal;
    expect(left.data.member.id).toBe(bob.id);
    expect(bobSocket.received.filter((e) => e.type === 'typing' || e.type === 'presence')).toEqual([]);
    expect(await catchUp(alice, room, '0')).toEqual(before);
  });
});
