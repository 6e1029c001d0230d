/** Live sessions of a lab (in presence, online or hybrid) and the calendar that lists them. */
import type { LabModuleView } from './labs';

export const SESSION_MODES = ['in_presence', 'online', 'hybrid'] as const;
export type SessionMode = (typeof SESSION_MODES)[number];

export const SESSION_STATUSES = ['scheduled', 'live', 'ended', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/**
 * The one table of a session's status changes (`PATCH /api/v1/sessions/:id { status }`); any
 * other change is a 409. A cancelled session may be scheduled again; an ended one is history.
 */
export const SESSION_STATUS_TRANSITIONS: Readonly<Record<SessionStatus, readonly SessionStatus[]>> = {
  scheduled: ['live', 'cancelled'],
  live: ['ended', 'cancelled'],
  ended: [],
  cancelled: ['scheduled'],
};

export const SESSION_LIMITS = {
  title: 200,
  place: 300,
  onlineUrl: 2000,
  agendaItems: 50,
  agendaTitle: 200,
  /** Minutes of one agenda item, at most (a day). */
  agendaMinutes: 1440,
  /** A session lasts at most this many hours (a residential module of several days is several sessions). */
  maxDurationHours: 24 * 14,
  /** `from`/`to` ranges of the session lists, at most (days). */
  maxRangeDays: 800,
} as const;

/** The time zone the calendar and the register show times in. */
export const SESSION_TIME_ZONE = 'Europe/Rome';

export interface AgendaItem {
  title: string;
  minutes?: number | null;
}

export interface LabSessionView {
  id: string;
  labId: string;
  moduleId: string | null;
  title: string;
  mode: SessionMode;
  /** ISO-8601 with offset (UTC, `Z`). */
  startsAt: string;
  endsAt: string;
  place: string | null;
  /** The video-call link of online and hybrid sessions. */
  onlineUrl: string | null;
  agenda: AgendaItem[];
  currentStep: number | null;
  status: SessionStatus;
  /** The shared document (owned by the lab) for the session's notes (verbale). */
  notesDocumentId: string | null;
  /** The iCalendar SEQUENCE: raised on every change, so calendar apps replace their copy. */
  icalSequence: number;
  createdAt: string;
  updatedAt: string;
}

/** `POST /api/v1/labs/:id/sessions` (admins, the lab's tutors). */
export interface CreateSessionInput {
  moduleId?: string | null;
  title: string;
  mode: SessionMode;
  startsAt: string;
  endsAt: string;
  place?: string | null;
  onlineUrl?: string | null;
  agenda?: AgendaItem[];
}

/** `PATCH /api/v1/sessions/:id`: only the fields sent change; `status` follows SESSION_STATUS_TRANSITIONS. */
export type UpdateSessionInput = Partial<CreateSessionInput> & { status?: SessionStatus };

/** `GET /api/v1/labs/:id/sessions`, `GET /api/v1/me/sessions`: `?from=&to=` (ISO-8601), sorted by `startsAt`. */
export interface SessionRangeQuery {
  from?: string;
  to?: string;
}

/** A module of the lab with its sessions (`GET /api/v1/labs/:id/modules`). */
export interface LabModuleWithSessions extends LabModuleView {
  sessions: LabSessionView[];
}

/** `POST /api/v1/me/calendar-feed`: the member's private calendar URL (shown once; rotate to change it). */
export interface CalendarFeedView {
  url: string;
  token: string;
}
