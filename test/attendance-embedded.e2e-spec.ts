import type { CheckInCodeView, LabSessionView, LabView, SessionAttendanceView } from '@convergo/contracts';
import { AttendanceService } from '../apps/api/src/modules/attendance/attendance.service';
import { newMember, type TestMember } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';

/** The attendance register on the embedded database (PGlite, one connection). */
describe('attendance on the embedded database', () => {
  let t: TestApp;
  let admin: TestMember;
  let tutor: TestMember;
  let paola: TestMember;
  const as = (m: TestMember) => ({ authorization: `Bearer ${m.accessToken}` });

  beforeAll(async () => {
    t = await startTestApp({ embedded: true });
    [admin, tutor, paola] = [await newMember(t, { role: 'admin' }), await newMember(t), await newMember(t)];
    // PGlite runs every migration on one connection: slow on a busy 2-core machine.
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  it('checks in, records live stays, confirms and logs a change', async () => {
    const lab = (
      await t
        .http()
        .post('/api/v1/labs')
        .set(as(admin))
        .send({ title: 'Laboratorio presenze', ambito: 'A', status: 'running' })
        .expect(201)
    ).body as LabView;
    for (const [member, role] of [
      [tutor, 'tutor'],
      [paola, 'participant'],
    ] as const) {
      await t
        .http()
        .put(`/api/v1/labs/${lab.id}/participants/${member.id}`)
        .set(as(admin))
        .send({ role })
        .expect(200);
    }
    const startsAt = new Date(Date.now() - 60 * 60_000);
    const session = (
      await t
        .http()
        .post(`/api/v1/labs/${lab.id}/sessions`)
        .set(as(tutor))
        .send({
          title: 'Sessione ibrida',
          mode: 'hybrid',
          startsAt: startsAt.toISOString(),
          endsAt: new Date(Date.now() + 60 * 60_000).toISOString(),
        })
        .expect(201)
    ).body as LabSessionView;

    const service = t.app.get(AttendanceService);
    await service.liveStayBegan(session.id, paola.id, startsAt);
    await service.liveStayBegan(session.id, paola.id, startsAt);
    await service.liveStayEnded(session.id, paola.id, new Date(startsAt.getTime() + 30 * 60_000));
    const code = (
      await t.http().post(`/api/v1/sessions/${session.id}/check-in-code`).set(as(tutor)).expect(201)
    ).body as CheckInCodeView;
    await t
      .http()
      .post(`/api/v1/sessions/${session.id}/check-in`)
      .set(as(paola))
      .send({ code: code.code })
      .expect(201);
    await t
      .http()
      .post(`/api/v1/sessions/${session.id}/check-in`)
      .set(as(paola))
      .send({ code: code.code })
      .expect(200);
    await t.http().post(`/api/v1/sessions/${session.id}/check-out`).set(as(paola)).expect(200);

    const view = (await t.http().get(`/api/v1/sessions/${session.id}/attendance`).set(as(tutor)).expect(200))
      .body as SessionAttendanceView;
    expect(view.items).toHaveLength(1);
    expect(view.items[0]).toMatchObject({
      member: { id: paola.id },
      mode: 'in_presence',
      source: 'check_in',
    });
    expect(view.items[0].minutes).toBeGreaterThanOrEqual(30);

    await t.http().post(`/api/v1/sessions/${session.id}/attendance/confirm`).set(as(tutor)).expect(200);
    await t
      .http()
      .put(`/api/v1/sessions/${session.id}/attendance/${paola.id}`)
      .set(as(tutor))
      .send({ status: 'present', minutes: 45, note: 'Orario verificato sul foglio firme' })
      .expect(200);
    const log = await t
      .http()
      .get(`/api/v1/sessions/${session.id}/attendance/log`)
      .set(as(tutor))
      .expect(200);
    expect(log.body).toMatchObject({ items: [{ member: { id: paola.id }, after: { minutes: 45 } }] });
  });
});
