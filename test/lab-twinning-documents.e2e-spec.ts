import type { DocumentView, LabGroupView, Page } from '@convergo/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { newMember, newOrganization, type TestMember } from './support/factories';
import { connectSocket, errorCode, sleep, type TestSocket } from './support/socket-client';
import { startTestApp, type TestApp } from './support/test-app';
import { YjsClient } from './support/yjs-client';

type Owner = { type: 'lab' | 'lab_group' | 'twinning'; id: string };

describe('documents owned by labs, working groups and twinnings', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: TestMember;
  let tutor: TestMember;
  let grouped: TestMember;
  let ungrouped: TestMember;
  let outsider: TestMember;
  let offeringOfficial: TestMember;
  let receivingOfficial: TestMember;
  let thirdPartyOfficial: TestMember;
  let labId: string;
  let groupId: string;
  let twinningId: string;
  const clients: (YjsClient | TestSocket)[] = [];

  const as = (m: TestMember) => ({ authorization: `Bearer ${m.accessToken}` });
  const createDocument = (member: TestMember, owner: Owner, title = 'Quadro logico') =>
    t.http().post('/api/v1/documents').set(as(member)).send({ title, kind: 'quadro_logico', owner });
  const client = async (member: TestMember): Promise<YjsClient> => {
    const c = await YjsClient.connect(t.baseUrl, member.accessToken);
    clients.push(c);
    return c;
  };
  const storedUpdates = async (docId: string) =>
    Number(
      (
        (await db.query(`SELECT count(*) AS n FROM document_updates WHERE doc_id = $1`, [docId])) as {
          n: string;
        }[]
      )[0].n,
    );
  const library = async (member: TestMember, owner?: Owner) => {
    const res = await t
      .http()
      .get('/api/v1/documents')
      .query(owner ? { owner: `${owner.type}:${owner.id}`, limit: 100 } : { limit: 100 })
      .set(as(member));
    return res;
  };

  /** REST and Yjs agree on the member's access: none, read or write. */
  const expectAccess = async (member: TestMember, doc: DocumentView, expected: 'none' | 'read' | 'write') => {
    const get = await t.http().get(`/api/v1/documents/${doc.id}`).set(as(member));
    expect({ who: member.displayName, status: get.status }).toEqual({
      who: member.displayName,
      status: expected === 'none' ? 403 : 200,
    });
    const patch = await t
      .http()
      .patch(`/api/v1/documents/${doc.id}`)
      .set(as(member))
      .send({ tags: ['cooperazione internazionale'] });
    expect({ who: member.displayName, status: patch.status }).toEqual({
      who: member.displayName,
      status: expected === 'write' ? 200 : 403,
    });
    const c = await client(member);
    const ack = await c.join(doc.id);
    if (expected === 'none') {
      expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    } else {
      expect({ who: member.displayName, ack }).toEqual({
        who: member.displayName,
        ack: { ok: true, access: expected },
      });
    }
    c.close();
  };

  /** A reader's edit is refused, not stored, not relayed; a writer's edit reaches the reader. */
  const expectReaderRefused = async (writer: TestMember, reader: TestMember, doc: DocumentView) => {
    const w = await client(writer);
    expect(await w.open(doc.id)).toBe('write');
    w.paragraph().insert(0, 'Testo del gruppo');
    expect(await w.acks()).toEqual(w.sent.map(() => ({ ok: true })));
    const r = await client(reader);
    expect(await r.open(doc.id)).toBe('read');
    expect(r.text()).toBe('Testo del gruppo');
    await r.acks();
    const stored = await storedUpdates(doc.id);
    r.paragraph().insert(0, 'Modifica non autorizzata ');
    expect(await r.sent.at(-1)!.ack).toEqual({
      ok: false,
      error: { code: 'forbidden', message: expect.any(String) },
    });
    await sleep(150);
    expect(w.text()).toBe('Testo del gruppo');
    expect(await storedUpdates(doc.id)).toBe(stored);
    w.paragraph().insert(16, '!');
    await r.waitFor(() => r.text().endsWith('Testo del gruppo!'), 5_000, 'the writer’s update');
  };

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    const [offering, receiving, third] = await Promise.all([
      newOrganization(t, { name: 'Comune offerente di prova', region: 'Emilia-Romagna' }),
      newOrganization(t, { name: 'Comune ricevente di prova', region: 'Sicilia' }),
      newOrganization(t, { name: 'Comune estraneo di prova', region: 'Puglia' }),
    ]);
    [admin, tutor, grouped, ungrouped, outsider, offeringOfficial, receivingOfficial, thirdPartyOfficial] =
      await Promise.all([
        newMember(t, { role: 'admin', displayName: 'Admin' }),
        newMember(t, { role: 'tutor', displayName: 'Tutor' }),
        newMember(t, { displayName: 'Nel gruppo' }),
        newMember(t, { displayName: 'Fuori dal gruppo' }),
        newMember(t, { displayName: 'Estraneo' }),
        newMember(t, { displayName: 'Offerente', organizationId: offering }),
        newMember(t, { displayName: 'Ricevente', organizationId: receiving }),
        newMember(t, { displayName: 'Terzo', organizationId: third }),
      ]);
    labId = (
      await t
        .http()
        .post('/api/v1/labs')
        .set(as(admin))
        .send({ title: 'Laboratorio documenti', ambito: 'A' })
        .expect(201)
    ).body.id as string;
    for (const [member, role] of [
      [tutor, 'tutor'],
      [grouped, 'participant'],
      [ungrouped, 'participant'],
    ] as const) {
      await t
        .http()
        .put(`/api/v1/labs/${labId}/participants/${member.id}`)
        .set(as(admin))
        .send({ role })
        .expect(200);
    }
    groupId = (
      (
        await t
          .http()
          .post(`/api/v1/labs/${labId}/groups`)
          .set(as(tutor))
          .send({ name: 'Gruppo piano strategico', memberIds: [grouped.id] })
          .expect(201)
      ).body as LabGroupView
    ).id;
    twinningId = (
      await t
        .http()
        .post('/api/v1/twinnings')
        .set(as(admin))
        .send({
          title: 'Gemellaggio di prova',
          practiceTitle: 'Sportello unico digitale',
          offeringOrganizationId: offering,
          receivingOrganizationIds: [receiving],
        })
        .expect(201)
    ).body.id as string;
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });
  afterAll(async () => {
    await t.close();
  });

  it('lab documents: participants and tutors read and write, nobody else does', async () => {
    const owner: Owner = { type: 'lab', id: labId };
    const socket = await connectSocket(t.baseUrl, tutor.accessToken);
    clients.push(socket);
    expect(await socket.subscribe({ room: `lab:${labId}` })).toEqual({ ok: true });
    const created = await createDocument(grouped, owner).expect(201);
    const doc = created.body as DocumentView;
    expect(doc.owner).toEqual(owner);
    // Announced in the lab room.
    await socket.waitFor((e) => e.type === 'document.created' && e.room === `lab:${labId}`);

    await expectAccess(tutor, doc, 'write');
    await expectAccess(grouped, doc, 'write');
    await expectAccess(ungrouped, doc, 'write');
    await expectAccess(admin, doc, 'write');
    await expectAccess(outsider, doc, 'none');
    const refused = await createDocument(outsider, owner).expect(403);
    expect(refused.body.code).toBe('document_owner_forbidden');
    const unknown = await createDocument(tutor, { type: 'lab', id: randomUUID() }).expect(422);
    expect(unknown.body.code).toBe('document_owner_not_found');

    // The library lists lab documents to the lab's people only.
    const ids = (res: { body: Page<DocumentView> }) => res.body.items.map((d) => d.id);
    expect(ids(await library(ungrouped))).toContain(doc.id);
    expect(ids(await library(outsider))).not.toContain(doc.id);
    expect((await library(outsider, owner)).status).toBe(403);

    // Removed from the lab: no access any more.
    const leaving = await newMember(t, { displayName: 'In uscita' });
    await t
      .http()
      .put(`/api/v1/labs/${labId}/participants/${leaving.id}`)
      .set(as(tutor))
      .send({ role: 'participant' })
      .expect(200);
    await expectAccess(leaving, doc, 'write');
    await t.http().delete(`/api/v1/labs/${labId}/participants/${leaving.id}`).set(as(tutor)).expect(204);
    await expectAccess(leaving, doc, 'none');
  });

  it('working-group documents: the group and the tutors write, other participants only read', async () => {
    const owner: Owner = { type: 'lab_group', id: groupId };
    const doc = (
      await createDocument(grouped, owner, 'Piano strategico di apertura internazionale').expect(201)
    ).body as DocumentView;
    await expectAccess(grouped, doc, 'write');
    await expectAccess(tutor, doc, 'write');
    await expectAccess(admin, doc, 'write');
    await expectAccess(ungrouped, doc, 'read');
    await expectAccess(outsider, doc, 'none');
    // A reader may not create documents for the group either.
    await createDocument(ungrouped, owner).expect(403);
    await createDocument(outsider, owner).expect(403);
    await createDocument(tutor, { type: 'lab_group', id: randomUUID() }).expect(422);

    await expectReaderRefused(grouped, ungrouped, doc);

    // The group room follows the same readers.
    for (const [member, expected] of [
      [ungrouped, undefined],
      [outsider, 'forbidden'],
    ] as const) {
      const socket = await connectSocket(t.baseUrl, member.accessToken);
      clients.push(socket);
      expect(errorCode(await socket.subscribe({ room: `lab_group:${groupId}` }))).toBe(expected);
    }

    // Put in the group, the participant writes; taken out, reads again.
    await t
      .http()
      .put(`/api/v1/labs/${labId}/groups/${groupId}/members/${ungrouped.id}`)
      .set(as(tutor))
      .expect(200);
    await expectAccess(ungrouped, doc, 'write');
    await t
      .http()
      .delete(`/api/v1/labs/${labId}/groups/${groupId}/members/${ungrouped.id}`)
      .set(as(tutor))
      .expect(204);
    await expectAccess(ungrouped, doc, 'read');
  });

  it('twinning documents: members of the offering and receiving administrations read and write', async () => {
    const owner: Owner = { type: 'twinning', id: twinningId };
    const doc = (await createDocument(receivingOfficial, owner, 'Piano di trasferimento').expect(201))
      .body as DocumentView;
    await expectAccess(offeringOfficial, doc, 'write');
    await expectAccess(receivingOfficial, doc, 'write');
    await expectAccess(admin, doc, 'write');
    await expectAccess(thirdPartyOfficial, doc, 'none');
    await expectAccess(outsider, doc, 'none');
    await expectAccess(tutor, doc, 'none');
    await createDocument(thirdPartyOfficial, owner).expect(403);
    await createDocument(admin, { type: 'twinning', id: randomUUID() }).expect(422);

    const ids = (res: { body: Page<DocumentView> }) => res.body.items.map((d) => d.id);
    expect(ids(await library(offeringOfficial))).toContain(doc.id);
    expect(ids(await library(thirdPartyOfficial))).not.toContain(doc.id);

    // Both parties co-edit live.
    const a = await client(offeringOfficial);
    const b = await client(receivingOfficial);
    expect(await a.open(doc.id)).toBe('write');
    expect(await b.open(doc.id)).toBe('write');
    a.paragraph().insert(0, 'Attività di trasferimento');
    await b.waitFor(() => b.text() === 'Attività di trasferimento', 5_000, 'the offering party’s edit');
    b.paragraph(1).insert(0, 'Esiti attesi');
    await a.waitFor(
      () => a.text() === 'Attività di trasferimento\nEsiti attesi',
      5_000,
      'the receiving party’s edit',
    );
    expect(await b.acks()).toEqual(b.sent.map(() => ({ ok: true })));

    const socket = await connectSocket(t.baseUrl, thirdPartyOfficial.accessToken);
    clients.push(socket);
    expect(errorCode(await socket.subscribe({ room: `twinning:${twinningId}` }))).toBe('forbidden');
    const party = await connectSocket(t.baseUrl, receivingOfficial.accessToken);
    clients.push(party);
    expect(await party.subscribe({ room: `twinning:${twinningId}` })).toEqual({ ok: true });
  });

  it('twinnings: admins create them, every member reads the catalogue, bad input changes nothing', async () => {
    const list = await t.http().get('/api/v1/twinnings').set(as(thirdPartyOfficial)).expect(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        id: twinningId,
        status: 'candidatura',
        isParty: false,
        offeringOrganization: expect.objectContaining({ name: 'Comune offerente di prova' }),
        receivingOrganizations: [expect.objectContaining({ name: 'Comune ricevente di prova' })],
      }),
    ]);
    const mine = await t.http().get(`/api/v1/twinnings/${twinningId}`).set(as(receivingOfficial)).expect(200);
    expect(mine.body.isParty).toBe(true);
    await t.http().get(`/api/v1/twinnings/${randomUUID()}`).set(as(receivingOfficial)).expect(404);
    await t.http().get('/api/v1/twinnings/nope').set(as(receivingOfficial)).expect(400);

    const before = Number(((await db.query(`SELECT count(*) AS n FROM twinnings`)) as { n: string }[])[0].n);
    const valid = {
      title: 'Un altro gemellaggio',
      practiceTitle: 'Pratica',
      offeringOrganizationId: offeringOfficial.organizationId,
      receivingOrganizationIds: [receivingOfficial.organizationId],
    };
    await t.http().post('/api/v1/twinnings').set(as(offeringOfficial)).send(valid).expect(403);
    await t.http().post('/api/v1/twinnings').set(as(tutor)).send(valid).expect(403);
    for (const body of [
      { ...valid, receivingOrganizationIds: [] },
      { ...valid, receivingOrganizationIds: [valid.offeringOrganizationId] },
      { ...valid, receivingOrganizationIds: ['nope'] },
      { ...valid, offeringOrganizationId: 42 },
      { ...valid, status: 'annullato' },
      { ...valid, title: '' },
      { ...valid, extra: 1 },
    ]) {
      const res = await t.http().post('/api/v1/twinnings').set(as(admin)).send(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
    }
    const ghost = await t
      .http()
      .post('/api/v1/twinnings')
      .set(as(admin))
      .send({ ...valid, receivingOrganizationIds: [randomUUID()] })
      .expect(422);
    expect(ghost.body).toMatchObject({
      code: 'organization_not_found',
      errors: [{ field: 'receivingOrganizationIds' }],
    });
    const taken = await t
      .http()
      .post('/api/v1/twinnings')
      .set(as(admin))
      .send({ ...valid, title: 'GEMELLAGGIO DI PROVA' })
      .expect(409);
    expect(taken.body.code).toBe('twinning_title_taken');
    expect(Number(((await db.query(`SELECT count(*) AS n FROM twinnings`)) as { n: string }[])[0].n)).toBe(
      before,
    );
  });
});
