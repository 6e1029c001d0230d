import type { DocumentAttachmentView, DocumentView } from '@convergo/contracts';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { existsSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Stream } from 'node:stream';
import PDFDocument from 'pdfkit';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import {
  ATTACHMENT_SCANNER,
  type AttachmentScanner,
  type ScannedFile,
} from '../apps/api/src/modules/documents/attachments/attachment-scanner';
import { readFile } from 'node:fs/promises';
import { TestDocumentGroups } from './support/document-groups';
import { newMember, type TestMember } from './support/factories';
import { connectSocket, type TestSocket } from './support/socket-client';
import { startTestApp, type TestApp } from './support/test-app';

const groups = new TestDocumentGroups('test_attachments_group');
const MAX_BYTES = 64 * 1024;
const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

/** A scanner standing in for ClamAV: refuses what carries the EICAR test signature. */
class EicarScanner implements AttachmentScanner {
  readonly scanned: ScannedFile[] = [];
  async scan(file: ScannedFile) {
    this.scanned.push(file);
    const bytes = await readFile(file.path, 'latin1');
    return bytes.includes(EICAR)
      ? { clean: false as const, reason: 'Eicar-Test-Signature FOUND' }
      : { clean: true as const };
  }
}

/** A 1x1 PNG. */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360f8cf00000301010018dd8db00000000049454e44ae426082',
  'hex',
);

function realPdf(text: string): Promise<Buffer> {
  const doc = new PDFDocument();
  const chunks: Buffer[] = [];
  return new Promise((resolve) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.text(text);
    doc.end();
  });
}

const realDocx = (text: string): Promise<Buffer> =>
  Packer.toBuffer(
    new Document({ sections: [{ children: [new Paragraph({ children: [new TextRun(text)] })] }] }),
  );

