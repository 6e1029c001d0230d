import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { randomUUID } from 'node:crypto';
import {
  roomName,
  TUTORING_MESSAGE_LIMITS,
  type MemberRef,
  type Page,
  type TutoringJoinAck,
  type TutoringMessageView,
  type TutoringSlotView,
} from '@convergo/contracts';
import { chatPage, decodeCreatedCursor } from '../../../common/cursor';
import type { AccessNarrowedEvent } from '../../../common/domain-events/domain-event-map';
import { renderChatLine } from '../../../common/markdown/post-renderer';
import type { HeartbeatConnections } from '../../../common/realtime/connection-heartbeat';
import { MemberRateLimits } from '../../../common/rate-limit/member-rate-limits';
import { afterCommit } from '../../../database/after-commit';
import { Transactional } from '../../../database/transactional';
import type { AuthMember } from '../../auth/auth-member';
import { MembersService } from '../../members/members.service';
import { EventOutbox } from '../../realtime/event-outbox';
import { TutoringException } from '../tutoring.exception';
import { TutoringService } from '../tutoring.service';
import type { CreateTutoringMessageDto, TutoringMessagesQueryDto } from './dto/tutoring-message.dto';
import { TutoringMeetingException } from './tutoring-meeting.exception';
import { toTutoringMessageView } from './tutoring-meeting.mapper';
import { TutoringMeetingRepository, type GoneConnection } from './tutoring-meeting.repository';

export type TutoringMeetingState = Extract<TutoringJoinAck, { ok: true }>['state'];

/** Told after a commit that a room's presence changed: the socket handlers send it the whole list. */
export type PresenceSink = (slotId: string) => void;

/**
 * The meeting room of a tutoring slot held in Convergo: who is in it and its chat. Only the slot's
 * tutor, its active bookers and admins enter (TutoringService.meetingAccess, the same rule as the
 * room `tutoring_slot:<id>`). Presence is one row per socket in PostgreSQL with the process
 * holding it and a heartbeat (as the live room's connections, without stays: nothing is credited),
 * so every process answers the same and a dead process's sockets are swept. Chat lines are
 * Markdown rendered like posts, stored, and announced through the outbox as `tutoring.message`;
 * a cancelled slot takes no more (409 `slot_cancelled`), its history stays readable.
 */
@Injectable()
export class TutoringMeetingService implements HeartbeatConnections {
  readonly processId = randomUUID();
  private closing = false;
  private readonly inflight = new Set<Promise<unknown>>();
  private sink: PresenceSink | undefined;

  constructor(
    private readonly repository: TutoringMeetingRepository,
    private readonly tutoring: TutoringService,
    private readonly outbox: EventOutbox,
    private readonly rateLimits: MemberRateLimits,
    private readonly members: MembersService,
  ) {}

  /** The socket handlers, which emit `tutoring.presence` (services never import them). */
  attach(sink: PresenceSink): void {
    this.sink = sink;
  }

  // --- Socket events -------------------------------------------------------------------------

  /** A socket enters the room (again: idempotent): the slot, who is present, the newest page of the chat. */
  join(actor: AuthMember, socketId: string, slotId: string): Promise<TutoringMeetingState> {
    if (this.closing) return Promise.reject(TutoringMeetingException.shuttingDown());
    return this.track(this.enter(actor, socketId, slotId));
  }

  /** A socket leaves the room (or disconnected). */
  async leave(socketId: string, slotId: string): Promise<void> {
    if (this.closing) return;
    await this.track(this.exit(socketId, slotId));
  }

  /** Everyone present now, each once, in the order they arrived. */
  present(slotId: string): Promise<MemberRef[]> {
    return this.repository.findPresent(slotId);
  }

  private async enter(actor: AuthMember, socketId: string, slotId: string): Promise<TutoringMeetingState> {
    const slot = await this.openRoom(actor, slotId);
    return this.store(actor, socketId, slot);
  }

  @Transactional()
  private async store(
    actor: AuthMember,
    socketId: string,
    slot: TutoringSlotView,
  ): Promise<TutoringMeetingState> {
    await this.repository.upsertConnection(socketId, slot.id, actor.id, this.processId, new Date());
    this.presenceChanged(slot.id);
    const present = await this.repository.findPresent(slot.id);
    const rows = await this.repository.messagePage(slot.id, TUTORING_MESSAGE_LIMITS.pageDefault + 1);
    return {
      slot,
      present,
      messages: chatPage(rows, TUTORING_MESSAGE_LIMITS.pageDefault, toTutoringMessageView).items,
    };
  }

