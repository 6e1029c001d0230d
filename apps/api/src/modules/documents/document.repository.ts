import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, Repository } from 'typeorm';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TypeOrmAfterCommitAdapter } from '../../database/transactional-adapter';
import { DocumentEntity } from './document.entity';

export type NewDocument = Pick<
  DocumentEntity,
  'title' | 'kind' | 'ownerType' | 'ownerId' | 'createdBy' | 'tags' | 'regions' | 'provinceCodes'
>;
export type DocumentPatch = Partial<Pick<DocumentEntity, 'title' | 'tags' | 'regions' | 'provinceCodes'>>;

/** Which owners' documents a member may list: every document, or these owner types and ids. */
export type ReadableOwners = 'all' | { type: string; ids: readonly string[] | 'all' }[];

export interface LibraryFilter {
  readable: ReadableOwners;
  owner?: { type: string; id: string };
  kind?: string;
  tag?: string;
  region?: string;
  province?: string;
  q?: string;
}

/** Keyset position in the library (newest change first): updated_at in microseconds, then id. */
export interface LibraryPosition {
  updatedMicros: string;
  id: string;
}

export interface LibraryRow {
  document: DocumentEntity;
  position: LibraryPosition;
}

/** Owns every query on `documents` (the metadata; the content is DocumentStateRepository's). */
@Injectable()
export class DocumentRepository {
  constructor(
    private readonly db: TransactionHost<TypeOrmAfterCommitAdapter>,
    @InjectRepository(DocumentEntity) private readonly documents: Repository<DocumentEntity>,
  ) {}

  private repo(): Repository<DocumentEntity> {
    return this.db.tx.getRepository(DocumentEntity);
  }

  async insert(row: NewDocument): Promise<DocumentEntity> {
    const result = await this.repo()
      .createQueryBuilder()
      .insert()
      .into(DocumentEntity)
      .values(row)
      .returning(['id'])
      .updateEntity(false)
      .execute();
    const [{ id }] = result.raw as { id: string }[];
    return (await this.findById(id))!;
  }

  findById(id: string): Promise<DocumentEntity | null> {
    return this.repo().findOne({ where: { id } });
  }

  /** The document of this owner with this title (demo data finds what it loaded before this way). */
  async findIdByOwnerAndTitle(
    ownerType: string,
    ownerId: string,
    title: string,
  ): Promise<string | undefined> {
    const row = await this.repo().findOne({ where: { ownerType, ownerId, title }, select: { id: true } });
    return row?.id;
  }

  /** Returns the changed document, or null when no document has that id. */
  async update(id: string, patch: DocumentPatch): Promise<DocumentEntity | null> {
    if (Object.keys(patch).length > 0) {
      const result = await this.repo().update({ id }, patch);
      if ((result.affected ?? 0) === 0) return null;
    }
    return this.findById(id);
  }

  /** One page of the library, newest change first, starting after `after`. */
  async findPage(filter: LibraryFilter, limit: number, after?: LibraryPosition): Promise<LibraryRow[]> {
    const qb = this.repo()
      .createQueryBuilder('d')
      .addSelect(`(extract(epoch FROM d.updated_at) * 1000000)::bigint::text`, 'updatedMicros')
      .orderBy('d.updated_at', 'DESC')
      .addOrderBy('d.id', 'DESC')
      .limit(limit);
    const readable = filter.readable;
    if (readable !== 'all') {
      qb.andWhere(
        new Brackets((or) => {
          or.where('false');
          readable.forEach((owners, i) => {
            if (owners.ids === 'all') {
              or.orWhere(`d.owner_type = :readableType${i}`, { [`readableType${i}`]: owners.type });
            } else if (owners.ids.length > 0) {
              or.orWhere(
                `(d.owner_type = :readableType${i} AND d.owner_id = ANY(:readableIds${i}::uuid[]))`,
                {
                  [`readableType${i}`]: owners.type,
                  [`readableIds${i}`]: owners.ids,
                },
              );
            }
          });
        }),
      );
    }
    if (filter.owner) {
      qb.andWhere('d.owner_type = :ownerType AND d.owner_id = :ownerId', {
        ownerType: filter.owner.type,
        ownerId: filter.owner.id,
      });
    }
    if (filter.kind) qb.andWhere('d.kind = :kind', { kind: filter.kind });
    if (filter.tag) qb.andWhere('d.tags @> ARRAY[:tag]::text[]', { tag: filter.tag });
    if (filter.region) qb.andWhere('d.regions @> ARRAY[:region]::text[]', { region: filter.region });
    if (filter.province)
      qb.andWhere('d.province_codes @> ARRAY[:province]::text[]', { province: filter.province });
    if (filter.q) {
      qb.andWhere(`to_tsvector('italian', d.title) @@ plainto_tsquery('italian', :q)`, { q: filter.q });
    }
    if (after) {
      qb.andWhere(
        `(d.updated_at, d.id) < (timestamptz 'epoch' + CAST(:afterUs AS bigint) * interval '1 microsecond', CAST(:afterId AS uuid))`,
        { afterUs: after.updatedMicros, afterId: after.id },
      );
    }
    const { entities, raw } = await qb.getRawAndEntities<{ updatedMicros: string }>();
    return entities.map((document, i) => ({
      document,
      position: { updatedMicros: raw[i].updatedMicros, id: document.id },
    }));
  }
}
