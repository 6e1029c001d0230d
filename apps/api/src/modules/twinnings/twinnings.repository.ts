import { Injectable } from '@nestjs/common';
import type { TwinningStatus } from '@convergo/contracts';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TypeOrmAfterCommitAdapter } from '../../database/transactional-adapter';

/** A twinning as the service sees it (columns aliased to camelCase here, at the edge). */
export interface TwinningRecord {
  id: string;
  title: string;
  practiceTitle: string;
  practiceDescription: string;
  offeringOrganizationId: string;
  receivingOrganizationIds: string[];
  status: TwinningStatus;
  createdAt: Date;
}

export interface NewTwinning {
  title: string;
  practiceTitle: string;
  practiceDescription: string;
  offeringOrganizationId: string;
  receivingOrganizationIds: readonly string[];
  status: TwinningStatus;
  createdBy: string | null;
}

const TWINNING_SELECT = `
  SELECT t.id, t.title, t.practice_title AS "practiceTitle", t.practice_description AS "practiceDescription",
         t.offering_organization_id AS "offeringOrganizationId", t.status, t.created_at AS "createdAt",
         array(SELECT r.organization_id FROM twinning_receiving_organizations r
                WHERE r.twinning_id = t.id ORDER BY r.organization_id) AS "receivingOrganizationIds"
    FROM twinnings t`;

/** Owns every query on twinnings and their receiving administrations. */
@Injectable()
export class TwinningsRepository {
  constructor(private readonly db: TransactionHost<TypeOrmAfterCommitAdapter>) {}

  private query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.db.tx.query<T[]>(sql, params);
  }

  async findById(id: string): Promise<TwinningRecord | undefined> {
    const [row] = await this.query<TwinningRecord>(`${TWINNING_SELECT} WHERE t.id = $1`, [id]);
    return row;
  }

  /** The catalogue, in title order. */
  findPage(limit: number, after?: { title: string; id: string }): Promise<TwinningRecord[]> {
    const params: unknown[] = [limit];
    let keyset = '';
    if (after) {
      params.push(after.title, after.id);
      keyset = `WHERE (t.title, t.id) > ($2, $3::uuid)`;
    }
    return this.query<TwinningRecord>(`${TWINNING_SELECT} ${keyset} ORDER BY t.title, t.id LIMIT $1`, params);
  }

  /** Inserts the twinning and its receiving administrations; undefined when the title is taken. */
  async insert(twinning: NewTwinning): Promise<string | undefined> {
    const [row] = await this.query<{ id: string }>(
      `INSERT INTO twinnings (title, practice_title, practice_description, offering_organization_id, status, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT ((lower(title))) DO NOTHING RETURNING id`,
      [
        twinning.title,
        twinning.practiceTitle,
        twinning.practiceDescription,
        twinning.offeringOrganizationId,
        twinning.status,
        twinning.createdBy,
      ],
    );
    if (!row) return undefined;
    await this.query(
      `INSERT INTO twinning_receiving_organizations (twinning_id, organization_id)
       SELECT $1, unnest($2::uuid[])`,
      [row.id, twinning.receivingOrganizationIds],
    );
    return row.id;
  }

  async findIdByTitle(title: string): Promise<string | undefined> {
    const [row] = await this.query<{ id: string }>(
      `SELECT id FROM twinnings WHERE lower(title) = lower($1)`,
      [title],
    );
    return row?.id;
  }

  async exists(id: string): Promise<boolean> {
    return (await this.query(`SELECT 1 FROM twinnings WHERE id = $1`, [id])).length > 0;
  }

  /** Whether the administration offers or receives the twinning. */
  async isParty(organizationId: string, twinningId: string): Promise<boolean> {
    const rows = await this.query(
      `SELECT 1 FROM twinnings t WHERE t.id = $1 AND (t.offering_organization_id = $2
          OR EXISTS (SELECT 1 FROM twinning_receiving_organizations r
                      WHERE r.twinning_id = t.id AND r.organization_id = $2))`,
      [twinningId, organizationId],
    );
    return rows.length > 0;
  }

  /** The twinnings the administration offers or receives. */
  async findIdsOfParty(organizationId: string): Promise<string[]> {
    const rows = await this.query<{ id: string }>(
      `SELECT id FROM twinnings WHERE offering_organization_id = $1
       UNION SELECT twinning_id FROM twinning_receiving_organizations WHERE organization_id = $1`,
      [organizationId],
    );
    return rows.map((row) => row.id);
  }
}
