import { randomUUID } from 'node:crypto';
import type {
  DocumentVersionCompare,
  DocumentVersionDetail,
  DocumentVersionView,
  DocumentView,
} from '@convergo/contracts';
import { DataSource } from 'typeorm';
import * as Y from 'yjs';
import { VersionsService } from '../apps/api/src/modules/documents/versions/versions.service';
import { TestDocumentGroups } from './support/document-groups';
import { newMember, type TestMember } from './support/factories';
import { connectSocket, type TestSocket } from './support/socket-client';
import { startTestApp, type TestApp } from './support/test-app';
import { YjsClient } from './support/yjs-client';

const groups = new TestDocumentGroups('test_versions_group');

describe('document versions', () => {
  let t: TestApp;
  let db: DataSource;
  let alice: TestMember;
  let bob: TestMember;
  let reader: TestMember;
  let stranger: TestMember;
  const closeables: { close(): void }[] = [];

  const auth = (m: TestMember) => ({ authorization: `Bearer ${m.accessToken}` });
  const client = async (m: TestMember): Promise<YjsClient> => {
    const c = await YjsClient.connect(t.baseUrl, m.accessToken);
    closeables.push(c);
    return c;
  };
  const groupDocument = async (): Promise<DocumentView> =>
    (
      await groups.newDocument(t, {
        readers: [reader],
        writers: [alice, bob],
        title: 'Piano strategico',
        kind: 'piano_strategico',
      })
    ).doc;
  const write = async (c: YjsClient, paragraphs: string[]): Promise<void> => {
    c.doc.transact(() => {
      const content = c.content;
      if (content.length > 0) content.delete(0, content.length);
      content.insert(
        0,
        paragraphs.map((text, i) => {
          const el = new Y.XmlElement(i === 0 ? 'heading' : 'paragraph');
          if (i === 0) el.setAttribute('level', '1');
          el.insert(0, [new Y.XmlText(text)]);
          return el;
        }),
      );
    });
    const acks = await c.acks();
    expect(acks.every((a) => a.ok)).toBe(true);
  };
  const createVersion = async (m: TestMember, docId: string, name: string): Promise<DocumentVersionView> =>
    (await t.http().post(`/api/v1/documents/${docId}/versions`).set(auth(m)).send({ name }).expect(201))
      .body as DocumentVersionView;
  const count = async (table: string, docId: string): Promise<number> => {
    const [row] = (await db.query(`SELECT count(*)::int AS n FROM ${table} WHERE doc_id = $1`, [docId])) as {
      n: number;
    }[];
    return row.n;
  };

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    [alice, bob, reader, stranger] = await Promise.all([
      newMember(t, { displayName: 'Alice' }),
      newMember(t, { displayName: 'Bob' }),
      newMember(t, { displayName: 'Reader' }),
      newMember(t, { displayName: 'Stranger' }),
    ]);
    groups.register(t);
  });

  afterEach(() => {
    for (const c of closeables.splice(0)) c.close();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('creates, lists, shows and compares versions, with a live event', async () => {
    const doc = await groupDocument();
    const socket: TestSocket = await connectSocket(t.baseUrl, reader.accessToken);
    closeables.push(socket);
    expect(await socket.subscribe({ room: `doc:${doc.id}` })).toEqual({ ok: true });
    const a = await client(alice);
    await a.open(doc.id);
    await write(a, ['Obiettivi', 'Aprire due sedi <b>estere</b>']);
    const v1 = await createVersion(alice, doc.id, 'Prima bozza');
    expect(v1).toMatchObject({
      documentId: doc.id,
      name: 'Prima bozza',
      authorId: alice.id,
      automatic: false,
    });
    const event = await socket.waitFor((e) => e.type === 'document.version_created');
    expect(event.data).toEqual(v1);

    await write(a, ['Obiettivi', 'Aprire tre sedi estere', 'Budget']);
    const v2 = await createVersion(alice, doc.id, 'Seconda bozza');

    const list = await t
      .http()
      .get(`/api/v1/documents/${doc.id}/versions?limit=1`)
      .set(auth(reader))
      .expect(200);
    expect(list.body.items.map((v: DocumentVersionView) => v.id)).toEqual([v2.id]);
    expect(list.body.nextCursor).toEqual(expect.any(String));
    const next = await t
      .http()
      .get(`/api/v1/documents/${doc.id}/versions?limit=1&cursor=${list.body.nextCursor}`)
      .set(auth(reader))
      .expect(200);
    expect(next.body).toEqual({ items: [v1], nextCursor: null });

    const detail = (
      await t.http().get(`/api/v1/documents/${doc.id}/versions/${v1.id}`).set(auth(reader)).expect(200)
    ).body as DocumentVersionDetail;
    expect(detail.text).toBe('Obiettivi\nAprire due sedi <b>estere</b>');
    expect(detail.html).toBe('<h1>Obiettivi</h1>\n<p>Aprire due sedi &lt;b&gt;estere&lt;/b&gt;</p>');
    expect(detail.markdown).toBe('# Obiettivi\n\nAprire due sedi <b>estere</b>');

    const compare = (
      await t
        .http()
        .get(`/api/v1/documents/${doc.id}/versions/compare?from=${v1.id}&to=${v2.id}`)
        .set(auth(reader))
        .expect(200)
    ).body as DocumentVersionCompare;
    expect(compare.changes).toContainEqual({ removed: true, value: 'due' });
    expect(compare.changes).toContainEqual({ added: true, value: 'tre' });
    expect(
      compare.changes
        .filter((c) => !c.added)
        .map((c) => c.value)
        .join(''),
    ).toBe(detail.text);

    await write(a, ['Obiettivi', 'Aprire tre sedi estere', 'Budget', 'Tempi']);
    const current = (
      await t
        .http()
        .get(`/api/v1/documents/${doc.id}/versions/compare?from=${v2.id}&to=current&granularity=lines`)
        .set(auth(reader))
        .expect(200)
    ).body as DocumentVersionCompare;
    expect(current.changes.filter((c) => c.added).map((c) => c.value.trim())).toEqual(['Tempi']);
  });

  it('restores a version as a new change both live clients see, and stores it', async () => {
    const doc = await groupDocument();
    const a = await client(alice);
    const b = await client(bob);
    await a.open(doc.id);
    await b.open(doc.id);
    await write(a, ['Titolo', 'Versione uno']);
    await b.waitFor(() => b.text() === 'Titolo\nVersione uno', 5_000, 'bob sees v1');
    const v1 = await createVersion(bob, doc.id, 'Uno');
    await write(b, ['Titolo nuovo', 'Versione due', 'Altro']);
    await a.waitFor(() => a.text() === 'Titolo nuovo\nVersione due\nAltro', 5_000, 'alice sees v2');

    const restored = await t
      .http()
      .post(`/api/v1/documents/${doc.id}/versions/${v1.id}/restore`)
      .set(auth(alice))
      .expect(200);
    expect(restored.body).toEqual(v1);
    await a.waitFor(() => a.text() === 'Titolo\nVersione uno', 5_000, 'alice sees the restore');
    await b.waitFor(() => b.text() === 'Titolo\nVersione uno', 5_000, 'bob sees the restore');

    // Editing after the restore still works and merges.
    b.paragraph(1).insert(0, 'Nuova ');
    await a.waitFor(() => a.text() === 'Titolo\nNuova Versione uno', 5_000, 'alice sees the edit');

    a.close();
    b.close();
    const fresh = await client(reader);
    await fresh.open(doc.id);
    expect(fresh.text()).toBe('Titolo\nNuova Versione uno');
  });

  it('createAutomaticVersion stores a version without an author', async () => {
    const doc = await groupDocument();
    const a = await client(alice);
    await a.open(doc.id);
    await write(a, ['Consegna']);
    const version = await t.app.get(VersionsService).createAutomaticVersion(doc.id, 'Deliverable submitted');
    expect(version).toMatchObject({ automatic: true, authorId: null, name: 'Deliverable submitted' });
    const detail = await t
      .http()
      .get(`/api/v1/documents/${doc.id}/versions/${version.id}`)
      .set(auth(alice))
      .expect(200);
    expect(detail.body.text).toBe('Consegna');
  });

  it('keeps automatic versions: the state before a restore, and each editing session when its last editor leaves', async () => {
    const doc = await groupDocument();
    const versions = async (): Promise<DocumentVersionView[]> =>
      (await t.http().get(`/api/v1/documents/${doc.id}/versions`).set(auth(reader)).expect(200)).body
        .items as DocumentVersionView[];
    const text = async (id: string): Promise<string> =>
      (
        (await t.http().get(`/api/v1/documents/${doc.id}/versions/${id}`).set(auth(reader)).expect(200))
          .body as DocumentVersionDetail
      ).text;

    // A session that only reads leaves nothing behind.
    const r = await client(reader);
    await r.open(doc.id);
    await r.leave();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await versions()).toEqual([]);

    const a = await client(alice);
    await a.open(doc.id);
    await write(a, ['Bozza', 'Prima stesura']);
    const named = await createVersion(alice, doc.id, 'Prima stesura');
    await write(a, ['Bozza', 'Seconda stesura']);
    await t
      .http()
      .post(`/api/v1/documents/${doc.id}/versions/${named.id}/restore`)
      .set(auth(alice))
      .expect(200);
    const beforeRestore = (await versions()).find(
      (v) => v.name === 'Prima del ripristino di «Prima stesura»',
    );
    expect(beforeRestore).toMatchObject({ automatic: true, authorId: alice.id });
    expect(await text(beforeRestore!.id)).toBe('Bozza\nSeconda stesura');

    a.paragraph(1).insert(0, 'Ultima ');
    expect((await a.acks()).every((ack) => ack.ok)).toBe(true);
    await a.leave();
    let session: DocumentVersionView | undefined;
    for (let i = 0; i < 50 && !session; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      session = (await versions()).find((v) => v.name === 'Salvataggio automatico a fine sessione');
    }
    expect(session).toMatchObject({ automatic: true, authorId: null });
    expect(await text(session!.id)).toBe('Bozza\nUltima Prima stesura');
  });

  it('restores a document nobody has open; the restore is stored', async () => {
    const doc = await groupDocument();
    const a = await client(alice);
    await a.open(doc.id);
    await write(a, ['Uno']);
    const v = await createVersion(alice, doc.id, 'Uno');
    await write(a, ['Due']);
    a.close();
    await t.http().post(`/api/v1/documents/${doc.id}/versions/${v.id}/restore`).set(auth(bob)).expect(200);
    const fresh = await client(reader);
    await fresh.open(doc.id);
    expect(fresh.text()).toBe('Uno');
    await expect(t.app.get(VersionsService).createAutomaticVersion(randomUUID(), 'x')).rejects.toMatchObject({
      code: 'document_not_found',
    });
  });

  it('refuses readers, strangers and bad input with problems, storing nothing', async () => {
    const doc = await groupDocument();
    const a = await client(alice);
    await a.open(doc.id);
    await write(a, ['Testo']);
    const v = await createVersion(alice, doc.id, 'Base');
    const problem = (res: { headers: Record<string, string>; body: { code?: string } }) => {
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      return res.body;
    };
    const base = `/api/v1/documents/${doc.id}/versions`;
    expect(problem(await t.http().post(base).set(auth(reader)).send({ name: 'x' }).expect(403)).code).toBe(
      'document_forbidden',
    );
    problem(await t.http().post(`${base}/${v.id}/restore`).set(auth(reader)).expect(403));
    problem(await t.http().get(base).set(auth(stranger)).expect(403));
    problem(await t.http().get(`${base}/${v.id}`).set(auth(stranger)).expect(403));
    problem(await t.http().get(`/api/v1/documents/${randomUUID()}/versions`).set(auth(alice)).expect(404));
    problem(await t.http().post(base).set(auth(alice)).send({}).expect(400));
    problem(await t.http().post(base).set(auth(alice)).send({ name: 42 }).expect(400));
    problem(await t.http().post(base).set(auth(alice)).send({ name: '   ' }).expect(400));
    problem(
      await t
        .http()
        .post(base)
        .set(auth(alice))
        .send({ name: 'x'.repeat(201) })
        .expect(400),
    );
    problem(await t.http().post(base).set(auth(alice)).send({ name: 'ok', extra: true }).expect(400));
    problem(await t.http().get(`${base}/not-a-uuid`).set(auth(alice)).expect(400));
    problem(await t.http().get(`${base}/${randomUUID()}`).set(auth(alice)).expect(404));
    problem(await t.http().get(`${base}?cursor=garbage`).set(auth(alice)).expect(400));
    problem(await t.http().get(`${base}/compare?from=${v.id}`).set(auth(alice)).expect(400));
    problem(await t.http().get(`${base}/compare?from=${v.id}&to=<script>`).set(auth(alice)).expect(400));
    // Another document's version is not this document's.
    const other = await groupDocument();
    problem(
      await t.http().get(`/api/v1/documents/${other.id}/versions/${v.id}`).set(auth(alice)).expect(404),
    );
    problem(
      await t
        .http()
        .post(`/api/v1/documents/${other.id}/versions/${v.id}/restore`)
        .set(auth(alice))
        .expect(404),
    );
    expect(await count('document_versions', doc.id)).toBe(1);
    expect(await count('document_versions', other.id)).toBe(0);
  });
});
