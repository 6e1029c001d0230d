import type { NotificationView, PostView, ThreadView } from '@convergo/contracts';
import { DataSource } from 'typeorm';
import { newMember, newSpace, newThread, type TestMember } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';

/** Every tag and attribute of a rendered post that a browser could run, or that leaves the allowlist. */
function unsafeParts(html: string): string[] {
  const allowed = new Set(
    'p br strong em s code pre blockquote ul ol li a hr h1 h2 h3 h4 h5 h6 table thead tbody tr th td'.split(
      ' ',
    ),
  );
  const problems: string[] = [];
  for (const [, name, attributes] of html.matchAll(/<\/?([a-zA-Z][\w-]*)([^>]*)>/g)) {
    if (!allowed.has(name.toLowerCase())) problems.push(`tag ${name}`);
    const rest = attributes.replace(/\s([\w-]+)="([^"]*)"/g, (_, attr: string, value: string) => {
      if (/^on/i.test(attr)) problems.push(`attribute ${attr}`);
      if (attr === 'href' && !/^(https?:\/\/|mailto:|\/membri\/[0-9a-f-]{36}$)/.test(value))
        problems.push(`href ${value}`);
      return '';
    });
    if (rest.trim() !== '') problems.push(`unparsed ${rest}`);
  }
  return problems;
}

