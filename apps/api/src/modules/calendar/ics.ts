import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import {
  SESSION_TIME_ZONE,
  TUTORING_TIME_ZONE,
  type AgendaItem,
  type SessionMode,
  type TutoringBookingView,
  type TutoringSlotView,
} from '@convergo/contracts';
import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
} from 'ical-generator';
import type { CalendarEntry } from '../sessions/sessions.service';
import { ZonedDate } from './zoned-date';

/** A person on an invitation. */
export interface IcsPerson {
  name: string;
  email: string;
}

/** One VEVENT, whatever it comes from (a lab session, a tutoring slot or booking). */
export interface IcsEvent {
  uid: string;
  /** Raised on every change, so calendar apps replace their copy. */
  sequence: number;
  startsAt: string | Date;
  endsAt: string | Date;
  timeZone: string;
  createdAt: string | Date;
  updatedAt: string | Date;
  summary: string;
  location: string | null;
  description: string;
  url: string;
  cancelled: boolean;
  organizer?: IcsPerson;
  attendees?: IcsPerson[];
}

export type IcsMethod = 'PUBLISH' | 'REQUEST' | 'CANCEL';

/** The stable iCalendar UID of a session: the same in every feed and for the session's whole life. */
export function sessionUid(sessionId: string): string {
  return `${sessionId}@convergo`;
}

/** A booking's UID: the booker's invitations and feed entries for it share it. */
export function tutoringBookingUid(bookingId: string): string {
  return `tutoring-booking-${bookingId}@convergo`;
}

/** A tutored slot's UID, in its tutor's feed. */
export function tutoringSlotUid(slotId: string): string {
  return `tutoring-slot-${slotId}@convergo`;
}

const MODE_IT: Record<SessionMode, string> = {
  in_presence: 'in presenza',
  online: 'online',
  hybrid: 'ibrida (in presenza e online)',
};

