import type { CalendarFeedView, LabSessionView, LabView } from '@convergo/contracts';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { newMember, type TestMember } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';

interface IcsProperty {
  name: string;
  params: Record<string, string>;
  value: string;
}

/** RFC 5545 lines unfolded (CRLF + space/tab continues a line), each as name, params and value. */
function parseIcs(text: string): IcsProperty[] {
  return text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter((line) => line.length > 0)
    .map((line) => {
      const colon = line.indexOf(':');
      const [name, ...params] = line.slice(0, colon).split(';');
      return {
        name,
        params: Object.fromEntries(params.map((p) => p.split('=') as [string, string])),
        value: line.slice(colon + 1),
      };
    });
}

/** The VEVENTs, each a map from property name to property. */
function events(text: string): Map<string, IcsProperty>[] {
  const found: Map<string, IcsProperty>[] = [];
  let current: Map<string, IcsProperty> | undefined;
  for (const property of parseIcs(text)) {
    if (property.name === 'BEGIN' && property.value === 'VEVENT') current = new Map();
    else if (property.name === 'END' && property.value === 'VEVENT') {
      found.push(current!);
      current = undefined;
    } else if (current) current.set(property.name, property);
  }
  return found;
}

const unescapeText = (value: string) => value.replace(/\\n/gi, '\n').replace(/\\([,;\\])/g, '$1');

