import type { NotificationKind } from '@convergo/contracts';
import { DataSource } from 'typeorm';
import { NotificationMailer } from '../apps/api/src/modules/notifications/notification-mailer';
import { NotificationsService } from '../apps/api/src/modules/notifications/notifications.service';
import { FakeSmtp } from './support/fake-smtp';
import { newMember, newSpace, newThread, type TestMember } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually<T>(read: () => T, ok: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (ok(value) || Date.now() > until) return value;
    await sleep(50);
  }
}

const PUBLIC_URL = 'https://convergo.example.it';

describe('notifications by e-mail', () => {
  const smtp = new FakeSmtp();
  let t: TestApp;
  let mailer: NotificationMailer;

  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({
      env: {
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(smtp.port),
        SMTP_SECURE: 'false',
        SMTP_FROM: 'Convergo <noreply@convergo.example.it>',
        PUBLIC_URL,
        MAIL_OUTBOX_INTERVAL_MS: '100',
        MAIL_RETRY_BASE_MS: '100',
        DIGEST_INTERVAL_MS: '0',
      },
    });
    mailer = t.app.get(NotificationMailer);
  });
  afterAll(async () => {
    await t?.close();
    await smtp.stop();
  });

  const as = (m: TestMember) => ({ authorization: `Bearer ${m.accessToken}` });

  async function prefer(member: TestMember, email: string) {
    await t.http().patch('/api/v1/me/notification-preferences').set(as(member)).send({ email }).expect(200);
  }

  function notify(
    member: TestMember,
    kind: NotificationKind,
    data: Record<string, string | number | null>,
    link: string,
  ) {
    return t.app.get(NotificationsService).notify({ memberId: member.id, kind, data, link });
  }

  const reply = (threadTitle: string, authorName = 'Mario Rossi') => ({
    threadId: '00000000-0000-4000-8000-000000000001',
    threadTitle,
    authorName,
    excerpt: 'Vediamo i numeri insieme.',
  });

  it('keeps preferences per member: daily by default, validated, problem+json on bad input', async () => {
    const member = await newMember(t);
    const get = await t.http().get('/api/v1/me/notification-preferences').set(as(member)).expect(200);
    expect(get.body).toEqual({ email: 'daily' });
    const patched = await t
      .http()
      .patch('/api/v1/me/notification-preferences')
      .set(as(member))
      .send({ email: 'never' })
      .expect(200);
    expect(patched.body).toEqual({ email: 'never' });
    expect((await t.http().get('/api/v1/me/notification-preferences').set(as(member))).body).toEqual({
      email: 'never',
    });
    for (const body of [
      {},
      { email: 'weekly' },
      { email: 1 },
      { email: null },
      { email: 'daily', extra: true },
    ]) {
      const res = await t.http().patch('/api/v1/me/notification-preferences').set(as(member)).send(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    await t.http().get('/api/v1/me/notification-preferences').expect(401);
    await t.http().patch('/api/v1/me/notification-preferences').send({ email: 'daily' }).expect(401);
  });

  it('e-mails an immediate member once per notification, in Italian, with the link and the preferences', async () => {
    const member = await newMember(t, { displayName: 'Lucia Bianchi' });
    await prefer(member, 'immediate');
    await notify(member, 'thread_reply', reply('Bilancio partecipato 2026'), '/discussioni/abc#post-2');
    await notify(member, 'space_added', { spaceId: 'x', spaceName: 'Transizione digitale' }, '/spazi/x');

    const mails = await eventually(
      () => smtp.to(member),
      (m) => m.length >= 2,
    );
    await mailer.flush();
    await sleep(400); // several poller rounds: nothing more comes
    expect(smtp.to(member)).toHaveLength(2);
    const [first, second] = mails;
    expect(first.subject).toBe('Mario Rossi ha risposto alla tua discussione «Bilancio partecipato 2026»');
    expect(first.text).toContain('Ciao Lucia Bianchi,');
    expect(first.text).toContain(`${PUBLIC_URL}/discussioni/abc#post-2`);
    expect(first.text).toContain('Vediamo i numeri insieme.');
    expect(first.text).toContain(`${PUBLIC_URL}/profilo#notifiche`);
    expect(first.html).toContain(`href="${PUBLIC_URL}/discussioni/abc#post-2"`);
    expect(first.html).toContain(`href="${PUBLIC_URL}/profilo#notifiche"`);
    expect(second.subject).toBe('Ora fai parte dello spazio «Transizione digitale»');

    const rows = (await t.app
      .get(DataSource)
      .query(`SELECT status, mode FROM notification_deliveries WHERE member_id = $1`, [
        member.id,
      ])) as unknown[];
    expect(rows).toEqual([
      { status: 'sent', mode: 'immediate' },
      { status: 'sent', mode: 'immediate' },
    ]);
  });

  it('e-mails after the commit of a real write (a reply in my thread)', async () => {
    const author = await newMember(t, { displayName: 'Autrice Immediata' });
    const replier = await newMember(t, { displayName: 'Paolo Verdi' });
    await prefer(author, 'immediate');
    const space = await newSpace(t);
    const thread = await newThread(t, author, space.id, { title: 'Appalti verdi' });
    await t
      .http()
      .post(`/api/v1/threads/${thread.id}/posts`)
      .set(as(replier))
      .send({ body: 'Ecco la nostra esperienza.' })
      .expect(201);
    const mails = await eventually(
      () => smtp.to(author),
      (m) => m.length >= 1,
    );
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('Paolo Verdi ha risposto alla tua discussione «Appalti verdi»');
    expect(mails[0].text).toContain(`${PUBLIC_URL}/discussioni/${thread.id}#post-2`);
  });

  it('writes in English to members whose language is English', async () => {
    const member = await newMember(t, { displayName: 'John Smith' });
    await t.app.get(DataSource).query(`UPDATE members SET locale = 'en' WHERE id = $1`, [member.id]);
    await prefer(member, 'immediate');
    await notify(member, 'mention', reply('Smart working'), '/discussioni/def#post-3');
    const [mail] = await eventually(
      () => smtp.to(member),
      (m) => m.length >= 1,
    );
    expect(mail.subject).toBe('Mario Rossi mentioned you in “Smart working”');
    expect(mail.text).toContain('Hello John Smith,');
    expect(mail.text).toContain('Open in Convergo');
    expect(mail.text).toContain('notification preferences');
  });

  it('escapes user-supplied strings in the HTML body', async () => {
    const member = await newMember(t, { displayName: '<img src=x onerror=alert(1)>' });
    await prefer(member, 'immediate');
    await notify(
      member,
      'thread_reply',
      reply('<b>Titolo</b> & "altro"', '<script>alert("xss")</script>'),
      '/discussioni/ghi"><script>#post-1',
    );
    const [mail] = await eventually(
      () => smtp.to(member),
      (m) => m.length >= 1,
    );
    expect(mail.html).not.toMatch(/<script|<img|<b>/i);
    expect(mail.html).toContain('&#60;script&#62;alert(&#34;xss&#34;)&#60;/script&#62;');
    expect(mail.html).toContain('&#60;img src=x onerror=alert(1)&#62;');
    expect(mail.html).toContain('&#60;b&#62;Titolo&#60;/b&#62; &#38; &#34;altro&#34;');
    // The plain text keeps the words as written.
    expect(mail.subject).toBe(
      '<script>alert("xss")</script> ha risposto alla tua discussione «<b>Titolo</b> & "altro"»',
    );
  });

  it('sends a daily member nothing at once, then one digest with every item, and never twice', async () => {
    const member = await newMember(t, { displayName: 'Giulia Neri' });
    await notify(member, 'thread_post', reply('Prima discussione'), '/discussioni/a#post-4');
    await notify(member, 'space_moderator_appointed', { spaceId: 'y', spaceName: 'Sanità' }, '/spazi/y');
    await notify(member, 'post_reply', reply('Terza discussione', 'Anna Blu'), '/discussioni/c#post-9');
    await mailer.flush();
    await sleep(300);
    expect(smtp.to(member)).toEqual([]);

    await mailer.sendDigests(new Date());
    const mails = await eventually(
      () => smtp.to(member),
      (m) => m.length >= 1,
    );
    expect(mails).toHaveLength(1);
    const [digest] = mails;
    expect(digest.subject).toBe('Convergo: 3 nuove notifiche');
    expect(digest.text).toContain('Ciao Giulia Neri,');
    expect(digest.text).toContain('Nuovo messaggio di Mario Rossi in «Prima discussione»');
    expect(digest.text).toContain('Ti è stata affidata la moderazione dello spazio «Sanità»');
    expect(digest.text).toContain('Anna Blu ha risposto al tuo messaggio in «Terza discussione»');
    expect(digest.text).toContain(`${PUBLIC_URL}/spazi/y`);
    expect(digest.html).toContain(`href="${PUBLIC_URL}/discussioni/c#post-9"`);
    expect(digest.text).toContain(`${PUBLIC_URL}/profilo#notifiche`);

    await mailer.sendDigests(new Date());
    await mailer.sendDigests(new Date(Date.now() + 86_400_000));
    await sleep(200);
    expect(smtp.to(member)).toHaveLength(1);
  });

  it('leaves read notifications out of the digest', async () => {
    const member = await newMember(t);
    const read = await notify(member, 'space_added', { spaceId: 'r', spaceName: 'Già letta' }, '/spazi/r');
    await notify(member, 'space_added', { spaceId: 'u', spaceName: 'Da leggere' }, '/spazi/u');
    await t
      .http()
      .post('/api/v1/notifications/read')
      .set(as(member))
      .send({ ids: [read.id] })
      .expect(200);
    await mailer.sendDigests(new Date());
    const [digest] = await eventually(
      () => smtp.to(member),
      (m) => m.length >= 1,
    );
    expect(digest.subject).toBe('Convergo: 1 nuova notifica');
    expect(digest.text).toContain('Da leggere');
    expect(digest.text).not.toContain('Già letta');
  });

  it("sends nothing to a member who chose 'never'", async () => {
    const member = await newMember(t);
    await prefer(member, 'never');
    await notify(member, 'mention', reply('Silenzio'), '/discussioni/n#post-1');
    await mailer.flush();
    await mailer.sendDigests(new Date());
    await sleep(300);
    expect(smtp.to(member)).toEqual([]);
    const list = await t.http().get('/api/v1/notifications').set(as(member)).expect(200);
    expect(list.body.unread).toBe(1); // still there in the app
  });

  it('does not e-mail about a thread the member muted', async () => {
    const member = await newMember(t);
    const author = await newMember(t);
    await prefer(member, 'immediate');
    const thread = await newThread(t, author, (await newSpace(t)).id, { title: 'Discussione silenziata' });
    await t.app
      .get(DataSource)
      .query(`INSERT INTO thread_subscriptions (thread_id, member_id, level) VALUES ($1, $2, 'muted')`, [
        thread.id,
        member.id,
      ]);
    await notify(
      member,
      'mention',
      { ...reply('Discussione silenziata'), threadId: thread.id },
      `/discussioni/${thread.id}`,
    );
    await notify(member, 'space_added', { spaceId: 'z', spaceName: 'Non silenziato' }, '/spazi/z');
    const mails = await eventually(
      () => smtp.to(member),
      (m) => m.length >= 1,
    );
    await mailer.flush();
    await sleep(300);
    expect(smtp.to(member)).toHaveLength(1);
    expect(mails[0].subject).toContain('Non silenziato');
  });

  it('loses nothing while SMTP is down and sends once it is back', async () => {
    const member = await newMember(t);
    await prefer(member, 'immediate');
    const port = smtp.port;
    await smtp.stop();
    const down = await notify(member, 'space_added', { spaceId: 'd', spaceName: 'Server giù' }, '/spazi/d');
    const db = t.app.get(DataSource);
    for (let i = 0; i < 100; i += 1) {
      const [row] = (await db.query(
        `SELECT status, attempts, last_error FROM notification_deliveries WHERE notification_id = $1`,
        [down.id],
      )) as { status: string; attempts: number; last_error: string | null }[];
      if (row.attempts >= 2 && row.last_error) break;
      await sleep(50);
    }
    const [row] = (await db.query(
      `SELECT status, attempts, last_error FROM notification_deliveries WHERE notification_id = $1`,
      [down.id],
    )) as { status: string; attempts: number; last_error: string | null }[];
    expect(row.status).toBe('pending');
    expect(row.attempts).toBeGreaterThanOrEqual(2);
    expect(row.last_error).toBeTruthy();
    expect(smtp.to(member)).toEqual([]);

    await smtp.start(port);
    const mails = await eventually(
      () => smtp.to(member),
      (m) => m.length >= 1,
      15_000,
    );
    await mailer.flush();
    await sleep(300);
    expect(smtp.to(member)).toHaveLength(1);
    expect(mails[0].subject).toBe('Ora fai parte dello spazio «Server giù»');
    const [sent] = (await db.query(`SELECT status FROM notification_deliveries WHERE notification_id = $1`, [
      down.id,
    ])) as { status: string }[];
    expect(sent.status).toBe('sent');
  });
});

