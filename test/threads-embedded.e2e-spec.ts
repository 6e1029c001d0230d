import type { PostView, SearchPage } from '@convergo/contracts';
import { SpacesService } from '../apps/api/src/modules/spaces/spaces.service';
import { newMember, newSpace, newThread, type TestMember } from './support/factories';
import { connectSocket, type TestSocket } from './support/socket-client';
import { startTestApp, type TestApp } from './support/test-app';

/** The same migrations and flows on embedded PGlite (PostgreSQL 18 in WebAssembly, one connection). */
describe('threads on embedded PGlite', () => {
  let t: TestApp;
  let alice: TestMember;
  let bob: TestMember;
  let socket: TestSocket | undefined;

  const as = (m: TestMember) => ({ authorization: `Bearer ${m.accessToken}` });

  beforeAll(async () => {
    t = await startTestApp({ embedded: true });
    alice = await newMember(t, { displayName: 'Alice Bianchi' });
    bob = await newMember(t, { displayName: 'Bruno Verdi' });
  }, 180_000);
  afterAll(async () => {
    socket?.close();
    await t?.close();
  });

  it('creates threads, notifies, publishes and searches in Italian', async () => {
    expect(await t.app.get(SpacesService).ensureDemoSpaces()).toBe(10);
    const space = await newSpace(t, { visibility: 'private', members: [{ member: alice }, { member: bob }] });
    const thread = await newThread(t, alice, space.id, {
      title: 'Semplificazione nella città',
      body: `Chi ha già digitalizzato le pratiche edilizie? [@Bruno](member:${bob.id})`,
    });
    socket = await connectSocket(t.baseUrl, alice.accessToken);
    expect(await socket.subscribe({ room: `thread:${thread.id}` })).toEqual({ ok: true });

    const reply = await t
      .http()
      .post(`/api/v1/threads/${thread.id}/posts`)
      .set(as(bob))
      .send({ body: 'Noi sì: due progetti con il SUAP.', replyToId: thread.firstPost.id })
      .expect(201);
    const live = await socket.waitFor((e) => e.type === 'post.created');
    expect((live.data as PostView).id).toBe(reply.body.id);

    const notifications = await t.http().get('/api/v1/notifications').set(as(bob)).expect(200);
    expect(notifications.body.items.map((n: { kind: string }) => n.kind)).toEqual(['mention']);

    // Words are AND-ed: no single post has both.
    const both = (
      await t.http().get('/api/v1/search').query({ q: 'citta progetto' }).set(as(bob)).expect(200)
    ).body as SearchPage;
    expect(both.items).toEqual([]);
    const citta = (await t.http().get('/api/v1/search').query({ q: 'citta' }).set(as(bob)).expect(200))
      .body as SearchPage;
    expect(citta.items.map((hit) => hit.post.id)).toEqual([thread.firstPost.id]);
    expect(citta.items[0].snippet).toBeDefined();
    const progetto = (await t.http().get('/api/v1/search').query({ q: 'progetto' }).set(as(bob)).expect(200))
      .body as SearchPage;
    expect(progetto.items.map((hit) => hit.post.id)).toEqual([reply.body.id]);
    expect(progetto.items[0].snippet).toContain('<mark>progetti</mark>');

    const outsider = await newMember(t);
    const hidden = await t.http().get('/api/v1/search').query({ q: 'citta' }).set(as(outsider)).expect(200);
    expect(hidden.body.items).toEqual([]);
  });
});