/** Collects a response as bytes (superagent only buffers text and JSON by itself). */
const binary = (res: Stream, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('document attachments', () => {
  let t: TestApp;
  let db: DataSource;
  let alice: TestMember;
  let bob: TestMember;
  let reader: TestMember;
  let stranger: TestMember;
  const scanner = new EicarScanner();
  const closeables: { close(): void }[] = [];

  const auth = (m: TestMember) => ({ authorization: `Bearer ${m.accessToken}` });
  const groupDocument = async (): Promise<DocumentView> =>
    (
      await groups.newDocument(t, {
        readers: [reader],
        writers: [alice, bob],
        title: 'Piano di gemellaggio',
        kind: 'note',
      })
    ).doc;
  const upload = (
    m: TestMember,
    docId: string,
    bytes: Buffer,
    filepath: string,
    contentType = 'application/octet-stream',
  ) => {
    // form-data keeps path parts only from `filepath` (a browser may send them too); superagent
    // passes its options through, though its types know `filename` only.
    const options = { filepath, contentType } as { filename?: string; contentType: string };
    return t
      .http()
      .post(`/api/v1/documents/${docId}/attachments`)
      .set(auth(m))
      .attach('file', bytes, options);
  };
  const download = (m: TestMember, docId: string, id: string) =>
    t
      .http()
      .get(`/api/v1/documents/${docId}/attachments/${id}/download`)
      .set(auth(m))
      .buffer(true)
      .parse(binary);
  const blobPath = (hash: string) => join(t.dataDir, 'files', hash.slice(0, 2), hash);
  const blobCount = (): number =>
    readdirSync(join(t.dataDir, 'files'))
      .filter((d) => d !== '.incoming')
      .reduce((n, d) => n + readdirSync(join(t.dataDir, 'files', d)).length, 0);
  const rows = async (docId: string): Promise<number> => {
    const [row] = (await db.query(`SELECT count(*)::int AS n FROM document_attachments WHERE doc_id = $1`, [
      docId,
    ])) as { n: number }[];
    return row.n;
  };
  const expectProblem = (res: Response, status: number, code: string) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body: unknown = Buffer.isBuffer(res.body) ? JSON.parse(res.body.toString('utf8')) : res.body;
    expect(body).toMatchObject({ status, code });
  };

  beforeAll(async () => {
    t = await startTestApp({
      env: { ATTACHMENT_MAX_BYTES: String(MAX_BYTES) },
      overrideProviders: [{ token: ATTACHMENT_SCANNER, useValue: scanner }],
    });
    db = t.app.get(DataSource);
    [alice, bob, reader, stranger] = await Promise.all([
      newMember(t, { displayName: 'Alice Esposito' }),
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

  it('uploads real files, announces them live, lists newest first and downloads them byte for byte', async () => {
    const doc = await groupDocument();
    const socket: TestSocket = await connectSocket(t.baseUrl, reader.accessToken);
    closeables.push(socket);
    expect(await socket.subscribe({ room: `doc:${doc.id}` })).toEqual({ ok: true });

    const pdf = await realPdf('Relazione finale del gemellaggio');
    const created = await upload(
      alice,
      doc.id,
      pdf,
      'Relazione attività è già pronta.pdf',
      'application/pdf',
    ).expect(201);
    const view = created.body as DocumentAttachmentView;
    expect(view).toEqual({
      id: expect.any(String),
      documentId: doc.id,
      fileName: 'Relazione attività è già pronta.pdf',
      mediaType: 'application/pdf',
      size: pdf.length,
      sha256: sha256(pdf),
      uploadedBy: { id: alice.id, displayName: 'Alice Esposito' },
      createdAt: expect.any(String),
    });
    const event = await socket.waitFor((e) => e.type === 'attachment.added');
    expect(event).toMatchObject({ room: `doc:${doc.id}`, data: view });
    expect(scanner.scanned.at(-1)).toMatchObject({ size: pdf.length, mediaType: 'application/pdf' });

    const docx = await realDocx('Quadro logico');
    const word = (await upload(bob, doc.id, docx, 'quadro.docx').expect(201)).body as DocumentAttachmentView;
    expect(word.mediaType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const image = (await upload(bob, doc.id, PNG, 'logo', 'image/png').expect(201))
      .body as DocumentAttachmentView;
    expect(image).toMatchObject({ fileName: 'logo.png', mediaType: 'image/png' });
    const csv = Buffer.from('comune;abitanti\nMatera;60000\nCittà di Castello;39000\n');
    const table = (await upload(bob, doc.id, csv, 'dati.csv', 'text/csv').expect(201))
      .body as DocumentAttachmentView;
    expect(table.mediaType).toBe('text/csv; charset=utf-8');

    const page1 = await t
      .http()
      .get(`/api/v1/documents/${doc.id}/attachments?limit=3`)
      .set(auth(reader))
      .expect(200);
    expect(page1.body.items.map((a: DocumentAttachmentView) => a.id)).toEqual([table.id, image.id, word.id]);
    const page2 = await t
      .http()
      .get(`/api/v1/documents/${doc.id}/attachments?limit=3&cursor=${page1.body.nextCursor}`)
      .set(auth(reader))
      .expect(200);
    expect(page2.body).toEqual({ items: [view], nextCursor: null });

    const got = await download(reader, doc.id, view.id).expect(200);
    expect(Buffer.compare(got.body as Buffer, pdf)).toBe(0);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['content-length']).toBe(String(pdf.length));
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['content-disposition']).toBe(
      `attachment; filename="Relazione attivita e gia pronta.pdf"; filename*=UTF-8''Relazione%20attivit%C3%A0%20%C3%A8%20gi%C3%A0%20pronta.pdf`,
    );
    const text = await download(reader, doc.id, table.id).expect(200);
    expect(Buffer.compare(text.body as Buffer, csv)).toBe(0);
    expect(text.headers['content-length']).toBe(String(csv.length));
  });

  it('keeps hostile names safe in storage and in Content-Disposition', async () => {
    const doc = await groupDocument();
    const pdf = await realPdf('x');
    const res = await upload(alice, doc.id, pdf, '../../etc/passwd"\r\n.pdf', 'application/pdf').expect(201);
    const view = res.body as DocumentAttachmentView;
    expect(view.fileName).toBe('passwd_.pdf');
    expect(existsSync(join(t.dataDir, 'etc'))).toBe(false);
    const got = await download(alice, doc.id, view.id).expect(200);
    expect(got.headers['content-disposition']).toBe(
      `attachment; filename="passwd_.pdf"; filename*=UTF-8''passwd_.pdf`,
    );
    expect(Buffer.compare(got.body as Buffer, pdf)).toBe(0);

    const long = `${'ò'.repeat(400)}.pdf`;
    const longView = (await upload(alice, doc.id, pdf, long, 'application/pdf').expect(201))
      .body as DocumentAttachmentView;
    expect(Array.from(longView.fileName)).toHaveLength(255);
    expect(longView.fileName.endsWith('ò.pdf')).toBe(true);
  });

  it('stores equal content once and removes the blob with its last row', async () => {
    const doc = await groupDocument();
    const other = await groupDocument();
    const pdf = await realPdf(`Dedup ${Date.now()}`);
    const before = blobCount();
    const a = (await upload(alice, doc.id, pdf, 'uno.pdf').expect(201)).body as DocumentAttachmentView;
    const b = (await upload(bob, other.id, pdf, 'due.pdf').expect(201)).body as DocumentAttachmentView;
    expect(a.sha256).toBe(b.sha256);
    expect(a.id).not.toBe(b.id);
    expect(blobCount()).toBe(before + 1);
    expect(readdirSync(join(t.dataDir, 'files', a.sha256.slice(0, 2)))).toContain(a.sha256);
    expect(await rows(doc.id)).toBe(1);
    expect(await rows(other.id)).toBe(1);

    const socket: TestSocket = await connectSocket(t.baseUrl, reader.accessToken);
    closeables.push(socket);
    expect(await socket.subscribe({ room: `doc:${doc.id}` })).toEqual({ ok: true });
    // Only the uploader (or a moderator, an administrator) removes a file.
    const notYours = await t.http().delete(`/api/v1/documents/${doc.id}/attachments/${a.id}`).set(auth(bob));
    expectProblem(notYours, 403, 'attachment_forbidden');
    await t.http().delete(`/api/v1/documents/${doc.id}/attachments/${a.id}`).set(auth(alice)).expect(204);
    const removed = await socket.waitFor((e) => e.type === 'attachment.removed');
    expect(removed.data).toEqual({ id: a.id, documentId: doc.id });
    expect(existsSync(blobPath(a.sha256))).toBe(true);
    const stillThere = await download(bob, other.id, b.id).expect(200);
    expect(Buffer.compare(stillThere.body as Buffer, pdf)).toBe(0);

    await t.http().delete(`/api/v1/documents/${other.id}/attachments/${b.id}`).set(auth(bob)).expect(204);
    expect(existsSync(blobPath(a.sha256))).toBe(false);
    expectProblem(await download(bob, other.id, b.id), 404, 'attachment_not_found');
  });

  it('refuses content that is not allowed or does not match its name (415)', async () => {
    const doc = await groupDocument();
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(512)]);
    const renamed = await upload(alice, doc.id, exe, 'fattura.pdf', 'application/pdf');
    expectProblem(renamed, 415, 'attachment_type_refused');
    expect(renamed.body.detail).toContain('exe');

    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const fakePng = await upload(alice, doc.id, svg, 'logo.png', 'image/png');
    expectProblem(fakePng, 415, 'attachment_type_refused');
    expect(fakePng.body.detail).toMatch(/HTML or SVG/);
    expectProblem(
      await upload(alice, doc.id, svg, 'logo.svg', 'image/svg+xml'),
      415,
      'attachment_type_refused',
    );
    const html = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>');
    expectProblem(
      await upload(alice, doc.id, html, 'pagina.html', 'text/html'),
      415,
      'attachment_type_refused',
    );
    expectProblem(
      await upload(alice, doc.id, html, 'note.txt', 'text/plain'),
      415,
      'attachment_type_refused',
    );
    const pngAsPdf = await upload(alice, doc.id, PNG, 'foto.pdf', 'application/pdf');
    expectProblem(pngAsPdf, 415, 'attachment_type_refused');
    expect(pngAsPdf.body.detail).toContain('png');
    expectProblem(
      await upload(alice, doc.id, Buffer.from([0, 1, 2, 3, 4]), 'dati.csv'),
      415,
      'attachment_type_refused',
    );
    expect(await rows(doc.id)).toBe(0);
  });

  it('refuses a file over ATTACHMENT_MAX_BYTES with 413 and stores nothing', async () => {
    const doc = await groupDocument();
    const before = blobCount();
    const big = Buffer.concat([PNG, Buffer.alloc(MAX_BYTES * 2, 7)]);
    const res = await upload(alice, doc.id, big, 'grande.png', 'image/png');
    expectProblem(res, 413, 'attachment_too_large');
    expect(res.body.detail).toContain(String(MAX_BYTES));
    expect(await rows(doc.id)).toBe(0);
    expect(blobCount()).toBe(before);
    expect(readdirSync(join(t.dataDir, 'files', '.incoming'))).toEqual([]);
    // Exactly the limit is allowed.
    const exact = Buffer.concat([PNG, Buffer.alloc(MAX_BYTES - PNG.length)]);
    expect((await upload(alice, doc.id, exact, 'limite.png').expect(201)).body.size).toBe(MAX_BYTES);
  });

  it('refuses what the virus scanner flags (422) and stores nothing', async () => {
    const doc = await groupDocument();
    const before = blobCount();
    const res = await upload(alice, doc.id, Buffer.from(EICAR), 'eicar.txt', 'text/plain');
    expectProblem(res, 422, 'attachment_infected');
    expect(res.body.detail).toContain('Eicar-Test-Signature');
    expect(await rows(doc.id)).toBe(0);
    expect(blobCount()).toBe(before);
    expect(readdirSync(join(t.dataDir, 'files', '.incoming'))).toEqual([]);
  });

  it('checks rights: readers cannot upload, strangers see nothing, ids stay within their document', async () => {
    const doc = await groupDocument();
    const other = await groupDocument();
    const pdf = await realPdf('Riservato');
    const mine = (await upload(alice, doc.id, pdf, 'riservato.pdf').expect(201))
      .body as DocumentAttachmentView;

    expectProblem(await upload(reader, doc.id, pdf, 'lettore.pdf'), 403, 'document_forbidden');
    expectProblem(await upload(stranger, doc.id, pdf, 'estraneo.pdf'), 403, 'document_forbidden');
    expectProblem(
      await t.http().get(`/api/v1/documents/${doc.id}/attachments`).set(auth(stranger)),
      403,
      'document_forbidden',
    );
    expectProblem(await download(stranger, doc.id, mine.id), 403, 'document_forbidden');
    expectProblem(
      await t.http().delete(`/api/v1/documents/${doc.id}/attachments/${mine.id}`).set(auth(reader)),
      403,
      'attachment_forbidden',
    );
    // The attachment of another document is not found through this one.
    expectProblem(await download(alice, other.id, mine.id), 404, 'attachment_not_found');
    expectProblem(
      await t.http().delete(`/api/v1/documents/${other.id}/attachments/${mine.id}`).set(auth(alice)),
      404,
      'attachment_not_found',
    );
    const missing = '00000000-0000-4000-8000-000000000000';
    expectProblem(await upload(alice, missing, pdf, 'x.pdf'), 404, 'document_not_found');
    expectProblem(await download(alice, doc.id, 'not-a-uuid'), 400, 'validation_failed');
    expectProblem(
      await t.http().post(`/api/v1/documents/${doc.id}/attachments`).set(auth(alice)).field('other', 'x'),
      400,
      'validation_failed',
    );
    expectProblem(
      await t.http().get(`/api/v1/documents/${doc.id}/attachments?cursor=forged`).set(auth(alice)),
      400,
      'invalid_cursor',
    );
    expect(await rows(doc.id)).toBe(1);
    // A moderator who may read the document, and an administrator, remove other members' files.
    const moderator = await newMember(t, { role: 'moderator' });
    const admin = await newMember(t, { role: 'admin' });
    const moderated = groups.add({ readers: [moderator.id], writers: [alice.id] });
    const modDoc = (
      await t
        .http()
        .post('/api/v1/documents')
        .set(auth(alice))
        .send({ title: 'Moderato', kind: 'note', owner: { type: groups.ownerType, id: moderated } })
        .expect(201)
    ).body as DocumentView;
    const first = (await upload(alice, modDoc.id, pdf, 'a.pdf').expect(201)).body as DocumentAttachmentView;
    const second = (await upload(alice, modDoc.id, PNG, 'b.png').expect(201)).body as DocumentAttachmentView;
    await t
      .http()
      .delete(`/api/v1/documents/${modDoc.id}/attachments/${first.id}`)
      .set(auth(moderator))
      .expect(204);
    await t
      .http()
      .delete(`/api/v1/documents/${modDoc.id}/attachments/${second.id}`)
      .set(auth(admin))
      .expect(204);
    expect(await rows(modDoc.id)).toBe(0);

    const unauthenticated = await t.http().get(`/api/v1/documents/${doc.id}/attachments/${mine.id}/download`);
    expect(unauthenticated.status).toBe(401);
  });
});
