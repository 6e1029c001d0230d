import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TypeOrmAfterCommitAdapter } from '../../database/transactional-adapter';
import { NotificationEntity } from './notification.entity';

export type NewNotification = Pick<NotificationEntity, 'memberId' | 'kind' | 'data' | 'link'>;

@Injectable()
export class NotificationRepository {
  constructor(
    private readonly db: TransactionHost<TypeOrmAfterCommitAdapter>,

    @InjectRepository(NotificationEntity) private readonly notifications: Repository<NotificationEntity>,
  ) {}

  private repo(): Repository<NotificationEntity> {
    return this.db.tx.getRepository(NotificationEntity);
  }

  insert(row: NewNotification): Promise<NotificationEntity> {
    return this.repo().save(this.repo().create(row));
  }

  /** Newest first; keyset on (created_at, id). */
  findPage(memberId: string, limit: number, unreadOnly: boolean, before?: { createdAt: string; id: string }) {
    const qb = this.repo().createQueryBuilder('n').where('n.member_id = :memberId', { memberId });
    if (unreadOnly) qb.andWhere('n.read_at IS NULL');
    if (before) qb.andWhere('(n.created_at, n.id) < (:createdAt, :id)', before);
    return qb.orderBy('n.created_at', 'DESC').addOrderBy('n.id', 'DESC').limit(limit).getMany();
  }

  countUnread(memberId: string): Promise<number> {
    return this.repo().countBy({ memberId, readAt: IsNull() });
  }

  /** Marks the member's own notifications only: ids of others' are ignored. Returns those changed. */
  async markRead(memberId: string, ids: string[] | 'all'): Promise<string[]> {
    const qb = this.repo()
      .createQueryBuilder()
      .update(NotificationEntity)
      .set({ readAt: () => 'now()' })
      .where('member_id = :memberId AND read_at IS NULL', { memberId });
    if (ids !== 'all') qb.andWhere('id = ANY(:ids)', { ids });
    const result = await qb.returning('id').execute();
    return (result.raw as { id: string }[]).map((row) => row.id);
  }

  /** Dates the notifications about these posts (`data.postId`) as the posts are dated. */
  async setDatesByPost(dates: ReadonlyMap<string, Date>): Promise<void> {
    if (dates.size === 0) return;
    await this.db.tx.query(
      `UPDATE notifications n SET created_at = d.at
         FROM unnest($1::text[], $2::timestamptz[]) AS d(post_id, at)
        WHERE n.data->>'postId' = d.post_id`,
      [[...dates.keys()], [...dates.values()].map((date) => date.toISOString())],
    );
  }
}
