import type { OrganizationNeedsView, SuggestedOrganization, SuggestedPractice } from '@convergo/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { newMember, newOrganization, type TestMember } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';

/*
 * Issue 12, needs and matching, on a small world whose ranking was worked out by hand.
 * Weights (MATCHING_WEIGHTS): shared theme 3 each; adopter of the same kind in the same region 2
 * each (at most 3); same kind as the offering administration 1; target in a Convergence region 2;
 * shared word (whole Italian lexeme) 1 each (at most 3). No shared theme nor word: no suggestion.
 *
 * Administrations: O1 comune/Campania offers P1, P4 (needs: servizi-cittadini, no words);
 * O2 regione/Lombardia offers P2, P3. A1, A2, A3 comuni/Campania, A5 comune/Lombardia: adopters.
 * Needs: T1 comune/Campania {servizi-cittadini, dematerializzazione} "Certificati anagrafici online
 * per i cittadini"; T2 comune/Lombardia {patrimonio} "Pubblicare dati aperti"; T3 provincia/Puglia
 * {turismo}; T4 comune/Sicilia {servizi-cittadini} "Servizi turistici per i cittadini".
 * Practices (published): P1 "Anagrafe online" {servizi-cittadini} "Certificati anagrafici online per i
 * cittadini."; P2 "Protocollo digitale" {dematerializzazione} "Protocollo informatico e fascicolo
 * digitale."; P3 "Catalogo dati aperti" {patrimonio} "Un catalogo online di dati aperti regionali.";
 * P4 "Sportello turistico" {turismo, servizi-cittadini} "Informazioni turistiche per i cittadini.";
 * P5 proposed only, {servizi-cittadini}. Twinnings: P2→A1+A5 concluso, P2→A2 in_corso, P2→A3
 * candidatura (not an adopter), P4→T1 in_corso (T1 is in it), P3→T2 ritirato (T2 is not).
 * Lexemes (convergo_italian): anagrafici/anagrafe→anagraf, turistici/turistiche/turistico→turist,
 * cittadini→cittadin, online→onlin, dati→dat, aperti→apert; informatico→informat ≠ informazioni→inform.
 *
 * | target | practice | theme | adopters        | kind | Conv. | words                                  | score |
 * |--------|----------|-------|-----------------|------|-------|----------------------------------------|-------|
 * | T1     | P1       | 3     | 0               | 1    | 2     | anagrafici, certificati, cittadini (3 of 4) | 9 |
 * | T1     | P2       | 3     | 2 comuni ×2 = 4 | 0    | 2     | —                                      | 9     |
 * | T1     | P3       | 0     | 0               | 0    | 2     | online                                 | 3     |
 * | T1     | P4       | excluded: T1 is in a twinning for it                                             |
 * | T2     | P3       | 3     | 0               | 0    | 0     | aperti, dati                           | 5     |
 * | T2     | P2       | no theme nor word (1 Lombard adopter is no evidence of need): not suggested     |
 * | T3     | P4       | 3     | 0               | 0    | 2     | —                                      | 5     |
 * | T4     | P4       | 3     | 0               | 1    | 2     | cittadini, turistici                   | 8     |
 * | T4     | P1       | 3     | 0               | 1    | 2     | cittadini                              | 7     |
 * | O1     | P1, P4   | excluded: its own practices; P2, P3 share nothing                                 |
 * Ties: T1's P1 and P2 (9) go by title: "Anagrafe online" before "Protocollo digitale".
 */
