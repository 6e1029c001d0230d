import { randomUUID } from 'node:crypto';
import type { LabApplicationView, LabParticipantView, LabView, Page } from '@convergo/contracts';
import { DataSource } from 'typeorm';
import { newMember, newOrganization, type TestMember } from './support/factories';
import { connectSocket, type TestSocket } from './support/socket-client';
import { startTestApp, type TestApp } from './support/test-app';

describe('lab enrolment (applications)', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: TestMember;
  let tutor: TestMember;
  let otherTutor: TestMember;
  let orgA: string;
  let orgB: string;
  let orgC: string;
  let referentA: TestMember;
  let referentB: TestMember;
  let referentC: TestMember;
  let a1: TestMember;
  let a2: TestMember;
  let a3: TestMember;
  let b1: TestMember;
  let b2: TestMember;
  let c1: TestMember;
  let disabledA: TestMember;
  let loner: TestMember;
  const sockets: TestSocket[] = [];

  const as = (m: TestMember) => ({ authorization: `Bearer ${m.accessToken}` });
  const count = async (table: string, where = 'true', params: unknown[] = []) =>
    Number(
      ((await db.query(`SELECT count(*) AS n FROM ${table} WHERE ${where}`, params)) as { n: string }[])[0].n,
    );
  const socket = async (m: TestMember): Promise<TestSocket> => {
    const s = await connectSocket(t.baseUrl, m.accessToken);
    sockets.push(s);
    return s;
  };
  const createLab = async (fields: Record<string, unknown> = {}): Promise<LabView> => {
    const lab = (
      await t
        .http()
        .post('/api/v1/labs')
        .set(as(admin))
        .send({ title: `Laboratorio ${randomUUID()}`, ambito: 'A', status: 'open', ...fields })
        .expect(201)
    ).body as LabView;
    await t
      .http()
      .put(`/api/v1/labs/${lab.id}/participants/${tutor.id}`)
      .set(as(admin))
      .send({ role: 'tutor' })
      .expect(200);
    return lab;
  };
  const apply = (actor: TestMember, labId: string, body: unknown) =>
    t
      .http()
      .post(`/api/v1/labs/${labId}/applications`)
      .set(as(actor))
      .send(body as object);
  const decide = (actor: TestMember, id: string, body: unknown) =>
    t
      .http()
      .post(`/api/v1/lab-applications/${id}/decision`)
      .set(as(actor))
      .send(body as object);
  const participantIds = async (labId: string): Promise<string[]> => {
    const page = (await t.http().get(`/api/v1/labs/${labId}/participants`).set(as(admin)).expect(200))
      .body as Page<LabParticipantView>;
    return page.items.filter((p) => p.role === 'participant').map((p) => p.member.id);
  };
  const notificationsOf = async (m: TestMember, kind: string) =>
    (await db.query(`SELECT data FROM notifications WHERE member_id = $1 AND kind = $2 ORDER BY created_at`, [
      m.id,
      kind,
    ])) as { data: Record<string, unknown> }[];

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    [orgA, orgB, orgC] = [
      await newOrganization(t, { name: `Comune di Aversa ${randomUUID()}` }),
      await newOrganization(t, { name: `Comune di Bari ${randomUUID()}`, region: 'Puglia' }),
      await newOrganization(t, {
        name: `Regione Calabria ${randomUUID()}`,
        kind: 'regione',
        region: 'Calabria',
      }),
    ];
    const official = (organizationId: string, displayName: string, isReferent = false) =>
      newMember(t, { organizationId, displayName, isReferent });
    [admin, tutor, otherTutor, loner] = await Promise.all([
      newMember(t, { role: 'admin', displayName: 'Anna Admin' }),
      newMember(t, { role: 'tutor', displayName: 'Tiziana Tutor' }),
      newMember(t, { role: 'tutor', displayName: 'Ugo Tutor' }),
      newMember(t, { displayName: 'Libero Professionista' }),
    ]);
    [referentA, a1, a2, a3, disabledA] = await Promise.all([
      official(orgA, 'Rita Referente', true),
      official(orgA, 'Aldo Primo'),
      official(orgA, 'Alba Seconda'),
      official(orgA, 'Arturo Terzo'),
      official(orgA, 'Dora Disattivata'),
    ]);
    await db.query(`UPDATE members SET status = 'disabled' WHERE id = $1`, [disabledA.id]);
    [referentB, b1, b2] = await Promise.all([
      official(orgB, 'Bianca Referente', true),
      official(orgB, 'Bruno Uno'),
      official(orgB, 'Bice Due'),
    ]);
    [referentC, c1] = await Promise.all([
      official(orgC, 'Carlo Referente', true),
      official(orgC, 'Clara Uno'),
    ]);
  });

  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('takes an application from the referent, shows it live to the tutors, and refuses a second pending one', async () => {
    const lab = await createLab({ capacity: 10 });
    const tutorSocket = await socket(tutor);
    expect(await tutorSocket.subscribe({ room: `lab:${lab.id}` })).toEqual({ ok: true });

    const res = await apply(referentA, lab.id, {
      organizationId: orgA,
      memberIds: [a1.id, a2.id],
      motivation: '  Vogliamo rafforzare l’ufficio progetti europei.  ',
    }).expect(201);
    const application = res.body as LabApplicationView;
    expect(application).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      labId: lab.id,
      organization: expect.objectContaining({ id: orgA, name: expect.stringContaining('Comune di Aversa') }),
      members: expect.arrayContaining([
        expect.objectContaining({ id: a1.id, displayName: 'Aldo Primo' }),
        expect.objectContaining({ id: a2.id, displayName: 'Alba Seconda' }),
      ]),
      motivation: 'Vogliamo rafforzare l’ufficio progetti europei.',
      status: 'pending',
      appliedBy: expect.objectContaining({ id: referentA.id }),
      createdAt: expect.any(String),
      decidedAt: null,
      decidedBy: null,
      note: null,
    });
    expect(application.members).toHaveLength(2);
    const live = await tutorSocket.waitFor(
      (e) => e.type === 'lab_application.created' && e.room === `lab:${lab.id}`,
    );
    expect(live.data).toMatchObject({ id: application.id, status: 'pending' });

    const again = await apply(referentA, lab.id, { organizationId: orgA, memberIds: [a3.id] }).expect(409);
    expect(again.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(again.body.code).toBe('lab_application_pending');

    // An admin may apply for any administration; motivation is optional.
    const byAdmin = await apply(admin, lab.id, { organizationId: orgB, memberIds: [b1.id] }).expect(201);
    expect(byAdmin.body).toMatchObject({ motivation: null, status: 'pending', organization: { id: orgB } });
    expect(await count('lab_applications', 'lab_id = $1', [lab.id])).toBe(2);
  });

  it('refuses other administrations’ referents, officials, outsiders and labs not open for enrolment', async () => {
    const lab = await createLab();
    const before = await count('lab_applications');
    for (const [actor, body] of [
      [referentB, { organizationId: orgA, memberIds: [a1.id] }],
      [a1, { organizationId: orgA, memberIds: [a1.id] }],
      [loner, { organizationId: orgA, memberIds: [a1.id] }],
      [tutor, { organizationId: orgA, memberIds: [a1.id] }],
    ] as const) {
      const res = await apply(actor, lab.id, body);
      expect({ who: actor.displayName, status: res.status }).toEqual({ who: actor.displayName, status: 403 });
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    await apply(referentA, randomUUID(), { organizationId: orgA, memberIds: [a1.id] }).expect(404);

    for (const status of ['draft', 'running', 'closed']) {
      const closed = await createLab({ status });
      const res = await apply(referentA, closed.id, { organizationId: orgA, memberIds: [a1.id] });
      expect({ status, code: res.status }).toEqual({ status, code: 409 });
      expect(res.body.code).toBe('lab_not_open');
    }
    expect(await count('lab_applications')).toBe(before);
  });

  it('refuses bad input with a 400 naming the field, and stores nothing', async () => {
    const lab = await createLab();
    const before = await count('lab_applications');
    const cases: [TestMember, Record<string, unknown>, string][] = [
      [referentA, { organizationId: orgA, memberIds: [b1.id] }, 'memberIds'],
      [referentA, { organizationId: orgA, memberIds: [a1.id, b1.id] }, 'memberIds'],
      [referentA, { organizationId: orgA, memberIds: [disabledA.id] }, 'memberIds'],
      [referentA, { organizationId: orgA, memberIds: [randomUUID()] }, 'memberIds'],
      [referentA, { organizationId: orgA, memberIds: [] }, 'memberIds'],
      [referentA, { organizationId: orgA, memberIds: ['not-a-uuid'] }, 'memberIds'],
      [referentA, { organizationId: orgA, memberIds: a1.id }, 'memberIds'],
      [referentA, { organizationId: orgA, memberIds: [a1.id, a1.id.toUpperCase()] }, 'memberIds'],
      [referentA, { organizationId: orgA }, 'memberIds'],
      [referentA, { organizationId: 'x', memberIds: [a1.id] }, 'organizationId'],
      [referentA, { organizationId: 42, memberIds: [a1.id] }, 'organizationId'],
      [referentA, { organizationId: orgA, memberIds: [a1.id], motivation: 'ciao\u0000' }, 'motivation'],
      [referentA, { organizationId: orgA, memberIds: [a1.id], motivation: 'x'.repeat(4001) }, 'motivation'],
      [referentA, { organizationId: orgA, memberIds: [a1.id], motivation: 7 }, 'motivation'],
      [referentA, { organizationId: orgA, memberIds: [a1.id], status: 'accepted' }, 'status'],
      [admin, { organizationId: randomUUID(), memberIds: [a1.id] }, 'organizationId'],
    ];
    for (const [actor, body, field] of cases) {
      const res = await apply(actor, lab.id, body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect({ body, fields: (res.body.errors ?? []).map((e: { field: string }) => e.field) }).toEqual({
        body,
        fields: expect.arrayContaining([field]),
      });
    }
    await t.http().get('/api/v1/labs/not-a-uuid/applications').set(as(tutor)).expect(400);
    expect(await count('lab_applications')).toBe(before);
    expect(await count('lab_application_members')).toBe(
      await count('lab_application_members', 'application_id IN (SELECT id FROM lab_applications)'),
    );

    const pending = (await apply(referentA, lab.id, { organizationId: orgA, memberIds: [a1.id] }).expect(201))
      .body as LabApplicationView;
    for (const [body, field] of [
      [{ decision: 'maybe' }, 'decision'],
      [{}, 'decision'],
      [{ decision: 'accepted', note: 'ok\u0000' }, 'note'],
      [{ decision: 'rejected', note: 'x'.repeat(2001) }, 'note'],
      [{ decision: 'rejected', note: ['no'] }, 'note'],
      [{ decision: 'accepted', capacity: 100 }, 'capacity'],
    ] as [Record<string, unknown>, string][]) {
      const res = await decide(tutor, pending.id, body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect((res.body.errors ?? []).map((e: { field: string }) => e.field)).toContain(field);
    }
    await decide(tutor, 'not-a-uuid', { decision: 'accepted' }).expect(400);
    await decide(tutor, randomUUID(), { decision: 'accepted' }).expect(404);
    expect(await participantIds(lab.id)).toEqual([]);
    expect(
      (await t.http().get(`/api/v1/labs/${lab.id}/applications`).set(as(tutor)).expect(200)).body.items,
    ).toEqual([expect.objectContaining({ id: pending.id, status: 'pending' })]);
  });

  it('lists applications per role: tutors and admins all, an administration its own', async () => {
    const lab = await createLab();
    const fromA = (await apply(referentA, lab.id, { organizationId: orgA, memberIds: [a1.id] }).expect(201))
      .body as LabApplicationView;
    const fromB = (await apply(referentB, lab.id, { organizationId: orgB, memberIds: [b1.id] }).expect(201))
      .body as LabApplicationView;
    const ids = async (m: TestMember) =>
      (
        (await t.http().get(`/api/v1/labs/${lab.id}/applications`).set(as(m)).expect(200)).body
          .items as LabApplicationView[]
      )
        .map((a) => a.id)
        .sort();
    expect(await ids(tutor)).toEqual([fromA.id, fromB.id].sort());
    expect(await ids(admin)).toEqual([fromA.id, fromB.id].sort());
    expect(await ids(referentA)).toEqual([fromA.id]);
    expect(await ids(a3)).toEqual([fromA.id]);
    expect(await ids(b2)).toEqual([fromB.id]);
    expect(await ids(referentC)).toEqual([]);
    for (const m of [loner, otherTutor]) {
      const res = await t.http().get(`/api/v1/labs/${lab.id}/applications`).set(as(m));
      expect({ who: m.displayName, status: res.status }).toEqual({ who: m.displayName, status: 403 });
    }
    await t.http().get(`/api/v1/labs/${randomUUID()}/applications`).set(as(tutor)).expect(404);

    // My administration's applications, referent and officials alike.
    const mine = (await t.http().get('/api/v1/me/applications').set(as(a3)).expect(200)).body
      .items as LabApplicationView[];
    expect(mine.map((a) => a.id)).toContain(fromA.id);
    expect(mine.every((a) => a.organization.id === orgA)).toBe(true);
    expect((await t.http().get('/api/v1/me/applications').set(as(loner)).expect(200)).body).toEqual({
      items: [],
    });
    await t.http().get('/api/v1/me/applications').expect(401);
  });

  it('accepts: the officials become participants, hear it live and are notified; a second decision is a 409', async () => {
    const lab = await createLab({ capacity: 5 });
    const application = (
      await apply(referentA, lab.id, { organizationId: orgA, memberIds: [a1.id, a2.id] }).expect(201)
    ).body as LabApplicationView;
    const a1Socket = await socket(a1);
    const tutorSocket = await socket(tutor);
    expect(await tutorSocket.subscribe({ room: `lab:${lab.id}` })).toEqual({ ok: true });

    // Neither the referent, an official, another lab's tutor nor an outsider decides.
    for (const [m, status] of [
      [referentA, 403],
      [a1, 403],
      [referentB, 404],
      [otherTutor, 404],
      [loner, 404],
    ] as const) {
      const res = await decide(m, application.id, { decision: 'accepted' });
      expect({ who: m.displayName, status: res.status }).toEqual({ who: m.displayName, status });
    }
    expect(await participantIds(lab.id)).toEqual([]);

    const accepted = (
      await decide(tutor, application.id, { decision: 'accepted', note: 'Benvenuti' }).expect(200)
    ).body as LabApplicationView;
    expect(accepted).toMatchObject({
      id: application.id,
      status: 'accepted',
      note: 'Benvenuti',
      decidedAt: expect.any(String),
      decidedBy: expect.objectContaining({ id: tutor.id }),
    });
    expect((await participantIds(lab.id)).sort()).toEqual([a1.id, a2.id].sort());
    const added = await a1Socket.waitFor(
      (e) => e.type === 'lab.participant_added' && e.room === `member:${a1.id}`,
    );
    expect(added.data).toMatchObject({ labId: lab.id, role: 'participant', member: { id: a1.id } });
    await a1Socket.waitFor((e) => e.type === 'notification.created' && e.room === `member:${a1.id}`);
    await tutorSocket.waitFor(
      (e) => e.type === 'lab_application.decided' && (e.data as LabApplicationView).id === application.id,
    );
    for (const m of [a1, a2]) {
      expect((await notificationsOf(m, 'lab_enrolled')).map((n) => n.data.labId)).toContain(lab.id);
    }
    const [toReferent] = (await notificationsOf(referentA, 'lab_application_decided')).filter(
      (n) => n.data.applicationId === application.id,
    );
    expect(toReferent.data).toMatchObject({ decision: 'accepted', labId: lab.id });
    // E-mail follows NotificationsService.notify (SMTP is off in this test; see notification-email.spec.ts).

    for (const decision of ['accepted', 'rejected']) {
      const twice = await decide(tutor, application.id, { decision }).expect(409);
      expect(twice.body.code).toBe('lab_application_decided');
    }
    expect((await participantIds(lab.id)).length).toBe(2);

    // The administration may apply again once nothing is pending.
    await apply(referentA, lab.id, { organizationId: orgA, memberIds: [a3.id] }).expect(201);
  });

  it('rejects with a note: nobody is enrolled and the referent is told why', async () => {
    const lab = await createLab();
    const application = (
      await apply(referentB, lab.id, { organizationId: orgB, memberIds: [b1.id] }).expect(201)
    ).body as LabApplicationView;
    const rejected = (
      await decide(admin, application.id, {
        decision: 'rejected',
        note: 'Il laboratorio è riservato alle Regioni.',
      }).expect(200)
    ).body as LabApplicationView;
    expect(rejected).toMatchObject({
      status: 'rejected',
      note: 'Il laboratorio è riservato alle Regioni.',
      decidedBy: expect.objectContaining({ id: admin.id }),
    });
    expect(await participantIds(lab.id)).toEqual([]);
    const [n] = (await notificationsOf(referentB, 'lab_application_decided')).filter(
      (x) => x.data.applicationId === application.id,
    );
    expect(n.data).toMatchObject({ decision: 'rejected', note: 'Il laboratorio è riservato alle Regioni.' });
    expect(await notificationsOf(b1, 'lab_enrolled')).toEqual([]);
    const mine = (await t.http().get('/api/v1/me/applications').set(as(b2)).expect(200)).body
      .items as LabApplicationView[];
    expect(mine.find((a) => a.id === application.id)).toMatchObject({ status: 'rejected' });
    await decide(tutor, application.id, { decision: 'accepted' }).expect(409);
  });

  it('enforces capacity: two concurrent acceptances of the last places, only one succeeds', async () => {
    const lab = await createLab({ capacity: 3 });
    const fromA = (
      await apply(referentA, lab.id, { organizationId: orgA, memberIds: [a1.id, a2.id] }).expect(201)
    ).body as LabApplicationView;
    const fromB = (
      await apply(referentB, lab.id, { organizationId: orgB, memberIds: [b1.id, b2.id] }).expect(201)
    ).body as LabApplicationView;
    const fromC = (await apply(referentC, lab.id, { organizationId: orgC, memberIds: [c1.id] }).expect(201))
      .body as LabApplicationView;

    const [first, second] = await Promise.all([
      decide(tutor, fromA.id, { decision: 'accepted' }),
      decide(admin, fromB.id, { decision: 'accepted' }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const refused = first.status === 409 ? first : second;
    expect(refused.body.code).toBe('lab_full');
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    const participants = await participantIds(lab.id);
    expect(participants).toHaveLength(2);
    // Nothing of the refused one is stored: still pending, nobody of it enrolled.
    const refusedId = first.status === 409 ? fromA.id : fromB.id;
    const [row] = (await db.query(`SELECT status FROM lab_applications WHERE id = $1`, [refusedId])) as {
      status: string;
    }[];
    expect(row.status).toBe('pending');

    // The last place goes to C; then the lab is full for anyone.
    await decide(tutor, fromC.id, { decision: 'accepted' }).expect(200);
    expect(await participantIds(lab.id)).toHaveLength(3);
    expect((await decide(tutor, refusedId, { decision: 'accepted' }).expect(409)).body.code).toBe('lab_full');
    // A rejection still goes through.
    await decide(tutor, refusedId, { decision: 'rejected', note: 'Posti esauriti' }).expect(200);
  });
});
