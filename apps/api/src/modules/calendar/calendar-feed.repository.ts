import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TypeOrmAfterCommitAdapter } from '../../database/transactional-adapter';

/** Owns every query on calendar_feeds (one feed token per member; only its hash). */
@Injectable()
export class CalendarFeedRepository {
  constructor(private readonly db: TransactionHost<TypeOrmAfterCommitAdapter>) {}

  /** Sets the member's token, replacing the previous one (whose URL stops working). */
  async upsert(memberId: string, tokenHash: string): Promise<void> {
    await this.db.tx.query(
      `INSERT INTO calendar_feeds (member_id, token_hash) VALUES ($1, $2)
       ON CONFLICT (member_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = now()`,
      [memberId, tokenHash],
    );
  }

  async delete(memberId: string): Promise<void> {
    await this.db.tx.query(`DELETE FROM calendar_feeds WHERE member_id = $1`, [memberId]);
  }

  /** The active member whose feed this is; undefined for an unknown or revoked token. */
  async findMemberId(tokenHash: string): Promise<string | undefined> {
    const [row] = await this.db.tx.query<{ memberId: string }[]>(
      `SELECT f.member_id AS "memberId" FROM calendar_feeds f JOIN members m ON m.id = f.member_id
        WHERE f.token_hash = $1 AND m.status = 'active'`,
      [tokenHash],
    );
    return row?.memberId;
  }
}
