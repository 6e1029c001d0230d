import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { randomUUID } from 'node:crypto';
import {
  LIVE_LIMITS,
  type LabRole,
  type LabSessionView,
  type LiveRoomState,
  type PresentMember,
  type RaisedHand,
  type TimerEvent,
  roomName,
} from '@convergo/contracts';
import type {
  AccessNarrowedEvent,
  SessionStatusChangedEvent,
} from '../../common/domain-events/domain-event-map';
import { MemberRateLimits } from '../../common/rate-limit/member-rate-limits';
import { Transactional } from '../../database/transactional';
import { AttendanceService } from '../attendance/attendance.service';
import { AbilityFactory } from '../auth/ability.factory';
import type { AuthMember } from '../auth/auth-member';
import { LabsService } from '../labs/labs.service';
import { MembersService } from '../members/members.service';
import { PollsService } from '../polls/polls.service';
import { EventOutbox } from '../realtime/event-outbox';
import { SessionsService } from '../sessions/sessions.service';
import { LiveRoomException } from './live-room.exception';
import { liveRoomSubject, roomRole } from './live-room.policy';
import { LiveRoomRepository, type DeadStay, type HandRecord, type StayRecord } from './live-room.repository';
import { LiveSignals } from './live-signals';

/** A cancelled or ended session has no live room. */
const CLOSED = new Set(['cancelled', 'ended']);

/** Who is asking, in which session, with which role in its lab. */
export interface RoomContext {
  session: LabSessionView;
  labRole: LabRole | null;
}

const toPresent = (stay: StayRecord): PresentMember => ({
  member: stay.member,
  role: roomRole(stay.labRole),
  since: new Date(stay.beganAt).toISOString(),
});

const toHand = (hand: HandRecord): RaisedHand => ({
  member: hand.member,
  raisedAt: new Date(hand.raisedAt).toISOString(),
});

/**
 * Who is in a session's live room, their raised hands and the countdown, kept in the database so
 * every API process answers the same. It decides WHEN a member's stay begins and ends (their
 * first and last connection over all tabs and processes, or the last heartbeat of a connection
 * whose process died) and tells the attendance register; what is credited is the register's
 * business. Presence and hands reach the room as ephemeral signals after each change commits.
 */
@Injectable()
export class LiveRoomService {
  /** This process's id on its connection rows: its heartbeat confirms them, its shutdown closes them. */
  readonly processId = randomUUID();
  private closing = false;
  private readonly inflight = new Set<Promise<unknown>>();

  constructor(
    private readonly repository: LiveRoomRepository,
    private readonly sessions: SessionsService,
    private readonly labs: LabsService,
    private readonly attendance: AttendanceService,
    private readonly polls: PollsService,
    private readonly abilities: AbilityFactory,
    private readonly rateLimits: MemberRateLimits,
    private readonly signals: LiveSignals,
    private readonly outbox: EventOutbox,
    private readonly members: MembersService,
  ) {}

  // --- Socket events -------------------------------------------------------------------------

  /** A socket enters the room (again: idempotent); the member's first connection opens their stay. */
  join(actor: AuthMember, socketId: string, sessionId: string): Promise<LiveRoomState> {
    if (this.closing) return Promise.reject(LiveRoomException.closed('shutting down on this server'));
    return this.track(this.enter(actor, socketId, sessionId));
  }

  /** A socket leaves the room (or disconnected); the member's last connection ends their stay. */
  async leave(socketId: string, sessionId: string, at = new Date()): Promise<void> {
    // After the shutdown closed this process's connections there is nothing left to leave.
    if (this.closing) return;
    await this.track(this.exit(socketId, sessionId, at));
  }

  @Transactional()
  private async enter(actor: AuthMember, socketId: string, sessionId: string): Promise<LiveRoomState> {
    const { session, labRole } = await this.context(actor, sessionId);
    if (CLOSED.has(session.status)) throw LiveRoomException.closed(session.status);
    const now = new Date();
    const opened = await this.repository.lockOrOpenStay(sessionId, actor.id, now);
    await this.repository.insertConnection(socketId, sessionId, actor.id, this.processId, now);
    if (opened) {
      await this.attendance.liveStayBegan(sessionId, actor.id, now);
      this.signals.presenceChanged(sessionId);
    }
    // One after another: they share the transaction's connection.
    const present = await this.repository.findPresent(sessionId);
    const hands = await this.repository.findHands(sessionId);
    const timer = await this.repository.findTimer(sessionId);
    const polls = await this.polls.forRoom(sessionId, actor.id);
    return {
      session,
      currentStep: session.currentStep,
      present: present.map(toPresent),
      hands: hands.map(toHand),
      polls: polls.polls,
      timerEndsAt: timer ? new Date(timer).toISOString() : null,
      myVotes: polls.myVotes,
      myRole: roomRole(labRole),
    };
  }

