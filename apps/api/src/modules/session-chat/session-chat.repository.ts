import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { CreatedKey } from '../../common/cursor';
import type { TypeOrmAfterCommitAdapter } from '../../database/transactional-adapter';

/** A chat message with its author's name and administration, and its keyset position. */
export interface SessionMessageRecord extends CreatedKey {
  id: string;
  sessionId: string;
  authorId: string | null;
  authorName: string | null;
  authorOrganization: string | null;
  body: string;
  bodyHtml: string;
  createdAt: Date;
}

const SELECT = `SELECT s.id, s.session_id AS "sessionId", s.author_id AS "authorId",
  m.display_name AS "authorName", o.name AS "authorOrganization", s.body, s.body_html AS "bodyHtml",
  s.created_at AS "createdAt", floor(extract(epoch FROM s.created_at) * 1000000)::bigint::text AS micros
  FROM session_messages s
  LEFT JOIN members m ON m.id = s.author_id
  LEFT JOIN organizations o ON o.id = m.organization_id`;

/** Owns every query on the chat messages of sessions. */
@Injectable()
export class SessionChatRepository {
  constructor(private readonly db: TransactionHost<TypeOrmAfterCommitAdapter>) {}

  private query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.db.tx.query<T[]>(sql, params);
  }

  async insert(
    sessionId: string,
    authorId: string,
    body: string,
    bodyHtml: string,
  ): Promise<SessionMessageRecord> {
    const [{ id }] = await this.query<{ id: string }>(
      `INSERT INTO session_messages (session_id, author_id, body, body_html) VALUES ($1, $2, $3, $4) RETURNING id`,
      [sessionId, authorId, body, bodyHtml],
    );
    const [row] = await this.query<SessionMessageRecord>(`${SELECT} WHERE s.id = $1`, [id]);
    return row;
  }

  /** Newest first, `limit` rows older than `before` (or the newest when none). */
  page(sessionId: string, limit: number, before?: CreatedKey): Promise<SessionMessageRecord[]> {
    const params: unknown[] = [sessionId, limit];
    let where = 's.session_id = $1';
    if (before) {
      params.push(before.micros, before.id);
      where += ` AND (s.created_at, s.id) < (timestamptz 'epoch' + $3::bigint * interval '1 microsecond', $4::uuid)`;
    }
    return this.query<SessionMessageRecord>(
      `${SELECT} WHERE ${where} ORDER BY s.created_at DESC, s.id DESC LIMIT $2`,
      params,
    );
  }
}
