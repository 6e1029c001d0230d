import { randomUUID } from 'node:crypto';
import type { DeliverableView, DocumentVersionDetail, LabView } from '@convergo/contracts';
import { DataSource } from 'typeorm';
import * as Y from 'yjs';
import { newMember, type TestMember } from './support/factories';
import { connectSocket, errorCode, type TestSocket } from './support/socket-client';
import { startTestApp, type TestApp } from './support/test-app';
import { YjsClient } from './support/yjs-client';

const b64 = (position: Y.RelativePosition): string =>
  Buffer.from(Y.encodeRelativePosition(position)).toString('base64');

describe('lab deliverables (prodotti)', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: TestMember;
  let tutor: TestMember;
  let otherTutor: TestMember;
  let alice: TestMember;
  let bob: TestMember;
  let carla: TestMember;
  let dave: TestMember;
  let outsider: TestMember;
  let lab: LabView;
  let otherLab: LabView;
  let groupA: string;
  let groupB: string;
  let otherGroup: string;
  const closeables: { close(): void }[] = [];

  const as = (m: TestMember) => ({ authorization: `Bearer ${m.accessToken}` });
  const count = async (table: string, where = 'true', params: unknown[] = []) =>
    Number(
      ((await db.query(`SELECT count(*) AS n FROM ${table} WHERE ${where}`, params)) as { n: string }[])[0].n,
    );
  const socket = async (m: TestMember): Promise<TestSocket> => {
    const s = await connectSocket(t.baseUrl, m.accessToken);
    closeables.push(s);
    return s;
  };
  const yjs = async (m: TestMember): Promise<YjsClient> => {
    const c = await YjsClient.connect(t.baseUrl, m.accessToken);
    closeables.push(c);
    return c;
  };
  const createLab = async (title: string): Promise<LabView> =>
    (
      await t
        .http()
        .post('/api/v1/labs')
        .set(as(admin))
        .send({ title: `${title} ${randomUUID()}`, ambito: 'C' })
        .expect(201)
    ).body as LabView;
  const enrol = (labId: string, m: TestMember, role: 'participant' | 'tutor' = 'participant') =>
    t.http().put(`/api/v1/labs/${labId}/participants/${m.id}`).set(as(admin)).send({ role }).expect(200);
  const group = async (labId: string, name: string, members: TestMember[]): Promise<string> =>
    (
      await t
        .http()
        .post(`/api/v1/labs/${labId}/groups`)
        .set(as(admin))
        .send({ name, memberIds: members.map((m) => m.id) })
        .expect(201)
    ).body.id as string;
  const create = (actor: TestMember, labId: string, body: unknown) =>
    t
      .http()
      .post(`/api/v1/labs/${labId}/deliverables`)
      .set(as(actor))
      .send(body as object);
  const newDeliverable = async (fields: Record<string, unknown> = {}): Promise<DeliverableView> =>
    (
      await create(tutor, lab.id, {
        groupId: groupA,
        kind: 'logical_framework',
        title: 'Quadro logico – macro-area Governance',
        ...fields,
      }).expect(201)
    ).body as DeliverableView;
  const submit = (actor: TestMember, id: string) =>
    t.http().post(`/api/v1/deliverables/${id}/submit`).set(as(actor)).send();
  const review = (actor: TestMember, id: string, body: unknown) =>
    t
      .http()
      .post(`/api/v1/deliverables/${id}/review`)
      .set(as(actor))
      .send(body as object);
  const state = async (id: string) => ({
    row: (
      (await db.query(`SELECT status, submitted_version_id FROM deliverables WHERE id = $1`, [
        id,
      ])) as unknown[]
    )[0],
    submissions: await count('deliverable_submissions', 'deliverable_id = $1', [id]),
    reviews: await count('deliverable_reviews', 'deliverable_id = $1', [id]),
    versions: await count(
      'document_versions',
      'doc_id = (SELECT document_id FROM deliverables WHERE id = $1)',
      [id],
    ),
  });
  const notificationsOf = async (m: TestMember, kind: string) =>
    (await db.query(`SELECT data FROM notifications WHERE member_id = $1 AND kind = $2 ORDER BY created_at`, [
      m.id,
      kind,
    ])) as { data: Record<string, unknown> }[];
  /** Replaces the first paragraph's text through a real Yjs client, stored before acknowledged. */
  const write = async (m: TestMember, documentId: string, text: string): Promise<YjsClient> => {
    const c = await yjs(m);
    await c.open(documentId);
    const paragraph = c.paragraph(0);
    if (paragraph.length > 0) paragraph.delete(0, paragraph.length);
    paragraph.insert(0, text);
    expect((await c.acks()).every((ack) => ack.ok)).toBe(true);
    return c;
  };
  const versionText = async (documentId: string, versionId: string): Promise<DocumentVersionDetail> =>
    (await t.http().get(`/api/v1/documents/${documentId}/versions/${versionId}`).set(as(tutor)).expect(200))
      .body as DocumentVersionDetail;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    [admin, tutor, otherTutor, alice, bob, carla, dave, outsider] = await Promise.all([
      newMember(t, { role: 'admin', displayName: 'Anna Admin' }),
      newMember(t, { role: 'tutor', displayName: 'Tiziana Tutor' }),
      newMember(t, { role: 'tutor', displayName: 'Ugo Tutor' }),
      newMember(t, { displayName: 'Alice Bianchi' }),
      newMember(t, { displayName: 'Bruno Verdi' }),
      newMember(t, { displayName: 'Carla Neri' }),
      newMember(t, { displayName: 'Dario Rossi' }),
      newMember(t, { displayName: 'Elena Esterna' }),
    ]);
    lab = await createLab('Laboratorio di cooperazione internazionale');
    otherLab = await createLab('Laboratorio sui tavoli territoriali');
    await enrol(lab.id, tutor, 'tutor');
    for (const m of [alice, bob, carla]) await enrol(lab.id, m);
    await enrol(otherLab.id, otherTutor, 'tutor');
    await enrol(otherLab.id, dave);
    groupA = await group(lab.id, 'Gruppo Governance', [alice, bob]);
    groupB = await group(lab.id, 'Gruppo Partenariati', [carla]);
    otherGroup = await group(otherLab.id, 'Gruppo Territorio', [dave]);
  });

  afterEach(() => {
    for (const c of closeables.splice(0)) c.close();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('lets a tutor set a product: a draft whose shared document belongs to the group', async () => {
    const tutorSocket = await socket(tutor);
    expect(await tutorSocket.subscribe({ room: `lab:${lab.id}` })).toEqual({ ok: true });
    const created = await create(tutor, lab.id, {
      groupId: groupA,
      kind: 'internationalisation_plan',
      title: '  Piano strategico di apertura internazionale  ',
      dueAt: '2026-03-31T18:00:00+02:00',
    }).expect(201);
    const deliverable = created.body as DeliverableView;
    expect(deliverable).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      labId: lab.id,
      groupId: groupA,
      groupName: 'Gruppo Governance',
      moduleId: null,
      kind: 'internationalisation_plan',
      title: 'Piano strategico di apertura internazionale',
      status: 'draft',
      documentId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      dueAt: '2026-03-31T16:00:00.000Z',
      submittedVersionId: null,
      submissions: [],
      reviews: [],
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const live = await tutorSocket.waitFor(
      (e) => e.type === 'deliverable.status_changed' && e.room === `lab:${lab.id}`,
    );
    expect(live.data).toMatchObject({ id: deliverable.id, status: 'draft' });

    const document = await t
      .http()
      .get(`/api/v1/documents/${deliverable.documentId}`)
      .set(as(alice))
      .expect(200);
    expect(document.body).toMatchObject({
      title: 'Piano strategico di apertura internazionale',
      kind: 'piano_strategico',
      owner: { type: 'lab_group', id: groupA },
    });
    // Other labs' people never see the document.
    await t.http().get(`/api/v1/documents/${deliverable.documentId}`).set(as(dave)).expect(403);
    await t.http().get(`/api/v1/documents/${deliverable.documentId}`).set(as(outsider)).expect(403);

    // An admin may too; participants, outsiders and other labs' tutors may not.
    await create(admin, lab.id, { groupId: groupB, kind: 'project_proposal', title: 'Proposta' }).expect(201);
    for (const actor of [alice, carla, outsider, otherTutor, dave]) {
      const refused = await create(actor, lab.id, { groupId: groupA, kind: 'project_proposal', title: 'No' });
      expect({ who: actor.displayName, status: refused.status }).toEqual({
        who: actor.displayName,
        status: 403,
      });
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    await create(tutor, randomUUID(), { groupId: groupA, kind: 'project_proposal', title: 'x' }).expect(404);
  });

  it('refuses bad input with a 400 naming the field, and stores nothing', async () => {
    const before = { deliverables: await count('deliverables'), documents: await count('documents') };
    const valid = { groupId: groupA, kind: 'logical_framework', title: 'Quadro logico' };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...valid, kind: 'poem' }, 'kind'],
      [{ ...valid, kind: 42 }, 'kind'],
      [{ ...valid, groupId: randomUUID() }, 'groupId'],
      [{ ...valid, groupId: otherGroup }, 'groupId'],
      [{ ...valid, groupId: 'not-a-uuid' }, 'groupId'],
      [{ ...valid, title: 'Quadro\u0000logico' }, 'title'],
      [{ ...valid, title: '   ' }, 'title'],
      [{ ...valid, title: 'x'.repeat(201) }, 'title'],
      [{ ...valid, title: ['a'] }, 'title'],
      [{ ...valid, dueAt: 'domani' }, 'dueAt'],
      [{ ...valid, dueAt: 12 }, 'dueAt'],
      [{ ...valid, moduleId: randomUUID() }, 'moduleId'],
      [{ ...valid, moduleId: 'x' }, 'moduleId'],
      [{ ...valid, status: 'approved' }, 'status'],
      [{ kind: 'logical_framework', title: 'Quadro' }, 'groupId'],
    ];
    for (const [body, field] of cases) {
      const res = await create(tutor, lab.id, body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect({ body, fields: (res.body.errors ?? []).map((e: { field: string }) => e.field) }).toEqual({
        body,
        fields: expect.arrayContaining([field]),
      });
    }
    // A module of another lab is refused too; one of this lab is kept.
    const moduleOf = async (labId: string): Promise<string> =>
      (
        (await db.query(
          `INSERT INTO lab_modules (lab_id, title, position) VALUES ($1, 'Modulo 1', 0) RETURNING id`,
          [labId],
        )) as { id: string }[]
      )[0].id;
    const foreignModule = await moduleOf(otherLab.id);
    const refused = await create(tutor, lab.id, { ...valid, moduleId: foreignModule }).expect(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'moduleId' })]);
    await t.http().get('/api/v1/deliverables/not-a-uuid').set(as(tutor)).expect(400);
    expect({ deliverables: await count('deliverables'), documents: await count('documents') }).toEqual(
      before,
    );

    const ownModule = await moduleOf(lab.id);
    const deliverable = await newDeliverable({ moduleId: ownModule });
    expect(deliverable.moduleId).toBe(ownModule);
    await submit(alice, deliverable.id).expect(200);
    const stored = await state(deliverable.id);
    const reviews: [Record<string, unknown>, string][] = [
      [{ decision: 'approved' }, 'comment'],
      [{ decision: 'approved', comment: '   ' }, 'comment'],
      [{ decision: 'approved', comment: 'x'.repeat(10_001) }, 'comment'],
      [{ decision: 'approved', comment: 'Bene\u0000' }, 'comment'],
      [{ decision: 'approved', comment: 7 }, 'comment'],
      [{ decision: 'submitted', comment: 'Bene' }, 'decision'],
      [{ decision: 'draft', comment: 'Bene' }, 'decision'],
      [{ comment: 'Bene' }, 'decision'],
      [{ decision: 'approved', comment: 'Bene', round: 3 }, 'round'],
    ];
    for (const [body, field] of reviews) {
      const res = await review(tutor, deliverable.id, body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect((res.body.errors ?? []).map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await state(deliverable.id)).toEqual(stored);
    // A comment may span lines.
    await review(tutor, deliverable.id, { decision: 'approved', comment: 'Bene.\nOttimo lavoro.' }).expect(
      200,
    );
  });

  it('runs draft → submitted → changes_requested → submitted → approved, freezing a version per submission and keeping every round', async () => {
    const deliverable = await newDeliverable();
    const tutorSocket = await socket(tutor);
    expect(await tutorSocket.subscribe({ room: `lab:${lab.id}` })).toEqual({ ok: true });
    const bobSocket = await socket(bob);
    expect(await bobSocket.subscribe({ room: `lab_group:${groupA}` })).toEqual({ ok: true });
    const live = (room: string, s: TestSocket, status: string) =>
      s.waitFor(
        (e) =>
          e.type === 'deliverable.status_changed' &&
          e.room === room &&
          (e.data as DeliverableView).id === deliverable.id &&
          (e.data as DeliverableView).status === status,
      );

    // Nothing to review yet.
    const early = await review(tutor, deliverable.id, { decision: 'approved', comment: 'Presto' }).expect(
      409,
    );
    expect(early.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(early.body.code).toBe('deliverable_transition_not_allowed');

    // Round 1.
    const editor = await write(alice, deliverable.documentId, 'Prima stesura del quadro logico');
    const first = (await submit(alice, deliverable.id).expect(200)).body as DeliverableView;
    expect(first).toMatchObject({
      status: 'submitted',
      submittedVersionId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      submissions: [{ round: 1, versionId: first.submittedVersionId, submittedBy: alice.id }],
      reviews: [],
    });
    await live(`lab:${lab.id}`, tutorSocket, 'submitted');
    await live(`lab_group:${groupA}`, bobSocket, 'submitted');
    const v1 = await versionText(deliverable.documentId, first.submittedVersionId!);
    expect(v1.text).toContain('Prima stesura del quadro logico');
    expect(v1.name).toMatch(/^Consegna 1 – \d{2}\/\d{2}\/\d{4}$/);
    expect(
      (await notificationsOf(tutor, 'deliverable_submitted')).map((n) => n.data.deliverableId),
    ).toContain(deliverable.id);

    // Submitting again, or approving what changes were asked for, is not in the workflow.
    let before = await state(deliverable.id);
    expect((await submit(bob, deliverable.id).expect(409)).body.code).toBe(
      'deliverable_transition_not_allowed',
    );
    expect(await state(deliverable.id)).toEqual(before);

    const changes = (
      await review(tutor, deliverable.id, {
        decision: 'changes_requested',
        comment: 'Mancano gli indicatori di risultato.',
      }).expect(200)
    ).body as DeliverableView;
    expect(changes).toMatchObject({
      status: 'changes_requested',
      reviews: [
        {
          round: 1,
          versionId: first.submittedVersionId,
          decision: 'changes_requested',
          comment: 'Mancano gli indicatori di risultato.',
          reviewer: { id: tutor.id, displayName: 'Tiziana Tutor' },
        },
      ],
    });
    await live(`lab_group:${groupA}`, bobSocket, 'changes_requested');
    await live(`lab:${lab.id}`, tutorSocket, 'changes_requested');
    for (const m of [alice, bob]) {
      const [n] = (await notificationsOf(m, 'deliverable_reviewed')).filter(
        (x) => x.data.deliverableId === deliverable.id,
      );
      expect(n.data).toMatchObject({
        deliverableId: deliverable.id,
        decision: 'changes_requested',
        round: 1,
      });
    }
    expect(await notificationsOf(carla, 'deliverable_reviewed')).toEqual([]);

    before = await state(deliverable.id);
    for (const decision of ['approved', 'changes_requested']) {
      await review(tutor, deliverable.id, { decision, comment: 'Di nuovo' }).expect(409);
    }
    expect(await state(deliverable.id)).toEqual(before);

    // Editing the text does not move the status: "ready for re-review" is an explicit submit.
    editor.paragraph(0).insert(editor.paragraph(0).length, ', con indicatori');
    expect((await editor.acks()).every((ack) => ack.ok)).toBe(true);
    expect(
      (
        (await t.http().get(`/api/v1/deliverables/${deliverable.id}`).set(as(bob)).expect(200))
          .body as DeliverableView
      ).status,
    ).toBe('changes_requested');

    // Round 2.
    const second = (await submit(bob, deliverable.id).expect(200)).body as DeliverableView;
    expect(second.status).toBe('submitted');
    expect(second.submittedVersionId).not.toBe(first.submittedVersionId);
    expect(second.submissions.map((s) => [s.round, s.versionId])).toEqual([
      [1, first.submittedVersionId],
      [2, second.submittedVersionId],
    ]);
    const v2 = await versionText(deliverable.documentId, second.submittedVersionId!);
    expect(v2.text).toContain('con indicatori');
    expect(v2.name).toMatch(/^Consegna 2 – /);
    // The first round's version is still what was submitted then.
    expect((await versionText(deliverable.documentId, first.submittedVersionId!)).text).not.toContain(
      'con indicatori',
    );

    const approved = (
      await review(tutor, deliverable.id, { decision: 'approved', comment: 'Approvato.' }).expect(200)
    ).body as DeliverableView;
    expect(approved.status).toBe('approved');
    expect(approved.reviews.map((r) => [r.round, r.versionId, r.decision, r.comment])).toEqual([
      [1, first.submittedVersionId, 'changes_requested', 'Mancano gli indicatori di risultato.'],
      [2, second.submittedVersionId, 'approved', 'Approvato.'],
    ]);
    await live(`lab_group:${groupA}`, bobSocket, 'approved');

    // Approved is final.
    before = await state(deliverable.id);
    await submit(alice, deliverable.id).expect(409);
    await review(tutor, deliverable.id, { decision: 'approved', comment: 'Ancora' }).expect(409);
    await review(tutor, deliverable.id, { decision: 'changes_requested', comment: 'Ancora' }).expect(409);
    expect(await state(deliverable.id)).toEqual(before);
    expect(before).toMatchObject({ row: { status: 'approved' }, submissions: 2, reviews: 2 });

    // The group sees the history; the catch-up endpoint has the lab room's events.
    const fetched = (await t.http().get(`/api/v1/deliverables/${deliverable.id}`).set(as(alice)).expect(200))
      .body as DeliverableView;
    expect(fetched.reviews).toHaveLength(2);
    const catchUp = await t
      .http()
      .get('/api/v1/events')
      .query({ room: `lab:${lab.id}`, after: '0' })
      .set(as(carla))
      .expect(200);
    const statuses = (catchUp.body.items as { type: string; data: DeliverableView }[])
      .filter((e) => e.type === 'deliverable.status_changed' && e.data.id === deliverable.id)
      .map((e) => e.data.status);
    expect(statuses).toEqual(['draft', 'submitted', 'changes_requested', 'submitted', 'approved']);
    // Live payloads carry no review text (other groups' participants are in these rooms too).
    expect(
      (catchUp.body.items as { type: string; data: DeliverableView }[])
        .filter((e) => e.type === 'deliverable.status_changed')
        .every((e) => e.data.reviews.length === 0),
    ).toBe(true);
  });

  it('lets a tutor add an anchored comment to the deliverable document', async () => {
    const deliverable = await newDeliverable({ kind: 'project_proposal', title: 'Proposta progettuale' });
    const c = await write(alice, deliverable.documentId, 'Budget complessivo: 120.000 euro');
    const text = c.paragraph(0);
    const start = text.toString().indexOf('120.000');
    const anchor = {
      start: b64(Y.createRelativePositionFromTypeIndex(text, start)),
      end: b64(Y.createRelativePositionFromTypeIndex(text, start + 7, -1)),
    };
    const comment = await t
      .http()
      .post(`/api/v1/documents/${deliverable.documentId}/comments`)
      .set(as(tutor))
      .send({ body: 'Importo da giustificare voce per voce', anchor })
      .expect(201);
    expect(comment.body).toMatchObject({ authorId: tutor.id, anchor });
    // Another lab's tutor may not.
    await t
      .http()
      .post(`/api/v1/documents/${deliverable.documentId}/comments`)
      .set(as(otherTutor))
      .send({ body: 'Non dovrei', anchor })
      .expect(403);
  });

  it('answers the authorisation matrix: admin, tutor, participant, other group, other lab, outsider', async () => {
    const mine = await newDeliverable({ title: 'Analisi organizzativa', kind: 'organisational_analysis' });
    const theirs = (
      await create(tutor, lab.id, {
        groupId: groupB,
        kind: 'improvement_actions',
        title: 'Azioni di miglioramento',
      }).expect(201)
    ).body as DeliverableView;
    await submit(carla, theirs.id).expect(200);
    await review(tutor, theirs.id, { decision: 'changes_requested', comment: 'Solo per il gruppo B' }).expect(
      200,
    );

    // Lists: the lab's people see every group's products; reviews only for their own group.
    for (const m of [admin, tutor, alice, carla]) {
      const res = await t.http().get(`/api/v1/labs/${lab.id}/deliverables`).set(as(m)).expect(200);
      const items = res.body.items as DeliverableView[];
      expect(items.map((d) => d.id)).toEqual(expect.arrayContaining([mine.id, theirs.id]));
      const reviewsOfTheirs = items.find((d) => d.id === theirs.id)!.reviews.length;
      expect({ who: m.displayName, reviewsOfTheirs }).toEqual({
        who: m.displayName,
        reviewsOfTheirs: m === alice ? 0 : 1,
      });
    }
    for (const m of [dave, outsider, otherTutor]) {
      const res = await t.http().get(`/api/v1/labs/${lab.id}/deliverables`).set(as(m));
      expect({ who: m.displayName, status: res.status }).toEqual({ who: m.displayName, status: 403 });
    }
    await t.http().get(`/api/v1/labs/${randomUUID()}/deliverables`).set(as(admin)).expect(404);
    expect(
      (
        (await t.http().get(`/api/v1/deliverables/${theirs.id}`).set(as(alice)).expect(200))
          .body as DeliverableView
      ).reviews,
    ).toEqual([]);

    // One deliverable: other labs and outsiders do not learn it exists.
    for (const m of [dave, outsider, otherTutor]) {
      for (const res of [
        await t.http().get(`/api/v1/deliverables/${mine.id}`).set(as(m)),
        await submit(m, mine.id),
        await review(m, mine.id, { decision: 'approved', comment: 'x' }),
      ]) {
        expect({ who: m.displayName, status: res.status }).toEqual({ who: m.displayName, status: 404 });
      }
    }
    await t.http().get(`/api/v1/deliverables/${randomUUID()}`).set(as(admin)).expect(404);

    // Submitting is for the group's members (and admins); reviewing for the lab's tutors (and admins).
    const before = await state(mine.id);
    for (const m of [carla, tutor]) expect((await submit(m, mine.id)).status).toBe(403);
    for (const m of [alice, bob, carla]) {
      expect((await review(m, mine.id, { decision: 'approved', comment: 'x' })).status).toBe(403);
    }
    expect(await state(mine.id)).toEqual(before);
    await submit(admin, mine.id).expect(200);
    await review(admin, mine.id, { decision: 'approved', comment: 'Approvato dall’amministrazione' }).expect(
      200,
    );

    // Rooms: another lab's participant cannot listen to this lab's groups.
    const daveSocket = await socket(dave);
    expect(errorCode(await daveSocket.subscribe({ room: `lab_group:${groupA}` }))).toBe('forbidden');
    expect(errorCode(await daveSocket.subscribe({ room: `lab:${lab.id}` }))).toBe('forbidden');
  });
});
