import type { DeskBlock, DeskView, LabView } from '@convergo/contracts';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { badAccessTokens } from './support/bad-tokens';
import { askForAccess, newBenchProgramme } from './support/desk-world';
import { newMember, newOrganization, newSpace, newThread, type TestMember } from './support/factories';
import { as, newLiveLab, newLiveSession } from './support/live-room';
import { startTestApp, type TestApp } from './support/test-app';

/*
 * Issue 15, the home as the member's desk (`GET /me/desk`), on a world built by hand:
 *
 * | who                  | what the world gives them                                                     |
 * |----------------------|-------------------------------------------------------------------------------|
 * | Ada (official, ente A) | lab "Lab Alfa" (running) in group "Gruppo Uno"; a session running now and one |
 * |                      | in 3 days; deliverables "Piano" (draft, due in 10 days) and "Mappa" (submitted);|
 * |                      | a thread she started in a public space, with 1 reply by Bruno (unread);       |
 * |                      | a booking on Teresa's slot in 2 days                                          |
 * | Teresa (tutor)       | tutors Lab Alfa: today's session, "Mappa" to review, Ada's booking this week,  |
 * |                      | the coaching thread of Gruppo Uno, opened by Ada, with her question (2 unread) |
 * | Marta (moderator)    | the flag queue: 2 posts flagged (one twice), the latest by Ada                 |
 * | the admin            | 1 access request (Luca Verdi), 1 application (ente A to "Lab Beta", open),    |
 * |                      | programme "Programma del banco" headline figures                              |
 * | Bruno (official, ente B) | lab "Lab Gamma" with its own group, deliverable and private space thread      |
 *
 * Ada's desk never shows Bruno's administration's private things (his lab, group, deliverable, his
 * private space's thread, even with a subscription left behind).
 */
