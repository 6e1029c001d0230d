import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { preparedQuery, preparedStatement } from '../../database/prepared-query';
import type { TypeOrmAfterCommitAdapter } from '../../database/transactional-adapter';

/** A suspension in force; `endsAt` null: until lifted. */
export interface ActiveSuspension {
  endsAt: Date | null;
}

/** The suspension in force for the member `member` stands for (a parameter), the one that ends last. */
export const suspensionInForce = (member: string): string => `
  SELECT ends_at AS "endsAt" FROM member_suspensions
   WHERE member_id = ${member} AND lifted_at IS NULL AND starts_at <= now() AND (ends_at IS NULL OR ends_at > now())
   ORDER BY ends_at DESC NULLS FIRST LIMIT 1`;

const ACTIVE = preparedStatement('suspensions.active', suspensionInForce('$1'));

/**
 * Suspensions (member_suspensions): a suspended member reads but does not write. Moderation
 * (next step) creates and lifts them; threads only ask whether one is in force.
 */
@Injectable()
export class SuspensionsRepository {
  constructor(private readonly db: TransactionHost<TypeOrmAfterCommitAdapter>) {}

  /** The suspension in force for the member, if any: the one that ends last. */
  async findActive(memberId: string): Promise<ActiveSuspension | undefined> {
    // Prepared: every write of a member asks it first.
    const [row] = await preparedQuery<ActiveSuspension>(this.db.tx, ACTIVE, [memberId]);
    return row;
  }
}
