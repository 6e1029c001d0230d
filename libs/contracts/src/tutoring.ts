/**
 * Remote tutoring (Tutoraggio a distanza): tutors' office-hour slots (single or weekly series),
 * officials' bookings, reminders, the slot's own meeting room, and private coaching threads
 * between a lab's tutors and one working group.
 */
import type { MemberRef } from './spaces';

/** How tutor and bookers meet: an external video call, a place, or the slot's own room in Convergo. */
export const TUTORING_MEETING_KINDS = ['convergo', 'online', 'in_presence'] as const;
export type TutoringMeetingKind = (typeof TUTORING_MEETING_KINDS)[number];

/** `open` slots take bookings until they start; `cancelled` ones are kept so bookers see what happened. */
export const TUTORING_SLOT_STATUSES = ['open', 'cancelled'] as const;
export type TutoringSlotStatus = (typeof TUTORING_SLOT_STATUSES)[number];

export const TUTORING_BOOKING_STATUSES = ['booked', 'cancelled'] as const;
export type TutoringBookingStatus = (typeof TUTORING_BOOKING_STATUSES)[number];

/** RFC 5545 weekday codes, Monday first (as an Italian calendar shows the week). */
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Slots, series and bookings are shown in this zone; a series keeps its wall-clock time here across DST. */
export const TUTORING_TIME_ZONE = 'Europe/Rome';

export const TUTORING_LIMITS = {
  /** A slot lasts at least this many minutes… */
  minMinutes: 10,
  /** …and at most this many (an office hour, not a course day). */
  maxMinutes: 8 * 60,
  /** Places in one slot (1: a one-to-one meeting). */
  maxCapacity: 50,
  topic: 500,
  note: 1000,
  place: 300,
  onlineUrl: 2000,
  reason: 500,
  message: 4000,
  /** Occurrences one series may create at most. */
  seriesMaxOccurrences: 52,
  /** A series ends within this many days of its first occurrence. */
  seriesMaxDays: 366,
  seriesMaxExceptions: 100,
  /** Every N weeks, at most. */
  seriesMaxIntervalWeeks: 4,
  /** `from`/`to` of the slot list span at most this many days. */
  maxRangeDays: 400,
} as const;

/** Default reminder offsets (minutes before a slot starts); the server reads TUTORING_REMINDER_MINUTES. */
export const TUTORING_DEFAULT_REMINDER_MINUTES = [1440, 60] as const;

export interface TutoringLabRef {
  id: string;
  title: string;
}

/** What the slot is to the member asking; null in realtime events (every reader receives the same). */
export interface TutoringSlotViewerState {
  /** The asker's active booking of this slot, if any. */
  bookingId: string | null;
  /** Whether the asker may edit or cancel the slot and see who booked (its tutor, admins). */
  canManage: boolean;
  /** Whether the asker may book it now (open, not started, not full, not booked yet, allowed). */
  canBook: boolean;
}

export interface TutoringSlotView {
  id: string;
  tutor: MemberRef;
  /** The lab the slot is for: only its participants (and tutors, admins) see and book it. Null: open to every member. */
  lab: TutoringLabRef | null;
  seriesId: string | null;
  /** ISO-8601 (UTC, `Z`). */
  startsAt: string;
  endsAt: string;
  capacity: number;
  /** Active bookings. */
  bookedCount: number;
  meeting: TutoringMeetingKind;
  /** The video-call link when `meeting` is `online` (https only). */
  onlineUrl: string | null;
  /** Where, when `meeting` is `in_presence`. */
  place: string | null;
  /** What the tutor offers in this slot (e.g. "Revisione del piano di lavoro"). */
  note: string | null;
  status: TutoringSlotStatus;
  cancelReason: string | null;
  /** Raised on every change, so calendar apps replace their copy. */
  icalSequence: number;
  createdAt: string;
  updatedAt: string;
  viewer: TutoringSlotViewerState | null;
}

/** `POST /api/v1/tutoring/slots` (a member with the tutor role, or an admin; for a lab: one of its tutors, or an admin). */
export interface CreateTutoringSlotInput {
  startsAt: string;
  endsAt: string;
  labId?: string | null;
  /** Default 1. */
  capacity?: number;
  /** Default `convergo`. `online` needs `onlineUrl`, `in_presence` needs `place`. */
  meeting?: TutoringMeetingKind;
  onlineUrl?: string | null;
  place?: string | null;
  note?: string | null;
}

/**
 * `PATCH /api/v1/tutoring/slots/:id` (its tutor, admins): only the fields sent change. Capacity
 * below the active bookings is a 409; a change of time or place notifies the bookers.
 */
export type UpdateTutoringSlotInput = Partial<Omit<CreateTutoringSlotInput, 'labId'>>;

/** `POST /api/v1/tutoring/slots/:id/cancel`, `POST /api/v1/tutoring/series/:id/cancel`. */
export interface CancelTutoringInput {
  reason?: string | null;
}

/** `GET /api/v1/tutoring/slots` → `Page<TutoringSlotView>`, ordered by start. */
export interface TutoringSlotQuery {
  tutorId?: string;
  labId?: string;
  /** Default: now (upcoming slots). */
  from?: string;
  to?: string;
  /** Only slots the asker could book now. */
  available?: boolean;
  limit?: number;
  cursor?: string;
}

/**
 * `POST /api/v1/tutoring/series`: a weekly series. The first occurrence starts at `firstStartsAt`;
 * every occurrence keeps that wall-clock time in Europe/Rome (10:00 stays 10:00 across a DST change).
 * Exactly one of `until` and `count`.
 */