describe('calendar (iCalendar feeds)', () => {
  let t: TestApp;
  let admin: TestMember;
  let tutor: TestMember;
  let participant: TestMember;
  let outsider: TestMember;
  let lab: LabView;

  const as = (m: TestMember) => ({ authorization: `Bearer ${m.accessToken}` });
  const schedule = async (fields: Record<string, unknown>): Promise<LabSessionView> =>
    (
      await t
        .http()
        .post(`/api/v1/labs/${lab.id}/sessions`)
        .set(as(tutor))
        .send({ title: 'Sessione', mode: 'in_presence', place: 'Formez PA, Roma', ...fields })
        .expect(201)
    ).body as LabSessionView;
  const ics = async (path: string, member?: TestMember) => {
    const req = t
      .http()
      .get(path)
      .buffer(true)
      .parse((res, done) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (data += chunk));
        res.on('end', () => done(null, data));
      });
    const res = member ? await req.set(as(member)) : await req;
    return res;
  };
  const eventOf = (text: string, sessionId: string) =>
    events(text).find((e) => e.get('UID')?.value === `${sessionId}@convergo`);

  beforeAll(async () => {
    t = await startTestApp();
    [admin, tutor, participant, outsider] = await Promise.all([
      newMember(t, { role: 'admin' }),
      newMember(t, { role: 'tutor' }),
      newMember(t),
      newMember(t),
    ]);
    lab = (
      await t
        .http()
        .post('/api/v1/labs')
        .set(as(admin))
        .send({ title: `Laboratorio ${randomUUID()}`, ambito: 'A', status: 'running' })
        .expect(201)
    ).body as LabView;
    for (const [member, role] of [
      [tutor, 'tutor'],
      [participant, 'participant'],
    ] as const) {
      await t
        .http()
        .put(`/api/v1/labs/${lab.id}/participants/${member.id}`)
        .set(as(admin))
        .send({ role })
        .expect(200);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('writes one VEVENT per session in Europe/Rome, right across daylight saving', async () => {
    const winter = await schedule({
      title: 'Sessione di gennaio',
      startsAt: '2027-01-14T10:00:00+01:00',
      endsAt: '2027-01-14T13:00:00+01:00',
      agenda: [{ title: 'Quadri logici, macroaree', minutes: 90 }, { title: 'Pausa; caffè' }],
    });
    const summer = await schedule({
      title: 'Sessione di luglio',
      mode: 'online',
      place: null,
      onlineUrl: 'https://meet.jit.si/luglio',
      startsAt: '2027-07-14T10:00:00+02:00',
      endsAt: '2027-07-14T12:00:00+02:00',
    });
    // The last Sunday of October 2027 is the 31st: clocks go back from 03:00 CEST to 02:00 CET.
    expect(new Date('2027-10-31T12:00:00Z').getUTCDay()).toBe(0);
    expect(new Date('2027-11-07T12:00:00Z').getUTCMonth()).toBe(10);
    const overnight = await schedule({
      title: 'Sessione a cavallo del cambio d’ora',
      startsAt: '2027-10-30T22:00:00Z', // 31 October, 00:00 in Rome (CEST, +02:00)
      endsAt: '2027-10-31T04:00:00Z', // 31 October, 05:00 in Rome (CET, +01:00)
    });
    expect(winter.startsAt).toBe('2027-01-14T09:00:00.000Z');
    expect(summer.startsAt).toBe('2027-07-14T08:00:00.000Z');

    const res = await ics(`/api/v1/labs/${lab.id}/sessions.ics`, participant);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    const text = res.body as string;
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text).toContain('VERSION:2.0');
    expect(text).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Rome');
    expect(events(text)).toHaveLength(3);

    const jan = eventOf(text, winter.id)!;
    expect(jan.get('DTSTART')).toEqual({
      name: 'DTSTART',
      params: { TZID: 'Europe/Rome' },
      value: '20270114T100000',
    });
    expect(jan.get('DTEND')).toEqual({
      name: 'DTEND',
      params: { TZID: 'Europe/Rome' },
      value: '20270114T130000',
    });
    expect(jan.get('SEQUENCE')?.value).toBe('0');
    expect(jan.get('SUMMARY')?.value).toBe('Sessione di gennaio');
    expect(unescapeText(jan.get('LOCATION')!.value)).toBe('Formez PA, Roma');
    const description = unescapeText(jan.get('DESCRIPTION')!.value);
    expect(description).toContain('1. Quadri logici, macroaree (90 min)');
    expect(description).toContain('2. Pausa; caffè');
    expect(jan.get('URL')?.value).toMatch(new RegExp(`/laboratori/${lab.id}/sessioni/${winter.id}$`));
    expect(jan.get('STATUS')?.value).toBe('CONFIRMED');

    const jul = eventOf(text, summer.id)!;
    expect(jul.get('DTSTART')).toMatchObject({ params: { TZID: 'Europe/Rome' }, value: '20270714T100000' });
    expect(jul.get('LOCATION')?.value).toBe('https://meet.jit.si/luglio');

    const oct = eventOf(text, overnight.id)!;
    expect(oct.get('DTSTART')).toMatchObject({ params: { TZID: 'Europe/Rome' }, value: '20271031T000000' });
    expect(oct.get('DTEND')).toMatchObject({ params: { TZID: 'Europe/Rome' }, value: '20271031T050000' });
    // The VTIMEZONE says when Rome moves: CEST (+0200) in summer, CET (+0100) from the last Sunday of October.
    expect(text).toMatch(/BEGIN:DAYLIGHT\r\nTZOFFSETFROM:\+0100\r\nTZOFFSETTO:\+0200/);
    expect(text).toMatch(/BEGIN:STANDARD\r\nTZOFFSETFROM:\+0200\r\nTZOFFSETTO:\+0100/);
    expect(text).toContain('RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU');
  });

  it('keeps the UID, raises SEQUENCE on a change and marks a cancelled session STATUS:CANCELLED', async () => {
    const session = await schedule({
      startsAt: '2027-02-10T10:00:00+01:00',
      endsAt: '2027-02-10T12:00:00+01:00',
    });
    const first = eventOf(
      (await ics(`/api/v1/labs/${lab.id}/sessions.ics`, tutor)).body as string,
      session.id,
    )!;
    expect(first.get('SEQUENCE')?.value).toBe('0');

    await t
      .http()
      .patch(`/api/v1/sessions/${session.id}`)
      .set(as(tutor))
      .send({ startsAt: '2027-02-11T10:00:00+01:00', endsAt: '2027-02-11T12:00:00+01:00' })
      .expect(200);
    const moved = eventOf(
      (await ics(`/api/v1/labs/${lab.id}/sessions.ics`, tutor)).body as string,
      session.id,
    )!;
    expect(moved.get('UID')?.value).toBe(`${session.id}@convergo`);
    expect(moved.get('SEQUENCE')?.value).toBe('1');
    expect(moved.get('DTSTART')?.value).toBe('20270211T100000');

    await t.http().post(`/api/v1/sessions/${session.id}/cancel`).set(as(tutor)).expect(200);
    const text = (await ics('/api/v1/me/calendar.ics', participant)).body as string;
    const cancelled = eventOf(text, session.id)!;
    expect(cancelled.get('STATUS')?.value).toBe('CANCELLED');
    expect(cancelled.get('SEQUENCE')?.value).toBe('2');
    expect(cancelled.get('UID')?.value).toBe(`${session.id}@convergo`);
  });

  it('serves my calendar, to me only, and a lab’s calendar to its people and admins', async () => {
    const session = await schedule({
      startsAt: '2027-03-01T10:00:00+01:00',
      endsAt: '2027-03-01T11:00:00+01:00',
    });
    const mine = await ics('/api/v1/me/calendar.ics', participant);
    expect(mine.status).toBe(200);
    expect(eventOf(mine.body as string, session.id)).toBeDefined();
    const theirs = await ics('/api/v1/me/calendar.ics', outsider);
    expect(theirs.status).toBe(200);
    expect(events(theirs.body as string)).toEqual([]);

    await t.http().get(`/api/v1/labs/${lab.id}/sessions.ics`).set(as(admin)).expect(200);
    const forbidden = await t.http().get(`/api/v1/labs/${lab.id}/sessions.ics`).set(as(outsider));
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers['content-type']).toContain('application/problem+json');
    expect((await t.http().get(`/api/v1/labs/${randomUUID()}/sessions.ics`).set(as(admin))).status).toBe(404);
    expect((await t.http().get(`/api/v1/labs/nope/sessions.ics`).set(as(admin))).status).toBe(400);
    for (const path of [`/api/v1/labs/${lab.id}/sessions.ics`, '/api/v1/me/calendar.ics']) {
      expect((await t.http().get(path)).status).toBe(401);
    }
    expect((await t.http().post('/api/v1/me/calendar-feed')).status).toBe(401);
    expect((await t.http().delete('/api/v1/me/calendar-feed')).status).toBe(401);
  });

  it('gives a private feed URL that works without a bearer, rotates and revokes; forged tokens get 404', async () => {
    const session = await schedule({
      startsAt: '2027-04-01T10:00:00+02:00',
      endsAt: '2027-04-01T11:00:00+02:00',
    });
    const created = await t.http().post('/api/v1/me/calendar-feed').set(as(participant)).expect(201);
    const feed = created.body as CalendarFeedView;
    expect(feed.url).toMatch(new RegExp(`/api/v1/calendar/${feed.token}\\.ics$`));
    // Only a hash is stored.
    const stored = (await t.app
      .get(DataSource)
      .query(`SELECT token_hash FROM calendar_feeds WHERE member_id = $1`, [participant.id])) as {
      token_hash: string;
    }[];
    expect(stored).toHaveLength(1);
    expect(stored[0].token_hash).not.toContain(feed.token);

    const path = new URL(feed.url).pathname;
    const res = await ics(path);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    expect(eventOf(res.body as string, session.id)).toBeDefined();

    const rotated = (await t.http().post('/api/v1/me/calendar-feed').set(as(participant)).expect(201))
      .body as CalendarFeedView;
    expect(rotated.token).not.toBe(feed.token);
    const old = await t.http().get(path);
    expect(old.status).toBe(404);
    expect(old.headers['content-type']).toContain('application/problem+json');
    expect((await ics(new URL(rotated.url).pathname)).status).toBe(200);

    await t.http().delete('/api/v1/me/calendar-feed').set(as(participant)).expect(204);
    expect((await t.http().get(new URL(rotated.url).pathname)).status).toBe(404);

    for (const forged of [
      randomBytes(32).toString('base64url'),
      'short',
      `${rotated.token}x`,
      encodeURIComponent("' OR 1=1 --"),
      'a'.repeat(500),
    ]) {
      const answer = await t.http().get(`/api/v1/calendar/${forged}.ics`);
      expect({ forged, status: answer.status }).toEqual({ forged, status: 404 });
    }
  });
});
