import type { DocAccessChange, DocumentView } from '@convergo/contracts';
import { DocumentAccessReview } from '../apps/api/src/modules/documents/collaboration/access-review.service';
import { TestDocumentGroups } from './support/document-groups';
import { newMember, type TestMember } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';
import { YjsClient } from './support/yjs-client';

const groups = new TestDocumentGroups('test_access_review_group');

/** The next `doc:access` the client's connection receives for the document. */
function nextAccessChange(client: YjsClient, docId: string): Promise<DocAccessChange> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no doc:access within 5 s')), 5_000);
    client.socket.on('doc:access', (id, change) => {
      if (id !== docId) return;
      clearTimeout(timer);
      resolve(change);
    });
  });
}

describe('document rights reviewed while connections stay joined', () => {
  let t: TestApp;
  let alice: TestMember;
  let bob: TestMember;
  const clients: YjsClient[] = [];

  const client = async (m: TestMember): Promise<YjsClient> => {
    const c = await YjsClient.connect(t.baseUrl, m.accessToken);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    t = await startTestApp();
    groups.register(t);
    t.app.get(DocumentAccessReview).setInterval(200);
    [alice, bob] = await Promise.all([newMember(t), newMember(t)]);
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    await t.close();
  });

  const sharedDocument = (): Promise<{ doc: DocumentView; groupId: string }> =>
    groups.newDocument(t, {
      readers: [],
      writers: [alice, bob],
      title: 'Verbale del tavolo territoriale',
      kind: 'verbale',
    });

  it('a writer demoted to reader is told, its next update is refused, and it still receives edits', async () => {
    const { doc, groupId } = await sharedDocument();
    const a = await client(alice);
    const b = await client(bob);
    expect(await a.open(doc.id)).toBe('write');
    expect(await b.open(doc.id)).toBe('write');

    const told = nextAccessChange(b, doc.id);
    groups.setRights(groupId, bob.id, 'read');
    expect(await told).toEqual({ access: 'read' });

    b.paragraph(0).insert(0, 'modifica non autorizzata');
    const refused = await b.sent[b.sent.length - 1].ack;
    expect(refused).toEqual({ ok: false, error: expect.objectContaining({ code: 'forbidden' }) });

    a.paragraph(1).insert(0, 'Presenti: sindaco e assessori');
    await b.waitFor(() => b.text().includes('Presenti: sindaco e assessori'), 5_000, "alice's edit");
    expect(a.text()).not.toContain('modifica non autorizzata');
  });

  it('a member who may no longer read is removed from the document and gets nothing more', async () => {
    const { doc, groupId } = await sharedDocument();
    const a = await client(alice);
    const b = await client(bob);
    await a.open(doc.id);
    await b.open(doc.id);
    a.paragraph(0).insert(0, 'prima');
    await b.waitFor(() => b.text().includes('prima'), 5_000, 'the first edit');

    const told = nextAccessChange(b, doc.id);
    groups.setRights(groupId, bob.id, 'none');
    expect(await told).toEqual({ access: 'none', error: expect.objectContaining({ code: 'forbidden' }) });

    const syncsBefore = b.received.sync;
    a.paragraph(0).insert(5, ' e dopo');
    expect((await a.acks()).every((ack) => ack.ok)).toBe(true);
    // A third client that still may read proves the edit went out to the room.
    const watcher = await client(alice);
    await watcher.open(doc.id);
    expect(watcher.text()).toContain('prima e dopo');
    expect(b.received.sync).toBe(syncsBefore);
    expect(b.text()).not.toContain('dopo');

    const rejoin = await b.join(doc.id);
    expect(rejoin).toEqual({ ok: false, error: expect.objectContaining({ code: 'forbidden' }) });
  });
});
