import { randomUUID } from 'node:crypto';
import type { DocumentCommentView, DocumentView } from '@convergo/contracts';
import { DataSource } from 'typeorm';
import * as Y from 'yjs';
import { TestDocumentGroups } from './support/document-groups';
import { newMember, type TestMember } from './support/factories';
import { connectSocket, type TestSocket } from './support/socket-client';
import { startTestApp, type TestApp } from './support/test-app';
import { YjsClient } from './support/yjs-client';

const groups = new TestDocumentGroups('test_comments_group');
const b64 = (position: Y.RelativePosition): string =>
  Buffer.from(Y.encodeRelativePosition(position)).toString('base64');
const decode = (encoded: string): Y.RelativePosition =>
  Y.decodeRelativePosition(new Uint8Array(Buffer.from(encoded, 'base64')));

describe('document comments', () => {
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
        title: 'Proposta progettuale',
        kind: 'proposta_progettuale',
      })
    ).doc;
  /** A document whose first paragraph says `text`, open in alice's client. */
  const documentWith = async (text: string): Promise<{ doc: DocumentView; a: YjsClient }> => {
    const doc = await groupDocument();
    const a = await client(alice);
    await a.open(doc.id);
    a.paragraph(0).insert(0, text);
    expect((await a.acks()).every((ack) => ack.ok)).toBe(true);
    return { doc, a };
  };
  /** An anchor on `word` in paragraph 0 of the client's doc. */
  const anchorOn = (c: YjsClient, word: string) => {
    const text = c.paragraph(0);
    const start = text.toString().indexOf(word);
    return {
      start: b64(Y.createRelativePositionFromTypeIndex(text, start)),
      end: b64(Y.createRelativePositionFromTypeIndex(text, start + word.length, -1)),
    };
  };
  const count = async (docId: string): Promise<number> => {
    const [row] = (await db.query(`SELECT count(*)::int AS n FROM document_comments WHERE doc_id = $1`, [
      docId,
    ])) as { n: number }[];
    return row.n;
  };
  const post = (m: TestMember, docId: string, body: unknown) =>
    t
      .http()
      .post(`/api/v1/documents/${docId}/comments`)
      .set(auth(m))
      .send(body as object);

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

  it('anchors a comment to a word that stays put when another client edits before it', async () => {
    const { doc, a } = await documentWith('Il progetto prevede formazione');
    const anchor = anchorOn(a, 'progetto');
    const created = (await post(alice, doc.id, { body: 'Quale progetto?', anchor }).expect(201))
      .body as DocumentCommentView;
    expect(created).toMatchObject({
      documentId: doc.id,
      authorId: alice.id,
      anchor,
      parentId: null,
      resolved: false,
    });

    const b = await client(bob);
    await b.open(doc.id);
    b.paragraph(0).insert(0, 'Oggi, ');
    b.paragraph(0).insert(b.paragraph(0).length, ' e altro');
    await a.waitFor(() => a.text() === 'Oggi, Il progetto prevede formazione e altro', 5_000, 'bob edits');

    const list = await t.http().get(`/api/v1/documents/${doc.id}/comments`).set(auth(reader)).expect(200);
    expect(list.body.items).toEqual([created]);
    for (const c of [a, b]) {
      const start = Y.createAbsolutePositionFromRelativePosition(
        decode(list.body.items[0].anchor.start),
        c.doc,
      )!;
      const end = Y.createAbsolutePositionFromRelativePosition(decode(list.body.items[0].anchor.end), c.doc)!;
      expect(c.paragraph(0).toString().slice(start.index, end.index)).toBe('progetto');
    }
  });

  it('replies, edits, resolves, reopens and deletes, with live events', async () => {
    const { doc, a } = await documentWith('Budget da rivedere');
    const socket: TestSocket = await connectSocket(t.baseUrl, reader.accessToken);
    closeables.push(socket);
    expect(await socket.subscribe({ room: `doc:${doc.id}` })).toEqual({ ok: true });
    const room = `doc:${doc.id}`;

    const thread = (
      await post(alice, doc.id, { body: 'Troppo alto', anchor: anchorOn(a, 'Budget') }).expect(201)
    ).body as DocumentCommentView;
    expect((await socket.waitFor((e) => e.type === 'comment.created' && e.room === room)).data).toEqual(
      thread,
    );

    // Readers may reply; a reply to a reply joins the same thread.
    const reply = (await post(reader, doc.id, { body: 'Concordo', parentId: thread.id }).expect(201))
      .body as DocumentCommentView;
    expect(reply).toMatchObject({ parentId: thread.id, anchor: null, authorId: reader.id });
    const nested = (await post(bob, doc.id, { body: 'Anche io', parentId: reply.id }).expect(201))
      .body as DocumentCommentView;
    expect(nested.parentId).toBe(thread.id);

    const base = `/api/v1/documents/${doc.id}/comments`;
    const edited = await t
      .http()
      .patch(`${base}/${reply.id}`)
      .set(auth(reader))
      .send({ body: 'Concordo in pieno' })
      .expect(200);
    expect(edited.body.body).toBe('Concordo in pieno');
    expect(
      (
        await socket.waitFor(
          (e) => e.type === 'comment.updated' && (e.data as DocumentCommentView).id === reply.id,
        )
      ).data,
    ).toEqual(edited.body);
    // Not someone else's.
    expect(
      (await t.http().patch(`${base}/${reply.id}`).set(auth(bob)).send({ body: 'x' }).expect(403)).body.code,
    ).toBe('comment_forbidden');
    await t.http().delete(`${base}/${thread.id}`).set(auth(bob)).expect(403);
    // Readers cannot resolve others' threads; writers can; replies are not resolved on their own.
    await t.http().post(`${base}/${thread.id}/resolve`).set(auth(reader)).expect(403);
    await t.http().post(`${base}/${reply.id}/resolve`).set(auth(bob)).expect(409);
    const resolved = await t.http().post(`${base}/${thread.id}/resolve`).set(auth(bob)).expect(200);
    expect(resolved.body).toMatchObject({ resolved: true, resolvedBy: bob.id });
    expect((await socket.waitFor((e) => e.type === 'comment.resolved')).data).toEqual(resolved.body);
    const reopened = await t.http().post(`${base}/${thread.id}/reopen`).set(auth(alice)).expect(200);
    expect(reopened.body).toMatchObject({ resolved: false, resolvedBy: null, resolvedAt: null });

    const list = await t.http().get(`${base}?limit=2`).set(auth(alice)).expect(200);
    expect(list.body.items.map((c: DocumentCommentView) => c.id)).toEqual([thread.id, reply.id]);
    const rest = await t
      .http()
      .get(`${base}?limit=2&cursor=${list.body.nextCursor}`)
      .set(auth(alice))
      .expect(200);
    expect(rest.body).toEqual({ items: [nested], nextCursor: null });

    await t.http().delete(`${base}/${thread.id}`).set(auth(alice)).expect(204);
    expect((await socket.waitFor((e) => e.type === 'comment.deleted')).data).toEqual({
      id: thread.id,
      documentId: doc.id,
      parentId: null,
    });
    expect(await count(doc.id)).toBe(0);
  });

  it('refuses hostile input with problems and stores nothing; bodies come back as plain JSON text', async () => {
    const { doc, a } = await documentWith('Testo del documento');
    const other = await documentWith('Altro documento');
    const good = anchorOn(a, 'Testo');
    const problem = async (
      res: Promise<{ status: number; headers: Record<string, string>; body: { status?: number } }>,
      status: number,
    ) => {
      const r = await res;
      expect(r.status).toBe(status);
      expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
      return r.body;
    };
    const stray = new Y.Doc();
    stray.getXmlFragment('content').insert(0, [new Y.XmlText('fuori')]);
    const strayText = stray.getXmlFragment('content').get(0) as Y.XmlText;
    const elsewhere = new Y.Doc();
    const otherRoot = b64(Y.createRelativePositionFromTypeIndex(elsewhere.getText('other'), 0));

    await problem(post(alice, doc.id, { body: 'x' }), 400); // no anchor
    await problem(post(alice, doc.id, { body: 'x', anchor: 'abc' }), 400);
    await problem(post(alice, doc.id, { body: 'x', anchor: { start: good.start } }), 400);
    await problem(post(alice, doc.id, { body: 'x', anchor: { start: 'not base64!!', end: good.end } }), 400);
    await problem(post(alice, doc.id, { body: 'x', anchor: { start: 'AAAA', end: good.end } }), 400);
    await problem(
      post(alice, doc.id, { body: 'x', anchor: { start: good.start, end: 'A'.repeat(2000) } }),
      400,
    );
    await problem(post(alice, doc.id, { body: 'x', anchor: { start: otherRoot, end: good.end } }), 400);
    const strayAnchor = b64(Y.createRelativePositionFromTypeIndex(strayText, 1));
    await problem(post(alice, doc.id, { body: 'x', anchor: { start: strayAnchor, end: good.end } }), 400);
    // Another document's anchor does not point into this one.
    await problem(post(alice, doc.id, { body: 'x', anchor: anchorOn(other.a, 'Altro') }), 400);
    await problem(post(alice, doc.id, { body: 'x', anchor: { start: good.end, end: good.start } }), 400);
    await problem(post(alice, doc.id, { body: 'x'.repeat(5001), anchor: good }), 400);
    await problem(post(alice, doc.id, { body: 42, anchor: good }), 400);
    await problem(post(alice, doc.id, { body: '   ', anchor: good }), 400);
    await problem(post(alice, doc.id, { body: 'x', anchor: good, extra: 1 }), 400);
    await problem(post(alice, doc.id, { body: 'x', anchor: good, parentId: 'nope' }), 400);
    await problem(post(stranger, doc.id, { body: 'x', anchor: good }), 403);
    await problem(post(alice, randomUUID(), { body: 'x', anchor: good }), 404);
    const foreign = (
      await post(alice, other.doc.id, { body: 'altrove', anchor: anchorOn(other.a, 'Altro') }).expect(201)
    ).body as DocumentCommentView;
    await problem(post(alice, doc.id, { body: 'x', parentId: foreign.id }), 422);
    const base = `/api/v1/documents/${doc.id}/comments`;
    await problem(t.http().patch(`${base}/${foreign.id}`).set(auth(alice)).send({ body: 'x' }), 404);
    await problem(t.http().delete(`${base}/${foreign.id}`).set(auth(alice)), 404);
    await problem(t.http().post(`${base}/${foreign.id}/resolve`).set(auth(alice)), 404);
    await problem(t.http().get(`${base}?cursor=nope`).set(auth(alice)), 400);
    await problem(t.http().get(base).set(auth(stranger)), 403);
    expect(await count(doc.id)).toBe(0);

    const xss = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const res = await post(alice, doc.id, { body: xss, anchor: good }).expect(201);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body.body).toBe(xss);
    stray.destroy();
    elsewhere.destroy();
  });
});
