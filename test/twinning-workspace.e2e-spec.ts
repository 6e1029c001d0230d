import type {
  PracticeAdopterView,
  PracticeView,
  SpaceView,
  TwinningUpdatedEvent,
  TwinningView,
} from '@convergo/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  newMember,
  newOrganization,
  newPublishedPractice,
  newThread,
  type TestMember,
} from './support/factories';
import { connectSocket, type TestSocket } from './support/socket-client';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Issue 12, the twinning as a workspace: its parties' referents edit dates, budget and outcomes
 * (live), the practice's adopters, and the private space the twinning gets once selected.
 */
describe('twinning workspace: plan, adopters, private space', () => {
  let t: TestApp;
  let db: DataSource;
  let orgOffer: string;
  let orgReceive: string;
  let orgOther: string;
  let admin: TestMember;
  let offerReferent: TestMember;
  let offerer: TestMember;
  let referent: TestMember;
  let official: TestMember;
  let outsider: TestMember;
  let otherReferent: TestMember;
  let moderator: TestMember;
  const sockets: TestSocket[] = [];

  const as = (m: TestMember) => ({ authorization: `Bearer ${m.accessToken}` });
  const publishedPractice = (): Promise<PracticeView> =>
    newPublishedPractice(t, offerer, admin, orgOffer, {
      title: `Protocollo condiviso ${randomUUID().slice(0, 8)}`,
      summary: 'Un protocollo informatico condiviso tra enti.',
    });
  const requestFor = async (practiceId: string, actor = referent, organizationId = orgReceive) =>
    (
      await t
        .http()
        .post(`/api/v1/practices/${practiceId}/twinning-requests`)
        .set(as(actor))
        .send({ organizationId })
        .expect(201)
    ).body as TwinningView;
  const move = (id: string, status: string) =>
    t.http().post(`/api/v1/twinnings/${id}/status`).set(as(admin)).send({ status }).expect(200);
  const patch = (actor: TestMember, id: string, body: unknown) =>
    t
      .http()
      .patch(`/api/v1/twinnings/${id}`)
      .set(as(actor))
      .send(body as object);
  const view = async (actor: TestMember, id: string) =>
    (await t.http().get(`/api/v1/twinnings/${id}`).set(as(actor)).expect(200)).body as TwinningView;
  const stored = async (id: string) =>
    (
      (await db.query(
        `SELECT planned_start::text, planned_end::text, budget::text, outcomes FROM twinnings WHERE id = $1`,
        [id],
      )) as unknown[]
    )[0];

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    const tag = randomUUID().slice(0, 6);
    orgOffer = await newOrganization(t, { name: `Regione Offerente ${tag}`, kind: 'regione' });
    orgReceive = await newOrganization(t, { name: `Comune Ricevente ${tag}`, region: 'Campania' });
    orgOther = await newOrganization(t, { name: `Comune Terzo ${tag}` });
    [admin, offerReferent, offerer, referent, official, outsider, otherReferent, moderator] =
      await Promise.all([
        newMember(t, { role: 'admin' }),
        newMember(t, { organizationId: orgOffer, isReferent: true }),
        newMember(t, { organizationId: orgOffer }),
        newMember(t, { organizationId: orgReceive, isReferent: true }),
        newMember(t, { organizationId: orgReceive, displayName: 'Ugo Funzionario' }),
        newMember(t, { organizationId: orgOther }),
        newMember(t, { organizationId: orgOther, isReferent: true }),
        newMember(t, { role: 'moderator' }),
      ]);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t?.close();
  });

  it('the parties’ referents and admins edit dates, budget and outcomes, live on the twinning’s room', async () => {
    const twinning = await requestFor((await publishedPractice()).id);
    expect(twinning).toMatchObject({ canEdit: true, spaceId: null });
    expect((await view(official, twinning.id)).canEdit).toBe(false);
    expect((await view(outsider, twinning.id)).canEdit).toBe(false);
    const live = await connectSocket(t.baseUrl, official.accessToken);
    sockets.push(live);
    expect(await live.subscribe({ room: `twinning:${twinning.id}` })).toEqual({ ok: true });

    const res = await patch(referent, twinning.id, {
      plannedStart: '2026-03-01',
      plannedEnd: '2026-12-31',
      budget: '12500.5',
      outcomes: '  Sportello attivo in tre comuni.\nRisparmio di tempo.  ',
    }).expect(200);
    expect(res.body).toMatchObject({
      plannedStart: '2026-03-01',
      plannedEnd: '2026-12-31',
      budget: '12500.50',
      outcomes: 'Sportello attivo in tre comuni.\nRisparmio di tempo.',
    });
    const event = await live.waitFor((e) => e.type === 'twinning.updated');
    expect(event.room).toBe(`twinning:${twinning.id}`);
    expect(event.data as TwinningUpdatedEvent).toEqual({
      twinningId: twinning.id,
      plannedStart: '2026-03-01',
      plannedEnd: '2026-12-31',
      budget: '12500.50',
      outcomes: 'Sportello attivo in tre comuni.\nRisparmio di tempo.',
      updatedBy: referent.id,
    });

    // Absent fields stay; null clears; a JSON number is a decimal too.
    await patch(offerReferent, twinning.id, { budget: 800 }).expect(200);
    await patch(admin, twinning.id, { plannedEnd: null }).expect(200);
    expect(await stored(twinning.id)).toEqual({
      planned_start: '2026-03-01',
      planned_end: null,
      budget: '800.00',
      outcomes: 'Sportello attivo in tre comuni.\nRisparmio di tempo.',
    });

    // Markup is stored as written and served as text (the web app never renders it as HTML).
    const xss = '<script>alert(1)</script><img src=x onerror=alert(1)>';
    expect((await patch(referent, twinning.id, { outcomes: xss }).expect(200)).body.outcomes).toBe(xss);
  });

  it('refuses other people (403), unknown twinnings (404) and bad input (400), changing nothing', async () => {
    const twinning = await requestFor((await publishedPractice()).id);
    await patch(referent, twinning.id, { plannedStart: '2026-01-10', budget: '100' }).expect(200);
    const before = await stored(twinning.id);
    for (const who of [official, offerer, outsider, otherReferent, moderator]) {
      const res = await patch(who, twinning.id, { budget: '1' }).expect(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    await patch(admin, randomUUID(), { budget: '1' }).expect(404);
    await patch(admin, 'nope', { budget: '1' }).expect(400);
    await t.http().patch(`/api/v1/twinnings/${twinning.id}`).send({ budget: '1' }).expect(401);

    for (const body of [
      { plannedEnd: '2026-01-09' }, // before the stored start
      { plannedStart: '2026-05-01', plannedEnd: '2026-04-30' },
      { plannedStart: '2026-02-30' },
      { plannedStart: '0000-01-01' },
      { plannedStart: '2026-01-10T10:00:00Z' },
      { plannedStart: 20260110 },
      { budget: '-1' },
      { budget: -1 },
      { budget: '1.234' },
      { budget: '1e3' },
      { budget: 'NaN' },
      { budget: '1234567890123' },
      { budget: true },
      { budget: ['1'] },
      { budget: 1e21 },
      { outcomes: 'a\u0000b' },
      { outcomes: 'x\uD800y' },
      { outcomes: '\uDC00' },
      { outcomes: 'x'.repeat(20_001) },
      { outcomes: null },
      { outcomes: 42 },
      { outcomes: { text: 'a' } },
    ]) {
      const res = await patch(admin, twinning.id, body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      // NUL and lone surrogates are refused by the global text guard before validation.
      expect(['validation_failed', 'invalid_text']).toContain(res.body.code);
    }
    expect(await stored(twinning.id)).toEqual(before);
  });

  it('lists the practice’s adopters: receiving administrations of twinnings in progress or concluded', async () => {
    const practice = await publishedPractice();
    await t.http().get(`/api/v1/practices/${practice.id}/adopters`).set(as(outsider)).expect(200).expect([]);
    const running = await requestFor(practice.id);
    const other = await requestFor(practice.id, otherReferent, orgOther);
    await move(running.id, 'selezionato');
    await move(other.id, 'selezionato');
    // Selected is not adopted yet.
    expect((await t.http().get(`/api/v1/practices/${practice.id}/adopters`).set(as(outsider))).body).toEqual(
      [],
    );
    await move(running.id, 'in_corso');
    await move(other.id, 'in_corso');
    await move(other.id, 'concluso');
    const adopters = (
      await t.http().get(`/api/v1/practices/${practice.id}/adopters`).set(as(outsider)).expect(200)
    ).body as PracticeAdopterView[];
    expect(adopters).toHaveLength(2);
    expect(adopters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          organization: expect.objectContaining({ id: orgReceive, region: 'Campania', kind: 'comune' }),
          twinningId: running.id,
          status: 'in_corso',
        }),
        expect.objectContaining({
          organization: expect.objectContaining({ id: orgOther }),
          twinningId: other.id,
          status: 'concluso',
        }),
      ]),
    );
    expect(adopters.every((a) => a.startedAt !== null)).toBe(true);
    await t.http().get(`/api/v1/practices/${randomUUID()}/adopters`).set(as(outsider)).expect(404);
    await t.http().get(`/api/v1/practices/x/adopters`).set(as(outsider)).expect(400);
  });

  it('opens a private space on selection: parties read and post, a third administration gets 403', async () => {
    const twinning = await requestFor((await publishedPractice()).id);
    await move(twinning.id, 'selezionato');
    const seen = await view(official, twinning.id);
    expect(seen.spaceId).toEqual(expect.any(String));
    const spaceId = seen.spaceId!;
    expect((await view(admin, twinning.id)).spaceId).toBe(spaceId);
    expect((await view(outsider, twinning.id)).spaceId).toBeNull();
    // Selected again (after another move) it keeps its one space.
    await move(twinning.id, 'in_corso');
    expect((await view(offerer, twinning.id)).spaceId).toBe(spaceId);

    const space = (await t.http().get(`/api/v1/spaces/${spaceId}`).set(as(official)).expect(200))
      .body as SpaceView;
    expect(space).toMatchObject({ visibility: 'twinning', twinningId: twinning.id, labId: null });
    const thread = await newThread(t, official, spaceId, { title: 'Piano di trasferimento' });
    await t
      .http()
      .post(`/api/v1/threads/${thread.id}/posts`)
      .set(as(offerer))
      .send({ body: 'Ecco la bozza del piano.' })
      .expect(201);
    const doc = await t
      .http()
      .post('/api/v1/documents')
      .set(as(referent))
      .send({ title: 'Verbale di avvio', kind: 'quadro_logico', owner: { type: 'space', id: spaceId } })
      .expect(201);
    await t.http().get(`/api/v1/documents/${doc.body.id}`).set(as(offerer)).expect(200);
    const listed = await t.http().get('/api/v1/spaces').query({ limit: 100 }).set(as(official)).expect(200);
    expect((listed.body.items as SpaceView[]).map((s) => s.id)).toContain(spaceId);
    await t.http().get(`/api/v1/spaces/${spaceId}`).set(as(admin)).expect(200);

    // Another administration's official and referent, and a global moderator, do not get in.
    for (const stranger of [outsider, otherReferent, moderator]) {
      await t.http().get(`/api/v1/spaces/${spaceId}`).set(as(stranger)).expect(403);
      await t.http().get(`/api/v1/spaces/${spaceId}/threads`).set(as(stranger)).expect(403);
      await t.http().get(`/api/v1/threads/${thread.id}`).set(as(stranger)).expect(403);
      await t.http().get(`/api/v1/threads/${thread.id}/posts`).set(as(stranger)).expect(403);
      await t
        .http()
        .post(`/api/v1/threads/${thread.id}/posts`)
        .set(as(stranger))
        .send({ body: 'Intrusione.' })
        .expect(403);
      await t
        .http()
        .post(`/api/v1/spaces/${spaceId}/threads`)
        .set(as(stranger))
        .send({ title: 'Intrusione', body: 'Intrusione.' })
        .expect(403);
      expect([403, 404]).toContain(
        (await t.http().get(`/api/v1/documents/${doc.body.id}`).set(as(stranger))).status,
      );
      const theirs = await t.http().get('/api/v1/spaces').query({ limit: 100 }).set(as(stranger)).expect(200);
      expect((theirs.body.items as SpaceView[]).map((s) => s.id)).not.toContain(spaceId);
      const search = await t
        .http()
        .get('/api/v1/search')
        .query({ q: 'Piano di trasferimento' })
        .set(as(stranger));
      expect(JSON.stringify(search.body)).not.toContain(thread.id);
    }
    const sneaky = await connectSocket(t.baseUrl, outsider.accessToken);
    sockets.push(sneaky);
    expect(await sneaky.subscribe({ room: `space:${spaceId}` })).toMatchObject({ ok: false });

    // A flag in it reaches the admins (queue and `admin` room), not global moderators, who do not read it.
    const moderatorLive = await connectSocket(t.baseUrl, moderator.accessToken);
    const adminLive = await connectSocket(t.baseUrl, admin.accessToken);
    sockets.push(moderatorLive, adminLive);
    expect(await moderatorLive.subscribe({ room: 'moderation' })).toMatchObject({ ok: true });
    expect(await adminLive.subscribe({ room: 'admin' })).toMatchObject({ ok: true });
    const [firstPost] = (
      await t.http().get(`/api/v1/threads/${thread.id}/posts`).set(as(offerer)).expect(200)
    ).body.items as { id: string }[];
    const flagged = await t
      .http()
      .post(`/api/v1/posts/${firstPost.id}/flags`)
      .set(as(offerer))
      .send({ reason: 'Contiene dati personali di un dipendente' })
      .expect(201);
    await adminLive.waitFor(
      (e) => e.type === 'flag.created' && (e.data as { id: string }).id === flagged.body.id,
    );
    const queueOf = async (who: TestMember) =>
      (
        (await t.http().get('/api/v1/moderation/flags').set(as(who)).expect(200)).body.items as {
          postId: string;
        }[]
      ).map((item) => item.postId);
    expect(await queueOf(admin)).toContain(firstPost.id);
    expect(await queueOf(moderator)).not.toContain(firstPost.id);
    expect(JSON.stringify(await t.http().get('/api/v1/me/desk').set(as(moderator)))).not.toContain(
      'dati personali',
    );
    expect(moderatorLive.received.filter((e) => e.type === 'flag.created')).toEqual([]);

    // Its roster is the twinning's administrations: nobody invites into it, and its visibility stays.
    await t
      .http()
      .post(`/api/v1/spaces/${spaceId}/members`)
      .set(as(admin))
      .send({ memberId: outsider.id })
      .expect(403);
    const fixed = await t
      .http()
      .patch(`/api/v1/spaces/${spaceId}`)
      .set(as(admin))
      .send({ visibility: 'public' })
      .expect(409);
    expect(fixed.body.code).toBe('twinning_space_fixed');
  });

  it('a request has no space; a withdrawn one never gets one; status notifications link to /gemellaggi/:id', async () => {
    const twinning = await requestFor((await publishedPractice()).id);
    expect((await view(admin, twinning.id)).spaceId).toBeNull();
    await move(twinning.id, 'ritirato');
    expect((await view(admin, twinning.id)).spaceId).toBeNull();
    const notes = await t.http().get('/api/v1/notifications').set(as(official)).expect(200);
    const mine = (
      notes.body.items as { kind: string; link: string | null; data: Record<string, unknown> }[]
    ).filter((n) => n.kind === 'twinning_status_changed' && n.data.twinningId === twinning.id);
    expect(mine.map((n) => n.link)).toEqual([`/gemellaggi/${twinning.id}`]);
  });

  it('GET /twinnings filters by status and by my administration', async () => {
    const practice = await publishedPractice();
    const mine = await requestFor(practice.id);
    const theirs = await requestFor(practice.id, otherReferent, orgOther);
    await move(theirs.id, 'selezionato');
    const ids = async (actor: TestMember, query: Record<string, string>) =>
      (
        (
          await t
            .http()
            .get('/api/v1/twinnings')
            .query({ limit: 100, ...query })
            .set(as(actor))
            .expect(200)
        ).body.items as TwinningView[]
      ).map((x) => x.id);
    const ofMine = await ids(official, { mine: 'true' });
    expect(ofMine).toContain(mine.id);
    expect(ofMine).not.toContain(theirs.id);
    const selected = await ids(admin, { status: 'selezionato' });
    expect(selected).toContain(theirs.id);
    expect(selected).not.toContain(mine.id);
    expect(await ids(moderator, { mine: 'true' })).toEqual([]);
    for (const query of [{ status: 'approvato' }, { mine: 'yes' }, { status: 'SELEZIONATO' }]) {
      await t.http().get('/api/v1/twinnings').query(query).set(as(admin)).expect(400);
    }
  });
});
