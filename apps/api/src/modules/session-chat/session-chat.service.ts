import { Injectable } from '@nestjs/common';
import {
  roomName,
  SESSION_MESSAGE_LIMITS,
  type Page,
  type SessionMessageView,
  type SessionStatus,
} from '@convergo/contracts';
import { chatPage, decodeCreatedCursor } from '../../common/cursor';
import { renderChatLine } from '../../common/markdown/post-renderer';
import { MemberRateLimits } from '../../common/rate-limit/member-rate-limits';
import { Transactional } from '../../database/transactional';
import { AbilityFactory } from '../auth/ability.factory';
import type { AuthMember } from '../auth/auth-member';
import { LabsService } from '../labs/labs.service';
import { EventOutbox } from '../realtime/event-outbox';
import { SessionsService } from '../sessions/sessions.service';
import type { CreateSessionMessageDto, SessionMessagesQueryDto } from './dto/session-message.dto';
import { SessionChatException } from './session-chat.exception';
import { toSessionMessageView } from './session-chat.mapper';
import { sessionMessageSubject } from './session-chat.policy';
import { SessionChatRepository } from './session-chat.repository';

/**
 * The chat of a live session: Markdown lines rendered and sanitised exactly like posts (one
 * PostRenderer), stored so a late joiner reads back, and announced to `session:<id>` as
 * `session.message`. A cancelled session takes no more messages; an ended one still does (the
 * goodbyes and the links shared at the end).
 */
@Injectable()
export class SessionChatService {
  constructor(
    private readonly messages: SessionChatRepository,
    private readonly sessions: SessionsService,
    private readonly labs: LabsService,
    private readonly outbox: EventOutbox,
    private readonly abilities: AbilityFactory,
    private readonly rateLimits: MemberRateLimits,
  ) {}

  /** Posts a message (the lab's participants and tutors, admins); rendering happens before the transaction. */
  async post(
    actor: AuthMember,
    sessionId: string,
    dto: CreateSessionMessageDto,
  ): Promise<SessionMessageView> {
    const { status } = await this.assertReader(actor, sessionId, 'create');
    if (status === 'cancelled') throw SessionChatException.sessionCancelled();
    await this.rateLimits.consume(
      'session_message',
      `${actor.id}:${sessionId}`,
      SESSION_MESSAGE_LIMITS.perMinute,
    );
    const html = renderChatLine(dto.body);
    return this.store(actor, sessionId, dto.body, html);
  }

  /**
   * A page of the chat as a chat shows it: the newest page first, each page's items oldest to
   * newest (ready to append under the previous ones), and `nextCursor` going back to older ones.
   */
  async list(
    actor: AuthMember,
    sessionId: string,
    query: SessionMessagesQueryDto,
  ): Promise<Page<SessionMessageView>> {
    await this.assertReader(actor, sessionId, 'read');
    const limit = query.limit ?? SESSION_MESSAGE_LIMITS.pageDefault;
    const rows = await this.messages.page(sessionId, limit + 1, decodeCreatedCursor(query.cursor));
    return chatPage(rows, limit, toSessionMessageView);
  }

  @Transactional()
  private async store(
    actor: AuthMember,
    sessionId: string,
    body: string,
    bodyHtml: string,
  ): Promise<SessionMessageView> {
    const view = toSessionMessageView(await this.messages.insert(sessionId, actor.id, body, bodyHtml));
    await this.outbox.record(roomName('session', sessionId), 'session.message', view);
    return view;
  }

  private async assertReader(
    actor: AuthMember,
    sessionId: string,
    action: 'read' | 'create',
  ): Promise<{ labId: string; status: SessionStatus }> {
    const session = await this.sessions.labAndStatus(sessionId);
    if (!session) throw SessionChatException.sessionNotFound();
    const role = await this.labs.roleOf(actor.id, session.labId);
    if (!this.abilities.for(actor).can(action, sessionMessageSubject(role))) {
      throw SessionChatException.forbidden();
    }
    return session;
  }
}
