import type { FlagView, LabStatus, PracticeStatus, SessionStatus } from '@convergo/contracts';

/** A moderator action done through the threads endpoints (hide, pin, lock…), for the moderation log. */
export interface ThreadsModeratedEvent {
  action: 'hide' | 'restore' | 'pin' | 'unpin' | 'lock' | 'unlock';
  moderatorId: string;
  targetType: 'post' | 'thread';
  targetId: string;
  /** The post's or thread's author. */
  memberId: string | null;
  spaceId: string;
  reason: string | null;
}

/** A member may read less than before: their sockets' rooms are checked again. */
export interface AccessNarrowedEvent {
  memberId: string;
}

/** A room became more restricted (e.g. a space made private): every socket in these rooms is checked again. */
export interface RoomsNarrowedEvent {
  rooms: string[];
}

/** A lab moved along LAB_STATUS_TRANSITIONS (e.g. enrolment opened or closed). */
export interface LabStatusChangedEvent {
  labId: string;
  from: LabStatus;
  to: LabStatus;
  byId: string;
}

/** A lab session moved along SESSION_STATUS_TRANSITIONS (e.g. it ended: the register closes open stays). */
export interface SessionStatusChangedEvent {
  sessionId: string;
  labId: string;
  from: SessionStatus;
  to: SessionStatus;
  at: Date;
}

/** A sign-in session ended (logout, or a stolen refresh token detected): its sockets are closed. */
export interface AuthSessionEndedEvent {
  memberId: string;
  /** The refresh-token family: the `sid` of the access tokens issued for it. */
  sessionId: string;
}

/** A place in a tutoring slot was booked; emitted inside the booking's transaction (reminders are scheduled in it). */
export interface TutoringBookingCreatedEvent {
  bookingId: string;
  slotId: string;
  memberId: string;
  tutorId: string;
  startsAt: Date;
}

/** A booking ended before its slot: the booker or the tutor cancelled it, or the slot was cancelled. */
export interface TutoringBookingCancelledEvent {
  bookingId: string;
  slotId: string;
  memberId: string;
  tutorId: string;
}

/** A slot with bookings moved in time; emitted inside the edit's transaction (reminders follow it). */
export interface TutoringSlotRescheduledEvent {
  slotId: string;
  tutorId: string;
  startsAt: Date;
  endsAt: Date;
  /** Its active bookings. */
  bookingIds: string[];
}

/**
 * Every domain event between modules: its name and payload. A listener is an
 * `@OnEvent(DOMAIN_EVENT_NAME)` method; search the name to find who emits and who reacts.
 */
/** The last editor of a shared document on this process left: its state as that editing session left it. */
export interface DocumentEditingSessionEndedEvent {
  docId: string;
  state: Uint8Array;
}

/** A tutor signed a session's register: its stays now count as training hours. */
export interface AttendanceConfirmedEvent {
  sessionId: string;
  byId: string;
}

/** A twinning was created or changed status. */
export interface TwinningChangedEvent {
  twinningId: string;
}

/** A member joined a lab as a participant (enrolment). */
export interface LabParticipantAddedEvent {
  labId: string;
  memberId: string;
}

/** A practice moved along PRACTICE_TRANSITIONS (published, archived…). */
export interface PracticeStatusChangedEvent {
  practiceId: string;
  to: PracticeStatus;
}

export interface DomainEventMap {
  /** A member flagged a post; emitted inside the flag's transaction. */
  'threads.flag_created': FlagView;
  /** A moderator acted through the threads endpoints; emitted inside that transaction. */
  'threads.moderated': ThreadsModeratedEvent;
  /** A member lost a role (lab, group, space); emitted after commit; the realtime module re-checks their rooms. */
  'access.narrowed': AccessNarrowedEvent;
  /** Rooms became more restricted; emitted after commit; the realtime module re-checks who is in them. */
  'rooms.narrowed': RoomsNarrowedEvent;
  /** A lab changed status; emitted inside the transaction (listeners may refuse by throwing). */
  'lab.status_changed': LabStatusChangedEvent;
  /** Emitted inside the transaction of the addition (the indicators record `indicators.changed`). */
  'lab.participant_added': LabParticipantAddedEvent;
  /** Emitted inside the confirmation's transaction. */
  'attendance.confirmed': AttendanceConfirmedEvent;
  /** Emitted inside the transaction that creates the twinning or moves its status. */
  'twinning.changed': TwinningChangedEvent;
  /** Emitted inside the transition's transaction. */
  'practice.status_changed': PracticeStatusChangedEvent;
  /** A session changed status; emitted inside SessionsService.update's transaction (attendance closes open stays on `ended`). */
  'sessions.status_changed': SessionStatusChangedEvent;
  /** Emitted after commit; the realtime module disconnects that session's sockets on every process. */
  'auth.session_ended': AuthSessionEndedEvent;
  /** Tutoring, each inside the writing transaction (`emit`): reminders are scheduled and withdrawn with it. */
  'tutoring.booking_created': TutoringBookingCreatedEvent;
  /** Also once per booking when its slot is cancelled. */
  'tutoring.booking_cancelled': TutoringBookingCancelledEvent;
  'tutoring.slot_rescheduled': TutoringSlotRescheduledEvent;
  /** Emitted outside any transaction and awaited (shutdown waits for it); versions stores an automatic version. */
  'documents.editing_session_ended': DocumentEditingSessionEndedEvent;
}

export type DomainEventName = keyof DomainEventMap;
