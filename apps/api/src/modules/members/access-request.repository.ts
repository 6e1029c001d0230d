import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { AccessRequestStatus } from '@convergo/contracts';
import { Repository } from 'typeorm';
import { TransactionHost } from '@nestjs-cls/transactional';
import { DESK_TOTAL, type DeskRow } from '../../common/desk/desk-block';
import type { TypeOrmAfterCommitAdapter } from '../../database/transactional-adapter';
import { isUniqueViolation } from '../../database/postgres-errors';
import { AccessRequestEntity } from './access-request.entity';

const PENDING_EMAIL_INDEX = 'access_requests_pending_email';

export type NewAccessRequestRow = Pick<
  AccessRequestEntity,
  'email' | 'displayName' | 'organizationId' | 'jobTitle' | 'motivation' | 'passwordHash'
>;

@Injectable()
export class AccessRequestRepository {
  constructor(
    private readonly db: TransactionHost<TypeOrmAfterCommitAdapter>,

    @InjectRepository(AccessRequestEntity) private readonly requests: Repository<AccessRequestEntity>,
  ) {}

  private repo(): Repository<AccessRequestEntity> {
    return this.db.tx.getRepository(AccessRequestEntity);
  }

  /** Undefined when a pending request for the e-mail was inserted meanwhile (two submissions at once). */
  async insert(row: NewAccessRequestRow): Promise<AccessRequestEntity | undefined> {
    const repo = this.repo();
    try {
      return await repo.save(repo.create(row));
    } catch (error) {
      if (isUniqueViolation(error, PENDING_EMAIL_INDEX)) return undefined;
      throw error;
    }
  }

  hasPending(email: string): Promise<boolean> {
    return this.repo().existsBy({ email, status: 'pending' });
  }

  /** With the password hash, locked: approving twice at once must create one member. */
  findForDecision(id: string): Promise<AccessRequestEntity | null> {
    return this.db.tx
      .getRepository(AccessRequestEntity)
      .createQueryBuilder('r')
      .addSelect('r.passwordHash')
      .setLock('pessimistic_write')
      .where('r.id = :id', { id })
      .getOne();
  }

  async saveDecision(request: AccessRequestEntity): Promise<void> {
    await this.db.tx.getRepository(AccessRequestEntity).update(
      { id: request.id },
      {
        status: request.status,
        decidedBy: request.decidedBy,
        decidedAt: request.decidedAt,
        decisionNote: request.decisionNote,
        memberId: request.memberId,
      },
    );
  }

  /** The desk's pending requests, oldest first (the queue's order), with the administration's name. */
  findPendingForDesk(limit: number): Promise<DeskRow[]> {
    return this.db.tx.query<DeskRow[]>(
      `SELECT r.id, r.display_name AS title, o.name AS detail, r.created_at AS at, NULL AS count, r.status,
              ${DESK_TOTAL}
         FROM access_requests r JOIN organizations o ON o.id = r.organization_id
        WHERE r.status = 'pending'
        ORDER BY r.created_at, r.id LIMIT $1`,
      [limit],
    );
  }

  findPage(
    status: AccessRequestStatus,
    limit: number,
    after?: { createdAt: string; id: string },
  ): Promise<AccessRequestEntity[]> {
    const qb = this.repo().createQueryBuilder('r').where('r.status = :status', { status });
    if (after) qb.andWhere('(r.created_at, r.id) > (:createdAt, :id)', after);
    return qb.orderBy('r.created_at', 'ASC').addOrderBy('r.id', 'ASC').limit(limit).getMany();
  }
}
