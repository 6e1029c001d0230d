import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { SESSION_TIME_ZONE, type AgendaItem, type SessionMode } from '@convergo/contracts';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { CalendarEntry } from '../sessions/sessions.service';
import { ZonedDate } from './zoned-date';

/** The stable iCalendar UID of a session: the same in every feed and for the session's whole life. */
export function sessionUid(sessionId: string): string {
  return `${sessionId}@convergo`;
}

const MODE_IT: Record<SessionMode, string> = {
  in_presence: 'in presenza',
  online: 'online',
  hybrid: 'ibrida (in presenza e online)',
};

/** The agenda, in Italian, as the event's DESCRIPTION. */
function description(entry: CalendarEntry, link: string): string {
  const { session } = entry;
  const lines = [`Laboratorio: ${entry.labTitle}`, `Modalità: ${MODE_IT[session.mode]}`];
  if (session.onlineUrl) lines.push(`Collegamento: ${session.onlineUrl}`);
  if (session.agenda.length > 0) {
    lines.push('', 'Programma:');
    session.agenda.forEach((item: AgendaItem, index) => {
      lines.push(`${index + 1}. ${item.title}${item.minutes ? ` (${item.minutes} min)` : ''}`);
    });
  }
  if (session.status === 'cancelled') lines.unshift('SESSIONE ANNULLATA', '');
  lines.push('', `Pagina della sessione: ${link}`);
  return lines.join('\n');
}

/**
 * One VCALENDAR (RFC 5545) with a VEVENT per session: UID `<sessionId>@convergo`, SEQUENCE the
 * session's iCalendar sequence (raised on every change), DTSTART/DTEND in TZID=Europe/Rome with
 * its VTIMEZONE, LOCATION the place or the online link, STATUS:CANCELLED for cancelled sessions
 * (kept in the feed so calendar apps remove or strike them), URL the session's page.
 */
export function buildCalendar(name: string, entries: readonly CalendarEntry[], publicUrl: string): string {
  const base = publicUrl.replace(/\/+$/, '');
  const calendar = ical({
    name,
    prodId: { company: 'Convergo', product: 'Laboratori', language: 'IT' },
    method: ICalCalendarMethod.PUBLISH,
    timezone: { name: SESSION_TIME_ZONE, generator: getVtimezoneComponent },
  });
  for (const entry of entries) {
    const { session } = entry;
    const link = `${base}/laboratori/${session.labId}/sessioni/${session.id}`;
    const location =
      session.mode === 'online'
        ? (session.onlineUrl ?? session.place)
        : session.mode === 'hybrid' && session.place && session.onlineUrl
          ? `${session.place} – ${session.onlineUrl}`
          : (session.place ?? session.onlineUrl);
    calendar.createEvent({
      id: sessionUid(session.id),
      sequence: session.icalSequence,
      start: new ZonedDate(session.startsAt, SESSION_TIME_ZONE),
      end: new ZonedDate(session.endsAt, SESSION_TIME_ZONE),
      timezone: SESSION_TIME_ZONE,
      stamp: new Date(session.updatedAt),
      lastModified: new Date(session.updatedAt),
      created: new Date(session.createdAt),
      summary: session.title,
      location: location ?? null,
      description: description(entry, link),
      url: link,
      status: session.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
