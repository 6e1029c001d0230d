import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TypeOrmAfterCommitAdapter } from '../../database/transactional-adapter';
import { RefreshTokenEntity } from './refresh-token.entity';

@Injectable()
export class RefreshTokenRepository {
  constructor(
    private readonly db: TransactionHost<TypeOrmAfterCommitAdapter>,

    @InjectRepository(RefreshTokenEntity) private readonly tokens: Repository<RefreshTokenEntity>,
  ) {}

  private repo(): Repository<RefreshTokenEntity> {
    return this.db.tx.getRepository(RefreshTokenEntity);
  }

  insert(row: Pick<RefreshTokenEntity, 'memberId' | 'familyId' | 'tokenHash' | 'expiresAt'>) {
    const repo = this.repo();
    return repo.save(repo.create(row));
  }

  /** Locked: two refreshes racing with one token must not both succeed. */
  findForRotation(id: string): Promise<RefreshTokenEntity | null> {
    return this.repo()
      .createQueryBuilder('t')
      .setLock('pessimistic_write')
      .where('t.id = :id', { id })
      .getOne();
  }

  async markRotated(id: string, replacedBy: string): Promise<void> {
    await this.repo().update({ id }, { revokedAt: new Date(), replacedBy });
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.repo().update({ familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  findById(id: string): Promise<RefreshTokenEntity | null> {
    return this.repo().findOneBy({ id });
  }
}
