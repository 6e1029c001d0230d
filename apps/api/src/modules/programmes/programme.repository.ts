import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ProgrammeEntity } from './programme.entity';

/** Every writable column of a programme: what create, update and the demo loader store. */
export type ProgrammeFields = Omit<ProgrammeEntity, 'id' | 'createdAt'>;

/** Keyset position in the catalogue, which is sorted by name then id. */
export interface ProgrammePosition {
  name: string;
  id: string;
}

/** Database column of each field, for the upsert's `ON CONFLICT … DO UPDATE SET`. */
const UPSERT_COLUMNS = [
  'name',
  'description',
  'operational_programme',
  'fund',
  'beneficiary',
  'total_budget',
  'eu_cofinancing',
  'start_date',
  'end_date',
  'themes',
  'partners',
  'indicators',
];

/** Owns every query on `programmes`. */
@Injectable()
export class ProgrammeRepository {
  constructor(@InjectRepository(ProgrammeEntity) private readonly programmes: Repository<ProgrammeEntity>) {}

  count(): Promise<number> {
    return this.programmes.count();
  }

  async findIdByCode(code: string): Promise<string | undefined> {
    return (await this.programmes.findOne({ where: { code }, select: { id: true } }))?.id;
  }

  findById(id: string): Promise<ProgrammeEntity | null> {
    return this.programmes.findOne({ where: { id } });
  }

  /** One page of the catalogue in name order, starting after `after`. */
  findPage(limit: number, after?: ProgrammePosition): Promise<ProgrammeEntity[]> {
    const query = this.programmes
      .createQueryBuilder('p')
      .orderBy('p.name', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .limit(limit);
    if (after) query.where('(p.name, p.id) > (:name, CAST(:id AS uuid))', { name: after.name, id: after.id });
    return query.getMany();
  }

  /** Inserts unless the code is taken; returns the new id, or undefined when the code is already used. */
  async insertIfCodeFree(fields: ProgrammeFields): Promise<string | undefined> {
    const result = await this.programmes
      .createQueryBuilder()
      .insert()
      .into(ProgrammeEntity)
      .values(fields)
      .orIgnore()
      .returning(['id'])
      .updateEntity(false)
      .execute();
    const rows = result.raw as { id: string }[];
    return rows[0]?.id;
  }

  /** Returns false when no programme has that id. */
  async update(id: string, fields: Partial<ProgrammeFields>): Promise<boolean> {
    if (Object.keys(fields).length === 0) return this.programmes.exists({ where: { id } });
    const result = await this.programmes.update({ id }, fields);
    return (result.affected ?? 0) > 0;
  }

  /** Insert-or-update by code, in one statement: running it twice leaves the same rows. */
  async upsertByCode(rows: ProgrammeFields[]): Promise<number> {
    if (rows.length === 0) return 0;
    await this.programmes
      .createQueryBuilder()
      .insert()
      .into(ProgrammeEntity)
      .values(rows)
      .orUpdate(UPSERT_COLUMNS, ['code'])
      .updateEntity(false)
      .execute();
    return rows.length;
  }
}
