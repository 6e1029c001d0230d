import type { ComputedIndicator, IndicatorCode, ProgrammeIndicatorsView } from '@convergo/contracts';
import { INDICATORS_CSV_COLUMNS } from '@convergo/contracts';
import { parse } from 'csv-parse/sync';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { newMember, newOrganization, type TestMember } from './support/factories';
import { connectSocket, type TestSocket } from './support/socket-client';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Hand-computed fixture (programme P; "other" rows belong to no programme or another one):
 *
 * | row                       | what                                                    | counted in P              |
 * |---------------------------|---------------------------------------------------------|---------------------------|
 * | orgs                      | A comune Campania(15), B provincia Lombardia(03),       |                           |
 * |                           | C regione Sicilia(19), D comune Toscana(09), E Puglia   |                           |
 * | lab L1 (ambito A, P)      | m1(A), m2(B), m5(A) participants; t1(D) tutor           | enrolled m1 m2 m5         |
 * | lab L2 (ambito B, P)      | m3(A) participant                                       | enrolled m3               |
 * | lab L3 (no programme)     | m4(E) participant                                       | —                         |
 * | twinning T1 2010-03-10    | concluso, D → A                                         | yes                       |
 * | twinning T2 2012-06-01    | candidatura, B → C                                      | yes                       |
 * | twinning T3 2014-01-15    | in_corso, D → C                                         | yes                       |
 * | twinning T4 2011-01-01    | concluso, E → D, no programme                           | —                         |
 * | session S1 2026-03-15 (L1)| confirmed: m1 present in_presence 7200 s,               | 2.0 h + 1.5 h             |
 * |                           | m2 present remote 5400 s, m5 absent                     |                           |
 * | session S2 2026-05-31T22:30Z (L2) = 1 June, Rome | confirmed: m3 present remote 3600 s | 1.0 h, month 2026-06 |
 * | session S3 2026-04-10 (L1)| NOT confirmed: m1 present 36000 s                       | nothing                   |
 * | session S5 (L3)           | confirmed: m4 present 7200 s                            | —                         |
 * | practices                 | Pr1 published (turismo, cultura), Pr2 published         | 2; turismo 2, cultura 1   |
 * |                           | (turismo), Pr3 proposed (turismo)                       |                           |
 *
 * Whole period: iniziative 3 (candidatura 1, in_corso 1, concluso 1), gemellaggi-conclusi 1,
 * start-up-progetti 1, amministrazioni-coinvolte = {A,B} (labs) ∪ {D,A,B,C} (twinnings) = 4
 * (A counted once): regione 03:1 09:1 15:1 19:1; tipo comune 2, provincia 1, regione 1;
 * convergenza 2 (A, C), altre 2. funzionari-iscritti 4 (m1 m2 m3 m5), funzionari-formati 3 (m5
 * absent). ore-formazione 16200 s = 4.5: in_presence 2.0, remote 2.5; mese 2026-03 3.5,
 * 2026-04 0, 2026-05 0, 2026-06 1.0; regione 15 (m1 + m3) 3.0, 03 (m2) 1.5.
 * laboratori-per-ambito 2 (A 1, B 1). No economic operators: `operatori-economici` absent.
 *
 * Period 2013-01-01..2014-12-31: T3 only → iniziative 1, conclusi 0, start-up 0,
 * amministrazioni {D, C} = 2; enrolments, sessions and labs (2026 / now) fall outside: 0.
 */
