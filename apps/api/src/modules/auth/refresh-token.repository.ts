import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { ambientManager } from '../../database/transaction-context';
import { RefreshTokenEntity } from './refresh-token.entity';

@Injectable()
export class RefreshTokenRepository {
  constructor(
    @InjectRepository(RefreshTokenEntity) private readonly tokens: Repository<RefreshTokenEntity>,
  ) {}

  private repo(manager?: EntityManager): Repository<RefreshTokenEntity> {
    return (manager ?? ambientManager(this.tokens.manager)).getRepository(RefreshTokenEntity);
  }

  insert(
    row: Pick<RefreshTokenEntity, 'memberId' | 'familyId' | 'tokenHash' | 'expiresAt'>,
    manager?: EntityManager,
  ) {
    const repo = this.repo(manager);
    return repo.save(repo.create(row));
  }

  /** Locked: two refreshes racing with one token must not both succeed. */
  findForRotation(id: string, manager: EntityManager): Promise<RefreshTokenEntity | null> {
    return this.repo(manager)
      .createQueryBuilder('t')
      .setLock('pessimistic_write')
      .where('t.id = :id', { id })
      .getOne();
  }

  async markRotated(id: string, replacedBy: string, manager: EntityManager): Promise<void> {
    await this.repo(manager).update({ id }, { revokedAt: new Date(), replacedBy });
  }

  async revokeFamily(familyId: string, manager?: EntityManager): Promise<void> {
    await this.repo(manager).update({ familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  findById(id: string): Promise<RefreshTokenEntity | null> {
    return this.repo().findOneBy({ id });
  }
}
