import type { DocumentView } from '@convergo/contracts';
import { newMember, type TestMember } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';
import { YjsClient } from './support/yjs-client';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Two api processes' worth of app on one PostgreSQL database and one Redis, as in docker/. */
describe('shared documents across two instances (Redis streams adapter)', () => {
  let first: TestApp;
  let second: TestApp;
  let admin: TestMember;
  const clients: YjsClient[] = [];

  const client = async (app: TestApp): Promise<YjsClient> => {
    const c = await YjsClient.connect(app.baseUrl, admin.accessToken);
    clients.push(c);
    return c;
  };
  const createDocument = async (): Promise<DocumentView> =>
    (
      await first
        .http()
        .post('/api/v1/documents')
        .set('authorization', `Bearer ${admin.accessToken}`)
        .send({
          title: 'Proposta progettuale',
          kind: 'proposta_progettuale',
          owner: { type: 'member', id: admin.id },
        })
        .expect(201)
    ).body as DocumentView;

  beforeAll(async () => {
    first = await startTestApp({ env: { REDIS_URL } });
    second = await startTestApp({ env: { REDIS_URL }, databaseUrl: first.databaseUrl });
    admin = await newMember(first, { role: 'admin' });
  });

  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });

  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('converges when editors on different instances type in the same paragraph', async () => {
    const doc = await createDocument();
    const a = await client(first);
    const b = await client(second);
    await a.open(doc.id);
    a.paragraph().insert(0, '||');
    await a.acks();
    await b.open(doc.id);
    expect(b.text()).toBe('||');
    for (let i = 0; i < 20; i++) {
      a.paragraph().insert(1, 'a');
      b.paragraph().insert(1, 'b');
    }
    await a.waitFor(() => a.text().length === 42, 10_000, 'both editors');
    await b.waitFor(() => b.text() === a.text(), 10_000, 'convergence');
    expect((await a.acks()).every((ack) => ack.ok)).toBe(true);
    expect((await b.acks()).every((ack) => ack.ok)).toBe(true);

    // Each instance's in-memory document holds every update: newcomers on either agree.
    for (const app of [first, second]) {
      const fresh = await client(app);
      await fresh.open(doc.id);
      expect(fresh.text()).toBe(a.text());
    }
  });

  it('keeps an instance that only relays up to date, and shares presence', async () => {
    const doc = await createDocument();
    const writer = await client(first);
    const watcher = await client(second);
    writer.awareness.setLocalStateField('user', { name: 'Scrittrice' });
    await writer.open(doc.id);
    await watcher.open(doc.id);
    await watcher.waitFor(() => watcher.awareness.getStates().has(writer.doc.clientID), 5_000, 'presence');

    for (let i = 0; i < 30; i++) writer.paragraph(i % 2).insert(0, `${i},`);
    await writer.acks();
    await watcher.waitFor(() => watcher.text() === writer.text(), 5_000, 'the relay');

    // The second instance never stored these updates; its Y.Doc got them from the first one.
    const newcomer = await client(second);
    writer.awareness.setLocalStateField('cursor', { anchor: 1 });
    await newcomer.open(doc.id);
    expect(newcomer.text()).toBe(writer.text());
    await newcomer.waitFor(
      () =>
        (newcomer.awareness.getStates().get(writer.doc.clientID)?.cursor as { anchor?: number })?.anchor ===
        1,
      5_000,
      'presence of a client of the other instance',
    );

    writer.close();
    clients.splice(clients.indexOf(writer), 1);
    await newcomer.waitFor(() => !newcomer.awareness.getStates().has(writer.doc.clientID), 5_000, 'removal');
  });
});
