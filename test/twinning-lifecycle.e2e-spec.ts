import type {
  PracticeView,
  TwinningActivityView,
  TwinningStatusChangedEvent,
  TwinningView,
} from '@convergo/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { newMember, newOrganization, newPublishedPractice, type TestMember } from './support/factories';
import { connectSocket, errorCode, type TestSocket } from './support/socket-client';
import { startTestApp, type TestApp } from './support/test-app';

/** Issue 12, twinnings: a request on a published practice, the admins' moves, activities. */
describe('twinning life cycle', () => {
  let t: TestApp;
  let db: DataSource;
  let orgOffer: string;
  let orgReceive: string;
  let orgOther: string;
  let admin: TestMember;
  let offerer: TestMember;
  let referent: TestMember;
  let official: TestMember;
  let outsider: TestMember;
  let otherReferent: TestMember;
  const closeables: TestSocket[] = [];

  const as = (m: TestMember) => ({ authorization: `Bearer ${m.accessToken}` });
  const socket = async (m: TestMember) => {
    const s = await connectSocket(t.baseUrl, m.accessToken);
    closeables.push(s);
    return s;
  };
  const publishedPractice = (): Promise<PracticeView> =>
    newPublishedPractice(t, offerer, admin, orgOffer, {
      title: `Sportello unico digitale ${randomUUID().slice(0, 8)}`,
    });
  const request = (actor: TestMember, practiceId: string, body: unknown) =>
    t
      .http()
      .post(`/api/v1/practices/${practiceId}/twinning-requests`)
      .set(as(actor))
      .send(body as object);
  const requested = async (): Promise<TwinningView> => {
    const practice = await publishedPractice();
    return (await request(referent, practice.id, { organizationId: orgReceive }).expect(201))
      .body as TwinningView;
  };
  const move = (actor: TestMember, id: string, body: unknown) =>
    t
      .http()
      .post(`/api/v1/twinnings/${id}/status`)
      .set(as(actor))
      .send(body as object);
  const stored = async (id: string) =>
    (
      (await db.query(
        `SELECT status, started_at, concluded_at, (SELECT count(*)::int FROM twinning_status_history h
           WHERE h.twinning_id = t.id) AS changes FROM twinnings t WHERE id = $1`,
        [id],
      )) as unknown[]
    )[0];

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    orgOffer = await newOrganization(t, {
      name: `Regione Offerente ${randomUUID().slice(0, 6)}`,
      kind: 'regione',
    });
    orgReceive = await newOrganization(t, { name: `Comune Ricevente ${randomUUID().slice(0, 6)}` });
    orgOther = await newOrganization(t, { name: `Comune Terzo ${randomUUID().slice(0, 6)}` });
    admin = await newMember(t, { role: 'admin' });
    offerer = await newMember(t, { organizationId: orgOffer, displayName: 'Olga Offerente' });
    referent = await newMember(t, {
      organizationId: orgReceive,
      isReferent: true,
      displayName: 'Rita Referente',
    });
    official = await newMember(t, { organizationId: orgReceive, displayName: 'Ugo Funzionario' });
    outsider = await newMember(t, { organizationId: orgOther, displayName: 'Oscar Esterno' });
    otherReferent = await newMember(t, { organizationId: orgOther, isReferent: true });
  });
  afterAll(async () => {
    for (const c of closeables) c.close();
    await t?.close();
  });

  it('candidatura → selezionato → in_corso → concluso, live to a party member, notified, with history', async () => {
    const practice = await publishedPractice();
    const created = await request(referent, practice.id, {
      organizationId: orgReceive.toUpperCase(),
      needs: 'Digitalizzare lo sportello per le imprese.',
    }).expect(201);
    const twinning = created.body as TwinningView;
    expect(twinning).toMatchObject({
      status: 'candidatura',
      practiceId: practice.id,
      practiceTitle: practice.title,
      needs: 'Digitalizzare lo sportello per le imprese.',
      offeringOrganization: { id: orgOffer },
      receivingOrganizations: [{ id: orgReceive }],
      isParty: true,
      startedAt: null,
      concludedAt: null,
      budget: null,
      activities: [],
    });
    expect(twinning.history).toEqual([
      expect.objectContaining({ from: null, to: 'candidatura', changedBy: referent.id }),
    ]);
    // The same administration cannot ask twice while the first is open.
    expect((await request(referent, practice.id, { organizationId: orgReceive }).expect(409)).body.code).toBe(
      'twinning_already_requested',
    );

    const live = await socket(official);
    expect(await live.subscribe({ room: `twinning:${twinning.id}` })).toEqual({ ok: true });
    const stranger = await socket(outsider);
    expect(errorCode(await stranger.subscribe({ room: `twinning:${twinning.id}` }))).toBe('forbidden');

    // Parties may not move it themselves.
    await move(referent, twinning.id, { status: 'selezionato' }).expect(403);
    await move(offerer, twinning.id, { status: 'selezionato' }).expect(403);

    for (const status of ['selezionato', 'in_corso', 'concluso'] as const) {
      const res = await move(admin, twinning.id, { status, note: `Passo a ${status}` }).expect(200);
      expect(res.body.status).toBe(status);
      const event = await live.waitFor(
        (e) =>
          e.type === 'twinning.status_changed' && (e.data as TwinningStatusChangedEvent).change.to === status,
      );
      expect(event.room).toBe(`twinning:${twinning.id}`);
      expect(event.data).toMatchObject({ twinningId: twinning.id, change: { note: `Passo a ${status}` } });
    }
    const done = (await t.http().get(`/api/v1/twinnings/${twinning.id}`).set(as(official)).expect(200))
      .body as TwinningView;
    expect(done.status).toBe('concluso');
    expect(done.startedAt).not.toBeNull();
    expect(done.concludedAt).not.toBeNull();
    expect(done.history.map((h) => [h.from, h.to, h.changedBy])).toEqual([
      [null, 'candidatura', referent.id],
      ['candidatura', 'selezionato', admin.id],
      ['selezionato', 'in_corso', admin.id],
      ['in_corso', 'concluso', admin.id],
    ]);
    expect(stranger.received.filter((e) => e.type === 'twinning.status_changed')).toEqual([]);

    // Every party member is notified (in-app; the e-mail goes through the same record), the outsider is not.
    for (const m of [official, offerer, referent]) {
      const notes = await t.http().get('/api/v1/notifications').set(as(m)).expect(200);
      const kinds = (notes.body.items as { kind: string; data: Record<string, unknown> }[]).filter(
        (n) => n.kind === 'twinning_status_changed' && n.data.twinningId === twinning.id,
      );
      expect(kinds.map((n) => n.data.status).sort()).toEqual(['concluso', 'in_corso', 'selezionato']);
    }
    const notOut = await t.http().get('/api/v1/notifications').set(as(outsider)).expect(200);
    expect(
      (notOut.body.items as { kind: string }[]).filter((n) => n.kind === 'twinning_status_changed'),
    ).toEqual([]);

    // The practice page lists it.
    const ofPractice = await t
      .http()
      .get(`/api/v1/practices/${practice.id}/twinnings`)
      .set(as(outsider))
      .expect(200);
    expect((ofPractice.body as TwinningView[]).map((x) => x.id)).toEqual([twinning.id]);
    expect((ofPractice.body as TwinningView[])[0].isParty).toBe(false);
  });

  it('refuses every move outside the table with 409 problem+json and changes nothing', async () => {
    const twinning = await requested();
    const illegal: Record<string, string[]> = {
      candidatura: ['candidatura', 'in_corso', 'concluso'],
      selezionato: ['candidatura', 'selezionato', 'concluso'],
      in_corso: ['candidatura', 'selezionato', 'in_corso'],
      concluso: ['candidatura', 'selezionato', 'in_corso', 'concluso', 'ritirato'],
    };
    const path = ['selezionato', 'in_corso', 'concluso'];
    let current = 'candidatura';
    for (;;) {
      for (const to of illegal[current]) {
        const before = await stored(twinning.id);
        const res = await move(admin, twinning.id, { status: to }).expect(409);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.body.code).toBe('twinning_transition_not_allowed');
        expect(await stored(twinning.id)).toEqual(before);
      }
      const next = path.shift();
      if (!next) break;
      await move(admin, twinning.id, { status: next }).expect(200);
      current = next;
    }
  });

  it('withdraws (ritirato) from every open state, and nothing moves after', async () => {
    for (const steps of [[], ['selezionato'], ['selezionato', 'in_corso']]) {
      const twinning = await requested();
      for (const s of steps) await move(admin, twinning.id, { status: s }).expect(200);
      const res = await move(admin, twinning.id, { status: 'ritirato', note: 'Rinuncia' }).expect(200);
      expect(res.body.status).toBe('ritirato');
      for (const to of ['candidatura', 'selezionato', 'in_corso', 'concluso', 'ritirato']) {
        await move(admin, twinning.id, { status: to }).expect(409);
      }
    }
  });

  it('activities: the parties and admins add and tick them; outsiders may not', async () => {
    const twinning = await requested();
    const add = (m: TestMember, body: unknown, id = twinning.id) =>
      t
        .http()
        .post(`/api/v1/twinnings/${id}/activities`)
        .set(as(m))
        .send(body as object);
    const dueAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const first = (await add(official, { title: 'Analisi dei processi', dueAt }).expect(201))
      .body as TwinningActivityView;
    expect(first).toMatchObject({
      twinningId: twinning.id,
      title: 'Analisi dei processi',
      dueAt,
      done: false,
    });
    await add(offerer, { title: 'Visita di studio' }).expect(201);
    await add(admin, { title: 'Piano di lavoro' }).expect(201);
    expect((await add(outsider, { title: 'Intrusione' }).expect(403)).body.code).toBe('forbidden');
    await add(official, { title: 'x' }, randomUUID()).expect(404);

    const tick = (m: TestMember, id: string, body: unknown) =>
      t
        .http()
        .patch(`/api/v1/twinning-activities/${id}`)
        .set(as(m))
        .send(body as object);
    expect((await tick(offerer, first.id, { done: true }).expect(200)).body).toMatchObject({ done: true });
    await tick(outsider, first.id, { done: false }).expect(403);
    await tick(official, randomUUID(), { done: true }).expect(404);
    await tick(official, first.id, { done: 'yes' }).expect(400);
    await tick(official, first.id, {}).expect(400);

    const view = (await t.http().get(`/api/v1/twinnings/${twinning.id}`).set(as(outsider)).expect(200))
      .body as TwinningView;
    expect(view.activities.map((a) => [a.title, a.done])).toEqual([
      ['Analisi dei processi', true],
      ['Visita di studio', false],
      ['Piano di lavoro', false],
    ]);

    // Hostile input.
    for (const body of [
      {},
      { title: '' },
      { title: '   ' },
      { title: 'a\u0000b' },
      { title: 'x'.repeat(301) },
      { title: 42 },
      { title: ['a'] },
      { title: 'ok', dueAt: 'domani' },
      { title: 'ok', dueAt: null },
    ]) {
      await add(official, body).expect(400);
    }
    const xss = (await add(official, { title: '<script>alert(1)</script>' }).expect(201))
      .body as TwinningActivityView;
    expect(xss.title).toBe('<script>alert(1)</script>'); // stored as text; the web renders it as text
    await t
      .http()
      .post('/api/v1/twinnings/not-a-uuid/activities')
      .set(as(official))
      .send({ title: 'a' })
      .expect(400);
  });

  it('a non-referent official, another administration’s referent, or a proposal: refused', async () => {
    const practice = await publishedPractice();
    expect((await request(official, practice.id, { organizationId: orgReceive }).expect(403)).body.code).toBe(
      'forbidden',
    );
    await request(otherReferent, practice.id, { organizationId: orgReceive }).expect(403);
    await request(outsider, practice.id, { organizationId: orgOther }).expect(403);
    // An admin on behalf of an administration.
    await request(admin, practice.id, { organizationId: orgOther }).expect(201);
    // Unknown administration (admin passes the role check).
    expect((await request(admin, practice.id, { organizationId: randomUUID() }).expect(422)).body.code).toBe(
      'organization_not_found',
    );
    // The offering administration does not twin with itself.
    await request(admin, practice.id, { organizationId: orgOffer }).expect(400);
    // A proposal (not published): the offering side sees it, but it cannot be requested.
    const proposal = await t
      .http()
      .post('/api/v1/practices')
      .set(as(offerer))
      .send({
        title: `Proposta ${randomUUID().slice(0, 8)}`,
        summary: 'Non ancora pubblicata.',
        themes: ['servizi-imprese'],
        offeringOrganizationId: orgOffer,
      })
      .expect(201);
    expect(
      (await request(admin, proposal.body.id, { organizationId: orgReceive }).expect(409)).body.code,
    ).toBe('practice_not_published');
    // Hidden from the receiving referent: it does not exist for them.
    await request(referent, proposal.body.id, { organizationId: orgReceive }).expect(404);
    await request(referent, randomUUID(), { organizationId: orgReceive }).expect(404);
    for (const body of [
      {},
      { organizationId: 'not-a-uuid' },
      { organizationId: 42 },
      { organizationId: orgReceive, needs: 'a\u0000b' },
      { organizationId: orgReceive, needs: 'x'.repeat(5001) },
      { organizationId: orgReceive, needs: null },
      { organizationId: orgReceive, extra: true },
    ]) {
      await request(referent, practice.id, body).expect(400);
    }
  });

  it('bad status bodies: unknown status, NUL, oversize, wrong types, unknown twinning', async () => {
    const twinning = await requested();
    const before = await stored(twinning.id);
    for (const body of [
      {},
      { status: 'approvato' },
      { status: 'SELEZIONATO' },
      { status: 1 },
      { status: ['selezionato'] },
      { status: 'selezionato', note: 'a\u0000b' },
      { status: 'selezionato', note: 'x'.repeat(2001) },
      { status: 'selezionato', note: 3 },
      { status: 'selezionato', note: null },
    ]) {
      await move(admin, twinning.id, body).expect(400);
    }
    expect(await stored(twinning.id)).toEqual(before);
    await move(admin, randomUUID(), { status: 'selezionato' }).expect(404);
    await move(admin, 'x', { status: 'selezionato' }).expect(400);
  });

  it('existing twinnings (created the old way) still read correctly', async () => {
    const res = await t
      .http()
      .post('/api/v1/twinnings')
      .set(as(admin))
      .send({
        title: `Gemellaggio storico ${randomUUID().slice(0, 6)}`,
        practiceTitle: 'Protocollo informatico',
        practiceDescription: 'Trasferito nel 2012.',
        offeringOrganizationId: orgOffer,
        receivingOrganizationIds: [orgOther],
        status: 'in_corso',
      })
      .expect(201);
    // As a row written before this migration: no practice, no history.
    await db.query(`DELETE FROM twinning_status_history WHERE twinning_id = $1`, [res.body.id]);
    const view = (await t.http().get(`/api/v1/twinnings/${res.body.id}`).set(as(official)).expect(200))
      .body as TwinningView;
    expect(view).toMatchObject({
      practiceId: null,
      practiceTitle: 'Protocollo informatico',
      practiceDescription: 'Trasferito nel 2012.',
      status: 'in_corso',
      needs: '',
      outcomes: '',
      history: [],
      activities: [],
      isParty: false,
    });
    await move(admin, res.body.id, { status: 'concluso' }).expect(200);
  });
});
