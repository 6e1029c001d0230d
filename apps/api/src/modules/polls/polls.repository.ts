import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { PollStatus } from '@convergo/contracts';
import type { TypeOrmAfterCommitAdapter } from '../../database/transactional-adapter';

/** A poll as the service works with it (no votes: those are counted apart). */
export interface PollRecord {
  id: string;
  sessionId: string;
  question: string;
  options: string[];
  status: PollStatus;
  createdAt: Date;
  closedAt: Date | null;
}

/** Votes per option index, per poll id. */
export type PollCounts = Map<string, Map<number, number>>;

const COLUMNS = `id, session_id AS "sessionId", question, options, status,
  created_at AS "createdAt", closed_at AS "closedAt"`;

function toRecord(row: PollRecord): PollRecord {
  return {
    id: row.id,
    sessionId: row.sessionId,
    question: row.question,
    options: row.options,
    status: row.status,
    createdAt: new Date(row.createdAt),
    closedAt: row.closedAt ? new Date(row.closedAt) : null,
  };
}

/** Owns every query on polls and their votes. */
@Injectable()
export class PollsRepository {
  constructor(private readonly db: TransactionHost<TypeOrmAfterCommitAdapter>) {}

  private query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.db.tx.query<T[]>(sql, params);
  }

  async insert(
    sessionId: string,
    question: string,
    options: readonly string[],
    createdBy: string,
  ): Promise<PollRecord> {
    const [row] = await this.query<PollRecord>(
      `INSERT INTO polls (session_id, question, options, created_by) VALUES ($1, $2, $3::jsonb, $4)
       RETURNING ${COLUMNS}`,
      [sessionId, question, JSON.stringify(options), createdBy],
    );
    return toRecord(row);
  }

  /**
   * Makes the polls created for one session take turns until the transaction ends, so two
   * tutors asking at once cannot both pass the per-session limit.
   */
  async lockSessionPolls(sessionId: string): Promise<void> {
    await this.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 4001))`, [sessionId]);
  }

  async countBySession(sessionId: string): Promise<number> {
    const [row] = await this.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM polls WHERE session_id = $1`,
      [sessionId],
    );
    return row.n;
  }

  async findById(id: string): Promise<PollRecord | undefined> {
    const [row] = await this.query<PollRecord>(`SELECT ${COLUMNS} FROM polls WHERE id = $1`, [id]);
    return row && toRecord(row);
  }

  /** Reads and locks the poll until the transaction ends: votes and closing of one poll take turns. */
  async findForUpdate(id: string): Promise<PollRecord | undefined> {
    const [row] = await this.query<PollRecord>(`SELECT ${COLUMNS} FROM polls WHERE id = $1 FOR UPDATE`, [id]);
    return row && toRecord(row);
  }

  /** The session's polls, newest first. */
  async findBySession(sessionId: string): Promise<PollRecord[]> {
    const rows = await this.query<PollRecord>(
      `SELECT ${COLUMNS} FROM polls WHERE session_id = $1 ORDER BY created_at DESC, id DESC`,
      [sessionId],
    );
    return rows.map(toRecord);
  }

  async close(id: string): Promise<PollRecord> {
    const [row] = await this.query<PollRecord>(
      `WITH changed AS (
         UPDATE polls SET status = 'closed', closed_at = clock_timestamp() WHERE id = $1 RETURNING ${COLUMNS})
       SELECT * FROM changed`,
      [id],
    );
    return toRecord(row);
  }

  /** The member's vote, replacing the one they had (one row per member and poll). */
  async upsertVote(pollId: string, memberId: string, option: number): Promise<void> {
    await this.query(
      `INSERT INTO poll_votes (poll_id, member_id, option) VALUES ($1, $2, $3)
       ON CONFLICT (poll_id, member_id) DO UPDATE SET option = EXCLUDED.option, voted_at = clock_timestamp()`,
      [pollId, memberId, option],
    );
  }

  /** Counted from the votes themselves, so a count can never drift from who voted. */
  async countVotes(pollIds: readonly string[]): Promise<PollCounts> {
    const counts: PollCounts = new Map();
    if (pollIds.length === 0) return counts;
    const rows = await this.query<{ pollId: string; option: number; votes: number }>(
      `SELECT poll_id AS "pollId", option, count(*)::int AS votes FROM poll_votes
        WHERE poll_id = ANY($1::uuid[]) GROUP BY poll_id, option`,
      [pollIds],
    );
    for (const row of rows) {
      const perOption = counts.get(row.pollId) ?? new Map<number, number>();
      perOption.set(Number(row.option), Number(row.votes));
      counts.set(row.pollId, perOption);
    }
    return counts;
  }

  /** The member's own option per poll id, among the given polls. */
  async findVotesOf(memberId: string, pollIds: readonly string[]): Promise<Record<string, number>> {
    if (pollIds.length === 0) return {};
    const rows = await this.query<{ pollId: string; option: number }>(
      `SELECT poll_id AS "pollId", option FROM poll_votes WHERE member_id = $1 AND poll_id = ANY($2::uuid[])`,
      [memberId, pollIds],
    );
    return Object.fromEntries(rows.map((row) => [row.pollId, Number(row.option)]));
  }
}