  @Transactional()
  private async exit(socketId: string, sessionId: string, at: Date): Promise<void> {
    const memberId = await this.repository.deleteConnection(socketId, sessionId);
    if (memberId) await this.endStayIfLast(sessionId, memberId, at);
  }

  /** Raises or lowers the asker's hand; a leader of the room lowers anyone's. The whole list, in order. */
  @Transactional()
  async hand(
    actor: AuthMember,
    socketId: string,
    request: { sessionId: string; raised: boolean; memberId?: string },
  ): Promise<RaisedHand[]> {
    const { sessionId, raised } = request;
    const target = request.memberId ?? actor.id;
    if (!(await this.repository.connectionExists(socketId, sessionId))) throw LiveRoomException.notJoined();
    if (target !== actor.id) {
      if (raised) throw LiveRoomException.leadForbidden('Nobody raises another member’s hand');
      this.assertLead(actor, await this.context(actor, sessionId));
    }
    const retryAfter = await this.rateLimits.spend('session_hand', actor.id, LIVE_LIMITS.handsPerMinute);
    if (retryAfter !== null) throw LiveRoomException.rateLimited(retryAfter);
    if (raised) await this.repository.raiseHand(sessionId, target);
    else await this.repository.lowerHand(sessionId, target);
    const hands = (await this.repository.findHands(sessionId)).map(toHand);
    this.signals.hands(sessionId, hands);
    return hands;
  }

  /** Everyone present now, in the order they arrived (for the `session.presence` signal). */
  async present(sessionId: string): Promise<PresentMember[]> {
    return (await this.repository.findPresent(sessionId)).map(toPresent);
  }

  /**
   * A member lost a role (e.g. taken out of the lab): they leave every live room they may no
   * longer be in, on every process (the rows are shared), and their stay ends now. The realtime
   * module takes their sockets out of the socket rooms.
   */
  @OnEvent('access.narrowed')
  async accessNarrowed({ memberId }: AccessNarrowedEvent): Promise<void> {
    const member = await this.members.findAuthMember(memberId);
    for (const sessionId of await this.repository.findStaySessions(memberId)) {
      const allowed =
        member?.status === 'active' && (await this.sessions.roomAccess(member, sessionId)) === 'ok';
      if (!allowed) await this.expel(sessionId, memberId, new Date());
    }
  }

  /**
   * A session that ends or is cancelled closes its room: nobody is present any more, hands and
   * countdown go (the register closes the open stays itself). Runs inside the session's change.
   */
  @OnEvent('sessions.status_changed')
  async sessionStatusChanged({ sessionId, to }: SessionStatusChangedEvent): Promise<void> {
    if (!CLOSED.has(to)) return;
    await this.repository.clearRoom(sessionId);
    this.signals.presenceChanged(sessionId);
    this.signals.hands(sessionId, []);
  }

  // --- REST (the room's leader) --------------------------------------------------------------

  /** Moves the room to an agenda item: the session (`session.updated`) and `session.agenda_step`. */
  @Transactional()
  async setAgendaStep(actor: AuthMember, sessionId: string, step: number): Promise<LabSessionView> {
    const context = await this.context(actor, sessionId);
    this.assertLead(actor, context);
    if (CLOSED.has(context.session.status)) throw LiveRoomException.closed(context.session.status);
    const session = await this.sessions.setCurrentStep(actor, sessionId, step);
    await this.outbox.record(roomName('session', sessionId), 'session.agenda_step', {
      sessionId,
      step,
      item: session.agenda[step],
    });
    return session;
  }

