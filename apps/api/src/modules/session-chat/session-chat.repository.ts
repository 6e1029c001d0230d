import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { type ChatLineRecord, ChatLinesQueries } from '../../common/chat/chat-lines.queries';
import type { CreatedKey } from '../../common/cursor';
import type { TypeOrmAfterCommitAdapter } from '../../database/transactional-adapter';

/** A chat message with its author's name and administration, and its keyset position. */
export type SessionMessageRecord = ChatLineRecord & { sessionId: string };

const LINES = new ChatLinesQueries('session_messages', 'session_id', 'sessionId');

/** Owns every query on the chat messages of sessions. */
@Injectable()
export class SessionChatRepository {
  constructor(private readonly db: TransactionHost<TypeOrmAfterCommitAdapter>) {}

  private query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.db.tx.query<T[]>(sql, params);
  }

  insert(sessionId: string, authorId: string, body: string, bodyHtml: string): Promise<SessionMessageRecord> {
    return LINES.insert(this.query.bind(this), sessionId, authorId, body, bodyHtml);
  }

  /** Newest first, `limit` rows older than `before` (or the newest when none). */
  page(sessionId: string, limit: number, before?: CreatedKey): Promise<SessionMessageRecord[]> {
    return LINES.page(this.query.bind(this), sessionId, limit, before);
  }
}
