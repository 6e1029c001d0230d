import type { TutoringBookingView, TutoringSlotView } from '@convergo/contracts';
import { DataSource } from 'typeorm';
import { bookingReminderId, slotReminderId } from '../apps/api/src/modules/tutoring/reminders/reminder-jobs';
import { newMember, type TestMember } from './support/factories';
import { as } from './support/live-room';
import { FakeSmtp, type ReceivedMail } from './support/fake-smtp';
import { sleep } from './support/socket-client';
import { startTestApp, type TestApp } from './support/test-app';

const PUBLIC_URL = 'https://convergo.example.it';

/** The value of an iCalendar property (unfolded), e.g. prop(ics, 'SEQUENCE'); '' when absent. */
function prop(ics: string, name: string): string {
  const unfolded = ics.replace(/\r\n[ \t]/g, '');
  return new RegExp(`^${name}(?:;[^:\\r\\n]*)?:(.*)$`, 'm').exec(unfolded)?.[1]?.trim() ?? '';
}

/** The VEVENT with this UID, unfolded; '' when the calendar has none. */
function vevent(ics: string, uid: string): string {
  const unfolded = ics.replace(/\r\n[ \t]/g, '');
  return unfolded.split('BEGIN:VEVENT').find((block) => block.includes(`UID:${uid}`)) ?? '';
}

/** 10:00 in Rome, `days` from now (winter: UTC+1). */
function romeMorning(days: number, hour = 10): Date {
  const d = new Date(Date.now() + days * 86_400_000);
  const local = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', dateStyle: 'short' }).format(d);
  const guess = new Date(`${local}T${String(hour).padStart(2, '0')}:00:00Z`);
  const shown = Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Rome', hour: '2-digit', hourCycle: 'h23' }).format(
      guess,
    ),
  );
  return new Date(guess.getTime() - (shown - hour) * 3_600_000);
}