/** The agenda, in Italian, as the event's DESCRIPTION. */
function sessionDescription(entry: CalendarEntry, link: string): string {
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

function base(publicUrl: string): string {
  return publicUrl.replace(/\/+$/, '');
}

/** Lab sessions as events: LOCATION the place or the online link, URL the session's page. */
export function sessionEvents(entries: readonly CalendarEntry[], publicUrl: string): IcsEvent[] {
  return entries.map((entry) => {
    const { session } = entry;
    const link = `${base(publicUrl)}/laboratori/${session.labId}/sessioni/${session.id}`;
    const location =
      session.mode === 'online'
        ? (session.onlineUrl ?? session.place)
        : session.mode === 'hybrid' && session.place && session.onlineUrl
          ? `${session.place} – ${session.onlineUrl}`
          : (session.place ?? session.onlineUrl);
    return {
      uid: sessionUid(session.id),
      sequence: session.icalSequence,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      timeZone: SESSION_TIME_ZONE,
      createdAt: session.createdAt,
      updatedAt: session.updatedAt,
      summary: session.title,
      location: location ?? null,
      description: sessionDescription(entry, link),
      url: link,
      cancelled: session.status === 'cancelled',
    };
  });
}

/** Where the meeting happens: the video link, the place, or the slot's own room in Convergo. */
function slotLocation(slot: TutoringSlotView, link: string): string {
  if (slot.meeting === 'online' && slot.onlineUrl) return slot.onlineUrl;
  if (slot.meeting === 'in_presence' && slot.place) return slot.place;
  return link;
}

function slotDescription(slot: TutoringSlotView, link: string, extra: string[]): string {
  const lines = [`Tutor: ${slot.tutor.displayName}`];
  if (slot.lab) lines.push(`Laboratorio: ${slot.lab.title}`);
  if (slot.note) lines.push(`Nota: ${slot.note}`);
  lines.push(...extra);
  if (slot.status === 'cancelled') {
    lines.unshift('INCONTRO ANNULLATO', ...(slot.cancelReason ? [`Motivo: ${slot.cancelReason}`] : []), '');
  }
  lines.push('', `Pagina dell'incontro: ${link}`);
  return lines.join('\n');
}

/** A booking as the booker's event (ORGANIZER the tutor, ATTENDEE the booker when given). */
export function tutoringBookingEvent(
  booking: TutoringBookingView,
  publicUrl: string,
  parties?: { tutor: IcsPerson; member: IcsPerson },
): IcsEvent {
  const { slot } = booking;
  const link = `${base(publicUrl)}/tutoraggio/slot/${slot.id}`;
  const cancelled = booking.status === 'cancelled' || slot.status === 'cancelled';
  return {
    uid: tutoringBookingUid(booking.id),
    // A booking cancelled on its own (slot unchanged) must still outrank the invitation it cancels.
    sequence: slot.icalSequence + (booking.status === 'cancelled' && slot.status !== 'cancelled' ? 1 : 0),
    startsAt: slot.startsAt,
    endsAt: slot.endsAt,
    timeZone: TUTORING_TIME_ZONE,
    createdAt: booking.createdAt,
    updatedAt: booking.cancelledAt ?? slot.updatedAt,
    summary: `Tutoraggio con ${slot.tutor.displayName}`,
    location: slotLocation(slot, link),
    description: slotDescription(slot, link, booking.topic ? [`Argomento: ${booking.topic}`] : []),
    url: link,
    cancelled,
    organizer: parties?.tutor,
    attendees: parties ? [parties.member] : undefined,
  };
}

/** A slot the member tutors and someone booked, as the tutor's event. */
export function tutoredSlotEvent(slot: TutoringSlotView, publicUrl: string): IcsEvent {
  const link = `${base(publicUrl)}/tutoraggio/slot/${slot.id}`;
  return {
    uid: tutoringSlotUid(slot.id),
    sequence: slot.icalSequence,
    startsAt: slot.startsAt,
    endsAt: slot.endsAt,
    timeZone: TUTORING_TIME_ZONE,
    createdAt: slot.createdAt,
    updatedAt: slot.updatedAt,
    summary: `Tutoraggio (${slot.bookedCount}/${slot.capacity} prenotati)`,
    location: slotLocation(slot, link),
    description: slotDescription(slot, link, []),
    url: link,
    cancelled: slot.status === 'cancelled',
  };
}

const METHODS: Record<IcsMethod, ICalCalendarMethod> = {
  PUBLISH: ICalCalendarMethod.PUBLISH,
  REQUEST: ICalCalendarMethod.REQUEST,
  CANCEL: ICalCalendarMethod.CANCEL,
};

/**
 * One VCALENDAR (RFC 5545): a VEVENT per event with its stable UID and SEQUENCE, DTSTART/DTEND
 * in the event's TZID (Europe/Rome) with its VTIMEZONE, STATUS:CANCELLED for cancelled ones
 * (kept in a feed so calendar apps remove or strike them). PUBLISH for feeds; REQUEST/CANCEL
 * for the invitations e-mailed to a booker.
 */
export function buildCalendar(
  name: string,
  events: readonly IcsEvent[],
  method: IcsMethod = 'PUBLISH',
): string {
  const zones = new Set(events.map((event) => event.timeZone));
  const calendar = ical({
    name,
    prodId: { company: 'Convergo', product: 'Laboratori', language: 'IT' },
    method: METHODS[method],
    timezone: {
      name: zones.size === 1 ? [...zones][0] : SESSION_TIME_ZONE,
      generator: getVtimezoneComponent,
    },
  });
  for (const event of events) {
    calendar.createEvent({
      id: event.uid,
      sequence: event.sequence,
      start: new ZonedDate(event.startsAt, event.timeZone),
      end: new ZonedDate(event.endsAt, event.timeZone),
      timezone: event.timeZone,
      stamp: new Date(event.updatedAt),
      lastModified: new Date(event.updatedAt),
      created: new Date(event.createdAt),
      summary: event.summary,
      location: event.location,
      description: event.description,
      url: event.url,
      status: event.cancelled || method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      organizer: event.organizer ? { name: event.organizer.name, email: event.organizer.email } : undefined,
      attendees: (event.attendees ?? []).map((person) => ({
        name: person.name,
        email: person.email,
        role: ICalAttendeeRole.REQ,
        status: method === 'CANCEL' ? ICalAttendeeStatus.DECLINED : ICalAttendeeStatus.ACCEPTED,
        rsvp: false,
      })),
    });
  }
  return calendar.toString();
}
