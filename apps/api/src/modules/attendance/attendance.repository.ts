import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { AttendanceMode, AttendanceSource, AttendanceStatus, MemberRef } from '@convergo/contracts';
import type { TypeOrmAfterCommitAdapter } from '../../database/transactional-adapter';
import type { EntryRecord, IntervalRecord } from './attendance-register';

export interface ConfirmationRecord {
  confirmedAt: Date;
  confirmedBy: MemberRef | null;
}

/** The figures a change log entry keeps before and after. */
export interface ChangeFigures {
  status: AttendanceStatus;
  mode: AttendanceMode;
  minutes: number;
}

export interface ChangeRecord {
  id: string;
  sessionId: string;
  member: MemberRef;
  changedBy: MemberRef | null;
  changedAt: Date;
  before: ChangeFigures | null;
  after: ChangeFigures;
  note: string;
}

export interface NewEntry {
  sessionId: string;
  memberId: string;
  status: AttendanceStatus;
  mode: AttendanceMode;
  seconds: number;
  source: AttendanceSource;
  note: string | null;
  setBy: string | null;
}

const INTERVAL_COLUMNS = `member_id AS "memberId", source, started_at AS "startedAt", ended_at AS "endedAt"`;
const ENTRY_COLUMNS = `member_id AS "memberId", status, mode, seconds, source, note`;

/** A member as the log shows them (json built in SQL so a join gives a MemberRef). */
function memberRefJson(alias: string, orgAlias: string): string {
  return `json_build_object('id', ${alias}.id, 'displayName', ${alias}.display_name,
                            'organizationName', ${orgAlias}.name)`;
}

/** Owns every query on the attendance tables. */
@Injectable()
export class AttendanceRepository {
  constructor(private readonly db: TransactionHost<TypeOrmAfterCommitAdapter>) {}