describe('daily digest with two instances on one database', () => {
  const smtp = new FakeSmtp();
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    await smtp.start();
    const env = {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      PUBLIC_URL,
      MAIL_OUTBOX_INTERVAL_MS: '0',
      MAIL_RETRY_BASE_MS: '100',
      DIGEST_INTERVAL_MS: '0',
    };
    a = await startTestApp({ env });
    b = await startTestApp({ env, databaseUrl: a.databaseUrl });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await smtp.stop();
  });

  it('sends each member one digest even when both run it at the same time', async () => {
    const members = await Promise.all([newMember(a), newMember(a), newMember(a)]);
    for (const member of members) {
      for (const name of ['Uno', 'Due']) {
        await a.app.get(NotificationsService).notify({
          memberId: member.id,
          kind: 'space_added',
          data: { spaceId: name, spaceName: `Spazio ${name}` },
          link: `/spazi/${name}`,
        });
      }
    }
    const now = new Date();
    const [sentA, sentB] = await Promise.all([
      a.app.get(NotificationMailer).sendDigests(now),
      b.app.get(NotificationMailer).sendDigests(now),
    ]);
    expect(sentA + sentB).toBe(3);
    await Promise.all([
      a.app.get(NotificationMailer).sendDigests(now),
      b.app.get(NotificationMailer).sendDigests(now),
    ]);
    for (const member of members) {
      const mails = smtp.to(member);
      expect(mails).toHaveLength(1);
      expect(mails[0].subject).toBe('Convergo: 2 nuove notifiche');
    }
  });

  it('retries a digest that SMTP refused, and sends it once', async () => {
    const member = await newMember(a);
    await a.app.get(NotificationsService).notify({
      memberId: member.id,
      kind: 'space_added',
      data: { spaceId: 'g', spaceName: 'Digest rimandato' },
      link: '/spazi/g',
    });
    const port = smtp.port;
    await smtp.stop();
    expect(await a.app.get(NotificationMailer).sendDigests(new Date())).toBe(0);
    await smtp.start(port);
    await sleep(200); // past the retry delay
    expect(await b.app.get(NotificationMailer).sendDigests(new Date())).toBe(1);
    expect(await a.app.get(NotificationMailer).sendDigests(new Date())).toBe(0);
    const mails = smtp.to(member);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('Convergo: 1 nuova notifica');
    expect(mails[0].text).toContain('Digest rimandato');
  });
});