  @Transactional()
  private async exit(socketId: string, slotId: string): Promise<void> {
    if (await this.repository.deleteConnection(socketId, slotId)) this.presenceChanged(slotId);
  }

  // --- Chat (REST) ---------------------------------------------------------------------------

  /** Writes in the room's chat; rendering happens before the transaction. */
  async post(actor: AuthMember, slotId: string, dto: CreateTutoringMessageDto): Promise<TutoringMessageView> {
    await this.openRoom(actor, slotId);
    await this.rateLimits.consume(
      'tutoring_message',
      `${actor.id}:${slotId}`,
      TUTORING_MESSAGE_LIMITS.perMinute,
    );
    return this.storeMessage(actor, slotId, dto.body, renderChatLine(dto.body));
  }

  /** A page of the chat as a chat shows it (the newest first; each page oldest to newest). */
  async list(
    actor: AuthMember,
    slotId: string,
    query: TutoringMessagesQueryDto,
  ): Promise<Page<TutoringMessageView>> {
    await this.tutoring.meetingAccess(actor, slotId);
    const limit = query.limit ?? TUTORING_MESSAGE_LIMITS.pageDefault;
    const rows = await this.repository.messagePage(slotId, limit + 1, decodeCreatedCursor(query.cursor));
    return chatPage(rows, limit, toTutoringMessageView);
  }

  @Transactional()
  private async storeMessage(
    actor: AuthMember,
    slotId: string,
    body: string,
    bodyHtml: string,
  ): Promise<TutoringMessageView> {
    const view = toTutoringMessageView(await this.repository.insertMessage(slotId, actor.id, body, bodyHtml));
    await this.outbox.record(roomName('tutoring_slot', slotId), 'tutoring.message', view);
    return view;
  }

  // --- Access --------------------------------------------------------------------------------

  /** The slot when the asker may be in its room now: 404/403 from meetingAccess, 409 without a room or cancelled. */
  private async openRoom(actor: AuthMember, slotId: string): Promise<TutoringSlotView> {
    await this.tutoring.meetingAccess(actor, slotId);
    const slot = await this.tutoring.getSlot(actor, slotId);
    if (slot.meeting !== 'convergo') throw TutoringMeetingException.noMeetingRoom();
    if (slot.status === 'cancelled') throw TutoringException.slotCancelled();
    return slot;
  }

  /**
   * A member lost a right (a booking cancelled, by them, the tutor or with the slot): they leave
   * every meeting room they may no longer be in, on every process (the rows are shared). The
   * realtime module takes their sockets out of `tutoring_slot:<id>`.
   */
  @OnEvent('access.narrowed')
  async accessNarrowed({ memberId }: AccessNarrowedEvent): Promise<void> {
    const slots = await this.repository.findSlotsOfMember(memberId);
    if (slots.length === 0) return;
    const member = await this.members.findAuthMember(memberId);
    for (const slotId of slots) {
      if (member?.status === 'active' && (await this.allowed(member, slotId))) continue;
      await this.expel(slotId, memberId);
    }
  }

  private async allowed(member: AuthMember, slotId: string): Promise<boolean> {
    try {
      await this.tutoring.meetingAccess(member, slotId);
      return true;
    } catch (error) {
      if (error instanceof TutoringException) return false;
      throw error;
    }
  }

  @Transactional()
  private async expel(slotId: string, memberId: string): Promise<void> {
    if ((await this.repository.deleteConnectionsOfMember(slotId, memberId)) > 0) this.presenceChanged(slotId);
  }

  // --- Heartbeat, sweep, shutdown (ConnectionHeartbeat) ---------------------------------------

  heartbeat(at: Date): Promise<number> {
    return this.repository.heartbeat(this.processId, at);
  }

  @Transactional()
  async sweep(before: Date): Promise<number> {
    const gone = await this.repository.deleteStale(before);
    this.changedRooms(gone);
    return gone.length;
  }

  async closeProcess(): Promise<void> {
    this.closing = true;
    await Promise.allSettled([...this.inflight]);
    await this.closeConnections();
  }

  @Transactional()
  private async closeConnections(): Promise<void> {
    this.changedRooms(await this.repository.deleteConnectionsOf(this.processId));
  }

  private changedRooms(gone: GoneConnection[]): void {
    for (const slotId of new Set(gone.map((connection) => connection.slotId))) this.presenceChanged(slotId);
  }

  private presenceChanged(slotId: string): void {
    afterCommit(() => this.sink?.(slotId));
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.inflight.add(work);
    const done = () => this.inflight.delete(work);
    work.then(done, done);
    return work;
  }
}
