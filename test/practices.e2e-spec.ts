import { randomUUID } from 'node:crypto';
import type { Page, PracticeThemeView, PracticeView } from '@convergo/contracts';
import { DataSource } from 'typeorm';
import { newMember, newOrganization, type TestMember } from './support/factories';
import { connectSocket, errorCode, type TestSocket } from './support/socket-client';
import { startTestApp, type TestApp } from './support/test-app';

describe('practices (buone pratiche): themes, catalogue, editorial review', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: TestMember;
  /** Officials of the Comune (A, Campania) and of the Regione (B, Emilia-Romagna). */
  let anna: TestMember;
  let aldo: TestMember;
  let bruno: TestMember;
  let noOrg: TestMember;
  let orgA: string;
  let orgB: string;
  const closeables: { close(): void }[] = [];

  const as = (m: TestMember) => ({ authorization: `Bearer ${m.accessToken}` });
  const socket = async (m: TestMember): Promise<TestSocket> => {
    const s = await connectSocket(t.baseUrl, m.accessToken);
    closeables.push(s);
    return s;
  };
  const valid = (fields: Record<string, unknown> = {}) => ({
    title: `Sportello unico digitale ${randomUUID().slice(0, 8)}`,
    summary: 'Un unico punto di accesso telematico per le pratiche delle attività produttive.',
    themes: ['servizi-imprese'],
    offeringOrganizationId: orgA,
    ...fields,
  });
  const propose = (actor: TestMember, body: unknown) =>
    t
      .http()
      .post('/api/v1/practices')
      .set(as(actor))
      .send(body as object);
  const newPractice = async (
    actor: TestMember,
    fields: Record<string, unknown> = {},
  ): Promise<PracticeView> => (await propose(actor, valid(fields)).expect(201)).body as PracticeView;
  const move = (actor: TestMember, id: string, action: string, body: object = {}) =>
    t.http().post(`/api/v1/practices/${id}/${action}`).set(as(actor)).send(body);
  const published = async (
    actor: TestMember,
    fields: Record<string, unknown> = {},
  ): Promise<PracticeView> => {
    const practice = await newPractice(actor, fields);
    return (await move(admin, practice.id, 'publish').expect(200)).body as PracticeView;
  };
  const list = async (
    actor: TestMember,
    query: Record<string, string | number>,
  ): Promise<Page<PracticeView>> =>
    (await t.http().get('/api/v1/practices').query(query).set(as(actor)).expect(200))
      .body as Page<PracticeView>;
  const titles = (page: Page<PracticeView>) => page.items.map((p) => p.title);

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    orgA = await newOrganization(t, {
      name: `Comune di Pratica ${randomUUID().slice(0, 6)}`,
      region: 'Campania',
    });
    orgB = await newOrganization(t, {
      name: `Regione Offerente ${randomUUID().slice(0, 6)}`,
      kind: 'regione',
      region: 'Emilia-Romagna',
    });
    admin = await newMember(t, { role: 'admin' });
    anna = await newMember(t, { organizationId: orgA, displayName: 'Anna Proponente' });
    aldo = await newMember(t, { organizationId: orgA });
    bruno = await newMember(t, { organizationId: orgB });
    noOrg = await newMember(t);
  });
  afterAll(async () => {
    for (const c of closeables) c.close();
    await t?.close();
  });

  describe('themes', () => {
    it('lists the six POAT SI themes and the AGIRE POR areas without a token', async () => {
      const res = await t.http().get('/api/v1/practice-themes').expect(200);
      const items = res.body.items as PracticeThemeView[];
      const poat = items.filter((i) => i.group === 'poat_si').map((i) => i.label);
      expect(poat).toEqual([
        'Servizi ai cittadini',
        'Servizi alle imprese',
        'Innovazione dei processi nella PA e dematerializzazione',
        'Sistema pubblico di connettività',
        'Patrimonio informativo pubblico',
        'Interoperabilità e cooperazione applicativa',
      ]);
      const agire = items.filter((i) => i.group === 'agire_por').map((i) => i.code);
      expect(agire).toEqual(
        expect.arrayContaining(['inclusione-sociale', 'mobilita-sostenibile', 'legalita']),
      );
      expect(agire.length).toBeGreaterThanOrEqual(12);
      expect(items.find((i) => i.code === 'servizi-cittadini')).toEqual({
        code: 'servizi-cittadini',
        label: 'Servizi ai cittadini',
        labelEn: 'Services to citizens',
        group: 'poat_si',
      });
    });

    it('admins add and rename themes (codes stay); others may not; bad codes are refused', async () => {
      const code = `transizione-ecologica-${randomUUID().slice(0, 4)}`;
      await t.http().post('/api/v1/practice-themes').set(as(anna)).send({ code, label: 'X' }).expect(403);
      await t.http().post('/api/v1/practice-themes').send({ code, label: 'X' }).expect(401);
      const created = await t
        .http()
        .post('/api/v1/practice-themes')
        .set(as(admin))
        .send({ code, label: 'Transizione ecologica' })
        .expect(201);
      expect(created.body).toEqual({
        code,
        label: 'Transizione ecologica',
        labelEn: 'Transizione ecologica',
        group: 'altro',
      });
      await t
        .http()
        .post('/api/v1/practice-themes')
        .set(as(admin))
        .send({ code, label: 'Doppio' })
        .expect(409);
      for (const bad of ['Maiuscolo', 'con spazi', '-inizio', 'a'.repeat(61), '<script>']) {
        const res = await t
          .http()
          .post('/api/v1/practice-themes')
          .set(as(admin))
          .send({ code: bad, label: 'X' });
        expect(res.status).toBe(400);
      }
      await t
        .http()
        .post('/api/v1/practice-themes')
        .set(as(admin))
        .send({ code: `x-${randomUUID().slice(0, 4)}`, label: 'a'.repeat(121) })
        .expect(400);

      const renamed = await t
        .http()
        .patch(`/api/v1/practice-themes/${code}`)
        .set(as(admin))
        .send({ label: 'Transizione ecologica e digitale', labelEn: 'Green and digital transition' })
        .expect(200);
      expect(renamed.body).toMatchObject({ code, label: 'Transizione ecologica e digitale' });
      await t.http().patch(`/api/v1/practice-themes/${code}`).set(as(anna)).send({ label: 'Y' }).expect(403);
      await t
        .http()
        .patch('/api/v1/practice-themes/non-esiste')
        .set(as(admin))
        .send({ label: 'Y' })
        .expect(404);
      await t
        .http()
        .patch('/api/v1/practice-themes/NON%20VALIDO')
        .set(as(admin))
        .send({ label: 'Y' })
        .expect(400);
      await t
        .http()
        .patch(`/api/v1/practice-themes/${code}`)
        .set(as(admin))
        .send({ code: 'altro' })
        .expect(400);
    });
  });

  describe('life cycle', () => {
    it('proposed → changes requested → resubmitted → published → archived, live and notified, with 409s', async () => {
      const practice = await newPractice(anna, {
        description: 'Il **portale** unico.',
        territory: 'Comune di Pratica',
        period: { from: '2010-01-01', to: '2012-12-31' },
        results: 'Tempi medi dimezzati.',
        reuseConditions: {
          licence: 'EUPL-1.2',
          handedOver: 'Software e manuali',
          effort: 'Due persone per sei mesi',
        },
        contacts: {
          office: 'Ufficio SUAP',
          email: 'suap@comune.example.it',
          phone: '+39 081 000000',
          website: null,
        },
      });
      expect(practice).toMatchObject({
        status: 'proposed',
        offeringOrganization: { id: orgA },
        themes: [{ code: 'servizi-imprese', label: 'Servizi alle imprese' }],
        descriptionHtml: expect.stringContaining('<strong>portale</strong>'),
        period: { from: '2010-01-01', to: '2012-12-31' },
        reuseConditions: { licence: 'EUPL-1.2' },
        contacts: { office: 'Ufficio SUAP', email: 'suap@comune.example.it' },
        actions: [],
        canEdit: true,
      });
      // The full description is a shared document owned by the practice.
      expect(practice.documentId).toEqual(expect.any(String));
      const doc = await t.http().get(`/api/v1/documents/${practice.documentId}`).set(as(aldo)).expect(200);
      expect(doc.body.owner).toEqual({ type: 'practice', id: practice.id });
      await t.http().get(`/api/v1/documents/${practice.documentId}`).set(as(bruno)).expect(403);

      const adminView = (await t.http().get(`/api/v1/practices/${practice.id}`).set(as(admin)).expect(200))
        .body as PracticeView;
      expect(adminView.actions.sort()).toEqual(['archive', 'publish', 'request_changes']);

      const annaSocket = await socket(anna);
      expect(await annaSocket.subscribe({ room: `practice:${practice.id}` })).toEqual({ ok: true });
      const brunoSocket = await socket(bruno);
      expect(errorCode(await brunoSocket.subscribe({ room: `practice:${practice.id}` }))).toBe('not_found');

      // Only admins review; proposers cannot publish their own practice.
      await move(anna, practice.id, 'publish').expect(403);
      await move(bruno, practice.id, 'publish').expect(404);
      // Resubmitting what nobody sent back is not a move of the table.
      const early = await move(anna, practice.id, 'resubmit').expect(409);
      expect(early.body.code).toBe('practice_transition_not_allowed');
      expect(early.headers['content-type']).toContain('application/problem+json');

      await move(admin, practice.id, 'request-changes', {}).expect(400);
      await move(admin, practice.id, 'request-changes', { note: '   ' }).expect(400);
      const sentBack = await move(admin, practice.id, 'request-changes', {
        note: 'Indicate il costo per l’amministrazione ricevente.',
      }).expect(200);
      expect(sentBack.body).toMatchObject({ status: 'changes_requested' });
      const live = await annaSocket.waitFor(
        (e) =>
          e.type === 'practice.status_changed' && (e.data as PracticeView).status === 'changes_requested',
      );
      expect((live.data as PracticeView).reviewNote).toBeNull();
      const mine = (await t.http().get(`/api/v1/practices/${practice.id}`).set(as(aldo)).expect(200))
        .body as PracticeView;
      expect(mine.reviewNote).toBe('Indicate il costo per l’amministrazione ricevente.');
      expect(mine.actions).toEqual(['resubmit']);
      const notes = await t.http().get('/api/v1/notifications').set(as(anna)).expect(200);
      expect(notes.body.items[0]).toMatchObject({
        kind: 'practice_changes_requested',
        data: { practiceId: practice.id, note: 'Indicate il costo per l’amministrazione ricevente.' },
        link: `/buone-pratiche/${practice.id}`,
      });
      await move(admin, practice.id, 'publish').expect(409);
      await move(admin, practice.id, 'request-changes', { note: 'Ancora' }).expect(409);

      // The proposers edit and resubmit.
      const edited = await t
        .http()
        .patch(`/api/v1/practices/${practice.id}`)
        .set(as(aldo))
        .send({ reuseConditions: { effort: 'Due persone per sei mesi, nessun costo di licenza' } })
        .expect(200);
      expect(edited.body.reuseConditions).toEqual({
        licence: 'EUPL-1.2',
        handedOver: 'Software e manuali',
        effort: 'Due persone per sei mesi, nessun costo di licenza',
      });
      await t
        .http()
        .patch(`/api/v1/practices/${practice.id}`)
        .set(as(bruno))
        .send({ title: 'Mia' })
        .expect(404);
      await move(aldo, practice.id, 'resubmit').expect(200);
      await move(aldo, practice.id, 'resubmit').expect(409);

      const pub = await move(admin, practice.id, 'publish').expect(200);
      expect(pub.body).toMatchObject({
        status: 'published',
        reviewNote: null,
        publishedAt: expect.any(String),
      });
      await annaSocket.waitFor(
        (e) => e.type === 'practice.status_changed' && (e.data as PracticeView).status === 'published',
      );
      const notes2 = await t.http().get('/api/v1/notifications').set(as(anna)).expect(200);
      expect(notes2.body.items[0]).toMatchObject({
        kind: 'practice_published',
        data: { practiceId: practice.id },
      });
      // Published: everyone reads it, its room opens to all; the proposers no longer edit it.
      await t.http().get(`/api/v1/practices/${practice.id}`).set(as(bruno)).expect(200);
      expect(await brunoSocket.subscribe({ room: `practice:${practice.id}` })).toEqual({ ok: true });
      const locked = await t
        .http()
        .patch(`/api/v1/practices/${practice.id}`)
        .set(as(anna))
        .send({ title: 'Nuovo titolo' })
        .expect(409);
      expect(locked.body.code).toBe('practice_not_editable');
      await t
        .http()
        .patch(`/api/v1/practices/${practice.id}`)
        .set(as(bruno))
        .send({ title: 'Mia' })
        .expect(403);
      await t
        .http()
        .patch(`/api/v1/practices/${practice.id}`)
        .set(as(admin))
        .send({ title: 'Rivisto' })
        .expect(200);
      await move(admin, practice.id, 'publish').expect(409);

      await move(anna, practice.id, 'archive').expect(403);
      await move(admin, practice.id, 'archive').expect(200);
      for (const action of ['publish', 'archive', 'resubmit']) {
        await move(admin, practice.id, action).expect(409);
      }
      await move(anna, practice.id, 'resubmit').expect(409);
      await move(admin, practice.id, 'request-changes', { note: 'No' }).expect(409);
      // Archived practices leave the catalogue for members of other administrations.
      await t.http().get(`/api/v1/practices/${practice.id}`).set(as(bruno)).expect(404);
      await move(admin, randomUUID(), 'publish').expect(404);
      await move(admin, 'not-a-uuid', 'publish').expect(400);
    });

    it('an official cannot propose in another administration’s name; admins and members of it can', async () => {
      const res = await propose(bruno, valid()).expect(403);
      expect(res.body.code).toBe('forbidden');
      await propose(noOrg, valid()).expect(403);
      await propose(admin, valid()).expect(201);
      await propose(bruno, valid({ offeringOrganizationId: orgB })).expect(201);
      await propose(admin, valid({ offeringOrganizationId: randomUUID() })).expect(422);
      await t.http().post('/api/v1/practices').send(valid()).expect(401);
    });

    it('outsiders do not see proposals; the administration’s members and admins do', async () => {
      const proposal = await newPractice(anna, { title: `Proposta riservata ${randomUUID().slice(0, 6)}` });
      await t.http().get(`/api/v1/practices/${proposal.id}`).set(as(bruno)).expect(404);
      await t.http().get(`/api/v1/practices/${proposal.id}`).set(as(noOrg)).expect(404);
      await t.http().get(`/api/v1/practices/${proposal.id}`).set(as(aldo)).expect(200);
      await t.http().get(`/api/v1/practices/${proposal.id}`).set(as(admin)).expect(200);
      expect(titles(await list(bruno, { q: 'riservata' }))).not.toContain(proposal.title);
      expect(titles(await list(aldo, { q: 'riservata' }))).toContain(proposal.title);
      expect(titles(await list(admin, { q: 'riservata', status: 'proposed' }))).toContain(proposal.title);
      // Its document is private too.
      await t.http().get(`/api/v1/documents/${proposal.documentId}`).set(as(bruno)).expect(403);
    });
  });

  describe('catalogue', () => {
    it('searches in Italian (stems and accents) and filters by theme, region and kind, page by page', async () => {
      const tag = randomUUID().slice(0, 6);
      const mobility = await published(bruno, {
        offeringOrganizationId: orgB,
        title: `Mobilità sostenibile nelle città ${tag}`,
        summary: 'Piani per la mobilità ciclabile e il trasporto pubblico.',
        themes: ['mobilita-sostenibile', 'sviluppo-urbano'],
      });
      const paper = await published(anna, {
        title: `Dematerializzazione degli atti amministrativi ${tag}`,
        summary: 'Fascicoli digitali e conservazione a norma per gli uffici comunali.',
        themes: ['innovazione-processi-dematerializzazione'],
      });
      // Accents ignored, stems matched: "mobilita" finds "Mobilità", "citta" finds "città", "ufficio" finds "uffici".
      expect(titles(await list(noOrg, { q: `mobilita ${tag}` }))).toEqual([mobility.title]);
      expect(titles(await list(noOrg, { q: `citta ${tag}` }))).toEqual([mobility.title]);
      expect(titles(await list(noOrg, { q: `ufficio ${tag}` }))).toEqual([paper.title]);
      expect(titles(await list(noOrg, { q: `amministrativo ${tag}` }))).toEqual([paper.title]);
      expect(titles(await list(noOrg, { q: `zzzinesistente ${tag}` }))).toEqual([]);

      expect(titles(await list(noOrg, { q: tag, theme: 'sviluppo-urbano' }))).toEqual([mobility.title]);
      expect(titles(await list(noOrg, { q: tag, region: 'Campania' }))).toEqual([paper.title]);
      expect(titles(await list(noOrg, { q: tag, kind: 'regione' }))).toEqual([mobility.title]);
      expect(titles(await list(noOrg, { q: tag, kind: 'comune', region: 'Emilia-Romagna' }))).toEqual([]);

      const first = await list(noOrg, { q: tag, limit: 1 });
      expect(first.items).toHaveLength(1);
      const second = await list(noOrg, { q: tag, limit: 1, cursor: first.nextCursor! });
      expect([...titles(first), ...titles(second)].sort()).toEqual([mobility.title, paper.title].sort());
      expect(second.nextCursor).toBeNull();

      for (const query of [
        { region: 'Atlantide' },
        { kind: 'castello' },
        { theme: 'Non Valido' },
        { limit: 0 },
        { limit: 'molti' },
        { cursor: 'falso' },
        { q: 'x'.repeat(201) },
        { status: 'bozza' },
      ]) {
        const res = await t.http().get('/api/v1/practices').query(query).set(as(noOrg));
        expect(res.status).toBe(400);
        expect(res.headers['content-type']).toContain('application/problem+json');
      }
      // An unknown but well-formed theme simply matches nothing; odd search syntax is no error.
      expect((await list(noOrg, { theme: 'tema-sconosciuto' })).items).toEqual([]);
      await list(noOrg, { q: '"virgolette & (parentesi) | or -meno' });
    });
  });

  describe('bad input', () => {
    it('refuses unknown themes, oversize, NUL, wrong types and forged ids', async () => {
      const unknown = await propose(anna, valid({ themes: ['servizi-imprese', 'tema-inventato'] })).expect(
        422,
      );
      expect(unknown.body.code).toBe('practice_theme_unknown');
      const cases: [Record<string, unknown>, string][] = [
        [{ title: undefined }, 'title'],
        [{ summary: undefined }, 'summary'],
        [{ themes: undefined }, 'themes'],
        [{ summary: ' \n ' }, 'summary'],
        [{ title: 'x'.repeat(201) }, 'title'],
        [{ title: '   ' }, 'title'],
        [{ summary: 'x'.repeat(1001) }, 'summary'],
        [{ description: 'x'.repeat(20_001) }, 'description'],
        [{ themes: [] }, 'themes'],
        [{ themes: 'servizi-imprese' }, 'themes'],
        [{ themes: Array.from({ length: 11 }, (_, i) => `tema-${i}`) }, 'themes'],
        [{ themes: ['servizi-imprese', 'servizi-imprese'] }, 'themes'],
        [{ offeringOrganizationId: 'comune' }, 'offeringOrganizationId'],
        [{ period: { from: '2012-13-01' } }, 'period'],
        [{ period: '2010' }, 'period'],
        [{ contacts: { office: 'Ufficio', email: 'non-una-mail' } }, 'contacts'],
        [{ contacts: { office: 'Ufficio', website: 'javascript:alert(1)' } }, 'contacts'],
        [{ reuseConditions: { licence: 42 } }, 'reuseConditions'],
        [{ status: 'published' }, 'status'],
        [{ fromDeliverableId: 'x' }, 'fromDeliverableId'],
      ];
      for (const [fields, field] of cases) {
        const res = await propose(anna, valid(fields));
        expect([res.status, field]).toEqual([400, field]);
        expect(JSON.stringify(res.body.errors ?? res.body.detail)).toContain(field);
      }
      const period = await propose(anna, valid({ period: { from: '2012-01-01', to: '2010-01-01' } })).expect(
        400,
      );
      expect(period.body.errors[0].field).toBe('period');
      const nul = await propose(anna, valid({ summary: 'Testo\u0000nascosto' }));
      expect(nul.status).toBe(400);
      const missing = await propose(anna, { themes: ['servizi-imprese'], offeringOrganizationId: orgA });
      expect(missing.status).toBe(400);
    });

    it('keeps XSS as text and renders the Markdown description sanitised', async () => {
      const xss = '<img src=x onerror=alert(1)><script>alert(2)</script>';
      const practice = await newPractice(anna, {
        title: `Pratica ${xss}`,
        summary: xss,
        description: `${xss}\n\n[link](javascript:alert(3)) e [sito](https://www.example.it)`,
      });
      expect(practice.title).toBe(`Pratica ${xss}`);
      expect(practice.descriptionHtml).not.toMatch(/<script|<img|href="javascript:/i);
      expect(practice.descriptionHtml).toContain('&lt;script&gt;');
      expect(practice.descriptionHtml).toContain('href="https://www.example.it"');
    });
  });

  describe('from a lab deliverable', () => {
    it('proposes an approved deliverable in one step; others are refused', async () => {
      const tutor = await newMember(t, { role: 'tutor' });
      const lab = (
        await t
          .http()
          .post('/api/v1/labs')
          .set(as(admin))
          .send({ title: `Laboratorio ${randomUUID()}`, ambito: 'C' })
          .expect(201)
      ).body as { id: string };
      await t
        .http()
        .put(`/api/v1/labs/${lab.id}/participants/${tutor.id}`)
        .set(as(admin))
        .send({ role: 'tutor' })
        .expect(200);
      await t
        .http()
        .put(`/api/v1/labs/${lab.id}/participants/${anna.id}`)
        .set(as(admin))
        .send({ role: 'participant' })
        .expect(200);
      const group = (
        await t
          .http()
          .post(`/api/v1/labs/${lab.id}/groups`)
          .set(as(admin))
          .send({ name: 'Gruppo Campania', memberIds: [anna.id] })
          .expect(201)
      ).body as { id: string };
      const deliverable = (
        await t
          .http()
          .post(`/api/v1/labs/${lab.id}/deliverables`)
          .set(as(tutor))
          .send({ groupId: group.id, kind: 'improvement_actions', title: 'Azioni di miglioramento del SUAP' })
          .expect(201)
      ).body as { id: string };
      const from = { summary: 'Dal laboratorio.', themes: ['servizi-imprese'], offeringOrganizationId: orgA };
      const early = await propose(anna, { ...from, fromDeliverableId: deliverable.id }).expect(409);
      expect(early.body.code).toBe('deliverable_not_approved');
      await t.http().post(`/api/v1/deliverables/${deliverable.id}/submit`).set(as(anna)).send().expect(200);
      await t
        .http()
        .post(`/api/v1/deliverables/${deliverable.id}/review`)
        .set(as(tutor))
        .send({ decision: 'approved', comment: 'Ottimo lavoro.' })
        .expect(200);
      // Someone outside the lab cannot reach the deliverable through a practice.
      await propose(bruno, {
        ...from,
        offeringOrganizationId: orgB,
        fromDeliverableId: deliverable.id,
      }).expect(404);
      await propose(anna, { ...from, fromDeliverableId: randomUUID() }).expect(404);
      const practice = (await propose(anna, { ...from, fromDeliverableId: deliverable.id }).expect(201))
        .body as PracticeView;
      expect(practice).toMatchObject({
        title: 'Azioni di miglioramento del SUAP',
        sourceDeliverableId: deliverable.id,
        status: 'proposed',
      });
    });
  });

  it('stores nothing from a refused request', async () => {
    const before = (await db.query(`SELECT count(*)::int AS n FROM practices`)) as { n: number }[];
    await propose(bruno, valid()).expect(403);
    await propose(anna, valid({ themes: ['tema-inventato'] })).expect(422);
    const after = (await db.query(`SELECT count(*)::int AS n FROM practices`)) as { n: number }[];
    expect(after).toEqual(before);
  });
});
