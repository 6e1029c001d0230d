import { roomName, type CoachingThreadView, type LabView, type PostView } from '@convergo/contracts';
import { DataSource } from 'typeorm';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { newMember, type TestMember } from './support/factories';
import { as, newLiveLab } from './support/live-room';
import { connectSocket, sleep, type TestSocket } from './support/socket-client';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Issue 11, coaching threads: a private thread between a lab's tutors and one working group,
 * visible only to them and admins, with the community's thread features (Markdown, mentions,
 * live posts, notifications, unread markers).
 */
describe('coaching threads between a lab’s tutors and a working group', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: TestMember;
  let tutor: TestMember;
  let ada: TestMember;
  let bruno: TestMember;
  let carla: TestMember; // same lab, another group
  let moderator: TestMember;
  let outsider: TestMember;
  let lab: LabView;
  let groupId: string;
  const sockets: TestSocket[] = [];

  /** Opened through GET /lab-groups/:id/coaching-thread, a thread always has its ids. */
  type OpenedThread = CoachingThreadView & { threadId: string; spaceId: string };
  const coaching = async (member: TestMember, id = groupId) =>
    (await t.http().get(`/api/v1/lab-groups/${id}/coaching-thread`).set(as(member)).expect(200))
      .body as OpenedThread;
  const listOf = async (member: TestMember, query = '') =>
    (await t.http().get(`/api/v1/tutoring/coaching-threads${query}`).set(as(member)).expect(200)).body as {
      items: CoachingThreadView[];
      nextCursor: string | null;
    };
  const post = async (member: TestMember, threadId: string, body: string) =>
    (await t.http().post(`/api/v1/threads/${threadId}/posts`).set(as(member)).send({ body }).expect(201))
      .body as PostView;
  const newGroup = async (name: string, memberIds: string[]) =>
    (
      await t
        .http()
        .post(`/api/v1/labs/${lab.id}/groups`)
        .set(as(admin))
        .send({ name, memberIds })
        .expect(201)
    ).body as { id: string };

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    [admin, tutor, ada, bruno, carla, moderator, outsider] = await Promise.all([
      newMember(t, { role: 'admin' }),
      newMember(t, { role: 'tutor', displayName: 'Teresa Tutor' }),
      newMember(t, { displayName: 'Ada Esposito' }),
      newMember(t, { displayName: 'Bruno Greco' }),
      newMember(t, { displayName: 'Carla Rizzo' }),
      newMember(t, { role: 'moderator' }),
      newMember(t),
    ]);
    lab = await newLiveLab(t.baseUrl, admin, { tutors: [tutor], participants: [ada, bruno, carla] });
    groupId = (await newGroup('Gruppo Piano di lavoro', [ada.id, bruno.id])).id;
    await newGroup('Gruppo Indicatori', [carla.id]);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await t.close();
  });

  it('opens one thread per group, also when its first readers arrive at the same instant', async () => {
    const racing = (await newGroup('Gruppo Concorrenza', [ada.id])).id;
    const views = await Promise.all([
      coaching(ada, racing),
      coaching(tutor, racing),
      coaching(admin, racing),
    ]);
    expect(new Set(views.map((v) => v.threadId)).size).toBe(1);
    const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM spaces WHERE lab_group_id = $1`, [
      racing,
    ])) as { n: number }[];
    expect(n).toBe(1);
    expect(views[0]).toMatchObject({ group: { id: racing }, lab: { id: lab.id, title: lab.title } });
  });

  it('lets the group and the tutor converse: live posts, notifications, unread markers', async () => {
    const view = await coaching(ada);
    expect(await coaching(tutor)).toMatchObject({ threadId: view.threadId, spaceId: view.spaceId });
    const tutorSocket = await connectSocket(t.baseUrl, tutor.accessToken);
    sockets.push(tutorSocket);
    expect(await tutorSocket.subscribe({ room: roomName('thread', view.threadId) })).toEqual({ ok: true });

    const question = await post(ada, view.threadId, 'Possiamo rivedere **insieme** il quadro logico?');
    const live = await tutorSocket.waitFor(
      (e) => e.type === 'post.created' && (e.data as PostView).id === question.id,
    );
    expect((live.data as PostView).bodyHtml).toContain('<strong>insieme</strong>');
    // Bruno (the group) and the tutor follow the thread: both are told.
    for (const member of [tutor, bruno]) {
      const notes = (await t.http().get('/api/v1/notifications').set(as(member)).expect(200)).body as {
        items: { kind: string; data: { threadId?: string } }[];
      };
      expect(notes.items.some((n) => n.kind === 'thread_post' && n.data.threadId === view.threadId)).toBe(
        true,
      );
    }

    const mine = (await t.http().get('/api/v1/tutoring/coaching-threads').set(as(tutor)).expect(200))
      .body as {
      items: CoachingThreadView[];
    };
    const entry = mine.items.find((item) => item.threadId === view.threadId)!;
    // Ada opened the thread (its first post) and asked: two unread for the tutor.
    expect(entry).toMatchObject({ group: { id: groupId, name: 'Gruppo Piano di lavoro' }, unreadCount: 2 });
    await t
      .http()
      .post(`/api/v1/threads/${view.threadId}/read`)
      .set(as(tutor))
      .send({ postId: question.id })
      .expect(200);
    expect((await coaching(tutor)).unreadCount).toBe(0);
    // Carla's own list does not have it: she is in another group.
    const carlas = (await t.http().get('/api/v1/tutoring/coaching-threads').set(as(carla)).expect(200))
      .body as {
      items: CoachingThreadView[];
    };
    expect(carlas.items.map((item) => item.threadId)).not.toContain(view.threadId);
  });

  it('lists every group of the tutor’s labs, opened or not, with a fixed number of queries', async () => {
    const tutor2 = await newMember(t, { role: 'tutor', displayName: 'Tiziano Tutor' });
    const member = await newMember(t, { displayName: 'Marta Membro' });
    const other = await newLiveLab(t.baseUrl, admin, { tutors: [tutor2], participants: [member] });
    const groupIn = async (name: string) =>
      (
        await t
          .http()
          .post(`/api/v1/labs/${other.id}/groups`)
          .set(as(admin))
          .send({ name, memberIds: [member.id] })
          .expect(201)
      ).body as { id: string };
    const first = await groupIn('Gruppo 01');
    await groupIn('Gruppo 02');

    // Counts the SQL statements of one list that touch groups, spaces or threads (the N+1 was ~5 per group).
    const statements = async (as2: TestMember) => {
      const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
      try {
        await listOf(as2);
        return spy.mock.calls.filter(([sql]) => /lab_group|FROM threads|FROM spaces/.test(String(sql)))
          .length;
      } finally {
        spy.mockRestore();
      }
    };
    // Neither thread opened yet: both groups listed as such.
    const before = await listOf(tutor2);
    expect(before.items.map((item) => [item.group.name, item.threadId, item.postCount])).toEqual([
      ['Gruppo 01', null, 0],
      ['Gruppo 02', null, 0],
    ]);
    expect(before.items[0]).toMatchObject({ lab: { id: other.id }, spaceId: null, unreadCount: 0 });

    // Opening one (by viewing it) puts it first with its thread; the other stays listed, unopened.
    const opened = await coaching(member, first.id);
    const few = await statements(tutor2);
    const after = await listOf(tutor2);
    expect(after.items.map((item) => [item.group.name, item.threadId])).toEqual([
      ['Gruppo 01', opened.threadId],
      ['Gruppo 02', null],
    ]);
    expect(after.items[0]).toMatchObject({ spaceId: opened.spaceId, postCount: 1, unreadCount: 1 });
    // The group's member sees the same two.
    expect((await listOf(member)).items.map((item) => item.group.name)).toEqual(['Gruppo 01', 'Gruppo 02']);

    // Ten more groups, three of them opened: the list pages and costs the same queries.
    for (let i = 3; i <= 12; i += 1) {
      const group = await groupIn(`Gruppo ${String(i).padStart(2, '0')}`);
      if (i % 4 === 0) await coaching(tutor2, group.id);
    }
    const many = await statements(tutor2);
    expect(many).toBe(few);
    expect(many).toBeLessThanOrEqual(3);
    const pageOne = await listOf(tutor2, '?limit=5');
    const pageTwo = await listOf(tutor2, `?limit=5&cursor=${pageOne.nextCursor}`);
    const pageThree = await listOf(tutor2, `?limit=5&cursor=${pageTwo.nextCursor}`);
    const all = [...pageOne.items, ...pageTwo.items, ...pageThree.items];
    expect(pageThree.nextCursor).toBeNull();
    expect(new Set(all.map((item) => item.group.id)).size).toBe(12);
    // Opened ones (latest activity first), then the unopened ones.
    expect(all.slice(0, 4).every((item) => item.threadId !== null)).toBe(true);
    expect(all.slice(4).every((item) => item.threadId === null)).toBe(true);
    // Filtered by lab: the first lab's tutor sees none of these.
    expect((await listOf(tutor, `?labId=${other.id}`)).items).toEqual([]);
  });

  it('keeps the thread from everyone else: another group, a global moderator, an outsider', async () => {
    const view = await coaching(ada);
    await post(bruno, view.threadId, 'Bozza riservata: parolachiavecoaching nel testo');
    for (const member of [carla, moderator, outsider]) {
      await t.http().get(`/api/v1/lab-groups/${groupId}/coaching-thread`).set(as(member)).expect(403);
      const thread = await t.http().get(`/api/v1/threads/${view.threadId}`).set(as(member));
      expect([403, 404]).toContain(thread.status);
      const posts = await t.http().get(`/api/v1/threads/${view.threadId}/posts`).set(as(member));
      expect([403, 404]).toContain(posts.status);
      const events = await t
        .http()
        .get(`/api/v1/events?room=${roomName('thread', view.threadId)}&after=0`)
        .set(as(member));
      expect([403, 404]).toContain(events.status);
      const socket = await connectSocket(t.baseUrl, member.accessToken);
      sockets.push(socket);
      for (const room of [roomName('thread', view.threadId), roomName('space', view.spaceId)]) {
        expect(await socket.subscribe({ room })).toMatchObject({ ok: false });
      }
      const found = (await t.http().get('/api/v1/search?q=parolachiavecoaching').set(as(member)).expect(200))
        .body as {
        items: unknown[];
      };
      expect(found.items).toEqual([]);
      const spaces = (await t.http().get('/api/v1/spaces?limit=100').set(as(member)).expect(200)).body as {
        items: { id: string }[];
      };
      expect(spaces.items.map((s) => s.id)).not.toContain(view.spaceId);
    }
    // Admins read it; the group finds its own words.
    await t.http().get(`/api/v1/threads/${view.threadId}`).set(as(admin)).expect(200);
    const own = (await t.http().get('/api/v1/search?q=parolachiavecoaching').set(as(ada)).expect(200))
      .body as {
      items: unknown[];
    };
    expect(own.items).toHaveLength(1);
  });

  it('notifies no outsider through a mention, refuses flags and roster or visibility changes', async () => {
    const view = await coaching(ada);
    await post(
      ada,
      view.threadId,
      `Chiedo anche a [@Esterno](member:${outsider.id}) e [@Carla](member:${carla.id})`,
    );
    await sleep(300);
    for (const member of [outsider, carla]) {
      const notes = (await t.http().get('/api/v1/notifications').set(as(member)).expect(200)).body as {
        items: { kind: string; data: { threadId?: string } }[];
      };
      expect(notes.items.filter((n) => n.data.threadId === view.threadId)).toEqual([]);
    }
    const target = await post(tutor, view.threadId, 'Risposta del tutor');
    const flag = await t
      .http()
      .post(`/api/v1/posts/${target.id}/flags`)
      .set(as(ada))
      .send({ reason: 'Prova di segnalazione' });
    expect(flag.status).toBe(422);
    expect(flag.body).toMatchObject({ code: 'coaching_flag' });
    const patch = await t
      .http()
      .patch(`/api/v1/spaces/${view.spaceId}`)
      .set(as(admin))
      .send({ visibility: 'public' });
    expect(patch.status).toBe(409);
    expect(patch.body).toMatchObject({ code: 'coaching_space_fixed' });
    const invite = await t
      .http()
      .post(`/api/v1/spaces/${view.spaceId}/members`)
      .set(as(admin))
      .send({ memberId: outsider.id });
    expect(invite.status).toBe(403);
    const created = await t
      .http()
      .post('/api/v1/spaces')
      .set(as(admin))
      .send({ name: 'Spazio coaching finto', visibility: 'coaching' });
    expect(created.status).toBe(400);
    const [{ visibility }] = (await db.query(`SELECT visibility FROM spaces WHERE id = $1`, [
      view.spaceId,
    ])) as {
      visibility: string;
    }[];
    expect(visibility).toBe('coaching');
  });

  it('sanitises markup and answers 404 for an unknown group, 400 for a malformed id', async () => {
    const view = await coaching(ada);
    const hostile = await post(
      bruno,
      view.threadId,
      '<script>alert(1)</script><img src=x onerror=alert(2)> **ok**',
    );
    expect(hostile.bodyHtml).not.toMatch(/<script|<img/i);
    await t
      .http()
      .get('/api/v1/lab-groups/00000000-0000-4000-8000-000000000000/coaching-thread')
      .set(as(tutor))
      .expect(404);
    await t.http().get('/api/v1/lab-groups/not-a-uuid/coaching-thread').set(as(tutor)).expect(400);
    await t.http().get('/api/v1/tutoring/coaching-threads?labId=nope').set(as(tutor)).expect(400);
  });

  it('takes a member removed from the group out of its rooms, its thread and their muted list', async () => {
    const view = await coaching(ada);
    const brunoSocket = await connectSocket(t.baseUrl, bruno.accessToken);
    sockets.push(brunoSocket);
    expect(await brunoSocket.subscribe({ room: roomName('thread', view.threadId) })).toEqual({ ok: true });
    const muted = async () =>
      (
        (await t.http().get('/api/v1/me/muted-threads').set(as(bruno)).expect(200)).body as {
          items: { threadId: string }[];
        }
      ).items.map((item) => item.threadId);
    await t
      .http()
      .post(`/api/v1/threads/${view.threadId}/subscription`)
      .set(as(bruno))
      .send({ level: 'muted' })
      .expect(200);
    expect(await muted()).toEqual([view.threadId]);
    await t
      .http()
      .delete(`/api/v1/labs/${lab.id}/groups/${groupId}/members/${bruno.id}`)
      .set(as(admin))
      .expect(204);
    await sleep(500);
    const after = await post(tutor, view.threadId, 'Messaggio dopo l’uscita di Bruno');
    await sleep(500);
    expect(brunoSocket.received.some((e) => (e.data as PostView)?.id === after.id)).toBe(false);
    await t.http().get(`/api/v1/lab-groups/${groupId}/coaching-thread`).set(as(bruno)).expect(403);
    const thread = await t.http().get(`/api/v1/threads/${view.threadId}`).set(as(bruno));
    expect([403, 404]).toContain(thread.status);
    expect(await muted()).toEqual([]);
  });
});