describe('the member’s desk (GET /me/desk)', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: TestMember;
  let tutor: TestMember;
  let moderator: TestMember;
  let ada: TestMember;
  let bruno: TestMember;
  let referentA: TestMember;
  let labAlfa: LabView;
  let labGamma: LabView;
  let privateThreadId: string;
  const ids: Record<string, string> = {};
  const suffix = randomBytes(3).toString('hex');

  const desk = async (m: TestMember) =>
    (await t.http().get('/api/v1/me/desk').set(as(m)).expect(200)).body as DeskView;
  const titles = (block: DeskBlock | undefined) => (block?.items ?? []).map((item) => item.title);
  const post = (m: TestMember, path: string, body: object = {}) => t.http().post(path).set(as(m)).send(body);
  const at = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    const orgA = await newOrganization(t, { name: `Comune Alfa ${suffix}` });
    const orgB = await newOrganization(t, { name: `Comune Beta ${suffix}` });
    [admin, tutor, moderator, ada, bruno, referentA] = await Promise.all([
      newMember(t, { role: 'admin' }),
      newMember(t, { role: 'tutor', displayName: 'Teresa Tutor' }),
      newMember(t, { role: 'moderator', displayName: 'Marta Moderatrice' }),
      newMember(t, { displayName: 'Ada Esposito', organizationId: orgA }),
      newMember(t, { displayName: 'Bruno Greco', organizationId: orgB }),
      newMember(t, { displayName: 'Rita Referente', organizationId: orgA, isReferent: true }),
    ]);

    labAlfa = await newLiveLab(t.baseUrl, admin, { tutors: [tutor], participants: [ada] });
    await db.query(`UPDATE labs SET title = $2 WHERE id = $1`, [labAlfa.id, `Lab Alfa ${suffix}`]);
    labGamma = await newLiveLab(t.baseUrl, admin, { tutors: [], participants: [bruno] });
    await db.query(`UPDATE labs SET title = $2 WHERE id = $1`, [labGamma.id, `Lab Gamma ${suffix}`]);
    const group = async (labId: string, name: string, memberIds: string[]) =>
      (
        (await post(admin, `/api/v1/labs/${labId}/groups`, { name, memberIds }).expect(201)).body as {
          id: string;
        }
      ).id;
    ids.groupUno = await group(labAlfa.id, 'Gruppo Uno', [ada.id]);
    ids.groupGamma = await group(labGamma.id, 'Gruppo Gamma', [bruno.id]);

    ids.sessionNow = (await newLiveSession(t.baseUrl, tutor, labAlfa.id)).id;
    await db.query(`UPDATE lab_sessions SET title = 'Sessione di oggi' WHERE id = $1`, [ids.sessionNow]);
    ids.sessionLater = (
      (
        await post(tutor, `/api/v1/labs/${labAlfa.id}/sessions`, {
          title: 'Sessione tra tre giorni',
          mode: 'in_presence',
          place: 'Napoli',
          startsAt: at(72),
          endsAt: at(74),
        }).expect(201)
      ).body as { id: string }
    ).id;
    await post(admin, `/api/v1/labs/${labGamma.id}/sessions`, {
      title: 'Sessione di Gamma',
      mode: 'in_presence',
      place: 'Bari',
      startsAt: at(48),
      endsAt: at(50),
    }).expect(201);

    const deliverable = async (labId: string, groupId: string, title: string, dueAt: string) =>
      (
        (
          await post(admin, `/api/v1/labs/${labId}/deliverables`, {
            groupId,
            kind: 'logical_framework',
            title,
            dueAt,
          }).expect(201)
        ).body as { id: string }
      ).id;
    ids.piano = await deliverable(labAlfa.id, ids.groupUno, 'Piano', at(240));
    ids.mappa = await deliverable(labAlfa.id, ids.groupUno, 'Mappa', at(480));
    await post(ada, `/api/v1/deliverables/${ids.mappa}/submit`).expect(200);
    await deliverable(labGamma.id, ids.groupGamma, 'Prodotto di Gamma', at(100));

    const square = await newSpace(t, { name: `Piazza ${suffix}` });
    const adaThread = await newThread(t, ada, square.id, { title: 'Domanda di Ada' });
    ids.adaThread = adaThread.id;
    await post(bruno, `/api/v1/threads/${adaThread.id}/posts`, { body: 'Risposta di Bruno' }).expect(201);
    const secret = await newSpace(t, { visibility: 'private', members: [{ member: bruno }] });
    privateThreadId = (await newThread(t, bruno, secret.id, { title: 'Riservato di Beta' })).id;
    await post(admin, `/api/v1/threads/${privateThreadId}/posts`, { body: 'Nota interna' }).expect(201);
    // A subscription left behind (as after leaving the space) must not reveal the thread.
    await db.query(
      `INSERT INTO thread_subscriptions (thread_id, member_id, level) VALUES ($1, $2, 'watching')`,
      [privateThreadId, ada.id],
    );

    const slot = (
      await post(tutor, '/api/v1/tutoring/slots', {
        startsAt: at(48),
        endsAt: at(49),
        meeting: 'convergo',
      }).expect(201)
    ).body as { id: string };
    ids.slot = slot.id;
    await post(ada, `/api/v1/tutoring/slots/${slot.id}/bookings`, { topic: 'Indicatori del piano' }).expect(
      201,
    );

    const coaching = (
      await t.http().get(`/api/v1/lab-groups/${ids.groupUno}/coaching-thread`).set(as(ada)).expect(200)
    ).body as { threadId: string };
    ids.coachingThread = coaching.threadId;
    await post(ada, `/api/v1/threads/${coaching.threadId}/posts`, { body: 'Una domanda al tutor' }).expect(
      201,
    );

    const flagged = await newThread(t, bruno, square.id, { title: 'Discussione segnalata' });
    await post(moderator, `/api/v1/posts/${flagged.firstPost.id}/flags`, { reason: 'Fuori tema' }).expect(
      201,
    );
    const other = await newThread(t, bruno, square.id, { title: 'Altra segnalata' });
    await post(admin, `/api/v1/posts/${other.firstPost.id}/flags`, { reason: 'Spam' }).expect(201);
    await post(ada, `/api/v1/posts/${other.firstPost.id}/flags`, { reason: 'Linguaggio offensivo' }).expect(
      201,
    );

    await askForAccess(t, orgA, suffix);
    const labBeta = (
      await post(admin, '/api/v1/labs', { title: `Lab Beta ${suffix}`, ambito: 'B', status: 'open' }).expect(
        201,
      )
    ).body as LabView;
    ids.labBeta = labBeta.id;
    await post(referentA, `/api/v1/labs/${labBeta.id}/applications`, {
      organizationId: orgA,
      memberIds: [ada.id],
    }).expect(201);
    await newBenchProgramme(t, suffix);
  });
  afterAll(() => t.close());

  it('gives an official their own work: next sessions, labs and groups, deliverables due, unread threads, bookings', async () => {
    const view = await desk(ada);
    expect(view.role).toBe('member');
    expect(Object.keys(view.blocks).sort()).toEqual(
      ['bookings', 'deliverablesDue', 'labs', 'nextSessions', 'unreadThreads'].sort(),
    );
    const { nextSessions, labs, deliverablesDue, unreadThreads, bookings } = view.blocks;
    expect(titles(nextSessions)).toEqual(['Sessione di oggi', 'Sessione tra tre giorni']);
    expect(nextSessions).toMatchObject({ total: 2, link: '/calendario' });
    expect(nextSessions!.items[1]).toMatchObject({
      id: ids.sessionLater,
      detail: `Lab Alfa ${suffix}`,
      status: 'scheduled',
      link: `/laboratori/${labAlfa.id}/sessioni/${ids.sessionLater}`,
    });
    expect(labs!.items).toEqual([
      expect.objectContaining({
        id: labAlfa.id,
        title: `Lab Alfa ${suffix}`,
        detail: 'Gruppo Uno',
        status: 'running',
      }),
    ]);
    // Only what is still to hand in: the submitted one waits for the tutor.
    expect(deliverablesDue!.items).toEqual([
      expect.objectContaining({
        id: ids.piano,
        title: 'Piano',
        detail: `Lab Alfa ${suffix} · Gruppo Uno`,
        status: 'draft',
        link: `/laboratori/${labAlfa.id}/prodotti/${ids.piano}`,
      }),
    ]);
    // Her thread with Bruno's reply; the coaching thread holds only her own posts.
    expect(unreadThreads!.items).toEqual([
      expect.objectContaining({
        id: ids.adaThread,
        title: 'Domanda di Ada',
        count: 1,
        link: `/discussioni/${ids.adaThread}`,
      }),
    ]);
    expect(unreadThreads!.total).toBe(1);
    expect(bookings!.items).toEqual([
      expect.objectContaining({
        title: 'Teresa Tutor',
        status: 'booked',
        link: `/tutoraggio/slot/${ids.slot}`,
      }),
    ]);
  });

  it('never shows an official another administration’s private data', async () => {
    const mine = JSON.stringify(await desk(ada));
    for (const secret of [
      labGamma.id,
      ids.groupGamma,
      privateThreadId,
      'Riservato di Beta',
      'Prodotto di Gamma',
      'Sessione di Gamma',
    ]) {
      expect({ secret, shown: mine.includes(secret) }).toEqual({ secret, shown: false });
    }
    const his = await desk(bruno);
    expect(titles(his.blocks.labs)).toEqual([`Lab Gamma ${suffix}`]);
    expect(titles(his.blocks.deliverablesDue)).toEqual(['Prodotto di Gamma']);
    expect(titles(his.blocks.unreadThreads)).toEqual(['Riservato di Beta']);
    expect(JSON.stringify(his)).not.toContain(labAlfa.id);
    expect(JSON.stringify(his)).not.toContain('Piano');
  });

  it('gives a tutor today’s sessions, reviews, the week’s bookings and unread coaching', async () => {
    const view = await desk(tutor);
    expect(view.role).toBe('tutor');
    expect(Object.keys(view.blocks).sort()).toEqual(['coaching', 'reviews', 'todaySessions', 'weekBookings']);
    const { todaySessions, reviews, weekBookings, coaching } = view.blocks;
    // The session in three days is not today's.
    expect(todaySessions!.items).toEqual([
      expect.objectContaining({ id: ids.sessionNow, title: 'Sessione di oggi' }),
    ]);
    expect(reviews!.items).toEqual([
      expect.objectContaining({
        id: ids.mappa,
        title: 'Mappa',
        status: 'submitted',
        detail: `Lab Alfa ${suffix} · Gruppo Uno`,
      }),
    ]);
    expect(weekBookings!.items).toEqual([
      expect.objectContaining({
        title: 'Ada Esposito',
        detail: 'Indicatori del piano',
        link: `/tutoraggio/slot/${ids.slot}`,
      }),
    ]);
    // Ada opened the thread (its first post is hers) and asked: two posts Teresa has not read.
    expect(coaching!.items).toEqual([
      expect.objectContaining({
        id: ids.coachingThread,
        title: 'Gruppo Uno',
        detail: `Lab Alfa ${suffix}`,
        count: 2,
        link: `/discussioni/${ids.coachingThread}`,
      }),
    ]);
    expect(view.rooms).toEqual(expect.arrayContaining([`member:${tutor.id}`, `lab:${labAlfa.id}`]));
    expect(view.rooms).not.toContain('moderation');
  });

  it('gives a moderator the flag queue: the count and the latest flagged first', async () => {
    const view = await desk(moderator);
    expect(Object.keys(view.blocks)).toEqual(['flags']);
    expect(view.blocks.flags).toMatchObject({ total: 2, link: '/moderazione' });
    expect(view.blocks.flags!.items.map((item) => [item.title, item.count, item.detail])).toEqual([
      ['Altra segnalata', 2, 'Linguaggio offensivo'],
      ['Discussione segnalata', 1, 'Fuori tema'],
    ]);
    expect(view.rooms).toEqual([`member:${moderator.id}`, 'moderation']);
  });

  it('gives an admin the requests and applications waiting, the headline figures and the flags', async () => {
    const view = await desk(admin);
    expect(Object.keys(view.blocks).sort()).toEqual([
      'accessRequests',
      'applications',
      'flags',
      'indicators',
    ]);
    const { accessRequests, applications, indicators } = view.blocks;
    expect(accessRequests!.items).toEqual([
      expect.objectContaining({ title: 'Luca Verdi', detail: `Comune Alfa ${suffix}`, status: 'pending' }),
    ]);
    expect(applications!.items).toEqual([
      expect.objectContaining({
        title: `Comune Alfa ${suffix}`,
        detail: `Lab Beta ${suffix}`,
        count: 1,
        link: `/laboratori/${ids.labBeta}`,
      }),
    ]);
    expect(indicators!.link).toBe(`/programmi/banco-${suffix}`);
    expect(indicators!.items.map((item) => item.id)).toEqual([
      'iniziative',
      'amministrazioni-coinvolte',
      'funzionari-formati',
      'ore-formazione',
    ]);
    expect(view.rooms).toEqual(expect.arrayContaining(['admin', 'moderation', `member:${admin.id}`]));
    expect(view.rooms.some((room) => room.startsWith('programme:'))).toBe(true);
  });

  it('keeps each block to five items with the total', async () => {
    for (let i = 0; i < 6; i += 1) {
      await post(admin, `/api/v1/labs/${labAlfa.id}/deliverables`, {
        groupId: ids.groupUno,
        kind: 'logical_framework',
        title: `Extra ${i}`,
      }).expect(201);
    }
    const { deliverablesDue } = (await desk(ada)).blocks;
    expect(deliverablesDue!.items).toHaveLength(5);
    expect(deliverablesDue!.total).toBe(7);
    // Dated ones first.
    expect(deliverablesDue!.items[0].title).toBe('Piano');
  });

  it('refuses missing, garbage, expired, forged and unsigned tokens with 401 problem+json', async () => {
    const { expired, forged, unsigned } = badAccessTokens(ada.id);
    for (const token of [null, 'garbage', expired, forged, unsigned]) {
      const req = t.http().get('/api/v1/me/desk');
      const res = token === null ? await req : await req.set('authorization', `Bearer ${token}`);
      expect({ token, status: res.status }).toEqual({ token, status: 401 });
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
  });

  it('ignores hostile query strings and answers the same desk', async () => {
    const plain = await desk(ada);
    const res = await t
      .http()
      .get('/api/v1/me/desk')
      .query({ role: 'admin', limit: '1000', blocks: "flags' OR 1=1 --" })
      .set(as(ada))
      .expect(200);
    expect((res.body as DeskView).role).toBe('member');
    expect(Object.keys((res.body as DeskView).blocks).sort()).toEqual(Object.keys(plain.blocks).sort());
    const nul = await t.http().get('/api/v1/me/desk?x=%00').set(as(ada));
    expect(nul.status).toBe(400);
  });
});