describe('notifications by e-mail on the embedded database', () => {
  const smtp = new FakeSmtp();
  let t: TestApp;

  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({
      embedded: true,
      env: {
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(smtp.port),
        PUBLIC_URL,
        // No poller: the commit alone must trigger the e-mail.
        MAIL_OUTBOX_INTERVAL_MS: '0',
        MAIL_RETRY_BASE_MS: '100',
        DIGEST_INTERVAL_MS: '0',
      },
    });
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await smtp.stop();
  });

  it('sends immediate mail after the commit and digests, on its single connection', async () => {
    const author = await newMember(t, { displayName: 'Autore Embedded' });
    const daily = await newMember(t, { displayName: 'Lettrice Quotidiana' });
    const replier = await newMember(t, { displayName: 'Sara Gialli' });
    await t
      .http()
      .patch('/api/v1/me/notification-preferences')
      .set({ authorization: `Bearer ${author.accessToken}` })
      .send({ email: 'immediate' })
      .expect(200);
    const space = await newSpace(t);
    const mine = await newThread(t, author, space.id, { title: 'Sul PGlite' });
    const theirs = await newThread(t, daily, space.id, { title: 'Digest locale' });
    for (const thread of [mine, theirs]) {
      await t
        .http()
        .post(`/api/v1/threads/${thread.id}/posts`)
        .set({ authorization: `Bearer ${replier.accessToken}` })
        .send({ body: 'Risposta.' })
        .expect(201);
    }
    const [mail] = await eventually(
      () => smtp.to(author),
      (m) => m.length >= 1,
    );
    expect(mail.subject).toBe('Sara Gialli ha risposto alla tua discussione «Sul PGlite»');
    expect(smtp.to(daily)).toEqual([]);
    await t.app.get(NotificationMailer).sendDigests(new Date());
    const [digest] = await eventually(
      () => smtp.to(daily),
      (m) => m.length >= 1,
    );
    expect(digest.subject).toBe('Convergo: 1 nuova notifica');
    expect(digest.text).toContain('Sara Gialli ha risposto alla tua discussione «Digest locale»');
  });
});