  /** Starts the countdown (`seconds` from now) or clears it (0): `session.timer` to the room. */
  @Transactional()
  async setTimer(actor: AuthMember, sessionId: string, seconds: number): Promise<TimerEvent> {
    const context = await this.context(actor, sessionId);
    this.assertLead(actor, context);
    if (CLOSED.has(context.session.status)) throw LiveRoomException.closed(context.session.status);
    let endsAt: Date | null = null;
    if (seconds === 0) await this.repository.clearTimer(sessionId);
    else {
      endsAt = new Date(Date.now() + seconds * 1000);
      await this.repository.setTimer(sessionId, endsAt, actor.id);
    }
    const event: TimerEvent = { sessionId, endsAt: endsAt && endsAt.toISOString() };
    await this.outbox.record(roomName('session', sessionId), 'session.timer', event);
    return event;
  }

  // --- Heartbeat, sweep, shutdown ------------------------------------------------------------

  /** Confirms this process's connections. */
  heartbeat(at = new Date()): Promise<number> {
    return this.repository.heartbeat(this.processId, at);
  }

  /**
   * Connections not confirmed since `before` belong to a process that died: they are removed and
   * each member left without a connection ends their stay at their last confirmed heartbeat.
   */
  @Transactional()
  async sweep(before: Date): Promise<number> {
    const dead = await this.repository.deleteStale(before);
    await this.endStays(dead, (stay) => stay.lastSeenAt);
    return dead.length;
  }

  /**
   * A graceful shutdown: joins and leaves in flight finish, later ones are refused, and this
   * process's members leave at `at`.
   */
  async closeProcess(at = new Date()): Promise<void> {
    this.closing = true;
    await Promise.allSettled([...this.inflight]);
    await this.closeConnections(at);
  }

  @Transactional()
  private async closeConnections(at: Date): Promise<void> {
    const gone = await this.repository.deleteConnectionsOf(this.processId);
    await this.endStays(gone, () => at);
  }

  // --- Rules ---------------------------------------------------------------------------------

  /** The session and the asker's lab role, or 404/403 as the room policy of `session:<id>` says. */
  async context(actor: AuthMember, sessionId: string): Promise<RoomContext> {
    const access = await this.sessions.roomAccess(actor, sessionId);
    if (access === 'not_found') throw LiveRoomException.sessionNotFound();
    if (access !== 'ok') throw LiveRoomException.notInLab();
    const entry = await this.sessions.entryOf(sessionId);
    if (!entry) throw LiveRoomException.sessionNotFound();
    return { session: entry.session, labRole: await this.labs.roleOf(actor.id, entry.session.labId) };
  }

  assertLead(actor: AuthMember, context: RoomContext): void {
    if (!this.abilities.for(actor).can('update', liveRoomSubject(context.labRole))) {
      throw LiveRoomException.leadForbidden();
    }
  }

  @Transactional()
  private async expel(sessionId: string, memberId: string, at: Date): Promise<void> {
    await this.repository.deleteConnectionsOfMember(sessionId, memberId);
    await this.endStayIfLast(sessionId, memberId, at);
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.inflight.add(work);
    const done = () => this.inflight.delete(work);
    work.then(done, done);
    return work;
  }

  /** One end per member (the latest `at` of their removed connections), in a stable lock order. */
  private async endStays(removed: DeadStay[], atOf: (stay: DeadStay) => Date): Promise<void> {
    const latest = new Map<string, DeadStay & { at: Date }>();
    for (const stay of removed) {
      const key = `${stay.sessionId}/${stay.memberId}`;
      const at = new Date(atOf(stay));
      const known = latest.get(key);
      if (!known || known.at < at) latest.set(key, { ...stay, at });
    }
    const ordered = [...latest.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, stay]) => stay);
    for (const stay of ordered) await this.endStayIfLast(stay.sessionId, stay.memberId, stay.at);
  }

  private async endStayIfLast(sessionId: string, memberId: string, at: Date): Promise<void> {
    if (!(await this.repository.lockStay(sessionId, memberId))) return;
    if (!(await this.repository.closeStayIfEmpty(sessionId, memberId))) return;
    await this.attendance.liveStayEnded(sessionId, memberId, at);
    this.signals.presenceChanged(sessionId);
    if (await this.repository.lowerHand(sessionId, memberId)) {
      this.signals.hands(sessionId, (await this.repository.findHands(sessionId)).map(toHand));
    }
  }
}