  private query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.db.tx.query<T[]>(sql, params);
  }

  /** Serialises the register's writers for one session (confirmation against corrections). */
  async lockSession(sessionId: string): Promise<void> {
    await this.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 7))`, [`attendance:${sessionId}`]);
  }

  // --- Intervals -----------------------------------------------------------------------------

  /** Opens a stay unless one of this source is open already; true when it opened one. */
  async openInterval(
    sessionId: string,
    memberId: string,
    source: 'live' | 'check_in',
    at: Date,
  ): Promise<boolean> {
    const rows = await this.query<{ id: string }>(
      `INSERT INTO attendance_intervals (session_id, member_id, mode, source, started_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (session_id, member_id, source) WHERE ended_at IS NULL DO NOTHING
       RETURNING id`,
      [sessionId, memberId, source === 'live' ? 'remote' : 'in_presence', source, at],
    );
    return rows.length > 0;
  }

  /** Closes the open stay of this source at `at` (never before it began); true when there was one. */
  async closeInterval(
    sessionId: string,
    memberId: string,
    source: 'live' | 'check_in',
    at: Date,
  ): Promise<boolean> {
    // UPDATE … RETURNING answers [rows, count] through TypeORM; a CTE answers plain rows.
    const rows = await this.query<{ id: string }>(
      `WITH closed AS (
         UPDATE attendance_intervals SET ended_at = greatest(started_at, $4::timestamptz)
          WHERE session_id = $1 AND member_id = $2 AND source = $3 AND ended_at IS NULL
          RETURNING id)
       SELECT id FROM closed`,
      [sessionId, memberId, source, at],
    );
    return rows.length > 0;
  }

  /** Closes every open stay of the session; answers whose they were. */
  async closeAllOpen(sessionId: string, at: Date): Promise<string[]> {
    const rows = await this.query<{ memberId: string }>(
      `WITH closed AS (
         UPDATE attendance_intervals SET ended_at = greatest(started_at, $2::timestamptz)
          WHERE session_id = $1 AND ended_at IS NULL
          RETURNING member_id)
       SELECT member_id AS "memberId" FROM closed`,
      [sessionId, at],
    );
    return [...new Set(rows.map((row) => row.memberId))];
  }

  async hasOpenInterval(sessionId: string, memberId: string, source: 'live' | 'check_in'): Promise<boolean> {
    const rows = await this.query<{ one: number }>(
      `SELECT 1 AS one FROM attendance_intervals
        WHERE session_id = $1 AND member_id = $2 AND source = $3 AND ended_at IS NULL`,
      [sessionId, memberId, source],
    );
    return rows.length > 0;
  }

  /** The session's stays, oldest first; only `memberId`'s when given. */
  findIntervals(sessionId: string, memberId?: string): Promise<IntervalRecord[]> {
    const params: unknown[] = [sessionId];
    const only = memberId ? `AND member_id = $${params.push(memberId)}` : '';
    return this.query<IntervalRecord>(
      `SELECT ${INTERVAL_COLUMNS} FROM attendance_intervals WHERE session_id = $1 ${only}
        ORDER BY started_at, id`,
      params,
    );
  }

  /** A member's stays in the given sessions, with their session. */
  findMemberIntervals(
    memberId: string,
    sessionIds: readonly string[],
  ): Promise<(IntervalRecord & { sessionId: string })[]> {
    if (sessionIds.length === 0) return Promise.resolve([]);
    return this.query(
      `SELECT session_id AS "sessionId", ${INTERVAL_COLUMNS} FROM attendance_intervals
        WHERE member_id = $1 AND session_id = ANY($2::uuid[]) ORDER BY started_at, id`,
      [memberId, sessionIds],
    );
  }

  // --- Check-in codes ------------------------------------------------------------------------

  /** Stores a new code unless the session already has it (answers false: draw another). */
  async insertCode(sessionId: string, code: string, expiresAt: Date, createdBy: string): Promise<boolean> {
    await this.query(`DELETE FROM attendance_check_in_codes WHERE session_id = $1 AND expires_at < now()`, [
      sessionId,
    ]);
    const rows = await this.query<{ code: string }>(
      `INSERT INTO attendance_check_in_codes (session_id, code, expires_at, created_by)
       VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING code`,
      [sessionId, code, expiresAt, createdBy],
    );
    return rows.length > 0;
  }

  async isCodeValid(sessionId: string, code: string, at: Date): Promise<boolean> {
    const rows = await this.query<{ one: number }>(
      `SELECT 1 AS one FROM attendance_check_in_codes WHERE session_id = $1 AND code = $2 AND expires_at > $3`,
      [sessionId, code, at],
    );
    return rows.length > 0;
  }

  // --- Entries (the tutor's rows, the confirmed register) -------------------------------------

  findEntries(sessionId: string, memberId?: string): Promise<EntryRecord[]> {
    const params: unknown[] = [sessionId];
    const only = memberId ? `AND member_id = $${params.push(memberId)}` : '';
    return this.query<EntryRecord>(
      `SELECT ${ENTRY_COLUMNS} FROM attendance_entries WHERE session_id = $1 ${only}`,
      params,
    );
  }

  /** Entries of several sessions for one member (their own register). */
  findMemberEntries(
    memberId: string,
    sessionIds: readonly string[],
  ): Promise<(EntryRecord & { sessionId: string })[]> {
    if (sessionIds.length === 0) return Promise.resolve([]);
    return this.query(
      `SELECT session_id AS "sessionId", ${ENTRY_COLUMNS} FROM attendance_entries
        WHERE member_id = $1 AND session_id = ANY($2::uuid[])`,
      [memberId, sessionIds],
    );
  }

  async upsertEntry(entry: NewEntry): Promise<void> {
    await this.query(
      `INSERT INTO attendance_entries (session_id, member_id, status, mode, seconds, source, note, set_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (session_id, member_id) DO UPDATE
         SET status = EXCLUDED.status, mode = EXCLUDED.mode, seconds = EXCLUDED.seconds,
             source = EXCLUDED.source, note = EXCLUDED.note, set_by = EXCLUDED.set_by,
             updated_at = clock_timestamp()`,
      [
        entry.sessionId,
        entry.memberId,
        entry.status,
        entry.mode,
        entry.seconds,
        entry.source,
        entry.note,
        entry.setBy,
      ],
    );
  }

  /** Freezes computed rows at confirmation; a tutor's row already there is kept. */
  async insertEntriesIfAbsent(entries: readonly NewEntry[]): Promise<void> {
    for (const entry of entries) {
      await this.query(
        `INSERT INTO attendance_entries (session_id, member_id, status, mode, seconds, source, note, set_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (session_id, member_id) DO NOTHING`,
        [
          entry.sessionId,
          entry.memberId,
          entry.status,
          entry.mode,
          entry.seconds,
          entry.source,
          entry.note,
          entry.setBy,
        ],
      );
    }
  }

  // --- Confirmation and log ------------------------------------------------------------------

  async findConfirmation(sessionId: string): Promise<ConfirmationRecord | undefined> {
    const [row] = await this.query<ConfirmationRecord>(
      `SELECT c.confirmed_at AS "confirmedAt",
              CASE WHEN m.id IS NULL THEN NULL ELSE ${memberRefJson('m', 'o')} END AS "confirmedBy"
         FROM attendance_confirmations c
         LEFT JOIN members m ON m.id = c.confirmed_by
         LEFT JOIN organizations o ON o.id = m.organization_id
        WHERE c.session_id = $1`,
      [sessionId],
    );
    return row;
  }

  /** The sessions among `sessionIds` whose register is confirmed. */
  async findConfirmedSessionIds(sessionIds: readonly string[]): Promise<Set<string>> {
    if (sessionIds.length === 0) return new Set();
    const rows = await this.query<{ sessionId: string }>(
      `SELECT session_id AS "sessionId" FROM attendance_confirmations WHERE session_id = ANY($1::uuid[])`,
      [sessionIds],
    );
    return new Set(rows.map((row) => row.sessionId));
  }

  /** True when this call confirmed it, false when it was confirmed already. */
  async insertConfirmation(sessionId: string, confirmedBy: string): Promise<boolean> {
    const rows = await this.query<{ sessionId: string }>(
      `INSERT INTO attendance_confirmations (session_id, confirmed_by) VALUES ($1, $2)
       ON CONFLICT DO NOTHING RETURNING session_id AS "sessionId"`,
      [sessionId, confirmedBy],
    );
    return rows.length > 0;
  }

  async insertChange(change: {
    sessionId: string;
    memberId: string;
    changedBy: string;
    before: ChangeFigures | null;
    after: ChangeFigures;
    note: string;
  }): Promise<void> {
    await this.query(
      `INSERT INTO attendance_changes (session_id, member_id, changed_by, before, after, note)
       VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6)`,
      [
        change.sessionId,
        change.memberId,
        change.changedBy,
        change.before ? JSON.stringify(change.before) : null,
        JSON.stringify(change.after),
        change.note,
      ],
    );
  }

  /** The session's log, oldest first (a register's changes are few). */
  findChanges(sessionId: string): Promise<ChangeRecord[]> {
    return this.query<ChangeRecord>(
      `SELECT c.id, c.session_id AS "sessionId", ${memberRefJson('m', 'o')} AS member,
              CASE WHEN b.id IS NULL THEN NULL ELSE ${memberRefJson('b', 'bo')} END AS "changedBy",
              c.changed_at AS "changedAt", c.before, c.after, c.note
         FROM attendance_changes c
         JOIN members m ON m.id = c.member_id
         LEFT JOIN organizations o ON o.id = m.organization_id
         LEFT JOIN members b ON b.id = c.changed_by
         LEFT JOIN organizations bo ON bo.id = b.organization_id
        WHERE c.session_id = $1
        ORDER BY c.changed_at, c.id`,
      [sessionId],
    );
  }
}
