import type { OrganizationView, Page } from '@convergo/contracts';
import { DataSource } from 'typeorm';
import { encodeCursor } from '../apps/api/src/common/cursor';
import { organizationSearchKey } from '../apps/api/src/modules/organizations/organization-search';
import { OrganizationsService } from '../apps/api/src/modules/organizations/organizations.service';
import { newMember, type TestMember } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';

const bearer = (m: { accessToken: string }) => `Bearer ${m.accessToken}`;
const MISSING_ID = '00000000-0000-4000-8000-000000000000';

describe('organisations directory', () => {
  let t: TestApp;
  let admin: TestMember;
  let member: TestMember;

  beforeAll(async () => {
    t = await startTestApp();
    // Start-up loads the reference data; calling it again must be harmless (the test below checks).
    await t.app.get(OrganizationsService).ensureReferenceData();
    admin = await newMember(t, { role: 'admin' });
    member = await newMember(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const db = () => t.app.get(DataSource);
  const service = () => t.app.get(OrganizationsService);

  async function list(query: Record<string, string | number>): Promise<Page<OrganizationView>> {
    const res = await t.http().get('/api/v1/organizations').query(query);
    expect(res.status).toBe(200);
    return res.body as Page<OrganizationView>;
  }

  /** Follows nextCursor to the end; fails on a repeated row. */
  async function walk(query: Record<string, string | number>): Promise<OrganizationView[]> {
    const seen: OrganizationView[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 500; page++) {
      const body = await list(cursor ? { ...query, cursor } : query);
      seen.push(...body.items);
      cursor = body.nextCursor;
      if (!cursor) break;
      expect(body.items).toHaveLength(Number(query.limit));
    }
    expect(new Set(seen.map((o) => o.id)).size).toBe(seen.length);
    return seen;
  }

  /** Every stored organisation and every admin event, as one comparable value. */
  async function snapshot(): Promise<unknown> {
    const [organizations] = (await db().query(
      `SELECT count(*)::int AS n, md5(string_agg(concat_ws('|', id, name, search_name, kind, region, province_code,
         province_name, istat_code, ipa_code, website, updated_at), ',' ORDER BY id)) AS digest FROM organizations`,
    )) as unknown[];
    const [events] = (await db().query(
      `SELECT count(*)::int AS n FROM events WHERE room = 'admin'`,
    )) as unknown[];
    return { organizations, events };
  }

  async function adminEvents(): Promise<{ type: string; data: OrganizationView }[]> {
    return (await db().query(`SELECT type, data FROM events WHERE room = 'admin' ORDER BY seq`)) as {
      type: string;
      data: OrganizationView;
    }[];
  }

  function expectProblem(
    res: { status: number; headers: Record<string, string>; body: { errors?: { field: string }[] } },
    status: number,
    field?: string,
  ) {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    if (field) expect(res.body.errors?.map((e) => e.field)).toContain(field);
  }

  describe('reference data', () => {
    it('holds 20 regions, 107 provinces and metropolitan cities, and every municipality', async () => {
      const rows = (await db().query(`SELECT kind, count(*)::int AS n FROM organizations GROUP BY kind`)) as {
        kind: string;
        n: number;
      }[];
      const count = (kind: string) => rows.find((r) => r.kind === kind)?.n ?? 0;
      expect(count('regione')).toBe(20);
      expect(count('provincia') + count('citta_metropolitana')).toBe(107);
      expect(count('citta_metropolitana')).toBe(14);
      expect(count('comune')).toBeGreaterThanOrEqual(7800);
      expect((await list({ kind: 'regione', limit: 100 })).items).toHaveLength(20);
    });

    it('derives convergence from the region', async () => {
      const codes = await service().findByIstatCodes(['063049', '015146', '080063', '999999']);
      expect(codes.size).toBe(3);
      expect(codes.get('063049')).toMatchObject({
        name: 'Comune di Napoli',
        region: 'Campania',
        convergence: true,
      });
      expect(codes.get('015146')).toMatchObject({
        name: 'Comune di Milano',
        region: 'Lombardia',
        convergence: false,
      });
      expect(codes.get('080063')).toMatchObject({ kind: 'comune', region: 'Calabria', convergence: true });
      const regions = await list({ kind: 'regione', convergence: 'true', limit: 100 });
      expect(regions.items.map((o) => o.name).sort()).toEqual([
        'Regione Calabria',
        'Regione Campania',
        'Regione Puglia',
        'Regione Sicilia',
      ]);
    });

    it('changes nothing when loaded again, even by two instances at once', async () => {
      const before = await snapshot();
      const second = await startTestApp({ databaseUrl: t.databaseUrl });
      try {
        await Promise.all([
          service().ensureReferenceData(),
          second.app.get(OrganizationsService).ensureReferenceData(),
        ]);
      } finally {
        await second.close();
      }
      await service().ensureReferenceData();
      expect(await snapshot()).toEqual(before);
    });

    it('reloads an emptied directory from two instances at once, exactly once', async () => {
      const [{ n: expected }] = (await db().query(
        `SELECT count(*)::int AS n FROM organizations WHERE istat_code IS NOT NULL`,
      )) as { n: number }[];
      await db().query(`DELETE FROM organizations WHERE istat_code IS NOT NULL`);
      const second = await startTestApp({ databaseUrl: t.databaseUrl });
      const started = performance.now();
      try {
        // `second` loaded it at its own start-up: empty it again, then race.
        await db().query(`DELETE FROM organizations WHERE istat_code IS NOT NULL`);
        await Promise.all([
          service().ensureReferenceData(),
          second.app.get(OrganizationsService).ensureReferenceData(),
        ]);
      } finally {
        await second.close();
      }
      const elapsed = performance.now() - started;
      if (process.env.REPORT_TIMINGS) console.log(`reference data reload: ${Math.round(elapsed)} ms`);
      const [{ n, distinct }] = (await db().query(
        `SELECT count(*)::int AS n, count(DISTINCT istat_code)::int AS distinct FROM organizations WHERE istat_code IS NOT NULL`,
      )) as { n: number; distinct: number }[];
      expect(n).toBe(expected);
      expect(distinct).toBe(expected);
      expect(elapsed).toBeLessThan(20_000);
    });

    it('lists the 20 regions with their convergence flag', async () => {
      const res = await t.http().get('/api/v1/organizations/regions').expect(200);
      expect(res.body.items).toHaveLength(20);
      expect(
        res.body.items
          .filter((r: { convergence: boolean }) => r.convergence)
          .map((r: { name: string }) => r.name),
      ).toEqual(['Campania', 'Puglia', 'Calabria', 'Sicilia']);
      expect(res.body.items).toContainEqual({
        name: 'Campania',
        code: 'R15',
        istatNumber: 15,
        convergence: true,
      });
    });
  });

  describe('search', () => {
    it('is public and finds names accent-insensitively', async () => {
      const citta = await list({ q: 'Citta', limit: 100 });
      expect(citta.items.length).toBeGreaterThan(0);
      expect(citta.items.some((o) => o.name.includes('Città'))).toBe(true);
      for (const o of citta.items) expect(organizationSearchKey(o.name)).toContain('citta');

      const forli = await list({ q: 'forli', limit: 100 });
      expect(forli.items[0].name).toBe('Comune di Forlì');
      expect(forli.items.map((o) => o.name)).toContain('Provincia di Forlì-Cesena');

      const angelo = await list({ q: 'CITTÀ sant’angelo', limit: 10 });
      expect(angelo.items.map((o) => o.name)).toEqual(["Comune di Città Sant'Angelo"]);
    });

    it('puts exact names first, then names that start with the words', async () => {
      const napoli = await list({ q: 'napoli', limit: 5 });
      expect(napoli.items.slice(0, 2).map((o) => o.name)).toEqual([
        'Città metropolitana di Napoli',
        'Comune di Napoli',
      ]);
      const roma = await list({ q: 'roma', kind: 'comune', limit: 3 });
      expect(roma.items[0].name).toBe('Comune di Roma');
    });

    it('matches every word of the query', async () => {
      const res = await list({ q: 'napoli casalnuovo', limit: 10 });
      expect(res.items.map((o) => o.name)).toEqual(['Comune di Casalnuovo di Napoli']);
    });

    it('combines filters', async () => {
      const res = await list({ q: 'san', region: 'Puglia', kind: 'comune', convergence: 'true', limit: 100 });
      expect(res.items.length).toBeGreaterThan(5);
      for (const o of res.items) {
        expect(o).toMatchObject({ region: 'Puglia', kind: 'comune', convergence: true });
        expect(organizationSearchKey(o.name)).toContain('san');
      }
      expect((await list({ region: 'Campania', convergence: 'false', limit: 10 })).items).toEqual([]);
      const lombardia = await list({ region: 'Lombardia', kind: 'citta_metropolitana', limit: 10 });
      expect(lombardia.items.map((o) => o.name)).toEqual(['Città metropolitana di Milano']);
    });

    it('walks every page of a filter without duplicates or gaps', async () => {
      const walked = await walk({ region: 'Molise', kind: 'comune', limit: 7 });
      const ids = (await db().query(
        `SELECT id FROM organizations WHERE region = 'Molise' AND kind = 'comune'`,
      )) as {
        id: string;
      }[];
      expect(new Set(walked.map((o) => o.id))).toEqual(new Set(ids.map((r) => r.id)));
    });

    it('walks every page of a ranked search without duplicates or gaps', async () => {
      const walked = await walk({ q: 'san', region: 'Sicilia', limit: 9 });
      const ids = (await db().query(
        `SELECT id FROM organizations WHERE region = 'Sicilia' AND search_name LIKE '%san%'`,
      )) as { id: string }[];
      expect(ids.length).toBeGreaterThan(20);
      expect(new Set(walked.map((o) => o.id))).toEqual(new Set(ids.map((r) => r.id)));
    });

    it('walks the whole directory without duplicates or gaps', async () => {
      const walked = await walk({ limit: 100 });
      const [{ n }] = (await db().query(`SELECT count(*)::int AS n FROM organizations`)) as { n: number }[];
      expect(walked).toHaveLength(n);
    });

    it('matches SQL and LIKE syntax literally, and never fails on it', async () => {
      const insert = (name: string) =>
        db().query(
          `INSERT INTO organizations (name, search_name, kind, region) VALUES ($1, $2, 'ente_pubblico', NULL)`,
          [name, organizationSearchKey(name)],
        );
      await insert("Ente %' OR 1=1 -- di prova");
      await insert('Ente 100% digitale');
      await insert('Ente_con_sottolineature');
      await insert('Ente con \\ barra');

      const injection = await list({ q: "%' OR 1=1 --", limit: 100 });
      expect(injection.items.map((o) => o.name)).toEqual(["Ente %' OR 1=1 -- di prova"]);
      const percent = await list({ q: '%', limit: 100 });
      expect(percent.items.map((o) => o.name).sort()).toEqual([
        "Ente %' OR 1=1 -- di prova",
        'Ente 100% digitale',
      ]);
      const underscore = await list({ q: '_', limit: 100 });
      expect(underscore.items.map((o) => o.name)).toEqual(['Ente_con_sottolineature']);
      const backslash = await list({ q: '\\', limit: 100 });
      expect(backslash.items.map((o) => o.name)).toEqual(['Ente con \\ barra']);
      for (const q of [
        "'",
        '"',
        ';',
        "'); DROP TABLE organizations; --",
        '$1',
        '[a-z]*',
        '(',
        'ß',
        '🏛️',
        '   ',
      ]) {
        await t.http().get('/api/v1/organizations').query({ q }).expect(200);
      }
    });

    it('refuses hostile or malformed input with a problem naming the field', async () => {
      const cases: [Record<string, string>, string][] = [
        [{ q: 'x'.repeat(101) }, 'q'],
        [{ q: 'a\u0000b' }, 'q'],
        [{ limit: 'abc' }, 'limit'],
        [{ limit: '0' }, 'limit'],
        [{ limit: '1000' }, 'limit'],
        [{ convergence: 'maybe' }, 'convergence'],
        [{ region: '<script>alert(1)</script>' }, 'region'],
        [{ kind: 'ministero' }, 'kind'],
        [{ unexpected: '1' }, 'unexpected'],
        [{ cursor: 'not-a-cursor' }, 'cursor'],
        [{ cursor: encodeCursor([0, 'Comune', "x' OR 1=1"]) }, 'cursor'],
        [{ cursor: encodeCursor(['Comune', MISSING_ID]) }, 'cursor'],
      ];
      for (const [query, field] of cases) {
        const res = await t.http().get('/api/v1/organizations').query(query);
        expectProblem(res, 400, field);
      }
      expectProblem(await t.http().get('/api/v1/organizations?q=a&q=b'), 400, 'q');
      expectProblem(await t.http().get('/api/v1/organizations?region[]=Campania'), 400);
    });
  });

  describe('one organisation', () => {
    it('is found by id, publicly', async () => {
      const napoli = (await service().findByIstatCodes(['063049'])).get('063049')!;
      const res = await t.http().get(`/api/v1/organizations/${napoli.id}`).expect(200);
      expect(res.body).toEqual(napoli);
    });

    it('answers 400 for a malformed id and 404 for a missing one', async () => {
      expectProblem(await t.http().get('/api/v1/organizations/not-a-uuid'), 400, 'id');
      const missing = await t.http().get(`/api/v1/organizations/${MISSING_ID}`);
      expectProblem(missing, 404);
      expect(missing.body.code).toBe('organization_not_found');
    });

    it('serves the summaries other capabilities need', async () => {
      const napoli = (await service().findByIstatCodes(['063049'])).get('063049')!;
      expect(await service().findSummaryById(napoli.id)).toEqual({
        id: napoli.id,
        name: 'Comune di Napoli',
        kind: 'comune',
        region: 'Campania',
        convergence: true,
      });
      expect(await service().findSummaryById(MISSING_ID)).toBeNull();
      expect(await service().findSummaryById('nonsense')).toBeNull();
      const summaries = await service().findSummariesByIds([napoli.id, napoli.id, MISSING_ID, 'nonsense']);
      expect([...summaries.keys()]).toEqual([napoli.id]);
      expect(await service().exists(napoli.id)).toBe(true);
      expect(await service().exists(MISSING_ID)).toBe(false);
      expect(await service().exists("'; --")).toBe(false);
    });
  });

  describe('management by administrators', () => {
    it('lets an admin add a body, announced to the admin room in the same transaction', async () => {
      const eventsBefore = (await adminEvents()).length;
      const res = await t
        .http()
        .post('/api/v1/organizations')
        .set('authorization', bearer(admin))
        .send({
          name: '  Agenzia per la   Coesione Territoriale ',
          kind: 'agenzia',
          region: 'Lazio',
          ipaCode: 'act',
          website: 'https://www.agenziacoesione.gov.it',
        })
        .expect(201);
      expect(res.body).toMatchObject({
        name: 'Agenzia per la Coesione Territoriale',
        kind: 'agenzia',
        region: 'Lazio',
        ipaCode: 'act',
        convergence: false,
        istatCode: null,
      });
      const events = await adminEvents();
      expect(events).toHaveLength(eventsBefore + 1);
      expect(events.at(-1)).toEqual({ type: 'organization.created', data: res.body });

      const national = await t
        .http()
        .post('/api/v1/organizations')
        .set('authorization', bearer(admin))
        .send({ name: 'Università degli Studi della Calabria', kind: 'universita', region: 'Calabria' })
        .expect(201);
      expect(national.body.convergence).toBe(true);
      expect((await list({ q: 'universita calabria', limit: 5 })).items.map((o) => o.id)).toEqual([
        national.body.id,
      ]);
    });

    it('refuses a duplicate of the same kind, name and region, whatever the case and accents', async () => {
      await t
        .http()
        .post('/api/v1/organizations')
        .set('authorization', bearer(admin))
        .send({ name: 'Ministero dell’Università e della Ricerca', kind: 'amministrazione_centrale' })
        .expect(201);
      const before = await snapshot();
      const duplicate = await t
        .http()
        .post('/api/v1/organizations')
        .set('authorization', bearer(admin))
        .send({
          name: "MINISTERO DELL'UNIVERSITA E DELLA RICERCA",
          kind: 'amministrazione_centrale',
          region: null,
        });
      expectProblem(duplicate, 409, 'name');
      expect(duplicate.body.code).toBe('organization_duplicate');
      expect(await snapshot()).toEqual(before);

      // Another kind or region is another organisation.
      await t
        .http()
        .post('/api/v1/organizations')
        .set('authorization', bearer(admin))
        .send({ name: "Ministero dell'Università e della Ricerca", kind: 'ente_pubblico' })
        .expect(201);
    });

    it('gives one row and one 409 when two admins add the same body at once', async () => {
      const post = () =>
        t
          .http()
          .post('/api/v1/organizations')
          .set('authorization', bearer(admin))
          .send({ name: 'Formez PA', kind: 'ente_pubblico', region: 'Lazio' });
      const statuses = (await Promise.all([post(), post(), post()])).map((r) => r.status).sort();
      expect(statuses).toEqual([201, 409, 409]);
      const rows = (await db().query(
        `SELECT id FROM organizations WHERE search_name = 'formez pa'`,
      )) as unknown[];
      expect(rows).toHaveLength(1);
    });

    it('seeds idempotently through ensureOrganization', async () => {
      const input = {
        name: 'Dipartimento della Funzione Pubblica',
        kind: 'amministrazione_centrale' as const,
        region: 'Lazio',
      };
      const first = await service().ensureOrganization(input);
      const again = await service().ensureOrganization({
        ...input,
        name: 'DIPARTIMENTO della funzione pubblica',
      });
      expect(again).toBe(first);
    });

    it('lets an admin change a body, announced to the admin room', async () => {
      const created = await t
        .http()
        .post('/api/v1/organizations')
        .set('authorization', bearer(admin))
        .send({ name: 'Agenzia di prova', kind: 'agenzia' })
        .expect(201);
      const res = await t
        .http()
        .patch(`/api/v1/organizations/${created.body.id}`)
        .set('authorization', bearer(admin))
        .send({
          name: 'Agenzia regionale di prova',
          region: 'Sicilia',
          website: 'https://prova.regione.sicilia.it',
        })
        .expect(200);
      expect(res.body).toMatchObject({
        name: 'Agenzia regionale di prova',
        region: 'Sicilia',
        convergence: true,
      });
      expect((await adminEvents()).at(-1)).toEqual({ type: 'organization.updated', data: res.body });
      expect((await list({ q: 'agenzia regionale prova', limit: 5 })).items.map((o) => o.id)).toEqual([
        created.body.id,
      ]);

      const cleared = await t
        .http()
        .patch(`/api/v1/organizations/${created.body.id}`)
        .set('authorization', bearer(admin))
        .send({ region: null, website: null })
        .expect(200);
      expect(cleared.body).toMatchObject({ region: null, website: null, convergence: false });
    });

    it('lets an admin set the website and IPA code of a municipality, but not its ISTAT name', async () => {
      const napoli = (await service().findByIstatCodes(['063049'])).get('063049')!;
      const res = await t
        .http()
        .patch(`/api/v1/organizations/${napoli.id}`)
        .set('authorization', bearer(admin))
        .send({ website: 'https://www.comune.napoli.it', ipaCode: 'c_f839' })
        .expect(200);
      expect(res.body).toMatchObject({
        name: 'Comune di Napoli',
        website: 'https://www.comune.napoli.it',
        ipaCode: 'c_f839',
      });

      const before = await snapshot();
      const renamed = await t
        .http()
        .patch(`/api/v1/organizations/${napoli.id}`)
        .set('authorization', bearer(admin))
        .send({ name: 'Comune di Partenope', region: 'Lazio' });
      expectProblem(renamed, 409, 'name');
      expect(renamed.body.code).toBe('organization_reference_read_only');
      expect(renamed.body.errors.map((e: { field: string }) => e.field)).toEqual(['name', 'region']);
      expect(await snapshot()).toEqual(before);
    });

    it('refuses a change that would duplicate another body', async () => {
      const a = await t
        .http()
        .post('/api/v1/organizations')
        .set('authorization', bearer(admin))
        .send({ name: 'Ente Alfa', kind: 'ente_pubblico' })
        .expect(201);
      await t
        .http()
        .post('/api/v1/organizations')
        .set('authorization', bearer(admin))
        .send({ name: 'Ente Beta', kind: 'ente_pubblico' })
        .expect(201);
      const before = await snapshot();
      const res = await t
        .http()
        .patch(`/api/v1/organizations/${a.body.id}`)
        .set('authorization', bearer(admin))
        .send({ name: 'ENTE BETA' });
      expectProblem(res, 409, 'name');
      expect(await snapshot()).toEqual(before);
    });

    it('stores nothing and announces nothing when a write is refused', async () => {
      const napoli = (await service().findByIstatCodes(['063049'])).get('063049')!;
      const before = await snapshot();
      const valid = { name: 'Ente valido', kind: 'ente_pubblico' };
      const posts: [Record<string, unknown>, number, string | undefined][] = [
        [{ ...valid, name: 'x'.repeat(201) }, 400, 'name'],
        [{ ...valid, name: '<script>alert(1)</script>' }, 400, 'name'],
        [{ ...valid, name: 'ab' }, 400, 'name'],
        [{ ...valid, name: 42 }, 400, 'name'],
        [{ ...valid, kind: 'comune' }, 400, 'kind'],
        [{ ...valid, region: 'Atlantide' }, 400, 'region'],
        [{ ...valid, website: 'javascript:alert(1)' }, 400, 'website'],
        [{ ...valid, ipaCode: "x'; DROP TABLE organizations; --" }, 400, 'ipaCode'],
        [{ ...valid, istatCode: '063049' }, 400, 'istatCode'],
        [{ ...valid, convergence: true }, 400, 'convergence'],
        [{ name: 'Ente senza tipo' }, 400, 'kind'],
      ];
      for (const [body, status, field] of posts) {
        expectProblem(
          await t.http().post('/api/v1/organizations').set('authorization', bearer(admin)).send(body),
          status,
          field,
        );
      }
      expectProblem(
        await t
          .http()
          .post('/api/v1/organizations')
          .set('authorization', bearer(admin))
          .set('content-type', 'application/json')
          .send('{"name":'),
        400,
      );
      expectProblem(
        await t.http().post('/api/v1/organizations').set('authorization', bearer(member)).send(valid),
        403,
      );
      expectProblem(await t.http().post('/api/v1/organizations').send(valid), 401);

      const patch = (id: string, body: unknown, who: TestMember | null = admin) => {
        const req = t.http().patch(`/api/v1/organizations/${id}`);
        return (who ? req.set('authorization', bearer(who)) : req).send(body as object);
      };
      expectProblem(await patch(napoli.id, { website: 'https://x.it' }, member), 403);
      expectProblem(await patch(napoli.id, { website: 'https://x.it' }, null), 401);
      expectProblem(await patch(napoli.id, {}), 400, 'body');
      expectProblem(await patch(napoli.id, { name: null }), 400, 'name');
      expectProblem(await patch(napoli.id, { kind: 'universita' }), 409, 'kind');
      expectProblem(await patch(napoli.id, { istatCode: '000000' }), 400, 'istatCode');
      expectProblem(await patch('not-a-uuid', { website: 'https://x.it' }), 400, 'id');
      const missing = await patch(MISSING_ID, { website: 'https://x.it' });
      expectProblem(missing, 404);
      expect(missing.body.code).toBe('organization_not_found');

      expect(await snapshot()).toEqual(before);
    });
  });
});