describe('tutoring invitations by e-mail and the calendar feed', () => {
  const smtp = new FakeSmtp();
  let t: TestApp;
  let db: DataSource;
  let tutor: TestMember;
  let official: TestMember;
  let english: TestMember;
  let silent: TestMember;
  let outsider: TestMember;
  let slot: TutoringSlotView;
  let booking: TutoringBookingView;

  const mailsOf = async (member: TestMember, prefix: string, count = 1): Promise<ReceivedMail[]> => {
    for (let i = 0; i < 200; i++) {
      const found = smtp.to(member).filter((m) => m.subject.startsWith(prefix));
      if (found.length >= count) return found;
      await sleep(50);
    }
    return smtp.to(member).filter((m) => m.subject.startsWith(prefix));
  };
  const feed = async (member: TestMember) =>
    (await t.http().get('/api/v1/me/calendar.ics').set(as(member)).expect(200)).text;

  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({
      env: {
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(smtp.port),
        SMTP_SECURE: 'false',
        PUBLIC_URL,
        MAIL_OUTBOX_INTERVAL_MS: '200',
      },
    });
    db = t.app.get(DataSource);
    [tutor, official, english, silent, outsider] = await Promise.all([
      newMember(t, { role: 'tutor', displayName: 'Tutor Bianchi' }),
      newMember(t, { displayName: 'Funzionaria Rossi' }),
      newMember(t, { displayName: 'Officer Smith' }),
      newMember(t, { displayName: 'Funzionario Silenzioso' }),
      newMember(t, { displayName: 'Estranea' }),
    ]);
    await db.query(`UPDATE members SET locale = 'en' WHERE id = $1`, [english.id]);
    await t
      .http()
      .patch('/api/v1/me/notification-preferences')
      .set(as(silent))
      .send({ email: 'never' })
      .expect(200);
    const startsAt = romeMorning(3);
    slot = (
      await t
        .http()
        .post('/api/v1/tutoring/slots')
        .set(as(tutor))
        .send({
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 45 * 60_000).toISOString(),
          capacity: 5,
          meeting: 'in_presence',
          place: 'Formez PA, Roma',
        })
        .expect(201)
    ).body as TutoringSlotView;
    booking = (
      await t
        .http()
        .post(`/api/v1/tutoring/slots/${slot.id}/bookings`)
        .set(as(official))
        .send({ topic: 'Revisione <b>piano</b>' })
        .expect(201)
    ).body as TutoringBookingView;
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await smtp.stop();
  });

  it('mails the booker a confirmation with an iCalendar REQUEST, at once although the preference is daily', async () => {
    const [mail] = await mailsOf(official, 'Prenotazione confermata');
    expect(mail).toBeDefined();
    expect(mail.subject).toContain('Tutor Bianchi');
    expect(mail.text).toContain('Argomento: Revisione <b>piano</b>');
    expect(mail.html).not.toContain('<b>piano</b>');
    expect(mail.calendarMethod).toBe('REQUEST');
    const ics = mail.calendar;
    expect(prop(ics, 'METHOD')).toBe('REQUEST');
    expect(prop(ics, 'UID')).toBe(`tutoring-booking-${booking.id}@convergo`);
    expect(prop(ics, 'SEQUENCE')).toBe(String(slot.icalSequence));
    expect(ics).toMatch(/^DTSTART;TZID=Europe\/Rome:\d{8}T100000$/m);
    expect(ics).toMatch(/^DTEND;TZID=Europe\/Rome:\d{8}T104500$/m);
    expect(ics).toContain('BEGIN:VTIMEZONE');
    expect(ics).toContain('TZID:Europe/Rome');
    expect(prop(ics, 'ORGANIZER').toLowerCase()).toBe(`mailto:${tutor.email}`);
    expect(prop(ics, 'ATTENDEE').toLowerCase()).toBe(`mailto:${official.email}`);
    expect(prop(ics, 'LOCATION')).toBe('Formez PA\\, Roma');
    expect(prop(ics, 'URL')).toBe(`${PUBLIC_URL}/tutoraggio/slot/${slot.id}`);
    // The tutor is told in app, but the invitation is the booker's only.
    expect(smtp.to(tutor).every((m) => m.calendar === '')).toBe(true);
  });

  it('writes in English for an English-speaking booker; a member who chose never gets nothing', async () => {
    await t.http().post(`/api/v1/tutoring/slots/${slot.id}/bookings`).set(as(english)).send({}).expect(201);
    await t.http().post(`/api/v1/tutoring/slots/${slot.id}/bookings`).set(as(silent)).send({}).expect(201);
    const [mail] = await mailsOf(english, 'Booking confirmed');
    expect(mail.subject).toContain('tutoring with Tutor Bianchi');
    expect(mail.calendarMethod).toBe('REQUEST');
    // `never`: not even queued, so nothing can reach the outbox later.
    const queued = (await db.query(`SELECT 1 FROM notification_deliveries WHERE member_id = $1`, [
      silent.id,
    ])) as unknown[];
    expect(queued).toEqual([]);
    expect(smtp.to(silent)).toEqual([]);
  });

  it('puts the booking in the booker’s feed and the booked slot in the tutor’s, not in an outsider’s', async () => {
    const mine = vevent(await feed(official), `tutoring-booking-${booking.id}@convergo`);
    expect(mine).not.toBe('');
    expect(prop(mine, 'SEQUENCE')).toBe(String(slot.icalSequence));
    expect(mine).toMatch(/DTSTART;TZID=Europe\/Rome:\d{8}T100000/);
    expect(prop(mine, 'STATUS')).toBe('CONFIRMED');
    const tutored = vevent(await feed(tutor), `tutoring-slot-${slot.id}@convergo`);
    expect(tutored).not.toBe('');
    expect(await feed(outsider)).not.toContain(slot.id);
    // The private feed URL serves the same; a forged token is a 404.
    const { token } = (await t.http().post('/api/v1/me/calendar-feed').set(as(official)).expect(201))
      .body as {
      token: string;
    };
    const byToken = (await t.http().get(`/api/v1/calendar/${token}.ics`).expect(200)).text;
    expect(byToken).toContain(`tutoring-booking-${booking.id}@convergo`);
    await t
      .http()
      .get(`/api/v1/calendar/${'A'.repeat(43)}.ics`)
      .expect(404);
  });

  it('after the tutor moves the slot, mails an updated REQUEST and the feed’s SEQUENCE is higher', async () => {
    const later = new Date(new Date(slot.startsAt).getTime() + 60 * 60_000);
    const moved = (
      await t
        .http()
        .patch(`/api/v1/tutoring/slots/${slot.id}`)
        .set(as(tutor))
        .send({
          startsAt: later.toISOString(),
          endsAt: new Date(later.getTime() + 45 * 60_000).toISOString(),
        })
        .expect(200)
    ).body as TutoringSlotView;
    expect(moved.icalSequence).toBeGreaterThan(slot.icalSequence);
    const [mail] = await mailsOf(official, 'Il tutoraggio con Tutor Bianchi è cambiato');
    expect(mail.calendarMethod).toBe('REQUEST');
    expect(prop(mail.calendar, 'UID')).toBe(`tutoring-booking-${booking.id}@convergo`);
    expect(Number(prop(mail.calendar, 'SEQUENCE'))).toBe(moved.icalSequence);
    expect(mail.calendar).toMatch(/^DTSTART;TZID=Europe\/Rome:\d{8}T110000$/m);
    const mine = vevent(await feed(official), `tutoring-booking-${booking.id}@convergo`);
    expect(Number(prop(mine, 'SEQUENCE'))).toBeGreaterThan(slot.icalSequence);
    expect(mine).toMatch(/DTSTART;TZID=Europe\/Rome:\d{8}T110000/);
    slot = moved;
  });

  it('a cancelled slot mails a METHOD:CANCEL and stays in the feed as STATUS:CANCELLED', async () => {
    await t
      .http()
      .post(`/api/v1/tutoring/slots/${slot.id}/cancel`)
      .set(as(tutor))
      .send({ reason: 'Malattia' })
      .expect((res) => expect([200, 201]).toContain(res.status));
    const [cancel] = await mailsOf(official, 'Il tutoraggio con Tutor Bianchi del');
    expect(cancel).toBeDefined();
    expect(cancel.calendarMethod).toBe('CANCEL');
    expect(prop(cancel.calendar, 'METHOD')).toBe('CANCEL');
    expect(prop(cancel.calendar, 'STATUS')).toBe('CANCELLED');
    expect(prop(cancel.calendar, 'UID')).toBe(`tutoring-booking-${booking.id}@convergo`);
    expect(Number(prop(cancel.calendar, 'SEQUENCE'))).toBeGreaterThan(slot.icalSequence);
    const mine = vevent(await feed(official), `tutoring-booking-${booking.id}@convergo`);
    expect(prop(mine, 'STATUS')).toBe('CANCELLED');
  });

  it('a booking two hours ahead gets the hour-before reminder only, not the already-past day-before one', async () => {
    const soon = new Date(Date.now() + 2 * 3_600_000);
    const near = (
      await t
        .http()
        .post('/api/v1/tutoring/slots')
        .set(as(tutor))
        .send({ startsAt: soon.toISOString(), endsAt: new Date(soon.getTime() + 30 * 60_000).toISOString() })
        .expect(201)
    ).body as TutoringSlotView;
    const mine = (
      await t.http().post(`/api/v1/tutoring/slots/${near.id}/bookings`).set(as(outsider)).send({}).expect(201)
    ).body as TutoringBookingView;
    const jobs = (await db.query(
      `SELECT id, start_after AS "startAfter" FROM pgboss.job WHERE name = 'tutoring-reminder' AND id = ANY($1)`,
      [[1440, 60].flatMap((m) => [bookingReminderId(mine.id, m), slotReminderId(near.id, m)])],
    )) as { id: string; startAfter: Date }[];
    expect(jobs.map((j) => j.id).sort()).toEqual(
      [bookingReminderId(mine.id, 60), slotReminderId(near.id, 60)].sort(),
    );
    for (const job of jobs) expect(job.startAfter.getTime()).toBe(soon.getTime() - 3_600_000);
  });
});
