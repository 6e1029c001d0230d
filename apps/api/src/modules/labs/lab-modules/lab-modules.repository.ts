import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { DeliverableKind } from '@convergo/contracts';
import type { TypeOrmAfterCommitAdapter } from '../../../database/transactional-adapter';

/** A module as the service sees it (camelCase, planned days as a number). */
export interface LabModuleRecord {
  id: string;
  labId: string;
  title: string;
  dimension: number | null;
  position: number;
  plannedDays: number | null;
  description: string;
  expectedDeliverables: DeliverableKind[];
  createdAt: Date;
  updatedAt: Date;
}

export interface LabModuleFields {
  title: string;
  dimension: number | null;
  position: number;
  plannedDays: number | null;
  description: string;
  expectedDeliverables: DeliverableKind[];
}

const COLUMNS: Record<keyof LabModuleFields, string> = {
  title: 'title',
  dimension: 'dimension',
  position: 'position',
  plannedDays: 'planned_days',
  description: 'description',
  expectedDeliverables: 'expected_deliverables',
};

const SELECT = `
  SELECT id, lab_id AS "labId", title, dimension, position, planned_days::float8 AS "plannedDays", description,
         expected_deliverables AS "expectedDeliverables", created_at AS "createdAt", updated_at AS "updatedAt"
    FROM lab_modules`;
const RETURNING = `RETURNING id, lab_id AS "labId", title, dimension, position, planned_days::float8 AS "plannedDays",
  description, expected_deliverables AS "expectedDeliverables", created_at AS "createdAt", updated_at AS "updatedAt"`;

/** Owns every query on lab_modules. */
@Injectable()
export class LabModulesRepository {
  constructor(private readonly db: TransactionHost<TypeOrmAfterCommitAdapter>) {}

  private query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.db.tx.query<T[]>(sql, params);
  }

  /** The lab's modules in position order (ties: creation order). */
  findByLab(labId: string): Promise<LabModuleRecord[]> {
    return this.query<LabModuleRecord>(`${SELECT} WHERE lab_id = $1 ORDER BY position, created_at, id`, [
      labId,
    ]);
  }

  async findById(id: string): Promise<LabModuleRecord | undefined> {
    const [row] = await this.query<LabModuleRecord>(`${SELECT} WHERE id = $1`, [id]);
    return row;
  }

  async findByTitle(labId: string, title: string): Promise<LabModuleRecord | undefined> {
    const [row] = await this.query<LabModuleRecord>(
      `${SELECT} WHERE lab_id = $1 AND lower(title) = lower($2)`,
      [labId, title],
    );
    return row;
  }

  async belongsToLab(labId: string, moduleId: string): Promise<boolean> {
    const rows = await this.query(`SELECT 1 FROM lab_modules WHERE id = $1 AND lab_id = $2`, [
      moduleId,
      labId,
    ]);
    return rows.length > 0;
  }

  /** The position after the lab's last module (0 for the first). */
  async nextPosition(labId: string): Promise<number> {
    const [row] = await this.query<{ next: number }>(
      `SELECT coalesce(max(position) + 1, 0)::int AS next FROM lab_modules WHERE lab_id = $1`,
      [labId],
    );
    return row.next;
  }

  async insert(labId: string, fields: LabModuleFields): Promise<LabModuleRecord> {
    const [row] = await this.query<LabModuleRecord>(
      `INSERT INTO lab_modules (lab_id, title, dimension, position, planned_days, description, expected_deliverables)
       VALUES ($1, $2, $3, $4, $5, $6, $7::text[]) ${RETURNING}`,
      [
        labId,
        fields.title,
        fields.dimension,
        fields.position,
        fields.plannedDays,
        fields.description,
        fields.expectedDeliverables,
      ],
    );
    return row;
  }

  async update(id: string, patch: Partial<LabModuleFields>): Promise<LabModuleRecord | undefined> {
    const params: unknown[] = [id];
    const sets = (Object.entries(patch) as [keyof LabModuleFields, unknown][])
      .filter(([, value]) => value !== undefined)
      .map(([field, value]) => {
        const cast = field === 'expectedDeliverables' ? '::text[]' : '';
        return `${COLUMNS[field]} = $${params.push(value)}${cast}`;
      });
    // A bare UPDATE answers [rows, count] through TypeORM; a SELECT over it answers rows.
    const [row] = await this.query<LabModuleRecord>(
      `WITH updated AS (
         UPDATE lab_modules SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE id = $1 ${RETURNING}
       ) SELECT * FROM updated`,
      params,
    );
    return row;
  }

  /** Its sessions stay, without a module (foreign key ON DELETE SET NULL). */
  async delete(id: string): Promise<void> {
    await this.query(`DELETE FROM lab_modules WHERE id = $1`, [id]);
  }
}