export interface CreateTutoringSeriesInput extends Omit<CreateTutoringSlotInput, 'startsAt' | 'endsAt'> {
  firstStartsAt: string;
  durationMinutes: number;
  /** Default: the weekday of `firstStartsAt` (in Europe/Rome). */
  weekdays?: Weekday[];
  /** Every N weeks; default 1. */
  intervalWeeks?: number;
  /** Last date (YYYY-MM-DD, Europe/Rome), inclusive. */
  until?: string;
  count?: number;
  /** Dates (YYYY-MM-DD, Europe/Rome) with no slot (holidays, leave). */
  exceptions?: string[];
}

export interface TutoringSeriesView {
  id: string;
  tutor: MemberRef;
  lab: TutoringLabRef | null;
  /** The RFC 5545 RRULE, e.g. `FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,WE;COUNT=10`. */
  rrule: string;
  timeZone: string;
  /** Wall-clock start in `timeZone`, `HH:mm`. */
  startTime: string;
  durationMinutes: number;
  /** First date (YYYY-MM-DD in `timeZone`). */
  firstDate: string;
  exceptions: string[];
  capacity: number;
  meeting: TutoringMeetingKind;
  onlineUrl: string | null;
  place: string | null;
  note: string | null;
  status: 'active' | 'cancelled';
  /** Slots of the series not cancelled. */
  slotCount: number;
  createdAt: string;
}

/** `POST /api/v1/tutoring/series` → 201, `GET /api/v1/tutoring/series/:id`: the series and its slots. */
export interface TutoringSeriesWithSlots {
  series: TutoringSeriesView;
  slots: TutoringSlotView[];
}

/** `POST /api/v1/tutoring/series/:id/exceptions`: skip one date (its slot is cancelled, bookers notified). */
export interface AddSeriesExceptionInput {
  date: string;
  reason?: string | null;
}

/** `POST /api/v1/tutoring/slots/:id/bookings`. */
export interface CreateTutoringBookingInput {
  /** What the official wants to discuss; only the tutor (and admins) read it. */
  topic?: string | null;
}

export interface TutoringBookingView {
  id: string;
  slotId: string;
  member: MemberRef;
  topic: string | null;
  status: TutoringBookingStatus;
  /** Who cancelled: the booker (`member`) or the tutor/admin (`tutor`, also when the slot was cancelled). */
  cancelledBy: 'member' | 'tutor' | null;
  cancelReason: string | null;
  createdAt: string;
  cancelledAt: string | null;
  /** The slot as the booker sees it (`viewer` null). */
  slot: TutoringSlotView;
}

/** `GET /api/v1/me/tutoring/bookings?when=upcoming|past` → `Page<TutoringBookingView>`. */
export type TutoringBookingsWhen = 'upcoming' | 'past';

/** `GET /api/v1/tutoring/tutors` → `{ items }`: tutors with upcoming slots the asker may see. */
export interface TutoringTutorView {
  tutor: MemberRef;
  labs: TutoringLabRef[];
  openSlots: number;
  nextSlotAt: string | null;
}

/**
 * `GET /api/v1/tutoring/coaching-threads` → `Page<CoachingThreadView>`: every group the asker
 * coaches or belongs to, its thread opened or not; `GET /api/v1/lab-groups/:id/coaching-thread`
 * opens it (there `threadId` and `spaceId` are never null).
 */
export interface CoachingThreadView {
  /** Null while nobody has opened the group's thread yet (the list only). */
  threadId: string | null;
  spaceId: string | null;
  lab: TutoringLabRef;
  group: { id: string; name: string };
  title: string;
  postCount: number;
  lastActivityAt: string | null;
  /** Posts by others the asker has not read. */
  unreadCount: number;
  lastReadPostId: string | null;
}

/** A line of a slot's meeting room chat (`POST`/`GET /api/v1/tutoring/slots/:id/messages`). */
export interface TutoringMessageView {
  id: string;
  slotId: string;
  author: MemberRef;
  body: string;
  bodyHtml: string;
  createdAt: string;
}

export interface CreateTutoringMessageInput {
  body: string;
}

/** Ephemeral, to `tutoring_slot:<id>`: who is in the slot's meeting room now. */
export interface TutoringPresenceEvent {
  slotId: string;
  present: MemberRef[];
}

/**
 * The presence signal as sent: state, not history (no `id`, not in the events table); a client
 * that was away gets the whole list again from `tutoring:join`.
 */
export interface TutoringPresenceSignal {
  type: 'tutoring.presence';
  room: string;
  at: string;
  data: TutoringPresenceEvent;
}

export interface TutoringSignalEvents {
  'tutoring.presence': (signal: TutoringPresenceSignal) => void;
}

/** The meeting room chat: lines per member per minute in one slot, and `GET …/messages?limit=`. */
export const TUTORING_MESSAGE_LIMITS = {
  perMinute: 20,
  pageDefault: 50,
  pageMax: 200,
} as const;

export const TUTORING_CLIENT_EVENTS = {
  join: 'tutoring:join',
  leave: 'tutoring:leave',
} as const;

/** `tutoring:join` / `tutoring:leave` `{ slotId }` (the slot's tutor, its bookers, admins). */
export interface TutoringRoomRequest {
  slotId: string;
}

export type TutoringJoinAck =
  | { ok: true; state: { slot: TutoringSlotView; present: MemberRef[]; messages: TutoringMessageView[] } }
  | { ok: false; error: { code: 'forbidden' | 'not_found' | 'invalid' | 'rate_limited'; message: string } };

/** `tutoring:leave` → `{ ok: true }` (also when the socket was not in the room). */
export type TutoringLeaveAck = { ok: true } | Extract<TutoringJoinAck, { ok: false }>;
