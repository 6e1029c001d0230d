import type {
  LabGroupView,
  LabParticipantView,
  LabView,
  Page,
  SpaceView,
  TwinningView,
} from '@convergo/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DEMO_PASSWORD } from '../apps/api/src/modules/demo/demo-accounts';
import { DemoWorldService } from '../apps/api/src/modules/demo/demo-world.service';
import { DEMO_LAB } from '../apps/api/src/modules/labs/labs.demo-data';
import { DEMO_TWINNING } from '../apps/api/src/modules/twinnings/twinnings.demo-data';
import { newMember, type TestMember } from './support/factories';
import { connectSocket, errorCode, type TestSocket } from './support/socket-client';
import { startTestApp, type TestApp } from './support/test-app';

describe('labs', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: TestMember;
  let tutor: TestMember;
  let otherTutor: TestMember;
  let alice: TestMember;
  let bob: TestMember;
  let carla: TestMember;
  const sockets: TestSocket[] = [];
  let labCounter = 0;

  const as = (m: TestMember) => ({ authorization: `Bearer ${m.accessToken}` });
  const count = async (table: string, where = 'true', params: unknown[] = []) =>
    Number(
      ((await db.query(`SELECT count(*) AS n FROM ${table} WHERE ${where}`, params)) as { n: string }[])[0].n,
    );
  const createLab = async (fields: Record<string, unknown> = {}): Promise<LabView> => {
    labCounter += 1;
    const res = await t
      .http()
      .post('/api/v1/labs')
      .set(as(admin))
      .send({ title: `Laboratorio di prova ${labCounter} ${randomUUID()}`, ambito: 'A', ...fields })
      .expect(201);
    return res.body as LabView;
  };
  const enrol = (actor: TestMember, labId: string, member: TestMember, role = 'participant') =>
    t.http().put(`/api/v1/labs/${labId}/participants/${member.id}`).set(as(actor)).send({ role });

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    [admin, tutor, otherTutor, alice, bob, carla] = await Promise.all([
      newMember(t, { role: 'admin', displayName: 'Anna Admin' }),
      newMember(t, { role: 'tutor', displayName: 'Tiziana Tutor' }),
      newMember(t, { role: 'tutor', displayName: 'Ugo Tutor' }),
      newMember(t, { displayName: 'Alice Bianchi' }),
      newMember(t, { displayName: 'Bruno Verdi' }),
      newMember(t, { displayName: 'Carla Neri' }),
    ]);
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(async () => {
    await t.close();
  });

  it('lets admins create labs, shows the catalogue to every member, and refuses bad input', async () => {
    const lab = await createLab({
      title: '  Laboratorio sulle strategie per la cooperazione internazionale  ',
      description: 'Ambito A, tre dimensioni',
    });
    expect(lab).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      programmeId: null,
      title: 'Laboratorio sulle strategie per la cooperazione internazionale',
      ambito: 'A',
      description: 'Ambito A, tre dimensioni',
      participantCount: 0,
      tutorCount: 0,
      groupCount: 0,
      myRole: null,
    });

    const before = await count('labs');
    for (const member of [alice, tutor]) {
      const refused = await t
        .http()
        .post('/api/v1/labs')
        .set(as(member))
        .send({ title: 'Un altro laboratorio', ambito: 'B' })
        .expect(403);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    const bad: Record<string, unknown>[] = [
      {},
      { title: '', ambito: 'A' },
      { title: 'x'.repeat(201), ambito: 'A' },
      { title: 'Laboratorio D', ambito: 'D' },
      { title: 'Laboratorio', ambito: 'A', programmeId: 'not-a-uuid' },
      { title: 'Laboratorio', ambito: 'A', extra: true },
      { title: 42, ambito: 'A' },
      { title: 'Laboratorio', ambito: 'A', description: 'x'.repeat(5001) },
    ];
    for (const body of bad) {
      const res = await t.http().post('/api/v1/labs').set(as(admin)).send(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    const unknownProgramme = await t
      .http()
      .post('/api/v1/labs')
      .set(as(admin))
      .send({ title: 'Laboratorio senza programma', ambito: 'A', programmeId: randomUUID() })
      .expect(400);
    expect(unknownProgramme.body.code).toBe('programme_not_found');
    const taken = await t
      .http()
      .post('/api/v1/labs')
      .set(as(admin))
      .send({ title: lab.title.toUpperCase(), ambito: 'C' })
      .expect(409);
    expect(taken.body.code).toBe('lab_title_taken');
    expect(await count('labs')).toBe(before);

    // The title and description are stored as text, and returned as JSON, never as markup.
    const xss = await createLab({ title: '<img src=x onerror=alert(1)> Laboratorio', ambito: 'C' });
    const fetched = await t.http().get(`/api/v1/labs/${xss.id}`).set(as(bob)).expect(200);
    expect(fetched.body.title).toBe('<img src=x onerror=alert(1)> Laboratorio');
    expect(fetched.headers['content-type']).toMatch(/application\/json/);

    // Every member sees the catalogue, page by page.
    const seen: LabView[] = [];
    let cursor: string | null = null;
    do {
      const res = await t
        .http()
        .get('/api/v1/labs')
        .query({ limit: 1, ...(cursor ? { cursor } : {}) })
        .set(as(carla))
        .expect(200);
      const page = res.body as Page<LabView>;
      expect(page.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.map((l) => l.id)).toEqual(expect.arrayContaining([lab.id, xss.id]));
    expect(new Set(seen.map((l) => l.id)).size).toBe(seen.length);
    await t.http().get('/api/v1/labs').query({ cursor: 'bm90LWEtY3Vyc29y' }).set(as(carla)).expect(400);
    await t.http().get('/api/v1/labs').expect(401);
    await t.http().get('/api/v1/labs/not-a-uuid').set(as(carla)).expect(400);
    const missing = await t.http().get(`/api/v1/labs/${randomUUID()}`).set(as(carla)).expect(404);
    expect(missing.body.code).toBe('lab_not_found');
  });

  it('enrols participants: admins appoint tutors, tutors enrol participants of their own lab only', async () => {
    const lab = await createLab();
    const other = await createLab();
    // Only admins appoint tutors.
    expect((await enrol(tutor, lab.id, tutor, 'tutor')).status).toBe(403);
    const appointed = await enrol(admin, lab.id, tutor, 'tutor').expect(200);
    expect(appointed.body).toMatchObject({ labId: lab.id, role: 'tutor', member: { id: tutor.id } });
    await enrol(admin, other.id, otherTutor, 'tutor').expect(200);

    // The lab's tutor enrols; the member hears it in their own room and in the lab room.
    const aliceSocket = await connectSocket(t.baseUrl, alice.accessToken);
    sockets.push(aliceSocket);
    const tutorSocket = await connectSocket(t.baseUrl, tutor.accessToken);
    sockets.push(tutorSocket);
    expect(await tutorSocket.subscribe({ room: `lab:${lab.id}` })).toEqual({ ok: true });
    const added = await enrol(tutor, lab.id, alice).expect(200);
    expect(added.body).toMatchObject({
      labId: lab.id,
      role: 'participant',
      member: { id: alice.id, displayName: 'Alice Bianchi' },
    });
    const toAlice = await aliceSocket.waitFor(
      (e) => e.type === 'lab.participant_added' && e.room === `member:${alice.id}`,
    );
    expect(toAlice.data).toMatchObject({ labId: lab.id, member: { id: alice.id } });
    await tutorSocket.waitFor((e) => e.type === 'lab.participant_added' && e.room === `lab:${lab.id}`);

    // An official cannot enrol anyone, nor a tutor of another lab; nothing changes.
    const before = await count('lab_participants', 'lab_id = $1', [lab.id]);
    const byOfficial = await enrol(alice, lab.id, bob).expect(403);
    expect(byOfficial.headers['content-type']).toMatch(/application\/problem\+json/);
    await enrol(otherTutor, lab.id, bob).expect(403);
    await t.http().delete(`/api/v1/labs/${lab.id}/participants/${alice.id}`).set(as(otherTutor)).expect(403);
    await t.http().delete(`/api/v1/labs/${lab.id}/participants/${alice.id}`).set(as(alice)).expect(403);
    // A tutor cannot demote a tutor or make a participant a tutor.
    await enrol(tutor, lab.id, alice, 'tutor').expect(403);
    await t.http().delete(`/api/v1/labs/${lab.id}/participants/${tutor.id}`).set(as(tutor)).expect(403);
    expect(await count('lab_participants', 'lab_id = $1', [lab.id])).toBe(before);

    // Bad input: unknown member, wrong role, ids that are not UUIDs, unknown lab.
    const ghost = await enrol(tutor, lab.id, { id: randomUUID() } as TestMember).expect(422);
    expect(ghost.body.code).toBe('member_not_found');
    await enrol(tutor, lab.id, bob, 'owner').expect(400);
    await t.http().put(`/api/v1/labs/${lab.id}/participants/${bob.id}`).set(as(tutor)).send({}).expect(400);
    await t
      .http()
      .put(`/api/v1/labs/${lab.id}/participants/not-a-uuid`)
      .set(as(tutor))
      .send({ role: 'participant' })
      .expect(400);
    await enrol(admin, randomUUID(), bob).expect(404);
    expect(await count('lab_participants', 'lab_id = $1', [lab.id])).toBe(before);

    await enrol(tutor, lab.id, bob).expect(200);
    // Idempotent: enrolling again changes nothing.
    await enrol(tutor, lab.id, bob).expect(200);
    const detail = await t.http().get(`/api/v1/labs/${lab.id}`).set(as(alice)).expect(200);
    expect(detail.body).toMatchObject({
      participantCount: 2,
      tutorCount: 1,
      groupCount: 0,
      myRole: 'participant',
    });
    const asTutor = await t.http().get(`/api/v1/labs/${lab.id}`).set(as(tutor)).expect(200);
    expect(asTutor.body.myRole).toBe('tutor');
    const asCarla = await t.http().get(`/api/v1/labs/${lab.id}`).set(as(carla)).expect(200);
    expect(asCarla.body.myRole).toBeNull();

    // The roster: the lab's own people and admins, by name, page by page.
    const roster = await t
      .http()
      .get(`/api/v1/labs/${lab.id}/participants`)
      .query({ limit: 2 })
      .set(as(alice))
      .expect(200);
    const first = roster.body as Page<LabParticipantView>;
    expect(first.items.map((p) => p.member.displayName)).toEqual(['Alice Bianchi', 'Bruno Verdi']);
    const rest = await t
      .http()
      .get(`/api/v1/labs/${lab.id}/participants`)
      .query({ limit: 2, cursor: first.nextCursor })
      .set(as(admin))
      .expect(200);
    expect((rest.body as Page<LabParticipantView>).items.map((p) => [p.member.id, p.role])).toEqual([
      [tutor.id, 'tutor'],
    ]);
    const hidden = await t.http().get(`/api/v1/labs/${lab.id}/participants`).set(as(carla)).expect(403);
    expect(hidden.body.code).toBe('lab_forbidden');
    await t.http().get(`/api/v1/labs/${lab.id}/participants`).set(as(otherTutor)).expect(403);

    // Removing a participant tells them, and the room refuses them afterwards.
    expect(await aliceSocket.subscribe({ room: `lab:${lab.id}` })).toEqual({ ok: true });
    await t.http().delete(`/api/v1/labs/${lab.id}/participants/${alice.id}`).set(as(tutor)).expect(204);
    await aliceSocket.waitFor((e) => e.type === 'lab.participant_removed' && e.room === `member:${alice.id}`);
    expect(errorCode(await aliceSocket.subscribe({ room: `lab:${lab.id}` }))).toBe('forbidden');
    const gone = await t
      .http()
      .delete(`/api/v1/labs/${lab.id}/participants/${alice.id}`)
      .set(as(tutor))
      .expect(404);
    expect(gone.body.code).toBe('lab_participant_not_found');
    // Admins remove tutors.
    await t
      .http()
      .delete(`/api/v1/labs/${other.id}/participants/${otherTutor.id}`)
      .set(as(admin))
      .expect(204);
  });

  it('guards the lab room: participants, tutors and admins only', async () => {
    const lab = await createLab();
    await enrol(admin, lab.id, tutor, 'tutor').expect(200);
    await enrol(admin, lab.id, alice).expect(200);
    for (const [member, expected] of [
      [alice, undefined],
      [tutor, undefined],
      [admin, undefined],
      [bob, 'forbidden'],
      [otherTutor, 'forbidden'],
    ] as const) {
      const socket = await connectSocket(t.baseUrl, member.accessToken);
      sockets.push(socket);
      expect(errorCode(await socket.subscribe({ room: `lab:${lab.id}` }))).toBe(expected);
    }
    const socket = await connectSocket(t.baseUrl, bob.accessToken);
    sockets.push(socket);
    expect(errorCode(await socket.subscribe({ room: `lab:${randomUUID()}` }))).toBe('not_found');
    expect(errorCode(await socket.subscribe({ room: `lab:${lab.id.toUpperCase()}` }))).toBe('invalid');
    // Catch-up follows the same rule.
    await t
      .http()
      .get('/api/v1/events')
      .query({ room: `lab:${lab.id}`, after: '0' })
      .set(as(bob))
      .expect(403);
    await t
      .http()
      .get('/api/v1/events')
      .query({ room: `lab:${lab.id}`, after: '0' })
      .set(as(alice))
      .expect(200);
  });

  it('forms working groups of the lab’s participants', async () => {
    const lab = await createLab();
    await enrol(admin, lab.id, tutor, 'tutor').expect(200);
    await enrol(tutor, lab.id, alice).expect(200);
    await enrol(tutor, lab.id, bob).expect(200);

    const created = await t
      .http()
      .post(`/api/v1/labs/${lab.id}/groups`)
      .set(as(tutor))
      .send({ name: '  Gruppo quadro logico ', memberIds: [alice.id, alice.id.toUpperCase()] })
      .expect(201);
    const group = created.body as LabGroupView;
    expect(group).toMatchObject({ labId: lab.id, name: 'Gruppo quadro logico' });
    expect(group.members.map((m) => m.id)).toEqual([alice.id]);

    const groupsBefore = await count('lab_groups', 'lab_id = $1', [lab.id]);
    // Only participants of the lab; not officials, not tutors of other labs; names unique per lab.
    const outsider = await t
      .http()
      .post(`/api/v1/labs/${lab.id}/groups`)
      .set(as(tutor))
      .send({ name: 'Gruppo con estranei', memberIds: [alice.id, carla.id] })
      .expect(422);
    expect(outsider.body).toMatchObject({ code: 'not_lab_participant', errors: [{ field: 'memberIds' }] });
    await t
      .http()
      .post(`/api/v1/labs/${lab.id}/groups`)
      .set(as(alice))
      .send({ name: 'Gruppo di Alice' })
      .expect(403);
    await t
      .http()
      .post(`/api/v1/labs/${lab.id}/groups`)
      .set(as(otherTutor))
      .send({ name: 'Gruppo di Ugo' })
      .expect(403);
    const duplicate = await t
      .http()
      .post(`/api/v1/labs/${lab.id}/groups`)
      .set(as(tutor))
      .send({ name: 'GRUPPO QUADRO LOGICO' })
      .expect(409);
    expect(duplicate.body.code).toBe('lab_group_name_taken');
    for (const body of [
      {},
      { name: '' },
      { name: 'x'.repeat(121) },
      { name: 'Gruppo', memberIds: 'tutti' },
      { name: 'Gruppo', memberIds: ['not-a-uuid'] },
      { name: 'Gruppo', memberIds: Array.from({ length: 101 }, () => randomUUID()) },
    ]) {
      const res = await t.http().post(`/api/v1/labs/${lab.id}/groups`).set(as(tutor)).send(body);
      expect({ body: Object.keys(body), status: res.status }).toEqual({
        body: Object.keys(body),
        status: 400,
      });
    }
    expect(await count('lab_groups', 'lab_id = $1', [lab.id])).toBe(groupsBefore);

    // Group membership: PUT and DELETE, participants only.
    const path = (m: { id: string }) => `/api/v1/labs/${lab.id}/groups/${group.id}/members/${m.id}`;
    const put = await t.http().put(path(bob)).set(as(tutor)).expect(200);
    expect(put.body).toMatchObject({ labId: lab.id, groupId: group.id, member: { id: bob.id } });
    await t.http().put(path(bob)).set(as(tutor)).expect(200);
    const notInLab = await t.http().put(path(carla)).set(as(tutor)).expect(422);
    expect(notInLab.body.code).toBe('not_lab_participant');
    await t.http().put(path(carla)).set(as(alice)).expect(403);
    await t
      .http()
      .put(path({ id: randomUUID() }))
      .set(as(tutor))
      .expect(422);
    // A group of another lab is not found through this lab.
    const other = await createLab();
    await t
      .http()
      .put(`/api/v1/labs/${other.id}/groups/${group.id}/members/${bob.id}`)
      .set(as(admin))
      .expect(404);
    await t
      .http()
      .put(`/api/v1/labs/${lab.id}/groups/${randomUUID()}/members/${bob.id}`)
      .set(as(tutor))
      .expect(404);

    const listed = await t.http().get(`/api/v1/labs/${lab.id}/groups`).set(as(bob)).expect(200);
    expect((listed.body as Page<LabGroupView>).items).toEqual([
      expect.objectContaining({
        id: group.id,
        members: [expect.objectContaining({ id: alice.id }), expect.objectContaining({ id: bob.id })],
      }),
    ]);
    await t.http().get(`/api/v1/labs/${lab.id}/groups`).set(as(carla)).expect(403);

    await t.http().delete(path(bob)).set(as(tutor)).expect(204);
    const notMember = await t.http().delete(path(bob)).set(as(tutor)).expect(404);
    expect(notMember.body.code).toBe('lab_group_member_not_found');

    // Leaving the lab takes the member out of its groups.
    await t.http().delete(`/api/v1/labs/${lab.id}/participants/${alice.id}`).set(as(tutor)).expect(204);
    expect(await count('lab_group_members', 'group_id = $1', [group.id])).toBe(0);
    const detail = await t.http().get(`/api/v1/labs/${lab.id}`).set(as(tutor)).expect(200);
    expect(detail.body).toMatchObject({ participantCount: 1, tutorCount: 1, groupCount: 1 });
  });
});

describe('the demo lab and twinning', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { DEMO_DATA: 'true' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  const login = async (email: string) =>
    (await t.http().post('/api/v1/auth/login').send({ email, password: DEMO_PASSWORD }).expect(200)).body
      .accessToken as string;

  it('loads the Formez lab with its tutor, officials, group and reserved space, and a twinning; idempotent', async () => {
    const official = await login('funzionaria.bari@convergo.demo');
    const tutorToken = await login('tutor@convergo.demo');
    const labs = (await t.http().get('/api/v1/labs').set('authorization', `Bearer ${official}`).expect(200))
      .body as Page<LabView>;
    // Ambito A is under way; the Ambito B and C labs are open for applications.
    expect(labs.items.map((l) => [l.ambito, l.status]).sort()).toEqual([
      ['A', 'running'],
      ['B', 'open'],
      ['C', 'open'],
    ]);
    const lab = labs.items.find((l) => l.ambito === 'A')!;
    expect(lab).toEqual(
      expect.objectContaining({
        title: DEMO_LAB.title,
        ambito: 'A',
        participantCount: 4,
        tutorCount: 1,
        groupCount: 1,
        myRole: 'participant',
      }),
    );
    const asTutor = await t.http().get(`/api/v1/labs/${lab.id}`).set('authorization', `Bearer ${tutorToken}`);
    expect(asTutor.body.myRole).toBe('tutor');

    const spaces = (await t.http().get('/api/v1/spaces?limit=100').set('authorization', `Bearer ${official}`))
      .body as Page<SpaceView>;
    expect(spaces.items.filter((s) => s.visibility === 'lab')).toEqual([
      expect.objectContaining({ name: DEMO_LAB.spaceName, labId: lab.id }),
    ]);
    // The demo world also holds the 33 AGIRE POR twinnings (indicators e2e); here, the POAT SI one.
    const page = (
      await t.http().get('/api/v1/twinnings?limit=100').set('authorization', `Bearer ${official}`)
    ).body as Page<TwinningView>;
    const twinnings = { items: page.items.filter((item) => !item.title.startsWith('AGIRE POR ')) };
    expect(page.items).toHaveLength(34);
    expect(twinnings.items).toEqual([
      expect.objectContaining({
        title: DEMO_TWINNING.title,
        status: 'in_corso',
        offeringOrganization: expect.objectContaining({ name: 'Comune di Bologna' }),
      }),
    ]);
    expect(twinnings.items[0].receivingOrganizations.map((o) => o.name).sort()).toEqual([
      'Comune di Palermo',
      'Comune di Reggio di Calabria',
    ]);
    const palermo = await login('funzionario.palermo@convergo.demo');
    const asParty = await t
      .http()
      .get(`/api/v1/twinnings/${twinnings.items[0].id}`)
      .set('authorization', `Bearer ${palermo}`);
    expect(asParty.body.isParty).toBe(true);

    const db = t.app.get(DataSource);
    const counts = async () =>
      db.query(
        `SELECT (SELECT count(*)::int FROM labs) AS labs, (SELECT count(*)::int FROM lab_participants) AS people,
                (SELECT count(*)::int FROM lab_group_members) AS grouped,
                (SELECT count(*)::int FROM spaces WHERE visibility = 'lab') AS lab_spaces,
                (SELECT count(*)::int FROM twinnings) AS twinnings`,
      );
    const before = await counts();
    // The demo tutor also tutors the Ambito B and C labs.
    expect(before).toEqual([{ labs: 3, people: 7, grouped: 4, lab_spaces: 1, twinnings: 34 }]);
    await t.app.get(DemoWorldService).load();
    expect(await counts()).toEqual(before);
  });
});
