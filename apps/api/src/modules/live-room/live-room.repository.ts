import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { LabRole, MemberRef } from '@convergo/contracts';
import type { TypeOrmAfterCommitAdapter } from '../../database/transactional-adapter';

/** A member present in a session's room (any number of tabs), with their role in its lab. */
export interface StayRecord {
  member: MemberRef;
  labRole: LabRole | null;
  beganAt: Date;
}

export interface HandRecord {
  member: MemberRef;
  raisedAt: Date;
}

/** A member whose last connection was swept: their stay ends at their last heartbeat. */
export interface DeadStay {
  sessionId: string;
  memberId: string;
  lastSeenAt: Date;
}

interface MemberRow {
  memberId: string;
  displayName: string;
  organizationName: string | null;
}

const memberRef = (row: MemberRow): MemberRef => ({
  id: row.memberId,
  displayName: row.displayName,
  organizationName: row.organizationName,
});

/** Owns every query on live_stays, live_connections, live_hands and live_timers. */
@Injectable()
export class LiveRoomRepository {
  constructor(private readonly db: TransactionHost<TypeOrmAfterCommitAdapter>) {}

  /** DELETE and UPDATE … RETURNING are wrapped in `WITH changed AS (…) SELECT`: TypeORM answers them as [rows, count]. */
  private query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.db.tx.query<T[]>(sql, params);
  }

  /**
   * Takes the member's stay row under lock (creating it when they were not present): true when
   * this call opened the stay. Joins and leaves of the same member queue behind this lock.
   */
  async lockOrOpenStay(sessionId: string, memberId: string, at: Date): Promise<boolean> {
    const [row] = await this.query<{ opened: boolean }>(
      `INSERT INTO live_stays (session_id, member_id, began_at) VALUES ($1, $2, $3)
       ON CONFLICT (session_id, member_id) DO UPDATE SET began_at = live_stays.began_at
       RETURNING (xmax = 0) AS opened`,
      [sessionId, memberId, at],
    );
    return row.opened;
  }

  /** Locks the member's stay, if they have one. */
  async lockStay(sessionId: string, memberId: string): Promise<boolean> {
    const rows = await this.query<{ one: number }>(
      `SELECT 1 AS one FROM live_stays WHERE session_id = $1 AND member_id = $2 FOR UPDATE`,
      [sessionId, memberId],
    );
    return rows.length > 0;
  }

  async insertConnection(
    socketId: string,
    sessionId: string,
    memberId: string,
    processId: string,
    at: Date,
  ): Promise<void> {
    await this.query(
      `INSERT INTO live_connections (socket_id, session_id, member_id, process_id, connected_at, last_seen_at)
       VALUES ($1, $2, $3, $4, $5, $5)
       ON CONFLICT (socket_id, session_id) DO UPDATE SET process_id = EXCLUDED.process_id,
              last_seen_at = EXCLUDED.last_seen_at`,
      [socketId, sessionId, memberId, processId, at],
    );
  }

  /** Deletes one connection; its member, or undefined when it was already gone. */
  async deleteConnection(socketId: string, sessionId: string): Promise<string | undefined> {
    const [row] = await this.query<{ memberId: string }>(
      `WITH changed AS (DELETE FROM live_connections WHERE socket_id = $1 AND session_id = $2 RETURNING member_id AS "memberId") SELECT * FROM changed`,
      [socketId, sessionId],
    );
    return row?.memberId;
  }

  async connectionExists(socketId: string, sessionId: string): Promise<boolean> {
    const rows = await this.query<{ one: number }>(
      `SELECT 1 AS one FROM live_connections WHERE socket_id = $1 AND session_id = $2`,
      [socketId, sessionId],
    );
    return rows.length > 0;
  }

  /** Closes the stay when the member has no connection left: true when it did. */
  async closeStayIfEmpty(sessionId: string, memberId: string): Promise<boolean> {
    const rows = await this.query<{ one: number }>(
      `WITH changed AS (DELETE FROM live_stays s WHERE s.session_id = $1 AND s.member_id = $2
          AND NOT EXISTS (SELECT 1 FROM live_connections c WHERE c.session_id = $1 AND c.member_id = $2)
       RETURNING 1 AS one) SELECT * FROM changed`,
      [sessionId, memberId],
    );
    return rows.length > 0;
  }

  /** The connections of one process (its sockets), by session: for a graceful shutdown. */
  async deleteConnectionsOf(processId: string): Promise<DeadStay[]> {
    return this.query<DeadStay>(
      `WITH changed AS (DELETE FROM live_connections WHERE process_id = $1
       RETURNING session_id AS "sessionId", member_id AS "memberId", last_seen_at AS "lastSeenAt") SELECT * FROM changed`,
      [processId],
    );
  }

  /** The sessions whose live room the member is in (any process). */
  async findStaySessions(memberId: string): Promise<string[]> {
    const rows = await this.query<{ sessionId: string }>(
      `SELECT session_id AS "sessionId" FROM live_stays WHERE member_id = $1`,
      [memberId],
    );
    return rows.map((row) => row.sessionId);
  }

  /** Every connection of a member in one session (all their tabs, on every process). */
  async deleteConnectionsOfMember(sessionId: string, memberId: string): Promise<number> {
    const rows = await this.query<{ one: number }>(
      `WITH changed AS (DELETE FROM live_connections WHERE session_id = $1 AND member_id = $2 RETURNING 1 AS one)
       SELECT * FROM changed`,
      [sessionId, memberId],
    );
    return rows.length;
  }

  /** Empties a session's room: stays (and with them connections), hands and the countdown. */
  async clearRoom(sessionId: string): Promise<void> {
    await this.query(`DELETE FROM live_stays WHERE session_id = $1`, [sessionId]);
    await this.query(`DELETE FROM live_hands WHERE session_id = $1`, [sessionId]);
    await this.query(`DELETE FROM live_timers WHERE session_id = $1`, [sessionId]);
  }

  /** Confirms every connection this process holds: one statement per beat. */
  async heartbeat(processId: string, at: Date): Promise<number> {
    const rows = await this.query<{ one: number }>(
      `WITH changed AS (UPDATE live_connections SET last_seen_at = $2 WHERE process_id = $1 RETURNING 1 AS one) SELECT * FROM changed`,
      [processId, at],
    );
    return rows.length;
  }

  /**
   * Deletes connections not confirmed since `before`. Concurrent sweepers never return the same
   * row twice (the second DELETE finds it gone), so no stay is closed twice.
   */
  async deleteStale(before: Date): Promise<DeadStay[]> {
    return this.query<DeadStay>(
      `WITH changed AS (DELETE FROM live_connections WHERE last_seen_at < $1
       RETURNING session_id AS "sessionId", member_id AS "memberId", last_seen_at AS "lastSeenAt") SELECT * FROM changed`,
      [before],
    );
  }

  /** Everyone present, in the order they arrived, with their role in the session's lab. */
  async findPresent(sessionId: string): Promise<StayRecord[]> {
    const rows = await this.query<MemberRow & { labRole: LabRole | null; beganAt: Date }>(
      `SELECT s.member_id AS "memberId", m.display_name AS "displayName", o.name AS "organizationName",
              p.role AS "labRole", s.began_at AS "beganAt"
         FROM live_stays s
         JOIN members m ON m.id = s.member_id
         LEFT JOIN organizations o ON o.id = m.organization_id
         JOIN lab_sessions ls ON ls.id = s.session_id
         LEFT JOIN lab_participants p ON p.lab_id = ls.lab_id AND p.member_id = s.member_id
        WHERE s.session_id = $1
        ORDER BY s.began_at, s.member_id`,
      [sessionId],
    );
    return rows.map((row) => ({ member: memberRef(row), labRole: row.labRole, beganAt: row.beganAt }));
  }

  /** Raises a hand; a hand already up keeps its place. */
  async raiseHand(sessionId: string, memberId: string): Promise<void> {
    await this.query(
      `INSERT INTO live_hands (session_id, member_id, raised_at) VALUES ($1, $2, clock_timestamp())
       ON CONFLICT (session_id, member_id) DO NOTHING`,
      [sessionId, memberId],
    );
  }

  async lowerHand(sessionId: string, memberId: string): Promise<boolean> {
    const rows = await this.query<{ one: number }>(
      `WITH changed AS (DELETE FROM live_hands WHERE session_id = $1 AND member_id = $2 RETURNING 1 AS one) SELECT * FROM changed`,
      [sessionId, memberId],
    );
    return rows.length > 0;
  }

  /** Raised hands, oldest first. */
  async findHands(sessionId: string): Promise<HandRecord[]> {
    const rows = await this.query<MemberRow & { raisedAt: Date }>(
      `SELECT h.member_id AS "memberId", m.display_name AS "displayName", o.name AS "organizationName",
              h.raised_at AS "raisedAt"
         FROM live_hands h
         JOIN members m ON m.id = h.member_id
         LEFT JOIN organizations o ON o.id = m.organization_id
        WHERE h.session_id = $1
        ORDER BY h.raised_at, h.member_id`,
      [sessionId],
    );
    return rows.map((row) => ({ member: memberRef(row), raisedAt: row.raisedAt }));
  }

  async setTimer(sessionId: string, endsAt: Date, setBy: string): Promise<void> {
    await this.query(
      `INSERT INTO live_timers (session_id, ends_at, set_by, set_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (session_id) DO UPDATE SET ends_at = EXCLUDED.ends_at, set_by = EXCLUDED.set_by,
              set_at = EXCLUDED.set_at`,
      [sessionId, endsAt, setBy],
    );
  }

  async clearTimer(sessionId: string): Promise<void> {
    await this.query(`DELETE FROM live_timers WHERE session_id = $1`, [sessionId]);
  }

  /** When the running countdown ends; undefined when none runs (or it is over). */
  async findTimer(sessionId: string): Promise<Date | undefined> {
    const [row] = await this.query<{ endsAt: Date }>(
      `SELECT ends_at AS "endsAt" FROM live_timers WHERE session_id = $1 AND ends_at > now()`,
      [sessionId],
    );
    return row?.endsAt;
  }
}