describe('needs and matching', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: TestMember;
  let referentT1: TestMember;
  let officialT1: TestMember;
  let referentT2: TestMember;
  const org: Record<string, string> = {};
  const practice: Record<string, string> = {};
  const tag = randomUUID().slice(0, 6);

  const as = (m: TestMember) => ({ authorization: `Bearer ${m.accessToken}` });
  const putNeeds = (m: TestMember, id: string, body: unknown) =>
    t
      .http()
      .put(`/api/v1/organizations/${id}/needs`)
      .set(as(m))
      .send(body as object);
  const suggestedPractices = async (id: string) =>
    (
      (await t.http().get(`/api/v1/organizations/${id}/suggested-practices`).set(as(officialT1)).expect(200))
        .body as { items: SuggestedPractice[] }
    ).items.map((s) => ({ title: s.practice.title, score: s.score, reasons: s.reasons }));
  const suggestedOrganizations = async (id: string) =>
    (
      (await t.http().get(`/api/v1/practices/${id}/suggested-organizations`).set(as(admin)).expect(200))
        .body as { items: SuggestedOrganization[] }
    ).items.map((s) => ({ name: s.organization.name, score: s.score, reasons: s.reasons }));

  const publish = async (key: string, offering: string, title: string, themes: string[], summary: string) => {
    const created = await t
      .http()
      .post('/api/v1/practices')
      .set(as(admin))
      .send({ title, summary, themes, offeringOrganizationId: org[offering] })
      .expect(201);
    practice[key] = created.body.id as string;
    if (key !== 'P5') {
      await t.http().post(`/api/v1/practices/${practice[key]}/publish`).set(as(admin)).send({}).expect(200);
    }
  };
  const twinning = async (p: string, offering: string, receiving: string[], status: string) => {
    const [row] = (await db.query(
      `INSERT INTO twinnings (title, practice_title, offering_organization_id, status, practice_id)
       VALUES ($1, 'Pratica', $2, $3, $4) RETURNING id`,
      [`Gemellaggio ${p} ${receiving.join('+')} ${tag}`, org[offering], status, practice[p]],
    )) as { id: string }[];
    for (const r of receiving) {
      await db.query(
        `INSERT INTO twinning_receiving_organizations (twinning_id, organization_id) VALUES ($1, $2)`,
        [row.id, org[r]],
      );
    }
  };

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    const orgs: [string, string, string][] = [
      ['O1', 'comune', 'Campania'],
      ['O2', 'regione', 'Lombardia'],
      ['A1', 'comune', 'Campania'],
      ['A2', 'comune', 'Campania'],
      ['A3', 'comune', 'Campania'],
      ['A5', 'comune', 'Lombardia'],
      ['T1', 'comune', 'Campania'],
      ['T2', 'comune', 'Lombardia'],
      ['T3', 'provincia', 'Puglia'],
      ['T4', 'comune', 'Sicilia'],
    ];
    for (const [key, kind, region] of orgs) {
      org[key] = await newOrganization(t, { name: `Ente ${key} ${tag}`, kind, region });
    }
    admin = await newMember(t, { role: 'admin' });
    referentT1 = await newMember(t, { organizationId: org.T1, isReferent: true });
    officialT1 = await newMember(t, { organizationId: org.T1 });
    referentT2 = await newMember(t, { organizationId: org.T2, isReferent: true });

    await publish(
      'P1',
      'O1',
      'Anagrafe online',
      ['servizi-cittadini'],
      'Certificati anagrafici online per i cittadini.',
    );
    await publish(
      'P2',
      'O2',
      'Protocollo digitale',
      ['innovazione-processi-dematerializzazione'],
      'Protocollo informatico e fascicolo digitale.',
    );
    await publish(
      'P3',
      'O2',
      'Catalogo dati aperti',
      ['patrimonio-informativo-pubblico'],
      'Un catalogo online di dati aperti regionali.',
    );
    await publish(
      'P4',
      'O1',
      'Sportello turistico',
      ['turismo', 'servizi-cittadini'],
      'Informazioni turistiche per i cittadini.',
    );
    await publish('P5', 'O1', 'Certificati proposti', ['servizi-cittadini'], 'Certificati per i cittadini.');
    await twinning('P2', 'O2', ['A1', 'A5'], 'concluso');
    await twinning('P2', 'O2', ['A2'], 'in_corso');
    await twinning('P2', 'O2', ['A3'], 'candidatura');
    await twinning('P4', 'O1', ['T1'], 'in_corso');
    await twinning('P3', 'O2', ['T2'], 'ritirato');

    await putNeeds(referentT1, org.T1, {
      themes: ['servizi-cittadini', 'innovazione-processi-dematerializzazione'],
      description: 'Certificati anagrafici online per i cittadini',
    }).expect(200);
    await putNeeds(referentT2, org.T2, {
      themes: ['patrimonio-informativo-pubblico'],
      description: 'Pubblicare dati aperti',
    }).expect(200);
    await putNeeds(admin, org.T3, { themes: ['turismo'] }).expect(200);
    await putNeeds(admin, org.T4, {
      themes: ['servizi-cittadini'],
      description: 'Servizi turistici per i cittadini',
    }).expect(200);
    await putNeeds(admin, org.O1, { themes: ['servizi-cittadini'] }).expect(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('stores the needs its referent declares, readable by any member', async () => {
    const res = await t.http().get(`/api/v1/organizations/${org.T1}/needs`).set(as(referentT2)).expect(200);
    const needs = res.body as OrganizationNeedsView;
    expect(needs).toMatchObject({
      organizationId: org.T1,
      description: 'Certificati anagrafici online per i cittadini',
      canEdit: false,
    });
    expect(needs.themes.map((th) => th.code)).toEqual([
      'servizi-cittadini',
      'innovazione-processi-dematerializzazione',
    ]);
    const own = await t.http().get(`/api/v1/organizations/${org.T1}/needs`).set(as(referentT1)).expect(200);
    expect(own.body.canEdit).toBe(true);
    const none = await t.http().get(`/api/v1/organizations/${org.A1}/needs`).set(as(officialT1)).expect(200);
    expect(none.body).toMatchObject({ themes: [], description: '', updatedAt: null });
  });

  it('suggests practices to an administration in the hand-worked order, with the hand-worked reasons', async () => {
    expect(await suggestedPractices(org.T1)).toEqual([
      {
        title: 'Anagrafe online',
        score: 9,
        reasons: [
          'stesso tema: Servizi ai cittadini',
          'stesso tipo di amministrazione dell’offerente: comune',
          'regione Convergenza',
          'parole in comune: anagrafici, certificati, cittadini',
        ],
      },
      {
        title: 'Protocollo digitale',
        score: 9,
        reasons: [
          'stesso tema: Innovazione dei processi nella PA e dematerializzazione',
          'adottata da 2 comuni in Campania',
          'regione Convergenza',
        ],
      },
      {
        title: 'Catalogo dati aperti',
        score: 3,
        reasons: ['regione Convergenza', 'parole in comune: online'],
      },
    ]);
    expect(await suggestedPractices(org.T2)).toEqual([
      {
        title: 'Catalogo dati aperti',
        score: 5,
        reasons: ['stesso tema: Patrimonio informativo pubblico', 'parole in comune: aperti, dati'],
      },
    ]);
    expect(await suggestedPractices(org.T3)).toEqual([
      { title: 'Sportello turistico', score: 5, reasons: ['stesso tema: Turismo', 'regione Convergenza'] },
    ]);
    expect(await suggestedPractices(org.T4)).toEqual([
      {
        title: 'Sportello turistico',
        score: 8,
        reasons: [
          // T4 named servizi-cittadini only: turismo is P4's theme, not a shared one.
          'stesso tema: Servizi ai cittadini',
          'stesso tipo di amministrazione dell’offerente: comune',
          'regione Convergenza',
          'parole in comune: cittadini, turistici',
        ],
      },
      {
        title: 'Anagrafe online',
        score: 7,
        reasons: [
          'stesso tema: Servizi ai cittadini',
          'stesso tipo di amministrazione dell’offerente: comune',
          'regione Convergenza',
          'parole in comune: cittadini',
        ],
      },
    ]);
  });

  it('never suggests an administration its own practices, nor anything without needs', async () => {
    expect(await suggestedPractices(org.O1)).toEqual([]);
    expect(await suggestedPractices(org.A1)).toEqual([]);
  });

  it('suggests administrations for a practice, never its offering one nor those already twinned', async () => {
    expect(await suggestedOrganizations(practice.P1)).toEqual([
      {
        name: `Ente T1 ${tag}`,
        score: 9,
        reasons: [
          'stesso tema: Servizi ai cittadini',
          'stesso tipo di amministrazione dell’offerente: comune',
          'regione Convergenza',
          'parole in comune: anagrafici, certificati, cittadini',
        ],
      },
      {
        name: `Ente T4 ${tag}`,
        score: 7,
        reasons: [
          'stesso tema: Servizi ai cittadini',
          'stesso tipo di amministrazione dell’offerente: comune',
          'regione Convergenza',
          'parole in comune: cittadini',
        ],
      },
    ]);
    expect((await suggestedOrganizations(practice.P4)).map((s) => [s.name, s.score])).toEqual([
      [`Ente T4 ${tag}`, 8],
      [`Ente T3 ${tag}`, 5],
    ]);
    expect((await suggestedOrganizations(practice.P2)).map((s) => [s.name, s.score])).toEqual([
      [`Ente T1 ${tag}`, 9],
    ]);
    // A proposal is not offered for twinning yet.
    expect(await suggestedOrganizations(practice.P5)).toEqual([]);
  });

  it('refuses the needs to another administration’s referent and to an official; unknown ids are 404', async () => {
    const before = await t.http().get(`/api/v1/organizations/${org.T1}/needs`).set(as(admin)).expect(200);
    for (const who of [referentT2, officialT1]) {
      const res = await putNeeds(who, org.T1, { themes: ['turismo'] }).expect(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const unknown = randomUUID();
    await putNeeds(admin, unknown, { themes: ['turismo'] }).expect(404);
    await t.http().get(`/api/v1/organizations/${unknown}/needs`).set(as(admin)).expect(404);
    await t.http().get(`/api/v1/organizations/${unknown}/suggested-practices`).set(as(admin)).expect(404);
    await t.http().get(`/api/v1/practices/${unknown}/suggested-organizations`).set(as(admin)).expect(404);
    await t
      .http()
      .get(`/api/v1/practices/${practice.P1}/suggested-organizations`)
      .set(as(referentT1))
      .expect(403);
    await t.http().get(`/api/v1/organizations/${org.T1}/needs`).expect(401);
    const after = await t.http().get(`/api/v1/organizations/${org.T1}/needs`).set(as(admin)).expect(200);
    expect(after.body).toEqual(before.body);
  });

  it('answers bad needs with a 4xx problem and changes nothing', async () => {
    const before = await t.http().get(`/api/v1/organizations/${org.T1}/needs`).set(as(admin)).expect(200);
    const bad: [unknown, number][] = [
      [{}, 400],
      [{ themes: 'turismo' }, 400],
      [{ themes: [1] }, 400],
      [{ themes: ['turismo', 'turismo'] }, 400],
      [{ themes: ['Turismo!'] }, 400],
      [{ themes: ['turismo'], description: 5 }, 400],
      [{ themes: ['turismo'], description: 'x'.repeat(2001) }, 400],
      [{ themes: ['turismo'], description: 'dati\u0000aperti' }, 400],
      [{ themes: Array.from({ length: 21 }, (_, i) => `tema-${i}`) }, 400],
    ];
    for (const [body, status] of bad) {
      const res = await putNeeds(referentT1, org.T1, body);
      expect([res.status, JSON.stringify(body).slice(0, 60)]).toEqual([
        status,
        JSON.stringify(body).slice(0, 60),
      ]);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    await t
      .http()
      .put(`/api/v1/organizations/not-a-uuid/needs`)
      .set(as(admin))
      .send({ themes: [] })
      .expect(400);
    const unknownTheme = await putNeeds(referentT1, org.T1, {
      themes: ['turismo', 'tema-inesistente'],
    }).expect(422);
    expect(unknownTheme.headers['content-type']).toContain('application/problem+json');
    expect(unknownTheme.body.detail).toContain('"tema-inesistente"');
    expect(unknownTheme.body.detail).not.toContain('"turismo"');
    const after = await t.http().get(`/api/v1/organizations/${org.T1}/needs`).set(as(admin)).expect(200);
    expect(after.body).toEqual(before.body);
  });
});
