import type { DocAccessChange, DocumentView } from '@convergo/contracts';
import { roomName } from '@convergo/contracts';
import { newMember, newSpace, type TestMember } from './support/factories';
import { connectSocket, sleep, type TestSocket } from './support/socket-client';
import { startTestApp, type TestApp } from './support/test-app';
import { YjsClient } from './support/yjs-client';

/**
 * A member removed from a private space must stop seeing its documents at once: both the
 * `doc:<id>` event room they subscribed to and the Yjs session they joined. The periodic access
 * review (10 s, left at its default here) is only a safety net; removal acts on the event.
 */
describe('document access revoked when a member leaves the owner', () => {
  let t: TestApp;
  let admin: TestMember;
  let alice: TestMember;
  let bob: TestMember;
  const sockets: TestSocket[] = [];
  const clients: YjsClient[] = [];
  const auth = (m: TestMember) => ({ authorization: `Bearer ${m.accessToken}` });

  beforeAll(async () => {
    t = await startTestApp();
    [admin, alice, bob] = await Promise.all([
      newMember(t, { role: 'admin' }),
      newMember(t, { displayName: 'Alice' }),
      newMember(t, { displayName: 'Bob' }),
    ]);
  });

  afterAll(async () => {
    for (const s of sockets) s.close();
    for (const c of clients) c.close();
    await t.close();
  });

  it('stops events and edits reaching a member removed from a private space, within a second or two', async () => {
    const space = await newSpace(t, {
      visibility: 'private',
      members: [{ member: alice }, { member: bob }],
    });
    const doc = (
      await t
        .http()
        .post('/api/v1/documents')
        .set(auth(alice))
        .send({ title: 'Bozza riservata', kind: 'note', owner: { type: 'space', id: space.id } })
        .expect(201)
    ).body as DocumentView;
    const room = roomName('doc', doc.id);

    const aliceEvents = await connectSocket(t.baseUrl, alice.accessToken);
    const bobEvents = await connectSocket(t.baseUrl, bob.accessToken);
    sockets.push(aliceEvents, bobEvents);
    expect(await aliceEvents.subscribe({ room })).toEqual({ ok: true });
    expect(await bobEvents.subscribe({ room })).toEqual({ ok: true });
    const aliceEditor = await YjsClient.connect(t.baseUrl, alice.accessToken);
    const bobEditor = await YjsClient.connect(t.baseUrl, bob.accessToken);
    clients.push(aliceEditor, bobEditor);
    expect(await aliceEditor.open(doc.id)).toBe('write');
    expect(await bobEditor.open(doc.id)).toBe('write');

    const told = new Promise<DocAccessChange>((resolve) =>
      bobEditor.socket.on('doc:access', (id, change) => {
        if (id === doc.id) resolve(change);
      }),
    );
    const removedAt = Date.now();
    await t.http().delete(`/api/v1/spaces/${space.id}/members/${bob.id}`).set(auth(admin)).expect(204);

    expect(await told).toMatchObject({ access: 'none' });
    // Well inside the periodic review's 10 s: the removal itself triggered the review.
    expect(Date.now() - removedAt).toBeLessThan(5_000);

    await t
      .http()
      .patch(`/api/v1/documents/${doc.id}`)
      .set(auth(alice))
      .send({ title: 'Bozza v2' })
      .expect(200);
    await aliceEvents.waitFor((e) => e.room === room && e.type === 'document.updated');
    aliceEditor.paragraph(0).insert(0, 'testo riservato');
    await aliceEditor.sent[aliceEditor.sent.length - 1].ack;
    await sleep(500);
    expect(bobEvents.inRoom(room).filter((e) => e.type === 'document.updated')).toEqual([]);
    expect(bobEditor.text()).not.toContain('testo riservato');
    expect(await bobEvents.subscribe({ room })).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'forbidden' }),
    });
  });
});