describe('programme indicators (e2e)', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: TestMember;
  let member: TestMember;
  let programmeId: string;
  let liveSessionId: string;
  let orgs: Record<'A' | 'B' | 'D', string>;
  let publishedPracticeId: string;
  let proposedPracticeId: string;
  let labs: Record<'L1' | 'L2', string>;
  const as = (who: TestMember) => ({ Authorization: `Bearer ${who.accessToken}` });

  async function one<T = { id: string }>(sql: string, params: unknown[]): Promise<T> {
    const [row] = (await db.query(sql, params)) as T[];
    return row;
  }
  const lab = (title: string, ambito: string, programme: string | null) =>
    one(
      `INSERT INTO labs (programme_id, title, ambito, status) VALUES ($1, $2, $3, 'running') RETURNING id`,
      [programme, title, ambito],
    );
  const participant = (labId: string, memberId: string, role = 'participant') =>
    db.query(`INSERT INTO lab_participants (lab_id, member_id, role) VALUES ($1, $2, $3)`, [
      labId,
      memberId,
      role,
    ]);
  const session = (labId: string, startsAt: string) =>
    one(
      `INSERT INTO lab_sessions (lab_id, title, mode, starts_at, ends_at, status)
       VALUES ($1, 'Sessione', 'hybrid', $2::timestamptz, $2::timestamptz + interval '3 hours', 'ended') RETURNING id`,
      [labId, startsAt],
    );
  const entry = (sessionId: string, memberId: string, status: string, mode: string, seconds: number) =>
    db.query(
      `INSERT INTO attendance_entries (session_id, member_id, status, mode, seconds, source)
       VALUES ($1, $2, $3, $4, $5, 'tutor')`,
      [sessionId, memberId, status, mode, seconds],
    );
  const confirm = (sessionId: string) =>
    db.query(`INSERT INTO attendance_confirmations (session_id) VALUES ($1)`, [sessionId]);
  const twinning = (
    title: string,
    status: string,
    offering: string,
    receiving: string,
    at: string,
    prog: string | null,
  ) =>
    one(
      `WITH t AS (
         INSERT INTO twinnings (title, practice_title, offering_organization_id, status, created_at, programme_id)
         VALUES ($1, $1, $2, $4, $5, $6) RETURNING id)
       INSERT INTO twinning_receiving_organizations (twinning_id, organization_id) SELECT id, $3 FROM t RETURNING twinning_id AS id`,
      [title, offering, receiving, status, at, prog],
    );
  const practice = async (title: string, status: string, offering: string, themes: string[]) => {
    const { id } = await one(
      `INSERT INTO practices (title, summary, offering_organization_id, status, published_at, programme_id)
       VALUES ($1, 'Sintesi', $2, $3, CASE WHEN $3 = 'published' THEN now() END, $4) RETURNING id`,
      [title, offering, status, programmeId],
    );
    for (const theme of themes)
      await db.query(`INSERT INTO practice_theme_links (practice_id, theme_code) VALUES ($1, $2)`, [
        id,
        theme,
      ]);
    return id;
  };

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    admin = await newMember(t, { role: 'admin' });
    member = await newMember(t, { role: 'member' });
    const suffix = randomBytes(3).toString('hex');
    programmeId = (
      await one(`INSERT INTO programmes (code, name) VALUES ($1, 'Programma di prova') RETURNING id`, [
        `prova-${suffix}`,
      ])
    ).id;
    const other = (
      await one(`INSERT INTO programmes (code, name) VALUES ($1, 'Altro programma') RETURNING id`, [
        `altro-${suffix}`,
      ])
    ).id;
    const A = await newOrganization(t, { name: `Comune A ${suffix}`, kind: 'comune', region: 'Campania' });
    const B = await newOrganization(t, {
      name: `Provincia B ${suffix}`,
      kind: 'provincia',
      region: 'Lombardia',
    });
    const C = await newOrganization(t, { name: `Regione C ${suffix}`, kind: 'regione', region: 'Sicilia' });
    const D = await newOrganization(t, { name: `Comune D ${suffix}`, kind: 'comune', region: 'Toscana' });
    const E = await newOrganization(t, { name: `Comune E ${suffix}`, kind: 'comune', region: 'Puglia' });
    orgs = { A, B, D };
    const [m1, m2, m3, m4, m5] = await Promise.all(
      [A, B, A, E, A].map((org) => newMember(t, { organizationId: org })),
    );
    const t1 = await newMember(t, { role: 'tutor', organizationId: D });

    const L1 = (await lab(`L1 ${suffix}`, 'A', programmeId)).id;
    const L2 = (await lab(`L2 ${suffix}`, 'B', programmeId)).id;
    const L3 = (await lab(`L3 ${suffix}`, 'C', other)).id;
    labs = { L1, L2 };
    for (const m of [m1, m2, m5]) await participant(L1, m.id);
    await participant(L1, t1.id, 'tutor');
    await participant(L2, m3.id);
    await participant(L3, m4.id);

    await twinning(`T1 ${suffix}`, 'concluso', D, A, '2010-03-10T10:00:00Z', programmeId);
    await twinning(`T2 ${suffix}`, 'candidatura', B, C, '2012-06-01T10:00:00Z', programmeId);
    await twinning(`T3 ${suffix}`, 'in_corso', D, C, '2014-01-15T10:00:00Z', programmeId);
    await twinning(`T4 ${suffix}`, 'concluso', E, D, '2011-01-01T10:00:00Z', null);

    const S1 = (await session(L1, '2026-03-15T10:00:00Z')).id;
    await entry(S1, m1.id, 'present', 'in_presence', 7200);
    await entry(S1, m2.id, 'present', 'remote', 5400);
    await entry(S1, m5.id, 'absent', 'remote', 0);
    await confirm(S1);
    const S2 = (await session(L2, '2026-05-31T22:30:00Z')).id;
    await entry(S2, m3.id, 'present', 'remote', 3600);
    await confirm(S2);
    const S3 = (await session(L1, '2026-04-10T08:00:00Z')).id;
    await entry(S3, m1.id, 'present', 'in_presence', 36000);
    const S5 = (await session(L3, '2026-03-20T08:00:00Z')).id;
    await entry(S5, m4.id, 'present', 'in_presence', 7200);
    await confirm(S5);
    // Started an hour ago, unconfirmed: the live test confirms it through the API (m1 stayed half an hour; it adds nothing until then).
    liveSessionId = (await session(L1, new Date(Date.now() - 3_600_000).toISOString())).id;
    await entry(liveSessionId, m1.id, 'present', 'in_presence', 1800);

    publishedPracticeId = await practice(`Pr1 ${suffix}`, 'published', D, ['turismo', 'cultura']);
    await practice(`Pr2 ${suffix}`, 'published', D, ['turismo']);
    proposedPracticeId = await practice(`Pr3 ${suffix}`, 'proposed', D, ['turismo']);
  });

  afterAll(async () => {
    await t?.close();
  });

  const get = (who: TestMember, query = '') =>
    t.http().get(`/api/v1/programmes/${programmeId}/indicators${query}`).set(as(who));
  const byCode = (view: ProgrammeIndicatorsView) =>
    new Map<IndicatorCode, ComputedIndicator>(view.computed.map((i) => [i.code, i]));
  const items = (indicator: ComputedIndicator | undefined, dimension: string) =>
    Object.fromEntries(
      (indicator?.breakdown ?? [])
        .find((b) => b.dimension === dimension)
        ?.items.map((i) => [i.key, i.value]) ?? [],
    );

  it('computes every indicator of the fixture for an admin, with breakdowns', async () => {
    const res = await get(admin).expect(200);
    const view = res.body as ProgrammeIndicatorsView;
    expect(view).toMatchObject({
      programmeId,
      programmeName: 'Programma di prova',
      period: { from: null, to: null },
    });
    const c = byCode(view);
    expect(Object.fromEntries(view.computed.map((i) => [i.code, i.value]))).toEqual({
      iniziative: 3,
      'gemellaggi-conclusi': 1,
      'start-up-progetti': 1,
      'gemellaggi-per-stato': 3,
      'amministrazioni-coinvolte': 4,
      'funzionari-iscritti': 4,
      'funzionari-formati': 3,
      'ore-formazione': 4.5,
      'laboratori-per-ambito': 2,
      'buone-pratiche-per-tema': 2,
    });
    expect(c.get('ore-formazione')?.unit).toBe('ore');
    expect(items(c.get('gemellaggi-per-stato'), 'stato')).toEqual({
      candidatura: 1,
      in_corso: 1,
      concluso: 1,
    });
    const admins = c.get('amministrazioni-coinvolte');
    expect(items(admins, 'regione')).toEqual({ '03': 1, '09': 1, '15': 1, '19': 1 });
    expect(
      admins?.breakdown?.find((b) => b.dimension === 'regione')?.items.find((i) => i.key === '15')?.label,
    ).toBe('Campania');
    expect(items(admins, 'tipo')).toEqual({ comune: 2, provincia: 1, regione: 1 });
    expect(items(admins, 'convergenza')).toEqual({ convergenza: 2, altre: 2 });
    const hours = c.get('ore-formazione');
    expect(items(hours, 'modalita')).toEqual({ in_presence: 2, remote: 2.5 });
    const months = hours?.breakdown?.find((b) => b.dimension === 'mese')?.items ?? [];
    expect(months.map((m) => [m.key, m.value])).toEqual([
      ['2026-03', 3.5],
      ['2026-04', 0],
      ['2026-05', 0],
      ['2026-06', 1],
    ]);
    expect(items(hours, 'regione')).toEqual({ '15': 3, '03': 1.5 });
    expect(items(c.get('laboratori-per-ambito'), 'ambito')).toEqual({ A: 1, B: 1 });
    expect(items(c.get('buone-pratiche-per-tema'), 'tema')).toEqual({ turismo: 2, cultura: 1 });
  });

  it('filters by period: twinnings by creation, sessions by start, enrolments by date', async () => {
    const view = (await get(admin, '?from=2013-01-01&to=2014-12-31').expect(200))
      .body as ProgrammeIndicatorsView;
    expect(view.period).toEqual({ from: '2013-01-01', to: '2014-12-31' });
    const values = Object.fromEntries(view.computed.map((i) => [i.code, i.value]));
    expect(values).toMatchObject({
      iniziative: 1,
      'gemellaggi-conclusi': 0,
      'start-up-progetti': 0,
      'amministrazioni-coinvolte': 2,
      'funzionari-iscritti': 0,
      'ore-formazione': 0,
      'laboratori-per-ambito': 0,
    });
    // 1 June 2026 in Rome is still 31 May in UTC: the Rome day decides.
    const june = (await get(admin, '?from=2026-06-01&to=2026-06-30').expect(200))
      .body as ProgrammeIndicatorsView;
    expect(byCode(june).get('ore-formazione')?.value).toBe(1);
  });

  it('shows members the values without breakdowns', async () => {
    const view = (await get(member).expect(200)).body as ProgrammeIndicatorsView;
    expect(byCode(view).get('iniziative')?.value).toBe(3);
    for (const indicator of view.computed) expect(indicator).not.toHaveProperty('breakdown');
  });

  it('exports the CSV for admins: BOM, `;`, the contract columns, decimal comma for hours', async () => {
    const res = await t
      .http()
      .get(`/api/v1/programmes/${programmeId}/indicators.csv`)
      .set(as(admin))
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const body = res.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(body.toString('utf8'), { bom: true, delimiter: ';', columns: true }) as Record<
      string,
      string
    >[];
    expect(Object.keys(rows[0])).toEqual([...INDICATORS_CSV_COLUMNS]);
    const headline = (code: string) => rows.find((r) => r.codice === code && r.dimensione === '');
    expect(headline('iniziative')).toMatchObject({
      indicatore: 'Iniziative di gemellaggio',
      valore: '3',
      unita: '',
    });
    expect(headline('ore-formazione')).toMatchObject({ valore: '4,5', unita: 'ore' });
    expect(
      rows.find((r) => r.codice === 'ore-formazione' && r.dimensione === 'modalita' && r.chiave === 'remote')
        ?.valore,
    ).toBe('2,5');
    expect(
      rows.find(
        (r) => r.codice === 'amministrazioni-coinvolte' && r.dimensione === 'regione' && r.chiave === '15',
      ),
    ).toMatchObject({ etichetta: 'Campania', valore: '1' });
  });

  it('refuses the CSV to members (403), bad periods (400) and unknown programmes (404)', async () => {
    const csv = await t
      .http()
      .get(`/api/v1/programmes/${programmeId}/indicators.csv`)
      .set(as(member))
      .expect(403);
    expect(csv.headers['content-type']).toMatch(/application\/problem\+json/);
    for (const query of [
      '?from=2015-13-01',
      '?to=yesterday',
      '?from=2014-02-30',
      '?from=2015-01-02&to=2015-01-01',
    ]) {
      const res = await get(admin, query).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    await t.http().get(`/api/v1/programmes/${programmeId}/indicators.csv?from=x`).set(as(admin)).expect(400);
    const unknown = '00000000-0000-4000-8000-000000000000';
    await t.http().get(`/api/v1/programmes/${unknown}/indicators`).set(as(member)).expect(404);
    await t.http().get(`/api/v1/programmes/${unknown}/indicators.csv`).set(as(admin)).expect(404);
    await t.http().get(`/api/v1/programmes/not-a-uuid/indicators`).set(as(member)).expect(400);
  });

  it('tells the programme room when a register is confirmed, and the hours follow', async () => {
    let socket: TestSocket | undefined;
    try {
      socket = await connectSocket(t.baseUrl, member.accessToken);
      expect(await socket.subscribe({ room: `programme:${programmeId}` })).toEqual({ ok: true });
      await t.http().post(`/api/v1/sessions/${liveSessionId}/attendance/confirm`).set(as(admin)).expect(200);
      const envelope = await socket.waitFor((e) => e.room === `programme:${programmeId}`);
      expect(envelope).toMatchObject({
        type: 'indicators.changed',
        data: { programmeId, reason: 'attendance' },
      });
      // Its half hour now counts: 4.5 + 0.5.
      const view = (await get(admin).expect(200)).body as ProgrammeIndicatorsView;
      expect(byCode(view).get('ore-formazione')?.value).toBe(5);
    } finally {
      socket?.close();
    }
  });

  it('counts a twinning an admin creates in the programme, and tells the room', async () => {
    const socket = await connectSocket(t.baseUrl, member.accessToken);
    try {
      expect(await socket.subscribe({ room: `programme:${programmeId}` })).toEqual({ ok: true });
      const created = await t
        .http()
        .post('/api/v1/twinnings')
        .set(as(admin))
        .send({
          title: `Gemellaggio nel programma ${randomBytes(3).toString('hex')}`,
          practiceTitle: 'Pratica',
          offeringOrganizationId: orgs.D,
          receivingOrganizationIds: [orgs.A],
          programmeId,
        })
        .expect(201);
      expect(created.body).toMatchObject({ programmeId, status: 'candidatura' });
      await socket.waitFor(
        (e) => e.type === 'indicators.changed' && (e.data as { reason: string }).reason === 'twinning',
      );
      const view = (await get(member).expect(200)).body as ProgrammeIndicatorsView;
      expect(byCode(view).get('iniziative')?.value).toBe(4);
      expect(byCode(view).get('start-up-progetti')?.value).toBe(2);
      // An unknown programme is refused and nothing is stored.
      await t
        .http()
        .post('/api/v1/twinnings')
        .set(as(admin))
        .send({
          title: `Gemellaggio orfano ${randomBytes(3).toString('hex')}`,
          practiceTitle: 'Pratica',
          offeringOrganizationId: orgs.D,
          receivingOrganizationIds: [orgs.A],
          programmeId: '00000000-0000-4000-8000-000000000000',
        })
        .expect(404);
      const again = (await get(member).expect(200)).body as ProgrammeIndicatorsView;
      expect(byCode(again).get('iniziative')?.value).toBe(4);
    } finally {
      socket.close();
    }
  });

  it('counts a twinning requested on a practice of the programme as the programme’s', async () => {
    const requested = await t
      .http()
      .post(`/api/v1/practices/${publishedPracticeId}/twinning-requests`)
      .set(as(admin))
      .send({ organizationId: orgs.B })
      .expect(201);
    expect(requested.body).toMatchObject({ programmeId, practiceId: publishedPracticeId });
    const view = (await get(member).expect(200)).body as ProgrammeIndicatorsView;
    expect(byCode(view).get('iniziative')?.value).toBe(5);
  });

  it('tells the programme room of an enrolment, a lab status change and a publication', async () => {
    const socket = await connectSocket(t.baseUrl, member.accessToken);
    try {
      expect(await socket.subscribe({ room: `programme:${programmeId}` })).toEqual({ ok: true });
      const reason = (why: string) =>
        socket.waitFor(
          (e) => e.type === 'indicators.changed' && (e.data as { reason: string }).reason === why,
        );
      const newcomer = await newMember(t, { organizationId: orgs.B });
      await t
        .http()
        .put(`/api/v1/labs/${labs.L2}/participants/${newcomer.id}`)
        .set(as(admin))
        .send({ role: 'participant' })
        .expect(200);
      await reason('enrolment');
      await t
        .http()
        .post(`/api/v1/labs/${labs.L1}/status`)
        .set(as(admin))
        .send({ status: 'closed' })
        .expect(200);
      await reason('lab');
      await t
        .http()
        .post(`/api/v1/practices/${proposedPracticeId}/publish`)
        .set(as(admin))
        .send({})
        .expect(200);
      await reason('practice');
      const view = (await get(admin).expect(200)).body as ProgrammeIndicatorsView;
      expect(byCode(view).get('funzionari-iscritti')?.value).toBe(5);
      expect(byCode(view).get('buone-pratiche-per-tema')?.value).toBe(3);
    } finally {
      socket.close();
    }
  });
});
