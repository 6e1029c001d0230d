import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { MemberRole } from '@convergo/contracts';
import { Repository } from 'typeorm';
import { escapeLike, foldForSearch } from '../../common/text';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TypeOrmAfterCommitAdapter } from '../../database/transactional-adapter';
import { MemberEntity } from './member.entity';

export interface NewMemberRow {
  email: string;
  passwordHash: string;
  displayName: string;
  role: MemberRole;
  organizationId: string | null;
  isReferent?: boolean;
  jobTitle?: string | null;
  interests?: string[];
  bio?: string | null;
}

export interface DirectoryQuery {
  q?: string;
  organizationId?: string;
  role?: MemberRole;
  limit: number;
  after?: { displayName: string; id: string };
}

export type ProfileChanges = Partial<
  Pick<MemberEntity, 'displayName' | 'jobTitle' | 'bio' | 'interests' | 'locale'>
>;

@Injectable()
export class MemberRepository {
  constructor(
    private readonly db: TransactionHost<TypeOrmAfterCommitAdapter>,
    @InjectRepository(MemberEntity) private readonly members: Repository<MemberEntity>,
  ) {}

  private repo(): Repository<MemberEntity> {
    return this.db.tx.getRepository(MemberEntity);
  }

  findById(id: string): Promise<MemberEntity | null> {
    return this.repo().findOneBy({ id });
  }

  /** The ids of the active members of these administrations. */
  async findActiveIdsInOrganizations(organizationIds: readonly string[]): Promise<string[]> {
    const rows = await this.db.tx.query<{ id: string }[]>(
      `SELECT id FROM members WHERE status = 'active' AND organization_id = ANY($1::uuid[]) ORDER BY id`,
      [organizationIds],
    );
    return rows.map((row) => row.id);
  }

  findByEmailWithPassword(email: string): Promise<MemberEntity | null> {
    return this.repo()
      .createQueryBuilder('m')
      .addSelect('m.passwordHash')
      .where('m.email = :email', { email: email.toLowerCase() })
      .getOne();
  }

  async emailExists(email: string): Promise<boolean> {
    return this.repo().existsBy({ email: email.toLowerCase() });
  }

  async insert(row: NewMemberRow): Promise<MemberEntity> {
    const repo = this.repo();
    const entity = repo.create({ ...row, email: row.email.toLowerCase(), interests: row.interests ?? [] });
    return repo.save(entity);
  }

  async update(id: string, changes: ProfileChanges): Promise<MemberEntity | null> {
    const repo = this.repo();
    await repo.update({ id }, changes);
    return repo.findOneBy({ id });
  }

  /** Keyset page ordered by display name, then id; `q` ignores case and accents. */
  findDirectoryPage(query: DirectoryQuery): Promise<MemberEntity[]> {
    const qb = this.repo().createQueryBuilder('m').where("m.status = 'active'");
    if (query.q) {
      qb.andWhere(`lower(unaccent(m.display_name)) LIKE :q ESCAPE '\\'`, {
        q: `%${escapeLike(foldForSearch(query.q))}%`,
      });
    }
    if (query.organizationId) qb.andWhere('m.organization_id = :org', { org: query.organizationId });
    if (query.role) qb.andWhere('m.role = :role', { role: query.role });
    if (query.after) {
      qb.andWhere('(m.display_name, m.id) > (:afterName, :afterId)', {
        afterName: query.after.displayName,
        afterId: query.after.id,
      });
    }
    return qb.orderBy('m.display_name', 'ASC').addOrderBy('m.id', 'ASC').limit(query.limit).getMany();
  }

  count(): Promise<number> {
    return this.repo().count();
  }
}
