import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TypeOrmAfterCommitAdapter } from '../../database/transactional-adapter';
import { InvitationEntity } from './invitation.entity';

@Injectable()
export class InvitationRepository {
  constructor(
    private readonly db: TransactionHost<TypeOrmAfterCommitAdapter>,

    @InjectRepository(InvitationEntity) private readonly invitations: Repository<InvitationEntity>,
  ) {}

  private repo(): Repository<InvitationEntity> {
    return this.db.tx.getRepository(InvitationEntity);
  }

  insert(
    row: Omit<InvitationEntity, 'id' | 'createdAt' | 'acceptedAt' | 'acceptedMemberId' | 'revokedAt'>,
  ): Promise<InvitationEntity> {
    return this.repo().save(this.repo().create(row));
  }

  /** Locks the row so that two clicks on one link create one member. */
  findUsableByTokenHash(tokenHash: string): Promise<InvitationEntity | null> {
    return this.db.tx
      .getRepository(InvitationEntity)
      .createQueryBuilder('i')
      .setLock('pessimistic_write')
      .where('i.token_hash = :tokenHash', { tokenHash })
      .andWhere('i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()')
      .getOne();
  }

  async markAccepted(id: string, memberId: string): Promise<void> {
    await this.db.tx
      .getRepository(InvitationEntity)
      .update({ id }, { acceptedAt: new Date(), acceptedMemberId: memberId });
  }

  findById(id: string): Promise<InvitationEntity | null> {
    return this.repo().findOneBy({ id });
  }

  findPending(organizationId?: string): Promise<InvitationEntity[]> {
    return this.repo().find({
      where: { acceptedAt: IsNull(), revokedAt: IsNull(), ...(organizationId ? { organizationId } : {}) },
      order: { createdAt: 'DESC' },
      take: 200,
    });
  }

  async revoke(id: string): Promise<void> {
    await this.repo().update({ id, acceptedAt: IsNull() }, { revokedAt: new Date() });
  }
}