describe('threads and posts', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: TestMember;
  let moderator: TestMember;
  let alice: TestMember;
  let bob: TestMember;
  let carla: TestMember;
  let outsider: TestMember;
  let spaceId: string;
  let privateSpaceId: string;

  const as = (m: TestMember) => ({ authorization: `Bearer ${m.accessToken}` });
  const count = async (table: string) =>
    Number(((await db.query(`SELECT count(*) AS n FROM ${table}`)) as { n: string }[])[0].n);
  const notificationsOf = async (m: TestMember) =>
    (await t.http().get('/api/v1/notifications?limit=100').set(as(m)).expect(200)).body
      .items as NotificationView[];
  const post = (m: TestMember, threadId: string, body: Record<string, unknown>) =>
    t.http().post(`/api/v1/threads/${threadId}/posts`).set(as(m)).send(body);

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    [admin, moderator, alice, bob, carla, outsider] = await Promise.all([
      newMember(t, { role: 'admin', displayName: 'Anna Admin' }),
      newMember(t, { role: 'moderator', displayName: 'Marco Moderatore' }),
      newMember(t, { displayName: 'Alice Bianchi' }),
      newMember(t, { displayName: 'Bruno Verdi' }),
      newMember(t, { displayName: 'Carla Neri' }),
      newMember(t, { displayName: 'Oscar Esterno' }),
    ]);
    spaceId = (await newSpace(t, { name: 'Semplificazione edilizia' })).id;
    privateSpaceId = (
      await newSpace(t, { visibility: 'private', members: [{ member: alice }, { member: bob }] })
    ).id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('starts a thread with its first post, rendered from Markdown', async () => {
    const res = await t
      .http()
      .post(`/api/v1/spaces/${spaceId}/threads`)
      .set(as(alice))
      .send({
        title: '  SUAP e permessi di costruire ',
        body: 'Come gestite il **SUAP**?',
        tags: ['Edilizia', ' pon metro '],
      })
      .expect(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      spaceId,
      title: 'SUAP e permessi di costruire',
      tags: ['edilizia', 'pon metro'],
      author: { id: alice.id, displayName: 'Alice Bianchi' },
      pinned: false,
      locked: false,
      postCount: 1,
      viewer: { unreadCount: 0, subscription: 'watching', canModerate: false },
      firstPost: {
        threadId: res.body.id,
        number: 1,
        body: 'Come gestite il **SUAP**?',
        bodyHtml: '<p>Come gestite il <strong>SUAP</strong>?</p>\n',
        author: { id: alice.id },
        replyTo: null,
        reactions: [],
        deleted: false,
        hidden: null,
      },
    });
    expect(res.body.viewer.lastReadPostId).toBe(res.body.firstPost.id);
    const got = await t.http().get(`/api/v1/threads/${res.body.id}`).set(as(bob)).expect(200);
    expect(got.body).toMatchObject({
      id: res.body.id,
      viewer: { unreadCount: 1, lastReadPostId: null, subscription: null },
    });
  });

  it('refuses bad input with 4xx problem+json and stores nothing', async () => {
    const thread = await newThread(t, alice, spaceId);
    const [threads, posts] = [await count('threads'), await count('posts')];
    const badThreads = [
      {},
      { title: 'ok title', body: '' },
      { title: 'ok title', body: '   \n ' },
      { title: 'ab', body: 'x' },
      { title: 'x'.repeat(201), body: 'x' },
      { title: 'ok title', body: 'x'.repeat(20_001) },
      { title: 'ok title', body: 42 },
      { title: 'ok title', body: 'x', tags: 'edilizia' },
      { title: 'ok title', body: 'x', tags: ['<script>'] },
      { title: 'ok title', body: 'x', tags: Array.from({ length: 11 }, (_, i) => `t${i}`) },
      { title: 'ok title', body: 'x', tags: ['a', 'A'] },
      { title: 'ok title', body: 'x', authorId: bob.id },
      { title: 'ok title', body: 'x', pinned: true },
    ];
    for (const body of badThreads) {
      const res = await t.http().post(`/api/v1/spaces/${spaceId}/threads`).set(as(alice)).send(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    for (const body of [
      {},
      { body: 'x', replyToId: 'nope' },
      { body: ['x'] },
      { body: 'x', threadId: thread.id },
    ]) {
      const res = await post(alice, thread.id, body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
    }
    const huge = await post(alice, thread.id, { body: 'x'.repeat(300_000) });
    expect(huge.status).toBe(413);
    expect(huge.headers['content-type']).toContain('application/problem+json');
    // Another thread's post cannot be quoted; unknown threads and spaces are 404.
    const other = await newThread(t, bob, spaceId);
    const foreign = await post(alice, thread.id, { body: 'x', replyToId: other.firstPost.id }).expect(422);
    expect(foreign.body).toMatchObject({ code: 'post_not_in_thread', errors: [{ field: 'replyToId' }] });
    await post(alice, '00000000-0000-4000-8000-000000000000', { body: 'x' }).expect(404);
    await t
      .http()
      .post('/api/v1/spaces/00000000-0000-4000-8000-000000000000/threads')
      .set(as(alice))
      .send({ title: 'ok title', body: 'x' })
      .expect(404);
    await t.http().get('/api/v1/threads/not-a-uuid').set(as(alice)).expect(400);
    await t
      .http()
      .post(`/api/v1/posts/${thread.firstPost.id}/reactions`)
      .set(as(bob))
      .send({ emoji: '💩' })
      .expect(400);
    expect([await count('threads'), await count('posts')]).toEqual([threads + 1, posts + 1]);
  });

  it('never lets XSS vectors out of the renderer', async () => {
    const thread = await newThread(t, alice, spaceId);
    const vectors = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '<iframe src="https://evil.example"></iframe>',
      '[click](javascript:alert(1))',
      '[click](JAVASCRIPT:alert(1))',
      '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '![x](javascript:alert(1))',
      '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
      '[x](https://example.com "a\\" onmouseover=\\"alert(1)")',
      '<a href="javascript:alert(1)">x</a>',
      '[ref]\n\n[ref]: javascript:alert(1)',
      '<svg/onload=alert(1)>',
    ];
    for (const body of vectors) {
      const res = await post(bob, thread.id, { body }).expect(201);
      expect({ body, problems: unsafeParts(res.body.bodyHtml as string) }).toEqual({ body, problems: [] });
    }
    const listed = await t
      .http()
      .get(`/api/v1/threads/${thread.id}/posts?limit=100`)
      .set(as(alice))
      .expect(200);
    for (const p of listed.body.items as PostView[]) expect(unsafeParts(p.bodyHtml ?? '')).toEqual([]);
    const link = await post(bob, thread.id, { body: 'Vedi [il sito](https://www.formez.it)' }).expect(201);
    expect(link.body.bodyHtml).toContain(
      '<a href="https://www.formez.it" rel="nofollow noopener noreferrer ugc" target="_blank">il sito</a>',
    );
  });

  it('replies with quotes and notifies the thread author, the quoted author and mentioned members once', async () => {
    const thread = await newThread(t, alice, spaceId, { title: 'Sportello unico edilizia' });
    const before = {
      alice: (await notificationsOf(alice)).length,
      bob: (await notificationsOf(bob)).length,
      carla: (await notificationsOf(carla)).length,
    };
    const bobs = await post(bob, thread.id, {
      body: `Da noi funziona. [@chiunque](member:${carla.id}) che ne pensi?`,
    }).expect(201);
    expect(bobs.body).toMatchObject({ number: 2, mentions: [{ id: carla.id, displayName: 'Carla Neri' }] });
    expect(bobs.body.bodyHtml).toContain(
      `<a href="/membri/${carla.id}" class="mention" data-member-id="${carla.id}">@Carla Neri</a>`,
    );
    const carlas = await post(carla, thread.id, {
      body: 'Concordo con Bruno.',
      replyToId: bobs.body.id,
    }).expect(201);
    expect(carlas.body).toMatchObject({
      replyToId: bobs.body.id,
      replyTo: {
        id: bobs.body.id,
        number: 2,
        author: { id: bob.id, displayName: 'Bruno Verdi' },
        excerpt: 'Da noi funziona. @Carla Neri che ne pensi?',
      },
    });

    const alices = await notificationsOf(alice);
    const bobsN = await notificationsOf(bob);
    const carlasN = await notificationsOf(carla);
    expect(alices.slice(0, alices.length - before.alice).map((n) => n.kind)).toEqual([
      'thread_reply',
      'thread_reply',
    ]);
    expect(bobsN.slice(0, bobsN.length - before.bob).map((n) => n.kind)).toEqual(['post_reply']);
    expect(carlasN.slice(0, carlasN.length - before.carla).map((n) => n.kind)).toEqual(['mention']);
    expect(carlasN[0]).toMatchObject({
      data: {
        threadId: thread.id,
        threadTitle: 'Sportello unico edilizia',
        postId: bobs.body.id,
        authorName: 'Bruno Verdi',
      },
      link: `/discussioni/${thread.id}#post-2`,
    });
  });

  it('does not notify mentioned members who cannot read a private space, nor authors of their own acts', async () => {
    const thread = await newThread(t, alice, privateSpaceId, {
      body: `Riservato: [@Oscar](member:${outsider.id}) e [@Bruno](member:${bob.id}) e [@me](member:${alice.id})`,
    });
    const res = await t.http().get(`/api/v1/threads/${thread.id}/posts`).set(as(bob)).expect(200);
    expect(res.body.items[0].mentions.map((m: { id: string }) => m.id)).toEqual([
      outsider.id,
      bob.id,
      alice.id,
    ]);
    expect((await notificationsOf(outsider)).filter((n) => n.data.threadId === thread.id)).toEqual([]);
    expect((await notificationsOf(alice)).filter((n) => n.data.threadId === thread.id)).toEqual([]);
    expect(
      (await notificationsOf(bob)).filter((n) => n.data.threadId === thread.id).map((n) => n.kind),
    ).toEqual(['mention']);
    await t.http().get(`/api/v1/threads/${thread.id}`).set(as(outsider)).expect(403);
    await t.http().get(`/api/v1/threads/${thread.id}/posts`).set(as(outsider)).expect(403);
    await post(outsider, thread.id, { body: 'intruso' }).expect(403);
    await t.http().get(`/api/v1/posts/${thread.firstPost.id}`).set(as(outsider)).expect(403);
  });

  it('notifies followers of new threads and watchers of new posts, never muted members', async () => {
    const space = (await newSpace(t)).id;
    await t.http().post(`/api/v1/spaces/${space}/subscription`).set(as(carla)).expect(200);
    const thread = await newThread(t, alice, space, { title: 'Nuovo tema' });
    expect((await notificationsOf(carla))[0]).toMatchObject({
      kind: 'space_thread',
      data: { threadId: thread.id },
    });

    await t.http().post(`/api/v1/threads/${thread.id}/subscription`).set(as(carla)).send({}).expect(200);
    await t
      .http()
      .post(`/api/v1/threads/${thread.id}/subscription`)
      .set(as(alice))
      .send({ level: 'muted' })
      .expect(200);
    await post(bob, thread.id, { body: 'Una risposta' }).expect(201);
    expect((await notificationsOf(carla))[0]).toMatchObject({
      kind: 'thread_post',
      data: { threadId: thread.id },
    });
    expect((await notificationsOf(alice)).filter((n) => n.data.threadId === thread.id)).toEqual([]);
    await t
      .http()
      .post(`/api/v1/threads/${thread.id}/subscription`)
      .set(as(alice))
      .send({ level: 'loud' })
      .expect(400);
    const none = await t
      .http()
      .delete(`/api/v1/threads/${thread.id}/subscription`)
      .set(as(carla))
      .expect(200);
    expect(none.body).toEqual({ threadId: thread.id, level: null });
  });

  it('toggles reactions from the fixed set, with counts and mine', async () => {
    const thread = await newThread(t, alice, spaceId);
    const url = `/api/v1/posts/${thread.firstPost.id}/reactions`;
    const on = await t.http().post(url).set(as(bob)).send({ emoji: '👍' }).expect(200);
    expect(on.body).toEqual({
      postId: thread.firstPost.id,
      threadId: thread.id,
      reactions: [{ emoji: '👍', count: 1, mine: true }],
    });
    await t.http().post(url).set(as(carla)).send({ emoji: '👍' }).expect(200);
    await t.http().post(url).set(as(carla)).send({ emoji: '❤️' }).expect(200);
    const posts = await t.http().get(`/api/v1/threads/${thread.id}/posts`).set(as(bob)).expect(200);
    expect(posts.body.items[0].reactions).toEqual([
      { emoji: '👍', count: 2, mine: true },
      { emoji: '❤️', count: 1, mine: false },
    ]);
    const off = await t.http().post(url).set(as(bob)).send({ emoji: '👍' }).expect(200);
    expect(off.body.reactions).toEqual([
      { emoji: '👍', count: 1, mine: false },
      { emoji: '❤️', count: 1, mine: false },
    ]);
  });

  it('lets authors edit (history for moderators only) and delete within 24 hours', async () => {
    const thread = await newThread(t, alice, spaceId, { body: 'Prima versione' });
    const url = `/api/v1/posts/${thread.firstPost.id}`;
    await t.http().patch(url).set(as(bob)).send({ body: 'Vandalo' }).expect(403);
    await t.http().patch(url).set(as(moderator)).send({ body: 'Moderatore' }).expect(403);
    const edited = await t.http().patch(url).set(as(alice)).send({ body: 'Seconda *versione*' }).expect(200);
    expect(edited.body).toMatchObject({
      body: 'Seconda *versione*',
      bodyHtml: '<p>Seconda <em>versione</em></p>\n',
      editCount: 1,
    });
    await t.http().patch(url).set(as(alice)).send({ body: 'Terza' }).expect(200);
    await t.http().get(`${url}/revisions`).set(as(alice)).expect(403);
    const revisions = await t.http().get(`${url}/revisions`).set(as(moderator)).expect(200);
    expect(revisions.body.items.map((r: { revision: number; body: string }) => [r.revision, r.body])).toEqual(
      [
        [1, 'Prima versione'],
        [2, 'Seconda *versione*'],
      ],
    );
    await t.http().patch(url).set(as(alice)).send({ body: 'x', extra: true }).expect(400);

    const reply = await post(alice, thread.id, { body: 'Da cancellare' }).expect(201);
    await t.http().delete(`/api/v1/posts/${reply.body.id}`).set(as(bob)).expect(403);
    const deleted = await t.http().delete(`/api/v1/posts/${reply.body.id}`).set(as(alice)).expect(200);
    expect(deleted.body).toMatchObject({
      id: reply.body.id,
      deleted: true,
      body: null,
      bodyHtml: null,
      author: { id: alice.id },
    });
    const listed = await t.http().get(`/api/v1/threads/${thread.id}/posts`).set(as(bob)).expect(200);
    expect(listed.body.items.map((p: PostView) => [p.number, p.deleted, p.body])).toEqual([
      [1, false, 'Terza'],
      [2, true, null],
    ]);
    await t
      .http()
      .patch(`/api/v1/posts/${reply.body.id}`)
      .set(as(alice))
      .send({ body: 'risorto' })
      .expect(409);
    await t.http().delete(`/api/v1/posts/${reply.body.id}`).set(as(alice)).expect(409);

    const old = await post(alice, thread.id, { body: 'Vecchio' }).expect(201);
    await db.query(`UPDATE posts SET created_at = now() - interval '25 hours' WHERE id = $1`, [old.body.id]);
    const late = await t.http().delete(`/api/v1/posts/${old.body.id}`).set(as(alice)).expect(403);
    expect(late.body.code).toBe('delete_window_passed');
  });

  it('lets moderators pin and lock; a locked thread refuses new posts with 423', async () => {
    const space = (await newSpace(t, { members: [{ member: carla, role: 'moderator' }] })).id;
    const first = await newThread(t, alice, space, { title: 'Primo' });
    const second = await newThread(t, bob, space, { title: 'Secondo' });
    const third = await newThread(t, alice, space, { title: 'Terzo' });
    await post(bob, first.id, { body: 'ravviva' }).expect(201);

    await t.http().post(`/api/v1/threads/${second.id}/pin`).set(as(alice)).expect(403);
    const pinned = await t.http().post(`/api/v1/threads/${second.id}/pin`).set(as(carla)).expect(200);
    expect(pinned.body).toMatchObject({ pinned: true, pinnedAt: expect.any(String) });
    const order = async (limit: number) => {
      const titles: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await t
          .http()
          .get(`/api/v1/spaces/${space}/threads`)
          .query({ limit, ...(cursor ? { cursor } : {}) })
          .set(as(alice))
          .expect(200);
        titles.push(...(page.body.items as ThreadView[]).map((th) => th.title));
        cursor = page.body.nextCursor as string | null;
      } while (cursor);
      return titles;
    };
    expect(await order(10)).toEqual(['Secondo', 'Primo', 'Terzo']);
    expect(await order(1)).toEqual(['Secondo', 'Primo', 'Terzo']);
    const listed = await t.http().get(`/api/v1/spaces/${space}/threads`).set(as(alice)).expect(200);
    expect(listed.body.items.find((th: ThreadView) => th.id === first.id).viewer.unreadCount).toBe(1);
    const tagged = await t
      .http()
      .get(`/api/v1/spaces/${space}/threads?tag=nessuno`)
      .set(as(alice))
      .expect(200);
    expect(tagged.body.items).toEqual([]);

    await t.http().post(`/api/v1/threads/${third.id}/lock`).set(as(alice)).expect(403);
    await t.http().post(`/api/v1/threads/${third.id}/lock`).set(as(moderator)).expect(200);
    const refused = await post(bob, third.id, { body: 'troppo tardi' }).expect(423);
    expect(refused.body).toMatchObject({ code: 'thread_locked', status: 423 });
    expect(refused.headers['content-type']).toContain('application/problem+json');
    await t
      .http()
      .patch(`/api/v1/threads/${third.id}`)
      .set(as(alice))
      .send({ title: 'Nuovo titolo' })
      .expect(423);
    await post(carla, third.id, { body: 'Chiuso per ora.' }).expect(201);
    await t.http().delete(`/api/v1/threads/${third.id}/lock`).set(as(carla)).expect(200);
    await post(bob, third.id, { body: 'ora sì' }).expect(201);
    const renamed = await t
      .http()
      .patch(`/api/v1/threads/${third.id}`)
      .set(as(alice))
      .send({ title: 'Terzo bis', tags: ['SUAP'] })
      .expect(200);
    expect(renamed.body).toMatchObject({ title: 'Terzo bis', tags: ['suap'] });
    await t.http().patch(`/api/v1/threads/${third.id}`).set(as(bob)).send({ title: 'Mio' }).expect(403);
  });

  it('keeps unread markers per member', async () => {
    const thread = await newThread(t, alice, spaceId);
    const replies: string[] = [];
    for (const body of ['uno', 'due', 'tre'])
      replies.push((await post(alice, thread.id, { body }).expect(201)).body.id);
    const unread = async () =>
      (await t.http().get(`/api/v1/threads/${thread.id}`).set(as(bob))).body.viewer.unreadCount;
    expect(await unread()).toBe(4);
    const read = await t
      .http()
      .post(`/api/v1/threads/${thread.id}/read`)
      .set(as(bob))
      .send({ postId: replies[1] })
      .expect(200);
    expect(read.body).toEqual({ threadId: thread.id, lastReadPostId: replies[1], unreadCount: 1 });
    // Never backwards.
    await t
      .http()
      .post(`/api/v1/threads/${thread.id}/read`)
      .set(as(bob))
      .send({ postId: thread.firstPost.id })
      .expect(200);
    expect(await unread()).toBe(1);
    await post(bob, thread.id, { body: 'la mia' }).expect(201);
    expect(await unread()).toBe(0);
    const other = await newThread(t, alice, spaceId);
    await t
      .http()
      .post(`/api/v1/threads/${thread.id}/read`)
      .set(as(bob))
      .send({ postId: other.firstPost.id })
      .expect(422);
  });

  it('lets suspended members read but not write', async () => {
    const thread = await newThread(t, alice, spaceId);
    await db.query(
      `INSERT INTO member_suspensions (member_id, ends_at, reason) VALUES ($1, now() + interval '1 day', 'spam')`,
      [bob.id],
    );
    try {
      const refused = await post(bob, thread.id, { body: 'spam' }).expect(403);
      expect(refused.body.code).toBe('member_suspended');
      await t
        .http()
        .post(`/api/v1/spaces/${spaceId}/threads`)
        .set(as(bob))
        .send({ title: 'spam spam', body: 'x' })
        .expect(403);
      await t.http().get(`/api/v1/threads/${thread.id}/posts`).set(as(bob)).expect(200);
    } finally {
      await db.query(`UPDATE member_suspensions SET lifted_at = now() WHERE member_id = $1`, [bob.id]);
    }
    await post(bob, thread.id, { body: 'di nuovo qui' }).expect(201);
  });

  it('hides and restores posts (moderators), and takes flags', async () => {
    const thread = await newThread(t, alice, spaceId);
    const reply = await post(bob, thread.id, { body: 'Messaggio fuori luogo' }).expect(201);
    const url = `/api/v1/posts/${reply.body.id}`;

    await t.http().post(`${url}/flags`).set(as(bob)).send({ reason: 'mio' }).expect(422);
    const flagged = await t
      .http()
      .post(`${url}/flags`)
      .set(as(carla))
      .send({ reason: 'Offensivo' })
      .expect(201);
    expect(flagged.body).toMatchObject({
      postId: reply.body.id,
      reason: 'Offensivo',
      reporter: { id: carla.id },
    });
    await t.http().post(`${url}/flags`).set(as(carla)).send({ reason: 'ancora' }).expect(409);
    await t.http().post(`${url}/flags`).set(as(alice)).send({ reason: '' }).expect(400);

    await t.http().post(`${url}/hide`).set(as(alice)).send({ reason: 'no' }).expect(403);
    await t.http().post(`${url}/hide`).set(as(moderator)).send({}).expect(400);
    const hidden = await t
      .http()
      .post(`${url}/hide`)
      .set(as(moderator))
      .send({ reason: 'Linguaggio offensivo' })
      .expect(200);
    expect(hidden.body).toMatchObject({
      hidden: { reason: 'Linguaggio offensivo' },
      body: 'Messaggio fuori luogo',
    });
    await t.http().post(`${url}/hide`).set(as(admin)).send({ reason: 'di nuovo' }).expect(409);

    const forOthers = await t.http().get(`/api/v1/threads/${thread.id}/posts`).set(as(carla)).expect(200);
    expect(forOthers.body.items.map((p: PostView) => p.id)).toEqual([thread.firstPost.id]);
    await t.http().get(url).set(as(carla)).expect(404);
    const forAuthor = await t.http().get(`/api/v1/threads/${thread.id}/posts`).set(as(bob)).expect(200);
    expect(forAuthor.body.items[1]).toMatchObject({
      id: reply.body.id,
      body: 'Messaggio fuori luogo',
      hidden: { reason: 'Linguaggio offensivo' },
    });
    expect((await notificationsOf(bob))[0]).toMatchObject({
      kind: 'post_hidden',
      data: { reason: 'Linguaggio offensivo' },
    });
    expect((await t.http().get(`/api/v1/threads/${thread.id}`).set(as(carla))).body.postCount).toBe(1);
    await t.http().post(`${url}/reactions`).set(as(bob)).send({ emoji: '👍' }).expect(409);

    // For others a hidden post does not exist.
    await t.http().post(`${url}/restore`).set(as(carla)).expect(404);
    const restored = await t.http().post(`${url}/restore`).set(as(moderator)).expect(200);
    expect(restored.body.hidden).toBeNull();
    await t.http().post(`${url}/restore`).set(as(moderator)).expect(409);
    expect((await t.http().get(`/api/v1/threads/${thread.id}/posts`).set(as(carla))).body.items).toHaveLength(
      2,
    );
  });

  it('a page of posts shows hidden posts to space moderators, global moderators and the author only, with reactions', async () => {
    const keeper = await newMember(t, { displayName: 'Gina Custode' });
    const space = await newSpace(t, { members: [{ member: keeper, role: 'moderator' }] });
    const thread = await newThread(t, alice, space.id, { body: 'Apertura' });
    const kept = await post(bob, thread.id, { body: 'Resta visibile' }).expect(201);
    const hiddenPost = await post(carla, thread.id, { body: 'Da nascondere' }).expect(201);
    await t
      .http()
      .post(`/api/v1/posts/${kept.body.id}/reactions`)
      .set(as(alice))
      .send({ emoji: '👍' })
      .expect(200);
    await t
      .http()
      .post(`/api/v1/posts/${kept.body.id}/reactions`)
      .set(as(bob))
      .send({ emoji: '👍' })
      .expect(200);
    await t
      .http()
      .post(`/api/v1/posts/${hiddenPost.body.id}/hide`)
      .set(as(keeper))
      .send({ reason: 'Fuori tema' })
      .expect(200);
    const pageOf = async (m: TestMember) =>
      (await t.http().get(`/api/v1/threads/${thread.id}/posts`).set(as(m)).expect(200)).body
        .items as PostView[];

    // A plain member does not see it; its author, the space's moderator (a member by role) and a global moderator do.
    expect((await pageOf(outsider)).map((p) => p.body)).toEqual(['Apertura', 'Resta visibile']);
    for (const m of [carla, keeper, moderator, admin]) {
      expect((await pageOf(m)).map((p) => p.body)).toEqual(['Apertura', 'Resta visibile', 'Da nascondere']);
    }
    const [, keptForAlice] = await pageOf(alice);
    expect(keptForAlice.reactions).toEqual([{ emoji: '👍', count: 2, mine: true }]);
    const [, keptForOutsider] = await pageOf(outsider);
    expect(keptForOutsider.reactions).toEqual([{ emoji: '👍', count: 2, mine: false }]);
    // Past the last post a member may see, the page is empty; a missing thread is a 404.
    const firstTwo = await t
      .http()
      .get(`/api/v1/threads/${thread.id}/posts?limit=2`)
      .set(as(keeper))
      .expect(200);
    const rest = await t
      .http()
      .get(
        `/api/v1/threads/${thread.id}/posts?limit=2&cursor=${encodeURIComponent(firstTwo.body.nextCursor)}`,
      )
      .set(as(outsider))
      .expect(200);
    expect(rest.body).toEqual({ items: [], nextCursor: null });
    await t
      .http()
      .get('/api/v1/threads/00000000-0000-4000-8000-000000000000/posts')
      .set(as(alice))
      .expect(404);
  });

  it('paginates posts with a cursor, in writing order', async () => {
    const thread = await newThread(t, alice, spaceId, { body: 'p1' });
    for (let i = 2; i <= 7; i += 1) await post(bob, thread.id, { body: `p${i}` }).expect(201);
    const bodies: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await t
        .http()
        .get(`/api/v1/threads/${thread.id}/posts`)
        .query({ limit: 3, ...(cursor ? { cursor } : {}) })
        .set(as(carla))
        .expect(200);
      bodies.push(...(page.body.items as PostView[]).map((p) => p.body ?? ''));
      cursor = page.body.nextCursor as string | null;
    } while (cursor);
    expect(bodies).toEqual(['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7']);
    await t.http().get(`/api/v1/threads/${thread.id}/posts?cursor=bad`).set(as(carla)).expect(400);
    // Well-formed cursors with forged values are refused too, before they reach SQL.
    const forged = (key: unknown[]) => Buffer.from(JSON.stringify(key)).toString('base64url');
    for (const [url, key] of [
      [`/api/v1/threads/${thread.id}/posts`, [-1]],
      [`/api/v1/threads/${thread.id}/posts`, ['3']],
      [`/api/v1/spaces/${spaceId}/threads`, [1, 'yesterday', thread.id]],
      [`/api/v1/spaces/${spaceId}/threads`, [1, '2026-01-01T00:00:00.000Z', 'x']],
      ['/api/v1/spaces', ['a', 'not-a-uuid']],
      [`/api/v1/spaces/${spaceId}/members`, ['a', 'not-a-uuid']],
    ] as const) {
      const res = await t
        .http()
        .get(url)
        .query({ cursor: forged([...key]) })
        .set(as(carla));
      expect({ url, status: res.status, code: res.body.code }).toEqual({
        url,
        status: 400,
        code: 'invalid_cursor',
      });
    }
  });
});
