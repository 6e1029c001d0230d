import type { Page, ProblemDetails, ProgrammeView } from '@convergo/contracts';
import { DataSource } from 'typeorm';
import { ProgrammesService } from '../apps/api/src/modules/programmes/programmes.service';
import { newMember, type TestMember } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';

const PROBLEM = 'application/problem+json';

describe('programmes (e2e)', () => {
  let t: TestApp;
  let admin: TestMember;
  let member: TestMember;
  const bearer = (who: TestMember) => ({ Authorization: `Bearer ${who.accessToken}` });

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.get(ProgrammesService).upsertDemoProgrammes();
    admin = await newMember(t, { role: 'admin' });
    member = await newMember(t, { role: 'member' });
  });

  afterAll(async () => {
    await t?.close();
  });

  async function findByCode(code: string): Promise<ProgrammeView> {
    const res = await t.http().get('/api/v1/programmes?limit=100').set(bearer(member)).expect(200);
    const found = (res.body as Page<ProgrammeView>).items.find((p) => p.code === code);
    if (!found) throw new Error(`no programme ${code}`);
    return found;
  }

  describe('demo programmes', () => {
    it('loads the source programmes, AGIRE POR with its exact figures', async () => {
      const agire = await findByCode('agire-por-2007-2013');
      expect(agire).toMatchObject({
        name: 'AGIRE POR 2007-2013',
        operationalProgramme: 'PON GAT 2007-2013',
        beneficiary: 'Agenzia per la Coesione Territoriale',
        totalBudget: '4044957.00',
        euCofinancing: '642584.82',
        startDate: '2009-01-01',
        endDate: '2015-12-31',
      });
      expect(agire.fund).toContain('FESR');
      expect(agire.indicators.map((i) => [i.code, i.achieved])).toEqual([
        ['iniziative', 33],
        ['gemellaggi-realizzati', 17],
        ['start-up-progetti', 16],
        ['operatori-economici', 35],
        ['pa-coinvolte', 100],
      ]);
      for (const code of [
        'poat-si',
        'metropoli-strategiche',
        'officine-coesione',
        'formez-laboratori-cooperazione-internazionale',
      ]) {
        await expect(findByCode(code)).resolves.toMatchObject({ code });
      }
    });

    it('is idempotent: loading again updates by code and leaves one row per code', async () => {
      const service = t.app.get(ProgrammesService);
      const agire = await findByCode('agire-por-2007-2013');
      await t.app
        .get(DataSource)
        .query(`UPDATE programmes SET name = 'changed', indicators = '[]' WHERE id = $1`, [agire.id]);
      await service.upsertDemoProgrammes();
      await expect(findByCode('agire-por-2007-2013')).resolves.toEqual(agire);
      await service.upsertDemoProgrammes();
      const rows = (await t.app
        .get(DataSource)
        .query(
          `SELECT code, count(*)::int AS n FROM programmes GROUP BY code HAVING count(*) > 1`,
        )) as unknown[];
      expect(rows).toEqual([]);
      const [{ n }] = (await t.app
        .get(DataSource)
        .query(`SELECT count(*)::int AS n FROM programmes WHERE code = ANY($1)`, [
          [
            'agire-por-2007-2013',
            'poat-si',
            'metropoli-strategiche',
            'officine-coesione',
            'formez-laboratori-cooperazione-internazionale',
          ],
        ])) as { n: number }[];
      expect(n).toBe(5);
      await expect(service.count()).resolves.toBeGreaterThanOrEqual(5);
    });
  });

  describe('reading', () => {
    it('refuses anonymous callers', async () => {
      const res = await t.http().get('/api/v1/programmes').expect(401);
      expect(res.headers['content-type']).toContain(PROBLEM);
    });

    it('pages through the catalogue with cursors, every programme once', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const url: string = `/api/v1/programmes?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const res = await t.http().get(url).set(bearer(member)).expect(200);
        const page = res.body as Page<ProgrammeView>;
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((p) => p.id));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor && pages < 50);
      expect(cursor).toBeNull();
      expect(new Set(seen).size).toBe(seen.length);
      const all = await t.http().get('/api/v1/programmes?limit=100').set(bearer(member)).expect(200);
      expect(seen).toEqual((all.body as Page<ProgrammeView>).items.map((p) => p.id));
    });

    it('rejects a forged cursor and an out-of-range limit with a 400 problem', async () => {
      const forged = Buffer.from(JSON.stringify(['x', 'not-a-uuid'])).toString('base64url');
      const bad = await t.http().get(`/api/v1/programmes?cursor=${forged}`).set(bearer(member)).expect(400);
      expect(bad.headers['content-type']).toContain(PROBLEM);
      expect((bad.body as ProblemDetails).code).toBe('invalid_cursor');
      const big = await t.http().get('/api/v1/programmes?limit=1000').set(bearer(member)).expect(400);
      expect((big.body as ProblemDetails).errors?.map((e) => e.field)).toContain('limit');
    });

    it('gets one programme by id', async () => {
      const agire = await findByCode('agire-por-2007-2013');
      const res = await t.http().get(`/api/v1/programmes/${agire.id}`).set(bearer(member)).expect(200);
      expect(res.body).toEqual(agire);
    });

    it('answers a malformed id with a 400 problem naming the field', async () => {
      const res = await t.http().get('/api/v1/programmes/not-a-uuid').set(bearer(member)).expect(400);
      expect(res.headers['content-type']).toContain(PROBLEM);
      const problem = res.body as ProblemDetails;
      expect(problem).toMatchObject({ status: 400, code: 'validation_failed' });
      expect(problem.errors).toEqual([{ field: 'id', message: 'must be a UUID' }]);
    });

    it('answers an unknown id with a coded 404 problem', async () => {
      const res = await t
        .http()
        .get('/api/v1/programmes/00000000-0000-4000-8000-000000000000')
        .set(bearer(member))
        .expect(404);
      expect(res.headers['content-type']).toContain(PROBLEM);
      expect((res.body as ProblemDetails).code).toBe('programme_not_found');
    });
  });

  describe('managing (admins only)', () => {
    const valid = {
      code: 'programma-di-prova',
      name: 'Programma di prova',
      fund: 'FSE',
      totalBudget: '1000.50',
      startDate: '2020-01-01',
      endDate: '2021-12-31',
      themes: ['Cooperazione internazionale'],
      indicators: [{ code: 'ore-erogate', label: 'Ore di formazione erogate', target: 120, unit: 'ore' }],
    };

    it('forbids a plain member to create or change a programme', async () => {
      const res = await t.http().post('/api/v1/programmes').set(bearer(member)).send(valid).expect(403);
      expect(res.headers['content-type']).toContain(PROBLEM);
      expect((res.body as ProblemDetails).code).toBe('forbidden');
      const agire = await findByCode('agire-por-2007-2013');
      await t
        .http()
        .patch(`/api/v1/programmes/${agire.id}`)
        .set(bearer(member))
        .send({ name: 'x' })
        .expect(403);
    });

    it('lets an admin create a programme, nulls and defaults filled in', async () => {
      const res = await t.http().post('/api/v1/programmes').set(bearer(admin)).send(valid).expect(201);
      const created = res.body as ProgrammeView;
      expect(created).toEqual({
        id: expect.any(String),
        code: 'programma-di-prova',
        name: 'Programma di prova',
        description: null,
        operationalProgramme: null,
        fund: 'FSE',
        beneficiary: null,
        totalBudget: '1000.50',
        euCofinancing: null,
        startDate: '2020-01-01',
        endDate: '2021-12-31',
        themes: ['Cooperazione internazionale'],
        partners: [],
        indicators: [
          {
            code: 'ore-erogate',
            label: 'Ore di formazione erogate',
            target: 120,
            achieved: null,
            unit: 'ore',
          },
        ],
      });
      await t.http().get(`/api/v1/programmes/${created.id}`).set(bearer(member)).expect(200, created);
    });

    it('refuses a second programme with the same code (409)', async () => {
      const res = await t
        .http()
        .post('/api/v1/programmes')
        .set(bearer(admin))
        .send({ code: 'agire-por-2007-2013', name: 'Doppione' })
        .expect(409);
      expect((res.body as ProblemDetails).code).toBe('programme_code_taken');
    });

    it('rejects unknown fields with a 400 listing each field', async () => {
      const res = await t
        .http()
        .post('/api/v1/programmes')
        .set(bearer(admin))
        .send({
          code: 'campi-ignoti',
          name: 'Campi ignoti',
          isAdmin: true,
          indicators: [{ code: 'a', label: 'A', extra: 1 }],
        })
        .expect(400);
      expect(res.headers['content-type']).toContain(PROBLEM);
      const fields = (res.body as ProblemDetails).errors?.map((e) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['isAdmin', 'indicators.0.extra']));
    });

    it('rejects an oversize name and other bad values, naming the fields', async () => {
      const res = await t
        .http()
        .post('/api/v1/programmes')
        .set(bearer(admin))
        .send({ code: 'Non Slug', name: 'x'.repeat(201), totalBudget: '12,5', startDate: '2020-02-30' })
        .expect(400);
      const fields = (res.body as ProblemDetails).errors?.map((e) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['code', 'name', 'totalBudget', 'startDate']));
      await t.http().post('/api/v1/programmes').set(bearer(admin)).send({ code: 'vuoto' }).expect(400);
    });

    it('rejects a period that ends before it starts', async () => {
      const res = await t
        .http()
        .post('/api/v1/programmes')
        .set(bearer(admin))
        .send({
          code: 'periodo-rovesciato',
          name: 'Periodo rovesciato',
          startDate: '2020-01-01',
          endDate: '2019-01-01',
        })
        .expect(400);
      expect((res.body as ProblemDetails).code).toBe('invalid_programme_period');
    });

    it('stores markup verbatim and returns it as JSON, never as HTML', async () => {
      const xss = '<script>alert("xss")</script><img src=x onerror=alert(1)>';
      const res = await t
        .http()
        .post('/api/v1/programmes')
        .set(bearer(admin))
        .send({ code: 'markup', name: xss, description: xss, themes: [xss] })
        .expect(201);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      const got = await t
        .http()
        .get(`/api/v1/programmes/${(res.body as ProgrammeView).id}`)
        .set(bearer(member))
        .expect(200);
      expect(got.headers['content-type']).toMatch(/^application\/json/);
      expect(got.body).toMatchObject({ name: xss, description: xss, themes: [xss] });
      expect(got.text).toContain(JSON.stringify(xss).slice(1, -1));
    });

    it('patches only the named fields; null clears a nullable field, not a required one', async () => {
      const created = (
        await t
          .http()
          .post('/api/v1/programmes')
          .set(bearer(admin))
          .send({ ...valid, code: 'da-modificare' })
          .expect(201)
      ).body as ProgrammeView;
      const res = await t
        .http()
        .patch(`/api/v1/programmes/${created.id}`)
        .set(bearer(admin))
        .send({ name: 'Nome nuovo', fund: null, partners: ['Regioni'] })
        .expect(200);
      expect(res.body).toEqual({ ...created, name: 'Nome nuovo', fund: null, partners: ['Regioni'] });

      const nullName = await t
        .http()
        .patch(`/api/v1/programmes/${created.id}`)
        .set(bearer(admin))
        .send({ name: null })
        .expect(400);
      expect((nullName.body as ProblemDetails).errors?.map((e) => e.field)).toContain('name');
      const codeChange = await t
        .http()
        .patch(`/api/v1/programmes/${created.id}`)
        .set(bearer(admin))
        .send({ code: 'nuovo-codice' })
        .expect(400);
      expect((codeChange.body as ProblemDetails).errors?.map((e) => e.field)).toContain('code');
      await t
        .http()
        .patch(`/api/v1/programmes/${created.id}`)
        .set(bearer(admin))
        .send({ endDate: '2019-12-31' })
        .expect(400);
      await t
        .http()
        .patch('/api/v1/programmes/00000000-0000-4000-8000-000000000000')
        .set(bearer(admin))
        .send({ name: 'x' })
        .expect(404);
    });
  });
});
