import type { NotificationView } from '@convergo/contracts';
import { newMember, newOrganization, type TestMember } from './support/factories';
import { connectSocket, type TestSocket } from './support/socket-client';
import { startTestApp, type TestApp } from './support/test-app';

describe('notifications', () => {
  let t: TestApp;
  let referent: TestMember;
  let other: TestMember;
  let organizationId: string;
  let socket: TestSocket;

  beforeAll(async () => {
    t = await startTestApp();
    organizationId = await newOrganization(t, { name: 'Comune di Cosenza (prova)', region: 'Calabria' });
    referent = await newMember(t, { organizationId, isReferent: true });
    other = await newMember(t);
    socket = await connectSocket(t.baseUrl, referent.accessToken);
  });
  afterAll(async () => {
    socket?.close();
    await t.close();
  });

  const as = (m: TestMember) => ({ authorization: `Bearer ${m.accessToken}` });

  it('tells the referent live when a colleague accepts the invitation', async () => {
    const invitation = await t
      .http()
      .post('/api/v1/invitations')
      .set(as(referent))
      .send({ email: 'collega@comune.cosenza.it', organizationId, role: 'member' })
      .expect(201);
    const token = new URL(invitation.body.acceptUrl).searchParams.get('token');
    const joined = await t
      .http()
      .post('/api/v1/auth/accept-invitation')
      .send({ token, password: 'Password-del-collega-1', displayName: 'Rosa Collega' })
      .expect(201);

    const pushed = await socket.waitFor((e) => e.type === 'notification.created');
    expect(pushed.room).toBe(`member:${referent.id}`);
    expect(pushed.data).toMatchObject({
      kind: 'invitation_accepted',
      data: { memberId: joined.body.member.id, displayName: 'Rosa Collega' },
      readAt: null,
    });

    const list = await t.http().get('/api/v1/notifications').set(as(referent)).expect(200);
    expect(list.body.unread).toBe(1);
    expect(list.body.items).toEqual([pushed.data]);
    const othersList = await t.http().get('/api/v1/notifications').set(as(other)).expect(200);
    expect(othersList.body).toMatchObject({ items: [], unread: 0 });
  });

  it('marks notifications read, tells the other tabs, and ignores ids of other members', async () => {
    const [notification] = (await t.http().get('/api/v1/notifications').set(as(referent))).body
      .items as NotificationView[];

    const foreign = await t
      .http()
      .post('/api/v1/notifications/read')
      .set(as(other))
      .send({ ids: [notification.id] })
      .expect(200);
    expect(foreign.body).toEqual({ ids: [], unread: 0 });
    expect((await t.http().get('/api/v1/notifications').set(as(referent))).body.unread).toBe(1);

    const read = await t
      .http()
      .post('/api/v1/notifications/read')
      .set(as(referent))
      .send({ ids: [notification.id] })
      .expect(200);
    expect(read.body).toEqual({ ids: [notification.id], unread: 0 });
    const pushed = await socket.waitFor((e) => e.type === 'notification.read');
    expect(pushed.data).toEqual(read.body);
    const unreadOnly = await t.http().get('/api/v1/notifications?unread=true').set(as(referent)).expect(200);
    expect(unreadOnly.body.items).toEqual([]);
  });

  it('refuses malformed input with 400 problem+json', async () => {
    for (const body of [
      {},
      { ids: [] },
      { ids: ['not-a-uuid'] },
      { ids: 'x' },
      { all: 'yes' },
      { ids: [], extra: 1 },
    ]) {
      const res = await t.http().post('/api/v1/notifications/read').set(as(referent)).send(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    for (const query of ['unread=maybe', 'limit=0', 'cursor=%%%']) {
      await t.http().get(`/api/v1/notifications?${query}`).set(as(referent)).expect(400);
    }
    await t.http().get('/api/v1/notifications').expect(401);
  });
});
