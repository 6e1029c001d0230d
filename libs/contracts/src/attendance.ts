/**
 * The attendance register of lab sessions: it fills itself from the live room (remote intervals)
 * and from check-in with the rotating code (in presence); the tutor corrects and confirms it
 * (the signature); after confirmation every change needs a note and is logged.
 */
import type { MemberRef } from './spaces';

export const ATTENDANCE_STATUSES = ['present', 'absent', 'excused'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export const ATTENDANCE_MODES = ['in_presence', 'remote'] as const;
export type AttendanceMode = (typeof ATTENDANCE_MODES)[number];

/** Where a row's figures come from: the live room, check-in/out, or the tutor's hand. */
export const ATTENDANCE_SOURCES = ['live', 'check_in', 'tutor'] as const;
export type AttendanceSource = (typeof ATTENDANCE_SOURCES)[number];

export const ATTENDANCE_LIMITS = {
  note: 1000,
  /** Minutes a tutor may enter for one session, at most (the session's length is checked too). */
  maxMinutes: 24 * 60 * 14,
  /** The check-in code: its length and how long it is accepted (seconds). */
  codeLength: 6,
  codeValiditySeconds: 60,
  /** Check-in attempts per member per minute (the code is short: guessing must not pay). */
  checkInsPerMinute: 10,
} as const;

export interface AttendanceInterval {
  from: string;
  /** null while the member is still there. */
  to: string | null;
}

/** An administration as the register shows it. */
export interface AttendanceOrganization {
  id: string;
  name: string;
  region: string | null;
}

export interface AttendanceRow {
  member: MemberRef;
  organization: AttendanceOrganization | null;
  mode: AttendanceMode;
  /** The member's time in the room or at the venue, merged (several tabs and reconnects count once). */
  intervals: AttendanceInterval[];
  /** Minutes credited: the union of the intervals within the session's times, or the tutor's figure. */
  minutes: number;
  /** Seconds behind `minutes` (the register keeps seconds; minutes are rounded down). */
  seconds: number;
  source: AttendanceSource;
  status: AttendanceStatus;
  note: string | null;
}

/** `GET /api/v1/sessions/:id/attendance` (the lab's tutors, admins). */
export interface SessionAttendanceView {
  sessionId: string;
  confirmed: boolean;
  confirmedBy: MemberRef | null;
  confirmedAt: string | null;
  items: AttendanceRow[];
  /** Participants enrolled when the session took place with no attendance at all. */
  absentees: MemberRef[];
}

/** `PUT /api/v1/sessions/:id/attendance/:memberId` (tutor): after confirmation `note` is required. */
export interface UpdateAttendanceInput {
  status: AttendanceStatus;
  mode?: AttendanceMode;
  minutes?: number;
  note?: string;
}

/** `POST /api/v1/sessions/:id/attendance/confirm`. */
export interface AttendanceConfirmation {
  sessionId: string;
  confirmed: true;
  confirmedBy: MemberRef;
  confirmedAt: string;
}

/** A change to a confirmed register, as the log keeps it (`GET …/attendance/log`). */
export interface AttendanceChangeView {
  id: string;
  sessionId: string;
  member: MemberRef;
  changedBy: MemberRef;
  changedAt: string;
  before: Pick<AttendanceRow, 'status' | 'mode' | 'minutes'> | null;
  after: Pick<AttendanceRow, 'status' | 'mode' | 'minutes'>;
  note: string;
}

/** `POST /api/v1/sessions/:id/check-in-code` (tutor): shown as a QR code in the room. */
export interface CheckInCodeView {
  sessionId: string;
  code: string;
  expiresAt: string;
  /** The page a participant's phone opens from the QR code (`/sessioni/:id/check-in?code=…`). */
  checkInPath: string;
}

/** `POST /api/v1/sessions/:id/check-in`. */
export interface CheckInInput {
  code: string;
}

/** The asker's own row in one session (answer of check-in and check-out). */
export interface MyAttendanceRow {
  sessionId: string;
  labId: string;
  labTitle: string;
  sessionTitle: string;
  startsAt: string;
  endsAt: string;
  mode: AttendanceMode;
  intervals: AttendanceInterval[];
  minutes: number;
  status: AttendanceStatus;
  /** Whether the tutor confirmed the session's register. */
  confirmed: boolean;
}

/** `GET /api/v1/me/attendance`: the asker's rows and hours per lab. */
export interface MyAttendanceView {
  labs: {
    labId: string;
    labTitle: string;
    /** Hours credited in the lab (confirmed or not), to two decimals. */
    hours: number;
    sessions: MyAttendanceRow[];
  }[];
}

/** `attendance.updated` to `attendance:<sessionId>` (the lab's tutors and admins): a row changed. */
export interface AttendanceUpdatedEvent {
  sessionId: string;
  row: AttendanceRow | null;
  memberId: string;
  confirmed: boolean;
}
