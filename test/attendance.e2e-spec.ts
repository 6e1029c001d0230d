import type {
  AttendanceChangeView,
  AttendanceRow,
  CheckInCodeView,
  LabSessionView,
  LabView,
  MyAttendanceRow,
  MyAttendanceView,
  SessionAttendanceView,
} from '@convergo/contracts';
import { ATTENDANCE_LIMITS, roomName } from '@convergo/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AttendanceService } from '../apps/api/src/modules/attendance/attendance.service';
import { newMember, newOrganization, type TestMember } from './support/factories';
import { connectSocket, errorCode, type TestSocket } from './support/socket-client';
import { newLiveLab } from './support/live-room';
import { startTestApp, type TestApp } from './support/test-app';

const MIN = 60_000;

describe('attendance register', () => {
  let t: TestApp;
  let db: DataSource;
  let attendance: AttendanceService;
  let admin: TestMember;
  let tutor: TestMember;
  let paola: TestMember;
  let carlo: TestMember;
  let late: TestMember;
  let guesser: TestMember;
  let outsider: TestMember;
  let lab: LabView;
  const sockets: TestSocket[] = [];

  const as = (m: TestMember) => ({ authorization: `Bearer ${m.accessToken}` });
  const expectProblem = (
    res: { status: number; headers: Record<string, string>; body: { code?: string } },
    status: number,
    code?: string,
  ) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    if (code) expect(res.body.code).toBe(code);
  };
  const createSession = async (startsAt: Date, endsAt: Date, mode = 'hybrid'): Promise<LabSessionView> => {
    const res = await t
      .http()
      .post(`/api/v1/labs/${lab.id}/sessions`)
      .set(as(tutor))
      .send({
        title: `Sessione ${randomUUID().slice(0, 8)}`,
        mode,
        startsAt: startsAt.toISOString(),
        endsAt: endsAt.toISOString(),
        place: 'Formez PA, Roma',
      });
    expect(res.status).toBe(201);
    return res.body as LabSessionView;
  };
  const register = async (sessionId: string, actor = tutor): Promise<SessionAttendanceView> =>
    (await t.http().get(`/api/v1/sessions/${sessionId}/attendance`).set(as(actor)).expect(200))
      .body as SessionAttendanceView;
  const rowOf = (view: SessionAttendanceView, member: TestMember): AttendanceRow | undefined =>
    view.items.find((row) => row.member.id === member.id);
  const newCode = async (sessionId: string): Promise<CheckInCodeView> =>
    (await t.http().post(`/api/v1/sessions/${sessionId}/check-in-code`).set(as(tutor)).expect(201))
      .body as CheckInCodeView;

  beforeAll(async () => {
    // The per-member budgets are on here: guessing a check-in code must hit them.
    t = await startTestApp({ env: { RATE_LIMIT_DISABLED: 'false' } });
    db = t.app.get(DataSource);
    attendance = t.app.get(AttendanceService);
    const comune = await newOrganization(t, { name: `Comune di Prova ${randomUUID().slice(0, 6)}` });
    [admin, tutor, paola, carlo, late, guesser, outsider] = await Promise.all([
      newMember(t, { role: 'admin' }),
      newMember(t, { role: 'tutor', displayName: 'Tiziana Tutor' }),
      newMember(t, { displayName: 'Paola Partecipante', organizationId: comune }),
      newMember(t, { displayName: 'Carlo Collega' }),
      newMember(t, { displayName: 'Lucia Ritardataria' }),
      newMember(t, { displayName: 'Gino Indovino' }),
      newMember(t, { displayName: 'Omar Esterno' }),
    ]);
    lab = await newLiveLab(t.baseUrl, admin, { tutors: [tutor], participants: [paola, carlo, guesser] });
    // Arrange: they were enrolled years ago, before every session below.
    await db.query(`UPDATE lab_participants SET created_at = now() - interval '3 years' WHERE lab_id = $1`, [
      lab.id,
    ]);
    // Lucia is enrolled today: after the sessions that already took place.
    await t
      .http()
      .put(`/api/v1/labs/${lab.id}/participants/${late.id}`)
      .set(as(admin))
      .send({ role: 'participant' })
      .expect(200);
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('check-in at the venue', () => {
    let session: LabSessionView;
    beforeAll(async () => {
      session = await createSession(new Date(Date.now() - 30 * MIN), new Date(Date.now() + 90 * MIN));
    });

    it('gives tutors a short code from an unambiguous alphabet, new on every call; others get 403', async () => {
      const first = await newCode(session.id);
      const second = await newCode(session.id);
      for (const view of [first, second]) {
        expect(view.code).toMatch(new RegExp(`^[A-HJ-NP-Z2-9]{${ATTENDANCE_LIMITS.codeLength}}$`));
        expect(view.sessionId).toBe(session.id);
        expect(view.checkInPath).toBe(`/sessioni/${session.id}/check-in?code=${view.code}`);
        const validFor = Date.parse(view.expiresAt) - Date.now();
        expect(validFor).toBeGreaterThan(0);
        expect(validFor).toBeLessThanOrEqual(ATTENDANCE_LIMITS.codeValiditySeconds * 1000);
      }
      expect(second.code).not.toBe(first.code);
      for (const member of [paola, outsider]) {
        const res = await t.http().post(`/api/v1/sessions/${session.id}/check-in-code`).set(as(member));
        expectProblem(res, 403, 'attendance_forbidden');
      }
      const admins = await t.http().post(`/api/v1/sessions/${session.id}/check-in-code`).set(as(admin));
      expect(admins.status).toBe(201);
      const missing = await t.http().post(`/api/v1/sessions/${randomUUID()}/check-in-code`).set(as(tutor));
      expectProblem(missing, 404, 'session_not_found');
    });

    it('checks a participant in with a valid code (in presence), idempotently, and out again', async () => {
      const tutorSocket = await connectSocket(t.baseUrl, tutor.accessToken);
      sockets.push(tutorSocket);
      expect(await tutorSocket.subscribe({ room: roomName('attendance', session.id) })).toEqual({ ok: true });
      const older = await newCode(session.id);
      await newCode(session.id);
      // The previous code (the QR rotated meanwhile) is still accepted until it expires.
      const res = await t
        .http()
        .post(`/api/v1/sessions/${session.id}/check-in`)
        .set(as(paola))
        .send({ code: ` ${older.code.toLowerCase()} ` });
      expect(res.status).toBe(201);
      const row = res.body as MyAttendanceRow;
      expect(row).toMatchObject({
        sessionId: session.id,
        labId: lab.id,
        mode: 'in_presence',
        status: 'present',
        confirmed: false,
      });
      expect(row.intervals).toHaveLength(1);
      expect(row.intervals[0].to).toBeNull();

      const again = await t
        .http()
        .post(`/api/v1/sessions/${session.id}/check-in`)
        .set(as(paola))
        .send({ code: older.code });
      expect(again.status).toBe(200);
      expect((again.body as MyAttendanceRow).intervals).toHaveLength(1);

      const event = await tutorSocket.waitFor((e) => e.type === 'attendance.updated');
      expect(event.room).toBe(roomName('attendance', session.id));
      expect(event.data).toMatchObject({
        sessionId: session.id,
        memberId: paola.id,
        confirmed: false,
        row: { member: { id: paola.id }, mode: 'in_presence', source: 'check_in' },
      });

      const view = await register(session.id);
      expect(rowOf(view, paola)).toMatchObject({
        mode: 'in_presence',
        source: 'check_in',
        status: 'present',
      });
      expect(rowOf(view, paola)!.organization?.name).toContain('Comune di Prova');

      const out = await t.http().post(`/api/v1/sessions/${session.id}/check-out`).set(as(paola));
      expect(out.status).toBe(200);
      expect((out.body as MyAttendanceRow).intervals[0].to).not.toBeNull();
      const twice = await t.http().post(`/api/v1/sessions/${session.id}/check-out`).set(as(paola));
      expectProblem(twice, 409, 'attendance_not_checked_in');

      // Back from the coffee break: a new stay at the venue.
      const back = await t
        .http()
        .post(`/api/v1/sessions/${session.id}/check-in`)
        .set(as(paola))
        .send({ code: (await newCode(session.id)).code });
      expect(back.status).toBe(201);
      const stays = (await db.query(
        `SELECT ended_at FROM attendance_intervals WHERE session_id = $1 AND member_id = $2 ORDER BY started_at`,
        [session.id, paola.id],
      )) as { ended_at: Date | null }[];
      expect(stays.map((stay) => stay.ended_at === null)).toEqual([false, true]);
      await t.http().post(`/api/v1/sessions/${session.id}/check-out`).set(as(paola)).expect(200);
    });

    it('refuses a wrong or expired code, outsiders and tutors, and hostile input', async () => {
      const wrong = await t
        .http()
        .post(`/api/v1/sessions/${session.id}/check-in`)
        .set(as(carlo))
        .send({ code: 'ZZZZZZ' });
      expectProblem(wrong, 422, 'check_in_code_invalid');
      expect((wrong.body as { detail: string }).detail).toContain('codice');

      const expired = await newCode(session.id);
      // Arrange: the code's minute has passed.
      await db.query(
        `UPDATE attendance_check_in_codes SET expires_at = now() - interval '1 second' WHERE code = $1`,
        [expired.code],
      );
      const late = await t
        .http()
        .post(`/api/v1/sessions/${session.id}/check-in`)
        .set(as(carlo))
        .send({ code: expired.code });
      expectProblem(late, 422, 'check_in_code_invalid');

      const valid = await newCode(session.id);
      const outsiders = await t
        .http()
        .post(`/api/v1/sessions/${session.id}/check-in`)
        .set(as(outsider))
        .send({ code: valid.code });
      expectProblem(outsiders, 403, 'attendance_check_in_forbidden');

      for (const body of [
        {},
        { code: 123456 },
        { code: ['ABCDEF'] },
        { code: '' },
        { code: 'A'.repeat(10_000) },
        { code: 'AB\u0000CD' },
        { code: 'AB\ud800CD' },
        { code: valid.code, extra: true },
      ]) {
        const res = await t.http().post(`/api/v1/sessions/${session.id}/check-in`).set(as(carlo)).send(body);
        expectProblem(res, 400);
      }
      for (const path of ['check-in-code', 'check-out', 'attendance/confirm']) {
        const res = await t.http().post(`/api/v1/sessions/${session.id}x/${path}`).set(as(tutor));
        expectProblem(res, 400);
      }
      const badId = await t
        .http()
        .post(`/api/v1/sessions/not-a-uuid/check-in`)
        .set(as(carlo))
        .send({ code: 'X' });
      expectProblem(badId, 400);
      const rows = (await db.query(
        `SELECT 1 FROM attendance_intervals WHERE session_id = $1 AND member_id = ANY($2::uuid[])`,
        [session.id, [carlo.id, outsider.id]],
      )) as unknown[];
      expect(rows).toHaveLength(0);
    });

    it('rate-limits guessing: after the per-minute budget even the right code is refused with 429', async () => {
      for (let i = 0; i < ATTENDANCE_LIMITS.checkInsPerMinute; i += 1) {
        const res = await t
          .http()
          .post(`/api/v1/sessions/${session.id}/check-in`)
          .set(as(guesser))
          .send({ code: `GUES${String(i).padStart(2, '2')}` });
        expectProblem(res, 422, 'check_in_code_invalid');
      }
      const valid = await newCode(session.id);
      const res = await t
        .http()
        .post(`/api/v1/sessions/${session.id}/check-in`)
        .set(as(guesser))
        .send({ code: valid.code });
      expectProblem(res, 429, 'rate_limited');
    });

    it('refuses check-in once the session is ended, whose open stays are closed then', async () => {
      const live = await createSession(new Date(Date.now() - 10 * MIN), new Date(Date.now() + 50 * MIN));
      await t.http().patch(`/api/v1/sessions/${live.id}`).set(as(tutor)).send({ status: 'live' }).expect(200);
      const code = await newCode(live.id);
      await t
        .http()
        .post(`/api/v1/sessions/${live.id}/check-in`)
        .set(as(carlo))
        .send({ code: code.code })
        .expect(201);
      await attendance.liveStayBegan(live.id, paola.id, new Date());
      await t
        .http()
        .patch(`/api/v1/sessions/${live.id}`)
        .set(as(tutor))
        .send({ status: 'ended' })
        .expect(200);
      const open = (await db.query(
        `SELECT 1 FROM attendance_intervals WHERE session_id = $1 AND ended_at IS NULL`,
        [live.id],
      )) as unknown[];
      expect(open).toHaveLength(0);
      const view = await register(live.id);
      expect(rowOf(view, carlo)!.intervals[0].to).not.toBeNull();
      expect(rowOf(view, paola)!.intervals[0].to).not.toBeNull();
      const refused = await t.http().post(`/api/v1/sessions/${live.id}/check-in-code`).set(as(tutor));
      expectProblem(refused, 409, 'attendance_session_not_open');
    });
  });

  describe('the register', () => {
    // A session that took place on 10 January 2026, 10:00–12:00 in Rome.
    const T0 = new Date('2026-01-10T09:00:00Z');
    const at = (minutes: number) => new Date(T0.getTime() + minutes * MIN);
    let session: LabSessionView;

    beforeAll(async () => {
      session = await createSession(T0, at(120));
    });

    it('credits the union of live stays clipped to the session, once for tabs and reconnects', async () => {
      const tutorSocket = await connectSocket(t.baseUrl, tutor.accessToken);
      sockets.push(tutorSocket);
      expect(await tutorSocket.subscribe({ room: roomName('attendance', session.id) })).toEqual({ ok: true });

      await attendance.liveStayBegan(session.id, paola.id, at(-10));
      await attendance.liveStayBegan(session.id, paola.id, at(-5)); // a second tab: nothing new
      await attendance.liveStayEnded(session.id, paola.id, at(30));
      await attendance.liveStayEnded(session.id, paola.id, at(31)); // already closed: nothing
      await attendance.liveStayBegan(session.id, paola.id, at(60));
      await attendance.liveStayEnded(session.id, paola.id, at(180));
      // A stale connection found dead with a heartbeat before its start closes at its start.
      await attendance.liveStayBegan(session.id, carlo.id, at(100));
      await attendance.liveStayEnded(session.id, carlo.id, at(90));

      const stored = (await db.query(
        `SELECT started_at, ended_at FROM attendance_intervals WHERE session_id = $1 AND member_id = $2
          ORDER BY started_at`,
        [session.id, paola.id],
      )) as { started_at: Date; ended_at: Date }[];
      expect(stored.map((row) => [row.started_at.toISOString(), row.ended_at.toISOString()])).toEqual([
        [at(-10).toISOString(), at(30).toISOString()],
        [at(60).toISOString(), at(180).toISOString()],
      ]);

      let view = await register(session.id);
      // 10:00–10:30 and 11:00–12:00 (the stays before and after the session do not count).
      expect(rowOf(view, paola)).toMatchObject({
        minutes: 90,
        seconds: 5400,
        mode: 'remote',
        source: 'live',
      });
      expect(rowOf(view, carlo)).toMatchObject({ minutes: 0, seconds: 0 });

      // Arrange: she was also checked in at the venue 10:20–11:10 (overlapping both stays).
      await db.query(
        `INSERT INTO attendance_intervals (session_id, member_id, mode, source, started_at, ended_at)
         VALUES ($1, $2, 'in_presence', 'check_in', $3, $4)`,
        [session.id, paola.id, at(20), at(70)],
      );
      view = await register(session.id);
      expect(rowOf(view, paola)).toMatchObject({
        minutes: 120,
        seconds: 7200,
        mode: 'in_presence',
        source: 'check_in',
        intervals: [{ from: at(-10).toISOString(), to: at(180).toISOString() }],
      });

      const event = await tutorSocket.waitFor(
        (e) => e.type === 'attendance.updated' && (e.data as { memberId: string }).memberId === carlo.id,
      );
      expect(event.room).toBe(roomName('attendance', session.id));
      expect(event.data).toMatchObject({ sessionId: session.id, confirmed: false });
    });

    it('lists as absent only participants enrolled when the session took place', async () => {
      const view = await register(session.id);
      const absent = view.absentees.map((member) => member.id);
      expect(absent).toContain(guesser.id);
      expect(absent).not.toContain(late.id);
      expect(absent).not.toContain(paola.id);
      expect(absent).not.toContain(tutor.id);
      expect(view.items.map((row) => row.member.id)).not.toContain(late.id);
    });

    it('keeps the register from participants and outsiders; only its tutors and admins read it or its room', async () => {
      for (const member of [paola, outsider]) {
        const res = await t.http().get(`/api/v1/sessions/${session.id}/attendance`).set(as(member));
        expectProblem(res, 403, 'attendance_forbidden');
        const log = await t.http().get(`/api/v1/sessions/${session.id}/attendance/log`).set(as(member));
        expectProblem(log, 403);
        const put = await t
          .http()
          .put(`/api/v1/sessions/${session.id}/attendance/${paola.id}`)
          .set(as(member))
          .send({ status: 'present', minutes: 120 });
        expectProblem(put, 403);
        const socket = await connectSocket(t.baseUrl, member.accessToken);
        sockets.push(socket);
        expect(errorCode(await socket.subscribe({ room: roomName('attendance', session.id) }))).toBe(
          'forbidden',
        );
      }
      expect((await register(session.id, admin)).sessionId).toBe(session.id);
    });

    it('takes the tutor’s correction, checked: participants only, minutes within the session', async () => {
      const res = await t
        .http()
        .put(`/api/v1/sessions/${session.id}/attendance/${guesser.id}`)
        .set(as(tutor))
        .send({ status: 'excused', note: 'Certificato medico' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        status: 'excused',
        source: 'tutor',
        minutes: 0,
        note: 'Certificato medico',
        member: { id: guesser.id },
      });
      const present = await t
        .http()
        .put(`/api/v1/sessions/${session.id}/attendance/${carlo.id}`)
        .set(as(tutor))
        .send({ status: 'present', mode: 'in_presence', minutes: 95 });
      expect(present.status).toBe(200);
      expect(present.body).toMatchObject({
        minutes: 95,
        seconds: 5700,
        mode: 'in_presence',
        source: 'tutor',
      });
      const view = await register(session.id);
      expect(view.absentees.map((member) => member.id)).not.toContain(guesser.id);
      expect(rowOf(view, guesser)?.status).toBe('excused');

      for (const memberId of [randomUUID(), outsider.id, tutor.id]) {
        const res = await t
          .http()
          .put(`/api/v1/sessions/${session.id}/attendance/${memberId}`)
          .set(as(tutor))
          .send({ status: 'present' });
        expectProblem(res, 404, 'attendance_member_not_participant');
      }
      const notUuid = await t
        .http()
        .put(`/api/v1/sessions/${session.id}/attendance/nobody`)
        .set(as(tutor))
        .send({ status: 'present' });
      expectProblem(notUuid, 400);
      for (const body of [
        { status: 'present', minutes: 121 },
        { status: 'absent', minutes: 30 },
        { status: 'present', minutes: null },
        { status: 'present', mode: null },
        { status: null },
        { status: 'present', minutes: 1e12 },
        { status: 'present', minutes: -1 },
        { status: 'present', minutes: 1.5 },
        { status: 'present', minutes: '60' },
        { status: 'late' },
        { status: 'present', mode: 'teleport' },
        {},
        { status: 'present', note: 'a\u0000b' },
        { status: 'present', note: 'a\ud800b' },
        { status: 'present', note: '   ' },
        { status: 'present', note: 'x'.repeat(ATTENDANCE_LIMITS.note + 1) },
        { status: 'present', note: 42 },
        { status: 'present', memberId: outsider.id },
      ]) {
        const res = await t
          .http()
          .put(`/api/v1/sessions/${session.id}/attendance/${carlo.id}`)
          .set(as(tutor))
          .send(body);
        expectProblem(res, 400);
      }
      expect(rowOf(await register(session.id), carlo)).toMatchObject({ minutes: 95 });
    });

    it('confirms once, freezes the rows, and logs later changes with their note', async () => {
      const confirm = await t.http().post(`/api/v1/sessions/${session.id}/attendance/confirm`).set(as(tutor));
      expect(confirm.status).toBe(200);
      expect(confirm.body).toMatchObject({
        sessionId: session.id,
        confirmed: true,
        confirmedBy: { id: tutor.id, displayName: 'Tiziana Tutor' },
      });
      const again = await t.http().post(`/api/v1/sessions/${session.id}/attendance/confirm`).set(as(tutor));
      expectProblem(again, 409, 'attendance_already_confirmed');
      const participants = await t
        .http()
        .post(`/api/v1/sessions/${session.id}/attendance/confirm`)
        .set(as(paola));
      expectProblem(participants, 403);

      // A stay reported late (a crashed process swept afterwards) does not change a signed register.
      await attendance.liveStayBegan(session.id, late.id, at(10));
      await attendance.liveStayEnded(session.id, late.id, at(50));
      let view = await register(session.id);
      expect(view).toMatchObject({ confirmed: true, confirmedBy: { id: tutor.id } });
      expect(rowOf(view, paola)).toMatchObject({ minutes: 120, source: 'check_in' });
      expect(rowOf(view, late)).toBeUndefined();

      const noNote = await t
        .http()
        .put(`/api/v1/sessions/${session.id}/attendance/${paola.id}`)
        .set(as(tutor))
        .send({ status: 'present', minutes: 100 });
      expectProblem(noNote, 400, 'attendance_note_required');
      const withNote = await t
        .http()
        .put(`/api/v1/sessions/${session.id}/attendance/${paola.id}`)
        .set(as(tutor))
        .send({ status: 'present', minutes: 100, note: 'Uscita anticipata segnalata dall’ente' });
      expect(withNote.status).toBe(200);
      expect(withNote.body).toMatchObject({ minutes: 100, source: 'tutor' });
      const fromAbsent = await t
        .http()
        .put(`/api/v1/sessions/${session.id}/attendance/${late.id}`)
        .set(as(tutor))
        .send({ status: 'present', note: 'Collegata dal telefono' });
      expect(fromAbsent.status).toBe(200);

      const log = (
        await t.http().get(`/api/v1/sessions/${session.id}/attendance/log`).set(as(tutor)).expect(200)
      ).body as { items: AttendanceChangeView[] };
      expect(log.items).toHaveLength(2);
      expect(log.items[0]).toMatchObject({
        sessionId: session.id,
        member: { id: paola.id },
        changedBy: { id: tutor.id },
        before: { status: 'present', mode: 'in_presence', minutes: 120 },
        after: { status: 'present', mode: 'in_presence', minutes: 100 },
        note: 'Uscita anticipata segnalata dall’ente',
      });
      expect(log.items[1]).toMatchObject({
        member: { id: late.id },
        before: null,
        after: { status: 'present' },
      });
      view = await register(session.id);
      expect(rowOf(view, paola)?.minutes).toBe(100);
    });

    it('refuses to confirm a session that has not started', async () => {
      const future = await createSession(
        new Date(Date.now() + 24 * 60 * MIN),
        new Date(Date.now() + 25 * 60 * MIN),
      );
      const res = await t.http().post(`/api/v1/sessions/${future.id}/attendance/confirm`).set(as(tutor));
      expectProblem(res, 409, 'attendance_session_not_started');
      expect((await register(future.id)).absentees).toEqual([]);
    });
  });

  describe('my attendance', () => {
    it('shows the asker’s own rows and hours per lab, nobody else’s', async () => {
      const mine = (await t.http().get('/api/v1/me/attendance').set(as(paola)).expect(200))
        .body as MyAttendanceView;
      const ours = mine.labs.find((entry) => entry.labId === lab.id)!;
      expect(ours.labTitle).toBe(lab.title);
      const january = ours.sessions.find((row) => row.startsAt === '2026-01-10T09:00:00.000Z');
      expect(january).toMatchObject({ minutes: 100, status: 'present', confirmed: true });
      // Only sessions that began and were not cancelled: the one still to come is not listed.
      expect(ours.sessions).toHaveLength(3);
      // 100 minutes in January, and a few seconds at the venue and in the room today.
      expect(ours.hours).toBeCloseTo(100 / 60, 1);

      const carlos = (await t.http().get('/api/v1/me/attendance').set(as(carlo)).expect(200))
        .body as MyAttendanceView;
      const carloLab = carlos.labs.find((entry) => entry.labId === lab.id)!;
      expect(carloLab.sessions.find((row) => row.startsAt === '2026-01-10T09:00:00.000Z')).toMatchObject({
        minutes: 95,
        mode: 'in_presence',
      });
      expect(carloLab.hours).toBeCloseTo(95 / 60, 1);
      // He never made it to the venue in the first session of today.
      expect(carloLab.sessions.filter((row) => row.status === 'absent')).toHaveLength(1);

      const lates = (await t.http().get('/api/v1/me/attendance').set(as(late)).expect(200))
        .body as MyAttendanceView;
      const lateLab = lates.labs.find((entry) => entry.labId === lab.id)!;
      // Enrolled after the sessions began: only the one the tutor marked is hers.
      expect(lateLab.sessions.map((row) => row.startsAt)).toEqual(['2026-01-10T09:00:00.000Z']);

      const outsiders = (await t.http().get('/api/v1/me/attendance').set(as(outsider)).expect(200))
        .body as MyAttendanceView;
      expect(outsiders.labs).toEqual([]);
    });
  });
});
