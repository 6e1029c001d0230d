import {
  SESSION_MESSAGE_LIMITS,
  type LabSessionView,
  type LabView,
  type Page,
  type SessionMessageView,
} from '@convergo/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { newMember, type TestMember } from './support/factories';
import { connectSocket, type TestSocket } from './support/socket-client';
import { newLiveLab } from './support/live-room';
import { startTestApp, type TestApp } from './support/test-app';

describe('live session chat', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: TestMember;
  let tutor: TestMember;
  let paola: TestMember;
  let carlo: TestMember;
  let chatty: TestMember;
  let outsider: TestMember;
  let lab: LabView;
  let session: LabSessionView;
  const sockets: TestSocket[] = [];

  const as = (m: TestMember) => ({ authorization: `Bearer ${m.accessToken}` });
  const expectProblem = (
    res: { status: number; headers: Record<string, string>; body: { code?: string } },
    status: number,
    code?: string,
  ) => {
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code: code ?? res.body.code });
    expect(res.headers['content-type']).toContain('application/problem+json');
  };
  const countMessages = async () =>
    Number(((await db.query(`SELECT count(*) AS n FROM session_messages`)) as { n: string }[])[0].n);
  const newSession = async (): Promise<LabSessionView> =>
    (
      await t
        .http()
        .post(`/api/v1/labs/${lab.id}/sessions`)
        .set(as(tutor))
        .send({
          title: `Sessione ${randomUUID().slice(0, 8)}`,
          mode: 'hybrid',
          place: 'Formez PA, Roma',
          onlineUrl: 'https://meet.jit.si/lab',
          startsAt: '2027-01-14T10:00:00+01:00',
          endsAt: '2027-01-14T13:00:00+01:00',
        })
        .expect(201)
    ).body as LabSessionView;
  const post = (member: TestMember, body: unknown, sessionId = session.id) =>
    t.http().post(`/api/v1/sessions/${sessionId}/messages`).set(as(member)).send({ body });
  const page = async (member: TestMember, sessionId: string, query = '') =>
    (await t.http().get(`/api/v1/sessions/${sessionId}/messages${query}`).set(as(member)).expect(200))
      .body as Page<SessionMessageView>;

  beforeAll(async () => {
    // Member budgets on: the chat limit is part of what is tested.
    t = await startTestApp({ env: { RATE_LIMIT_DISABLED: 'false' } });
    db = t.app.get(DataSource);
    [admin, tutor, paola, carlo, chatty, outsider] = await Promise.all([
      newMember(t, { role: 'admin' }),
      newMember(t, { role: 'tutor', displayName: 'Tina Tutor' }),
      newMember(t, { displayName: 'Paola Partecipante' }),
      newMember(t, { displayName: 'Carlo Collega' }),
      newMember(t, { displayName: 'Ciro Chiacchierone' }),
      newMember(t, { displayName: 'Omar Esterno' }),
    ]);
    lab = await newLiveLab(t.baseUrl, admin, { tutors: [tutor], participants: [paola, carlo, chatty] });
    session = await newSession();
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(async () => {
    await t.close();
  });

  it('stores a message and sends it to the room as session.message', async () => {
    const socket = await connectSocket(t.baseUrl, carlo.accessToken);
    sockets.push(socket);
    expect(await socket.subscribe({ room: `session:${session.id}` })).toEqual({ ok: true });

    const res = await post(paola, 'Buongiorno a tutti, il **quadro logico** è su https://example.org/ql');
    expect(res.status).toBe(201);
    const message = res.body as SessionMessageView;
    expect(message).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      sessionId: session.id,
      author: { id: paola.id, displayName: 'Paola Partecipante', organizationName: null },
      body: 'Buongiorno a tutti, il **quadro logico** è su https://example.org/ql',
      bodyHtml:
        '<p>Buongiorno a tutti, il <strong>quadro logico</strong> è su <a href="https://example.org/ql" rel="nofollow noopener noreferrer ugc" target="_blank">https://example.org/ql</a></p>\n',
      createdAt: expect.any(String),
    });
    const event = await socket.waitFor((e) => e.type === 'session.message');
    expect(event.room).toBe(`session:${session.id}`);
    expect(event.data).toEqual(message);

    // Tutors and admins write too.
    await post(tutor, 'Iniziamo tra 5 minuti').expect(201);
    await post(admin, 'Buon lavoro!').expect(201);
  });

  it('sanitises the rendered HTML like posts: no scripts, javascript: links or event handlers', async () => {
    const body = [
      '<script>alert(1)</script>',
      '[clicca](javascript:alert(1)) [anche](JAVASCRIPT:alert(2)) [dati](data:text/html;base64,PHNjcmlwdD4=)',
      '<img src=x onerror=alert(3)>',
      '<a href="javascript:alert(4)" onclick="alert(5)">link</a>',
      '![traccia](https://tracker.example/pixel.png)',
      '<svg onload=alert(6)>',
    ].join('\n\n');
    const res = await post(carlo, body);
    expect(res.status).toBe(201);
    const { bodyHtml } = res.body as SessionMessageView;
    expect(bodyHtml).not.toMatch(/<script/i);
    expect(bodyHtml).not.toMatch(/<img/i);
    expect(bodyHtml).not.toMatch(/<svg/i);
    expect(bodyHtml).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
    // The only real links left are the http(s) ones (the image became a plain link: no tracking pixel).
    const hrefs = [...bodyHtml.matchAll(/<a\s[^>]*href="([^"]*)"/gi)].map((m) => m[1]);
    expect(hrefs).toEqual(['https://tracker.example/pixel.png']);
    // The raw HTML is shown as text, so the author's words are not lost.
    expect(bodyHtml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect((res.body as SessionMessageView).body).toBe(body);
  });

  it('refuses bad messages with 400 naming the field, storing nothing', async () => {
    const before = await countMessages();
    const cases: [unknown, number][] = [
      ['ciao\u0000', 400],
      ['ciao \ud800 mondo', 400],
      ['ciao \udfff', 400],
      ['x'.repeat(SESSION_MESSAGE_LIMITS.body + 1), 400],
      ['', 400],
      [' \n\t ', 400],
      [42, 400],
      [null, 400],
      [['ciao'], 400],
    ];
    for (const [body] of cases) {
      const res = await post(paola, body);
      expect({ body: String(body).slice(0, 20), status: res.status }).toEqual({
        body: String(body).slice(0, 20),
        status: 400,
      });
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect((res.body as { errors: { field: string }[] }).errors.map((e) => e.field)).toContain('body');
    }
    expectProblem(
      await t
        .http()
        .post(`/api/v1/sessions/${session.id}/messages`)
        .set(as(paola))
        .send({ body: 'ciao', authorId: carlo.id }),
      400,
    );
    expectProblem(
      await t.http().post(`/api/v1/sessions/${session.id}/messages`).set(as(paola)).send({}),
      400,
    );
    expect(await countMessages()).toBe(before);
    // The longest allowed body and an emoji (a surrogate pair) are fine.
    await post(paola, `${'x'.repeat(SESSION_MESSAGE_LIMITS.body - 2)}😀`).expect(201);
  });

  it('keeps the chat to the lab’s people: outsiders 403, forged sessions 404', async () => {
    const before = await countMessages();
    expectProblem(await post(outsider, 'ciao'), 403, 'session_chat_forbidden');
    expectProblem(
      await t.http().get(`/api/v1/sessions/${session.id}/messages`).set(as(outsider)),
      403,
      'session_chat_forbidden',
    );
    expectProblem(await post(paola, 'ciao', randomUUID()), 404, 'session_not_found');
    expectProblem(await t.http().get(`/api/v1/sessions/${randomUUID()}/messages`).set(as(paola)), 404);
    expectProblem(await post(paola, 'ciao', 'not-a-uuid'), 400);
    expectProblem(await t.http().post(`/api/v1/sessions/${session.id}/messages`).send({ body: 'ciao' }), 401);
    expect(await countMessages()).toBe(before);
    // An outsider cannot listen in on the room either.
    const socket = await connectSocket(t.baseUrl, outsider.accessToken);
    sockets.push(socket);
    expect(await socket.subscribe({ room: `session:${session.id}` })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('pages like a chat: the newest page first, oldest to newest within it, the cursor going back', async () => {
    const room = await newSession();
    const sent: SessionMessageView[] = [];
    for (let i = 1; i <= 5; i += 1) {
      sent.push(
        (await post(i % 2 ? paola : carlo, `messaggio ${i}`, room.id).expect(201)).body as SessionMessageView,
      );
    }
    const ids = (items: SessionMessageView[]) => items.map((m) => m.body);

    const all = await page(tutor, room.id);
    expect(ids(all.items)).toEqual([
      'messaggio 1',
      'messaggio 2',
      'messaggio 3',
      'messaggio 4',
      'messaggio 5',
    ]);
    expect(all.items).toEqual(sent);
    expect(all.nextCursor).toBeNull();

    const first = await page(paola, room.id, '?limit=2');
    expect(ids(first.items)).toEqual(['messaggio 4', 'messaggio 5']);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await page(paola, room.id, `?limit=2&cursor=${first.nextCursor}`);
    expect(ids(second.items)).toEqual(['messaggio 2', 'messaggio 3']);
    const third = await page(paola, room.id, `?limit=2&cursor=${second.nextCursor}`);
    expect(ids(third.items)).toEqual(['messaggio 1']);
    expect(third.nextCursor).toBeNull();

    // A message written meanwhile does not shift the older pages.
    await post(carlo, 'messaggio 6', room.id).expect(201);
    const again = await page(paola, room.id, `?limit=2&cursor=${first.nextCursor}`);
    expect(ids(again.items)).toEqual(['messaggio 2', 'messaggio 3']);

    for (const query of [
      '?limit=0',
      `?limit=${SESSION_MESSAGE_LIMITS.pageMax + 1}`,
      '?limit=abc',
      '?cursor=nonsense',
    ]) {
      expectProblem(await t.http().get(`/api/v1/sessions/${room.id}/messages${query}`).set(as(paola)), 400);
    }
    const forged = Buffer.from(JSON.stringify(["1'; DROP TABLE x", 'nope'])).toString('base64url');
    expectProblem(
      await t.http().get(`/api/v1/sessions/${room.id}/messages?cursor=${forged}`).set(as(paola)),
      400,
      'invalid_cursor',
    );
  });

  it('refuses messages in a cancelled session (409) but not in an ended one', async () => {
    const cancelled = await newSession();
    await t.http().post(`/api/v1/sessions/${cancelled.id}/cancel`).set(as(tutor)).expect(200);
    expectProblem(await post(paola, 'ci siamo?', cancelled.id), 409, 'session_closed');
    expect((await page(paola, cancelled.id)).items).toEqual([]);

    const ended = await newSession();
    await t.http().patch(`/api/v1/sessions/${ended.id}`).set(as(tutor)).send({ status: 'live' }).expect(200);
    await t.http().patch(`/api/v1/sessions/${ended.id}`).set(as(tutor)).send({ status: 'ended' }).expect(200);
    await post(paola, 'Grazie a tutti!', ended.id).expect(201);
  });

  it('limits each member’s messages per minute in a session with a 429 problem', async () => {
    const room = await newSession();
    for (let i = 0; i < SESSION_MESSAGE_LIMITS.perMinute; i += 1)
      await post(chatty, `riga ${i}`, room.id).expect(201);
    const res = await post(chatty, 'ancora una', room.id);
    expectProblem(res, 429, 'rate_limited');
    expect((await page(tutor, room.id)).items).toHaveLength(SESSION_MESSAGE_LIMITS.perMinute);
    // Others in the room are unaffected.
    await post(paola, 'io posso', room.id).expect(201);
  });
});
