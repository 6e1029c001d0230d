import {
  LAB_STATUS_TRANSITIONS,
  LAB_STATUSES,
  type LabModuleView,
  type LabModuleWithSessions,
  type LabSessionView,
  type LabStatus,
  type LabView,
  type Page,
} from '@convergo/contracts';
import { DemoWorldService } from '../apps/api/src/modules/demo/demo-world.service';
import { DEMO_LAB } from '../apps/api/src/modules/labs/labs.demo-data';
import { LabsService } from '../apps/api/src/modules/labs/labs.service';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { newMember, type TestMember } from './support/factories';
import { connectSocket, type TestSocket } from './support/socket-client';
import { startTestApp, type TestApp } from './support/test-app';

describe('lab fields, status and structure', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: TestMember;
  let tutor: TestMember;
  let participant: TestMember;
  let outsider: TestMember;
  const sockets: TestSocket[] = [];

  const as = (m: TestMember) => ({ authorization: `Bearer ${m.accessToken}` });
  const count = async (table: string, where = 'true', params: unknown[] = []) =>
    Number(
      ((await db.query(`SELECT count(*) AS n FROM ${table} WHERE ${where}`, params)) as { n: string }[])[0].n,
    );
  const createLab = async (fields: Record<string, unknown> = {}): Promise<LabView> => {
    const res = await t
      .http()
      .post('/api/v1/labs')
      .set(as(admin))
      .send({ title: `Laboratorio ${randomUUID()}`, ambito: 'A', ...fields });
    expect(res.status).toBe(201);
    return res.body as LabView;
  };
  const enrol = async (labId: string, member: TestMember, role: 'participant' | 'tutor') =>
    t.http().put(`/api/v1/labs/${labId}/participants/${member.id}`).set(as(admin)).send({ role }).expect(200);
  const expectProblem = (
    res: { status: number; headers: Record<string, string>; body: unknown },
    status: number,
  ) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
  };

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    [admin, tutor, participant, outsider] = await Promise.all([
      newMember(t, { role: 'admin' }),
      newMember(t, { role: 'tutor' }),
      newMember(t),
      newMember(t),
    ]);
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(async () => {
    await t.close();
  });

  describe('lab fields', () => {
    it('stores objectives, expected results, target administrations, capacity, status and regions', async () => {
      const lab = await createLab({
        objectives: 'Rafforzare le reti regionali',
        expectedResults: 'Piani strategici definiti',
        targetAdministrations: 'Cinque amministrazioni provinciali',
        capacity: 12,
        status: 'open',
        regions: ['Campania', 'Puglia'],
      });
      expect(lab).toMatchObject({
        objectives: 'Rafforzare le reti regionali',
        expectedResults: 'Piani strategici definiti',
        targetAdministrations: 'Cinque amministrazioni provinciali',
        capacity: 12,
        status: 'open',
        regions: ['Campania', 'Puglia'],
      });
      const plain = await createLab();
      expect(plain).toMatchObject({
        objectives: '',
        expectedResults: '',
        targetAdministrations: '',
        capacity: null,
        status: 'draft',
        regions: [],
      });
      const read = await t.http().get(`/api/v1/labs/${lab.id}`).set(as(outsider)).expect(200);
      expect(read.body).toMatchObject({ capacity: 12, status: 'open', regions: ['Campania', 'Puglia'] });
    });

    it('refuses bad lab input with 400 naming the field, storing nothing', async () => {
      const before = await count('labs');
      const title = () => `Lab ${randomUUID()}`;
      const cases: [Record<string, unknown>, string][] = [
        [{ title: title(), ambito: 'A', capacity: 0 }, 'capacity'],
        [{ title: title(), ambito: 'A', capacity: 1.5 }, 'capacity'],
        [{ title: title(), ambito: 'A', capacity: '10' }, 'capacity'],
        [{ title: title(), ambito: 'A', status: 'archived' }, 'status'],
        [{ title: title(), ambito: 'A', regions: ['Atlantide'] }, 'regions'],
        [{ title: title(), ambito: 'A', regions: 'Campania' }, 'regions'],
        [{ title: title(), ambito: 'A', regions: ['Campania', 'Campania'] }, 'regions'],
        [{ title: title(), ambito: 'A', objectives: 'a\u0000b' }, 'objectives'],
        [{ title: title(), ambito: 'A', description: 'a\u0000b' }, 'description'],
        [{ title: `a\u0000b ${randomUUID()}`, ambito: 'A' }, 'title'],
        [{ title: title(), ambito: 'A', expectedResults: 'x'.repeat(5001) }, 'expectedResults'],
        [{ title: title(), ambito: 'A', targetAdministrations: 42 }, 'targetAdministrations'],
        [{ title: title(), ambito: 'D' }, 'ambito'],
        [{ title: title(), ambito: 'A', myRole: 'tutor' }, 'myRole'],
      ];
      for (const [body, field] of cases) {
        const res = await t.http().post('/api/v1/labs').set(as(admin)).send(body);
        expectProblem(res, 400);
        expect({ body, fields: (res.body.errors as { field: string }[]).map((e) => e.field) }).toEqual({
          body,
          fields: expect.arrayContaining([field]),
        });
      }
      expect(await count('labs')).toBe(before);
    });

    it('lets admins change any field and the lab’s tutors only the descriptive ones', async () => {
      const lab = await createLab({ capacity: 5 });
      await enrol(lab.id, tutor, 'tutor');
      await enrol(lab.id, participant, 'participant');
      const socket = await connectSocket(t.baseUrl, participant.accessToken);
      sockets.push(socket);
      await socket.subscribe({ room: `lab:${lab.id}` });
      const updated = socket.waitFor((e) => e.type === 'lab.updated' && e.room === `lab:${lab.id}`);

      const asTutor = await t
        .http()
        .patch(`/api/v1/labs/${lab.id}`)
        .set(as(tutor))
        .send({ objectives: 'Obiettivi rivisti', description: 'Nuova descrizione' })
        .expect(200);
      expect(asTutor.body).toMatchObject({
        objectives: 'Obiettivi rivisti',
        description: 'Nuova descrizione',
        myRole: 'tutor',
      });
      const event = await updated;
      expect(event.data).toMatchObject({ id: lab.id, objectives: 'Obiettivi rivisti', myRole: null });

      for (const body of [{ capacity: 50 }, { title: 'Altro titolo' }, { regions: ['Sicilia'] }]) {
        const res = await t.http().patch(`/api/v1/labs/${lab.id}`).set(as(tutor)).send(body);
        expectProblem(res, 403);
        expect(res.body).toMatchObject({ code: 'lab_field_forbidden' });
      }
      for (const who of [participant, outsider]) {
        const res = await t.http().patch(`/api/v1/labs/${lab.id}`).set(as(who)).send({ objectives: 'x' });
        expectProblem(res, 403);
        const empty = await t.http().patch(`/api/v1/labs/${lab.id}`).set(as(who)).send({});
        expectProblem(empty, 403);
      }
      const asAdmin = await t
        .http()
        .patch(`/api/v1/labs/${lab.id}`)
        .set(as(admin))
        .send({ capacity: null, regions: ['Sicilia'], ambito: 'C' })
        .expect(200);
      expect(asAdmin.body).toMatchObject({ capacity: null, regions: ['Sicilia'], ambito: 'C' });

      // Bad input, the status through PATCH, an unknown lab.
      for (const [body, field] of [
        [{ capacity: -1 }, 'capacity'],
        [{ status: 'open' }, 'status'],
        [{ title: '' }, 'title'],
        [{ objectives: null }, 'objectives'],
      ] as [Record<string, unknown>, string][]) {
        const res = await t.http().patch(`/api/v1/labs/${lab.id}`).set(as(admin)).send(body);
        expectProblem(res, 400);
        expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      }
      const missing = await t
        .http()
        .patch(`/api/v1/labs/${randomUUID()}`)
        .set(as(admin))
        .send({ objectives: 'x' });
      expectProblem(missing, 404);
      const after = await t.http().get(`/api/v1/labs/${lab.id}`).set(as(admin)).expect(200);
      expect(after.body).toMatchObject({ capacity: null, title: lab.title, objectives: 'Obiettivi rivisti' });
    });
  });

  describe('status transitions', () => {
    it('follows LAB_STATUS_TRANSITIONS exactly: every allowed move is 200, every other one 409', async () => {
      for (const from of LAB_STATUSES) {
        for (const to of LAB_STATUSES) {
          const lab = await createLab({ status: from });
          const res = await t
            .http()
            .post(`/api/v1/labs/${lab.id}/status`)
            .set(as(admin))
            .send({ status: to });
          const allowed = (LAB_STATUS_TRANSITIONS[from] as readonly LabStatus[]).includes(to);
          expect({ from, to, status: res.status }).toEqual({ from, to, status: allowed ? 200 : 409 });
          if (allowed) expect(res.body.status).toBe(to);
          else {
            expect(res.headers['content-type']).toContain('application/problem+json');
            expect(res.body).toMatchObject({ code: 'lab_status_transition_not_allowed' });
            const stored = await t.http().get(`/api/v1/labs/${lab.id}`).set(as(admin)).expect(200);
            expect(stored.body.status).toBe(from);
          }
        }
      }
    });

    it('walks a lab through its life cycle and lets only admins move it', async () => {
      const lab = await createLab();
      await enrol(lab.id, tutor, 'tutor');
      await enrol(lab.id, participant, 'participant');
      for (const who of [tutor, participant, outsider]) {
        const res = await t
          .http()
          .post(`/api/v1/labs/${lab.id}/status`)
          .set(as(who))
          .send({ status: 'open' });
        expectProblem(res, 403);
      }
      for (const status of ['open', 'running', 'closed'] as const) {
        await t.http().post(`/api/v1/labs/${lab.id}/status`).set(as(admin)).send({ status }).expect(200);
      }
      expectProblem(
        await t.http().post(`/api/v1/labs/${lab.id}/status`).set(as(admin)).send({ status: 'open' }),
        409,
      );
      for (const body of [{}, { status: 'archived' }, { status: 3 }, { status: 'open', extra: 1 }]) {
        expectProblem(await t.http().post(`/api/v1/labs/${lab.id}/status`).set(as(admin)).send(body), 400);
      }
      expectProblem(
        await t.http().post(`/api/v1/labs/${randomUUID()}/status`).set(as(admin)).send({ status: 'open' }),
        404,
      );
      expectProblem(
        await t.http().post(`/api/v1/labs/not-a-uuid/status`).set(as(admin)).send({ status: 'open' }),
        400,
      );
    });
  });

  describe('catalogue filters', () => {
    it('filters by ambito, status and region, and refuses unknown values', async () => {
      const tag = randomUUID().slice(0, 8);
      const a = await createLab({
        title: `Filtro ${tag} A`,
        ambito: 'A',
        status: 'open',
        regions: ['Molise'],
      });
      const b = await createLab({
        title: `Filtro ${tag} B`,
        ambito: 'B',
        status: 'running',
        regions: ['Molise', 'Lazio'],
      });
      const c = await createLab({
        title: `Filtro ${tag} C`,
        ambito: 'C',
        status: 'open',
        regions: ['Lazio'],
      });
      const ids = async (query: string) => {
        const res = await t.http().get(`/api/v1/labs?limit=100&${query}`).set(as(outsider)).expect(200);
        return (res.body as Page<LabView>).items
          .map((l) => l.id)
          .filter((id) => [a.id, b.id, c.id].includes(id));
      };
      expect(await ids('ambito=B')).toEqual([b.id]);
      expect(await ids('status=open')).toEqual([a.id, c.id]);
      expect(await ids('region=Molise')).toEqual([a.id, b.id]);
      expect(await ids('region=Lazio&status=open')).toEqual([c.id]);
      expect(await ids('ambito=A&region=Lazio')).toEqual([]);
      for (const query of ['ambito=Z', 'status=archived', 'region=Atlantide', 'other=1']) {
        expectProblem(await t.http().get(`/api/v1/labs?${query}`).set(as(outsider)), 400);
      }
      // Paging keeps the filter.
      const first = await t.http().get('/api/v1/labs?limit=1&region=Molise').set(as(outsider)).expect(200);
      const next = await t
        .http()
        .get(
          `/api/v1/labs?limit=1&region=Molise&cursor=${encodeURIComponent(first.body.nextCursor as string)}`,
        )
        .set(as(outsider))
        .expect(200);
      expect([...first.body.items, ...next.body.items].map((l: LabView) => l.id)).toEqual([a.id, b.id]);
    });
  });

  describe('what LabsService offers the enrolment capability', () => {
    it('answers status, capacity and participant count, and adds participants announcing each one', async () => {
      const labs = t.app.get(LabsService);
      const lab = await createLab({ status: 'open', capacity: 3 });
      await enrol(lab.id, tutor, 'tutor');
      const [x, y] = await Promise.all([newMember(t), newMember(t)]);
      expect(await labs.statusOf(lab.id)).toBe('open');
      expect(await labs.capacityOf(lab.id)).toBe(3);
      expect(await labs.participantCount(lab.id)).toBe(0);
      expect(await labs.statusOf(randomUUID())).toBeUndefined();
      expect(await labs.capacityOf(randomUUID())).toBeUndefined();

      const socket = await connectSocket(t.baseUrl, x.accessToken);
      sockets.push(socket);
      await socket.subscribe({ room: `member:${x.id}` });
      // The tutor keeps their role; x and y become participants, once.
      const added = await labs.addParticipants(lab.id, [x.id, y.id, tutor.id, x.id.toUpperCase()], admin.id);
      expect(added.map((p) => p.member.id).sort()).toEqual([x.id, y.id].sort());
      expect(added.every((p) => p.role === 'participant' && p.labId === lab.id)).toBe(true);
      const event = await socket.waitFor(
        (e) => e.type === 'lab.participant_added' && e.room === `member:${x.id}`,
      );
      expect(event.data).toMatchObject({ labId: lab.id, role: 'participant' });
      expect(await labs.participantCount(lab.id)).toBe(2);
      expect(await labs.roleOf(tutor.id, lab.id)).toBe('tutor');
      expect(await labs.addParticipants(lab.id, [x.id], admin.id)).toEqual([]);
      await expect(labs.addParticipants(randomUUID(), [x.id], admin.id)).rejects.toMatchObject({
        code: 'lab_not_found',
      });
      const module = (
        await t.http().post(`/api/v1/labs/${lab.id}/modules`).set(as(tutor)).send({ title: 'M' }).expect(201)
      ).body as LabModuleView;
      expect(await labs.moduleBelongsToLab(lab.id, module.id)).toBe(true);
      expect(await labs.moduleBelongsToLab((await createLab()).id, module.id)).toBe(false);
    });
  });

  describe('modules', () => {
    let lab: LabView;
    beforeAll(async () => {
      lab = await createLab({ status: 'running' });
      await enrol(lab.id, tutor, 'tutor');
      await enrol(lab.id, participant, 'participant');
    });
    const addModule = (who: TestMember, fields: Record<string, unknown>, labId = lab.id) =>
      t.http().post(`/api/v1/labs/${labId}/modules`).set(as(who)).send(fields);

    it('lets admins and tutors add modules, listed by position with their sessions', async () => {
      const third = await addModule(tutor, {
        title: 'Azioni di miglioramento organizzativo',
        dimension: 3,
        position: 30,
        plannedDays: 1,
        expectedDeliverables: ['improvement_actions'],
      });
      expect(third.status).toBe(201);
      expect(third.body).toEqual({
        id: expect.any(String),
        labId: lab.id,
        title: 'Azioni di miglioramento organizzativo',
        dimension: 3,
        position: 30,
        plannedDays: 1,
        description: '',
        expectedDeliverables: ['improvement_actions'],
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const first = (
        await addModule(admin, { title: 'Introduzione', dimension: 1, position: 10, plannedDays: 1.5 })
      ).body as LabModuleView;
      const appended = (await addModule(tutor, { title: 'In coda' })).body as LabModuleView;
      expect(appended).toMatchObject({ position: 31, dimension: null, plannedDays: null });

      const session = (
        await t
          .http()
          .post(`/api/v1/labs/${lab.id}/sessions`)
          .set(as(tutor))
          .send({
            moduleId: first.id,
            title: 'Prima giornata',
            mode: 'hybrid',
            startsAt: '2027-02-01T10:00:00+01:00',
            endsAt: '2027-02-01T17:00:00+01:00',
            place: 'Formez PA, Roma',
            onlineUrl: 'https://meet.jit.si/prima',
          })
          .expect(201)
      ).body as LabSessionView;

      const list = await t.http().get(`/api/v1/labs/${lab.id}/modules`).set(as(participant)).expect(200);
      const items = list.body.items as LabModuleWithSessions[];
      expect(items.map((m) => m.title)).toEqual([
        'Introduzione',
        'Azioni di miglioramento organizzativo',
        'In coda',
      ]);
      expect(items[0].sessions).toEqual([session]);
      expect(items[1].sessions).toEqual([]);
      // Every member reads a lab's programme; outside the lab, without the link and the notes.
      const asOutsider = await t.http().get(`/api/v1/labs/${lab.id}/modules`).set(as(outsider)).expect(200);
      expect(asOutsider.body.items[0].sessions).toEqual([
        { ...session, onlineUrl: null, notesDocumentId: null },
      ]);
      expectProblem(await t.http().get(`/api/v1/labs/${randomUUID()}/modules`).set(as(admin)), 404);

      // Moving a module; deleting one keeps its sessions in the lab, without a module.
      const moved = await t
        .http()
        .patch(`/api/v1/lab-modules/${first.id}`)
        .set(as(tutor))
        .send({ position: 40, plannedDays: 2.5, description: 'Rivisto' })
        .expect(200);
      expect(moved.body).toMatchObject({
        position: 40,
        plannedDays: 2.5,
        description: 'Rivisto',
        title: 'Introduzione',
      });
      await t.http().delete(`/api/v1/lab-modules/${first.id}`).set(as(tutor)).expect(204);
      const kept = await t.http().get(`/api/v1/sessions/${session.id}`).set(as(participant)).expect(200);
      expect(kept.body.moduleId).toBeNull();
      expectProblem(await t.http().delete(`/api/v1/lab-modules/${first.id}`).set(as(tutor)), 404);
    });

    it('keeps modules to admins and the lab’s tutors, and refuses bad input storing nothing', async () => {
      const module = (await addModule(tutor, { title: 'Modulo' })).body as LabModuleView;
      const before = await count('lab_modules');
      for (const who of [participant, outsider]) {
        expectProblem(await addModule(who, { title: 'Mio' }), 403);
        expectProblem(
          await t.http().patch(`/api/v1/lab-modules/${module.id}`).set(as(who)).send({ title: 'x' }),
          403,
        );
        expectProblem(await t.http().delete(`/api/v1/lab-modules/${module.id}`).set(as(who)), 403);
      }
      const otherLab = await createLab();
      await enrol(otherLab.id, tutor, 'tutor');
      const stranger = await newMember(t, { role: 'tutor' });
      expectProblem(await addModule(stranger, { title: 'x' }), 403);
      expectProblem(await addModule(admin, { title: 'x' }, randomUUID()), 404);
      expectProblem(
        await t.http().patch(`/api/v1/lab-modules/${randomUUID()}`).set(as(admin)).send({ title: 'x' }),
        404,
      );
      const cases: [Record<string, unknown>, string][] = [
        [{}, 'title'],
        [{ title: '' }, 'title'],
        [{ title: 'x'.repeat(201) }, 'title'],
        [{ title: 'a\u0000b' }, 'title'],
        [{ title: 7 }, 'title'],
        [{ title: 'ok', dimension: 0 }, 'dimension'],
        [{ title: 'ok', dimension: 1.5 }, 'dimension'],
        [{ title: 'ok', position: -1 }, 'position'],
        [{ title: 'ok', plannedDays: -1 }, 'plannedDays'],
        [{ title: 'ok', plannedDays: 1.555 }, 'plannedDays'],
        [{ title: 'ok', plannedDays: '1,5' }, 'plannedDays'],
        [{ title: 'ok', description: 'a\u0000' }, 'description'],
        [{ title: 'ok', expectedDeliverables: ['poster'] }, 'expectedDeliverables'],
        [{ title: 'ok', expectedDeliverables: 'logical_framework' }, 'expectedDeliverables'],
        [{ title: 'ok', sessions: [] }, 'sessions'],
      ];
      for (const [payload, field] of cases) {
        const res = await addModule(admin, payload);
        expectProblem(res, 400);
        expect({ field, errors: (res.body.errors as { field: string }[]).map((e) => e.field) }).toEqual({
          field,
          errors: expect.arrayContaining([field]),
        });
      }
      const badPatch = await t
        .http()
        .patch(`/api/v1/lab-modules/${module.id}`)
        .set(as(admin))
        .send({ title: null });
      expectProblem(badPatch, 400);
      expect(await count('lab_modules')).toBe(before);
    });
  });

  describe('the demo Ambito A lab', () => {
    it('has the structure of the slides: dimensions, days and titles; and sessions past and future', async () => {
      await t.app.get(DemoWorldService).load();
      const counts = async () => [
        await count('lab_modules'),
        await count('lab_sessions'),
        await count('labs'),
      ];
      const loaded = await counts();
      await t.app.get(DemoWorldService).load();
      expect(await counts()).toEqual(loaded);

      const catalogue = await t.http().get('/api/v1/labs?ambito=A&limit=100').set(as(admin)).expect(200);
      const demo = (catalogue.body as Page<LabView>).items.find((l) => l.title === DEMO_LAB.title)!;
      expect(demo).toMatchObject({
        status: 'running',
        regions: ['Calabria', 'Campania', 'Puglia', 'Sicilia'],
      });
      expect(demo.objectives).toContain('Balcani occidentali');
      expect(demo.expectedResults).toContain('Piani strategici definiti');
      const others = await t.http().get('/api/v1/labs?status=open&limit=100').set(as(admin)).expect(200);
      expect(
        (others.body as Page<LabView>).items
          .filter((l) => l.ambito !== 'A')
          .map((l) => l.ambito)
          .sort(),
      ).toEqual(expect.arrayContaining(['B', 'C']));

      const modules = (await t.http().get(`/api/v1/labs/${demo.id}/modules`).set(as(admin)).expect(200)).body
        .items as LabModuleWithSessions[];
      expect(modules.map((m) => [m.dimension, m.plannedDays, m.title])).toEqual([
        [
          1,
          1.5,
          'Introduzione alla metodologia di lavoro e individuazione delle Macroaree di Internazionalizzazione più rilevanti per l’Amministrazione',
        ],
        [1, 1.5, 'Creazione dei Quadri Logici relativi alle macroaree individuate'],
        [1, 1.5, 'Definizione di una proposta di piano strategico di apertura internazionale'],
        [1, 1, 'Evento di chiusura'],
        [
          2,
          5,
          'Comunicazione esterna e interna all’Amministrazione, creazione e gestione partenariati, costruzione di budget e di una proposta progettuale',
        ],
        [3, 1, 'Modelli organizzativi a tendere degli uffici internazionali'],
        [3, 1, 'Analisi dell’assetto organizzativo e ipotesi di miglioramento'],
        [3, 1, 'Azioni di miglioramento organizzativo'],
      ]);
      expect(modules[4].description).toContain('4/5 giornate in presenza');
      expect(modules[1].expectedDeliverables).toEqual(['logical_framework']);

      const sessions = modules.flatMap((m) => m.sessions);
      const now = Date.now();
      expect(sessions.some((s) => Date.parse(s.endsAt) < now)).toBe(true);
      expect(sessions.some((s) => Date.parse(s.startsAt) > now)).toBe(true);
      expect(sessions.some((s) => s.mode === 'in_presence' && s.place === 'Formez PA, Roma')).toBe(true);
      expect(sessions.some((s) => s.mode === 'online' && s.onlineUrl?.startsWith('https://'))).toBe(true);
      expect(sessions.every((s) => s.notesDocumentId)).toBe(true);
    });
  });
});
