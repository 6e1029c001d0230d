import type { LabSessionView, LabView } from '@convergo/contracts';
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import type { Stream } from 'node:stream';
import { DataSource } from 'typeorm';
import { AttendanceService } from '../apps/api/src/modules/attendance/attendance.service';
import { newMember, newOrganization, type TestMember } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';

const HOUR = 3_600_000;

/** The raw body of a file answer. */
const binary = (res: Stream, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

function sheetRows(book: ExcelJS.Workbook, name: string): unknown[][] {
  const sheet = book.getWorksheet(name);
  expect(sheet).toBeDefined();
  const rows: unknown[][] = [];
  sheet!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('attendance exports', () => {
  let t: TestApp;
  let db: DataSource;
  let attendance: AttendanceService;
  let admin: TestMember;
  let tutor: TestMember;
  let anna: TestMember;
  let bruno: TestMember;
  let chiara: TestMember;
  let dario: TestMember;
  let outsider: TestMember;
  let lab: LabView;
  let comune: string;
  let regione: string;
  const title = `Laboratorio Città digitali ${randomUUID().slice(0, 6)}`;

  const as = (m: TestMember) => ({ authorization: `Bearer ${m.accessToken}` });
  const createSession = async (name: string, startsAt: string, hours: number): Promise<LabSessionView> =>
    (
      await t
        .http()
        .post(`/api/v1/labs/${lab.id}/sessions`)
        .set(as(tutor))
        .send({
          title: name,
          mode: 'hybrid',
          startsAt,
          endsAt: new Date(Date.parse(startsAt) + hours * HOUR).toISOString(),
          place: 'Napoli',
        })
        .expect(201)
    ).body as LabSessionView;
  const stay = async (session: LabSessionView, member: TestMember, from: string, to: string) => {
    await attendance.liveStayBegan(session.id, member.id, new Date(from));
    await attendance.liveStayEnded(session.id, member.id, new Date(to));
  };

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    attendance = t.app.get(AttendanceService);
    comune = `Comune di Sant’Anastasia ${randomUUID().slice(0, 4)}`;
    regione = `Regione Lazio ${randomUUID().slice(0, 4)}`;
    const [comuneId, regioneId] = [
      await newOrganization(t, { name: comune, region: 'Campania' }),
      await newOrganization(t, { name: regione, kind: 'regione', region: 'Lazio' }),
    ];
    [admin, tutor, anna, bruno, chiara, dario, outsider] = await Promise.all([
      newMember(t, { role: 'admin' }),
      newMember(t, { role: 'tutor' }),
      newMember(t, { displayName: 'Anna Esposito', organizationId: comuneId }),
      newMember(t, { displayName: 'Bruno Russo', organizationId: comuneId }),
      newMember(t, { displayName: 'Chiara Niccolò', organizationId: regioneId }),
      // A name Excel would run as a formula if the CSV let it.
      newMember(t, { displayName: '=SOMMA(A1:A9)', organizationId: comuneId }),
      newMember(t, { displayName: 'Omar Esterno' }),
    ]);
    lab = (
      await t
        .http()
        .post('/api/v1/labs')
        .set(as(admin))
        .send({ title, ambito: 'A', status: 'running' })
        .expect(201)
    ).body as LabView;
    for (const [member, role] of [
      [tutor, 'tutor'],
      [anna, 'participant'],
      [bruno, 'participant'],
      [chiara, 'participant'],
      [dario, 'participant'],
    ] as const) {
      await t
        .http()
        .put(`/api/v1/labs/${lab.id}/participants/${member.id}`)
        .set(as(admin))
        .send({ role })
        .expect(200);
    }
    // Arrange: enrolled before the sessions below took place.
    await db.query(`UPDATE lab_participants SET created_at = '2025-12-01T00:00:00Z' WHERE lab_id = $1`, [
      lab.id,
    ]);

    // Winter (CET, +1): 10:00–12:00 in Rome.
    const winter = await createSession('Avvio del laboratorio', '2026-01-10T09:00:00Z', 2);
    await stay(winter, anna, '2026-01-10T09:00:00Z', '2026-01-10T10:30:00Z');
    await stay(winter, bruno, '2026-01-10T09:30:00Z', '2026-01-10T11:15:00Z');
    // Summer (CEST, +2): 09:00–11:00 in Rome.
    const summer = await createSession('Quadri logici', '2026-07-15T07:00:00Z', 2);
    await stay(summer, anna, '2026-07-15T06:50:00Z', '2026-07-15T09:10:00Z');
    await t
      .http()
      .put(`/api/v1/sessions/${summer.id}/attendance/${bruno.id}`)
      .set(as(tutor))
      .send({ status: 'present', mode: 'in_presence', minutes: 60 })
      .expect(200);
    await t
      .http()
      .put(`/api/v1/sessions/${summer.id}/attendance/${chiara.id}`)
      .set(as(tutor))
      .send({ status: 'excused', note: 'Missione' })
      .expect(200);
    // Neither a cancelled session nor one still to come is part of the register.
    const cancelled = await createSession('Sessione annullata', '2026-03-01T09:00:00Z', 2);
    await t.http().post(`/api/v1/sessions/${cancelled.id}/cancel`).set(as(tutor)).expect(200);
    await createSession('Sessione futura', new Date(Date.now() + 48 * HOUR).toISOString(), 2);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('exports CSV for Italian Excel: BOM, semicolons, the columns, Rome times, decimal comma', async () => {
    const res = await t
      .http()
      .get(`/api/v1/labs/${lab.id}/attendance.csv`)
      .set(as(tutor))
      .buffer(true)
      .parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="registro-presenze-laboratorio-citta-digitali-[a-z0-9-]+\.csv"$/,
    );
    const body = res.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = body.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('nome;ente;regione;sessione;data;modalità;ingresso;uscita;ore;stato');
    expect(lines).toContain(
      `Anna Esposito;${comune};Campania;Avvio del laboratorio;10/01/2026;A distanza;10:00;11:30;1,50;Presente`,
    );
    // Bruno's stay runs past the end: 10:30–12:00 credited, but the exit is as it happened.
    expect(lines).toContain(
      `Bruno Russo;${comune};Campania;Avvio del laboratorio;10/01/2026;A distanza;10:30;12:15;1,50;Presente`,
    );
    expect(lines).toContain(
      `Chiara Niccolò;${regione};Lazio;Avvio del laboratorio;10/01/2026;;;;0,00;Assente`,
    );
    expect(lines).toContain(
      `Anna Esposito;${comune};Campania;Quadri logici;15/07/2026;A distanza;08:50;11:10;2,00;Presente`,
    );
    expect(lines).toContain(
      `Bruno Russo;${comune};Campania;Quadri logici;15/07/2026;In presenza;;;1,00;Presente`,
    );
    expect(lines).toContain(
      `Chiara Niccolò;${regione};Lazio;Quadri logici;15/07/2026;In presenza;;;0,00;Assente giustificato`,
    );
    expect(lines).toContain(`'=SOMMA(A1:A9);${comune};Campania;Quadri logici;15/07/2026;;;;0,00;Assente`);
    expect(lines).toHaveLength(9);
    expect(body.toString('utf8')).not.toContain('annullata');
    expect(body.toString('utf8')).not.toContain('futura');
  });

  it('exports a workbook whose lines and totals hold the right hours', async () => {
    const res = await t
      .http()
      .get(`/api/v1/labs/${lab.id}/attendance.xlsx`)
      .set(as(admin))
      .buffer(true)
      .parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="registro-presenze-.+\.xlsx"$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as Parameters<typeof book.xlsx.load>[0]);

    const register = sheetRows(book, 'Registro');
    expect(register[0]).toEqual([
      'nome',
      'ente',
      'regione',
      'sessione',
      'data',
      'modalità',
      'ingresso',
      'uscita',
      'ore',
      'stato',
    ]);
    expect(register).toContainEqual([
      'Anna Esposito',
      comune,
      'Campania',
      'Quadri logici',
      '15/07/2026',
      'A distanza',
      '08:50',
      '11:10',
      2,
      'Presente',
    ]);
    expect(register).toHaveLength(9);
    // In the workbook a cell is typed: the name stays a string, never a formula.
    expect(register).toContainEqual([
      '=SOMMA(A1:A9)',
      comune,
      'Campania',
      'Avvio del laboratorio',
      '10/01/2026',
      '',
      '',
      '',
      0,
      'Assente',
    ]);
    expect(book.getWorksheet('Registro')!.getColumn(9).numFmt).toBe('0.00');

    const people = sheetRows(book, 'Per partecipante');
    expect(people[0]).toEqual(['nome', 'ente', 'regione', 'sessioni presenti', 'ore']);
    expect(people.slice(1)).toEqual([
      ['=SOMMA(A1:A9)', comune, 'Campania', 0, 0],
      ['Anna Esposito', comune, 'Campania', 2, 3.5],
      ['Bruno Russo', comune, 'Campania', 2, 2.5],
      ['Chiara Niccolò', regione, 'Lazio', 0, 0],
    ]);
    const administrations = sheetRows(book, 'Per ente');
    expect(administrations.slice(1)).toEqual([
      [comune, 'Campania', 3, 6],
      [regione, 'Lazio', 1, 0],
    ]);
    const regions = sheetRows(book, 'Per regione');
    expect(regions.slice(1)).toEqual([
      ['Campania', 3, 6],
      ['Lazio', 1, 0],
    ]);
  });

  it('keeps the exports from participants and outsiders', async () => {
    for (const member of [anna, outsider]) {
      for (const format of ['csv', 'xlsx']) {
        const res = await t.http().get(`/api/v1/labs/${lab.id}/attendance.${format}`).set(as(member));
        expect(res.status).toBe(403);
        expect(res.headers['content-type']).toContain('application/problem+json');
      }
    }
    const missing = await t.http().get(`/api/v1/labs/${randomUUID()}/attendance.csv`).set(as(admin));
    expect(missing.status).toBe(404);
    const invalid = await t.http().get(`/api/v1/labs/not-a-lab/attendance.xlsx`).set(as(admin));
    expect(invalid.status).toBe(400);
    const anonymous = await t.http().get(`/api/v1/labs/${lab.id}/attendance.csv`);
    expect(anonymous.status).toBe(401);
  });
});
