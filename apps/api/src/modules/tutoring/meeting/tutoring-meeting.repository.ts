import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { MemberRef } from '@convergo/contracts';
import { type ChatLineRecord, ChatLinesQueries } from '../../../common/chat/chat-lines.queries';
import type { CreatedKey } from '../../../common/cursor';
import type { TypeOrmAfterCommitAdapter } from '../../../database/transactional-adapter';

/** A chat line with its author's name and administration, and its keyset position. */
export type TutoringMessageRecord = ChatLineRecord & { slotId: string };

/** A connection removed by a sweep, a shutdown or an expulsion: its room's presence changed. */
export interface GoneConnection {
  slotId: string;
  memberId: string;
}

const LINES = new ChatLinesQueries('tutoring_messages', 'slot_id', 'slotId');

/** Owns every query on tutoring_messages and tutoring_meeting_connections. */
@Injectable()
export class TutoringMeetingRepository {
  constructor(private readonly db: TransactionHost<TypeOrmAfterCommitAdapter>) {}

  /** DELETE and UPDATE … RETURNING are wrapped in `WITH changed AS (…) SELECT`: TypeORM answers them as [rows, count]. */
  private query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.db.tx.query<T[]>(sql, params);
  }

  // --- Chat ------------------------------------------------------------------------------------

  insertMessage(
    slotId: string,
    authorId: string,
    body: string,
    bodyHtml: string,
  ): Promise<TutoringMessageRecord> {
    return LINES.insert(this.query.bind(this), slotId, authorId, body, bodyHtml);
  }

  /** Newest first, `limit` rows older than `before` (or the newest when none). */
  messagePage(slotId: string, limit: number, before?: CreatedKey): Promise<TutoringMessageRecord[]> {
    return LINES.page(this.query.bind(this), slotId, limit, before);
  }

  // --- Presence --------------------------------------------------------------------------------

  /** The socket is in the room (again: a re-join only refreshes its row). */
  async upsertConnection(
    socketId: string,
    slotId: string,
    memberId: string,
    processId: string,
    at: Date,
  ): Promise<void> {
    await this.query(
      `INSERT INTO tutoring_meeting_connections (socket_id, slot_id, member_id, process_id, joined_at, last_seen_at)
       VALUES ($1, $2, $3, $4, $5, $5)
       ON CONFLICT (socket_id, slot_id) DO UPDATE SET process_id = EXCLUDED.process_id,
              last_seen_at = EXCLUDED.last_seen_at`,
      [socketId, slotId, memberId, processId, at],
    );
  }

  /** True when the connection was there. */
  async deleteConnection(socketId: string, slotId: string): Promise<boolean> {
    const rows = await this.query<{ one: number }>(
      `WITH changed AS (DELETE FROM tutoring_meeting_connections WHERE socket_id = $1 AND slot_id = $2 RETURNING 1 AS one)
       SELECT * FROM changed`,
      [socketId, slotId],
    );
    return rows.length > 0;
  }

  /** Every connection of a member in one slot's room (all their tabs, on every process). */
  async deleteConnectionsOfMember(slotId: string, memberId: string): Promise<number> {
    const rows = await this.query<{ one: number }>(
      `WITH changed AS (DELETE FROM tutoring_meeting_connections WHERE slot_id = $1 AND member_id = $2 RETURNING 1 AS one)
       SELECT * FROM changed`,
      [slotId, memberId],
    );
    return rows.length;
  }

  /** The slots whose room the member is in (any process). */
  async findSlotsOfMember(memberId: string): Promise<string[]> {
    const rows = await this.query<{ slotId: string }>(
      `SELECT DISTINCT slot_id AS "slotId" FROM tutoring_meeting_connections WHERE member_id = $1`,
      [memberId],
    );
    return rows.map((row) => row.slotId);
  }

  /** Who is in the room: each member once (any number of tabs), in the order they arrived. */
  async findPresent(slotId: string): Promise<MemberRef[]> {
    return this.query<MemberRef>(
      `SELECT m.id, m.display_name AS "displayName", o.name AS "organizationName"
         FROM (SELECT member_id, min(joined_at) AS since FROM tutoring_meeting_connections
                WHERE slot_id = $1 GROUP BY member_id) c
         JOIN members m ON m.id = c.member_id
         LEFT JOIN organizations o ON o.id = m.organization_id
        ORDER BY c.since, m.id`,
      [slotId],
    );
  }

  /** Confirms every connection this process holds: one statement per beat. */
  async heartbeat(processId: string, at: Date): Promise<number> {
    const rows = await this.query<{ one: number }>(
      `WITH changed AS (UPDATE tutoring_meeting_connections SET last_seen_at = $2 WHERE process_id = $1 RETURNING 1 AS one)
       SELECT * FROM changed`,
      [processId, at],
    );
    return rows.length;
  }

  /** Connections not confirmed since `before` (a dead process's); concurrent sweepers never return a row twice. */
  deleteStale(before: Date): Promise<GoneConnection[]> {
    return this.query<GoneConnection>(
      `WITH changed AS (DELETE FROM tutoring_meeting_connections WHERE last_seen_at < $1
       RETURNING slot_id AS "slotId", member_id AS "memberId") SELECT * FROM changed`,
      [before],
    );
  }

  /** The connections of one process: for a graceful shutdown. */
  deleteConnectionsOf(processId: string): Promise<GoneConnection[]> {
    return this.query<GoneConnection>(
      `WITH changed AS (DELETE FROM tutoring_meeting_connections WHERE process_id = $1
       RETURNING slot_id AS "slotId", member_id AS "memberId") SELECT * FROM changed`,
      [processId],
    );
  }
}
