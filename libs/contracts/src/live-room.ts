/**
 * The live room of a lab session (`/sessioni/:id/live`, socket room `session:<id>`): who is
 * present, the agenda step the tutor pushes, raised hands, the countdown, the polls, and the
 * rotating code for in-presence check-in. The state lives in the database, so every API process
 * answers the same; a late joiner gets all of it in the `session:join` acknowledgement.
 */
import type { MemberRef } from './spaces';
import type { AgendaItem, LabSessionView } from './sessions';
import type { PollView } from './polls';

/** Socket.io events a client sends (each acknowledged). */
export const LIVE_CLIENT_EVENTS = {
  join: 'session:join',
  leave: 'session:leave',
  hand: 'session:hand',
} as const;

/** A member in the room: their name and administration. */
export type LiveMember = MemberRef;

export interface PresentMember {
  member: LiveMember;
  /** Tutor of the lab (leads the room) or participant; admins who look in count as `observer`. */
  role: 'tutor' | 'participant' | 'observer';
  /** When their current stay began (ISO-8601): several tabs of one member count once. */
  since: string;
}

export interface RaisedHand {
  member: LiveMember;
  raisedAt: string;
}

/** Everything a client needs to draw the room, as of the acknowledgement. */
export interface LiveRoomState {
  session: LabSessionView;
  currentStep: number | null;
  present: PresentMember[];
  /** In the order raised (oldest first). */
  hands: RaisedHand[];
  /** The session's polls, newest first; counts only, never who voted what. */
  polls: PollView[];
  /** When the countdown ends (ISO-8601), or null when no timer runs. */
  timerEndsAt: string | null;
  /** The asker's own vote per poll id (so a reload shows what they chose). */
  myVotes: Record<string, number>;
  /** The asker's role in this room. */
  myRole: PresentMember['role'];
}

/** `session:join` and `session:leave` body. */
export interface SessionRoomRequest {
  sessionId: string;
}

export type LiveErrorCode = 'forbidden' | 'not_found' | 'invalid' | 'rate_limited' | 'session_closed';

export type LiveFailure = { ok: false; error: { code: LiveErrorCode; message: string } };

export type SessionJoinAck = { ok: true; state: LiveRoomState } | LiveFailure;
export type SessionLeaveAck = { ok: true } | LiveFailure;

/** `session:hand`: raise or lower one's own hand; a tutor lowers anyone's with `memberId`. */
export interface SessionHandRequest {
  sessionId: string;
  raised: boolean;
  memberId?: string;
}
export type SessionHandAck = { ok: true; hands: RaisedHand[] } | LiveFailure;

/**
 * Live signals are state, not history: they are not stored in the events table and carry no
 * `id` (a client that was away gets the whole state again from `session:join`).
 */
export interface LiveSignal<T extends 'session.presence' | 'session.hands', D> {
  type: T;
  room: string;
  at: string;
  data: D;
}
export type SessionPresenceSignal = LiveSignal<
  'session.presence',
  { sessionId: string; present: PresentMember[] }
>;
export type SessionHandsSignal = LiveSignal<'session.hands', { sessionId: string; hands: RaisedHand[] }>;

export interface LiveSignalEvents {
  'session.presence': (signal: SessionPresenceSignal) => void;
  'session.hands': (signal: SessionHandsSignal) => void;
}

/** `POST /api/v1/sessions/:id/agenda-step` (tutor). */
export interface AgendaStepInput {
  /** 0-based index into the session's agenda. */
  step: number;
}

/** `session.agenda_step` to `session:<id>` (stored: catch-up delivers it). */
export interface AgendaStepEvent {
  sessionId: string;
  step: number;
  item: AgendaItem;
}

/** `POST /api/v1/sessions/:id/timer` (tutor): 0 clears the countdown. */
export interface TimerInput {
  seconds: number;
}

/** `session.timer` to `session:<id>` and the answer of `POST …/timer`. */
export interface TimerEvent {
  sessionId: string;
  endsAt: string | null;
}

export const LIVE_LIMITS = {
  /** A countdown lasts at most this many seconds (4 hours). */
  timerSeconds: 4 * 3600,
  /** Hand raises/lowers per member per minute. */
  handsPerMinute: 20,
  /** How often each API process confirms its members are still in the room (seconds, default). */
  heartbeatSeconds: 20,
} as const;
