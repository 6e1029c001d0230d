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
  practiceId: string | null;
  programmeId: string | null;
  needs: string;
  startedAt: Date | null;
  concludedAt: Date | null;
  plannedStart: string | null;
  plannedEnd: string | null;
  budget: string | null;
  outcomes: string;
}

export interface TwinningHistoryRecord {
  twinningId: string;
  from: TwinningStatus | null;
  to: TwinningStatus;
  changedBy: string | null;
  note: string;
  changedAt: Date;
}

export interface TwinningActivityRecord {
  id: string;
  twinningId: string;
  title: string;
  dueAt: Date | null;
  done: boolean;
  createdBy: string | null;
  createdAt: Date;
}

/** A receiving administration of a twinning in TWINNING_ADOPTED_STATUSES. */
export interface AdopterRecord {
  organizationId: string;
  twinningId: string;
  status: 'in_corso' | 'concluso';
  startedAt: Date | null;
}

/** Dates, budget and outcomes as they are written (the service merges the PATCH into them). */
export interface TwinningPlan {
  plannedStart: string | null;
  plannedEnd: string | null;
  budget: string | null;
  outcomes: string;
}

export interface TwinningPageQuery {
  limit: number;
  after?: { title: string; id: string };
  status?: TwinningStatus;
  /** Only the twinnings this administration offers or receives. */
  partyOf?: string | null;
}

const ACTIVITY_COLUMNS = `id, twinning_id AS "twinningId", title, due_at AS "dueAt", done,
  created_by AS "createdBy", created_at AS "createdAt"`;

export interface NewTwinning {
  title: string;
  practiceTitle: string;
  practiceDescription: string;
  offeringOrganizationId: string;
  receivingOrganizationIds: readonly string[];
  status: TwinningStatus;
  createdBy: string | null;
  practiceId?: string | null;
  needs?: string;
  /** The programme the twinning belongs to (its indicators count it); by default its practice's. */
  programmeId?: string | null;
  /** Demo data dates its twinnings in the programme's years; otherwise now. */
  createdAt?: Date;
}

const TWINNING_SELECT = `
  SELECT t.id, t.title, t.practice_title AS "practiceTitle", t.practice_description AS "practiceDescription",
         t.offering_organization_id AS "offeringOrganizationId", t.status, t.created_at AS "createdAt",
         t.practice_id AS "practiceId", t.programme_id AS "programmeId", t.needs, t.started_at AS "startedAt", t.concluded_at AS "concludedAt",
         to_char(t.planned_start, 'YYYY-MM-DD') AS "plannedStart", to_char(t.planned_end, 'YYYY-MM-DD') AS "plannedEnd",
         t.budget::text AS budget, t.outcomes,
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

  /** The catalogue, in title order, filtered by status and party. */
  findPage(query: TwinningPageQuery): Promise<TwinningRecord[]> {
    const params: unknown[] = [query.limit];
    const where: string[] = [];
    if (query.after) {
      params.push(query.after.title, query.after.id);
      where.push(`(t.title, t.id) > ($${params.length - 1}, $${params.length}::uuid)`);
    }
    if (query.status) {
      params.push(query.status);
      where.push(`t.status = $${params.length}`);
    }
    if (query.partyOf !== undefined) {
      params.push(query.partyOf);
      const org = `$${params.length}::uuid`;
      where.push(`(t.offering_organization_id = ${org} OR EXISTS (SELECT 1 FROM twinning_receiving_organizations r
                    WHERE r.twinning_id = t.id AND r.organization_id = ${org}))`);
    }
    return this.query<TwinningRecord>(
      `${TWINNING_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY t.title, t.id LIMIT $1`,
      params,
    );
  }

  async updatePlan(id: string, plan: TwinningPlan): Promise<void> {
    await this.query(
      `UPDATE twinnings SET planned_start = $2::date, planned_end = $3::date, budget = $4::numeric, outcomes = $5
        WHERE id = $1`,
      [id, plan.plannedStart, plan.plannedEnd, plan.budget, plan.outcomes],
    );
  }

  /** The receiving administrations of the practice's twinnings in progress or concluded, earliest first. */
  findAdopters(practiceId: string): Promise<AdopterRecord[]> {
    return this.query<AdopterRecord>(
      `SELECT r.organization_id AS "organizationId", t.id AS "twinningId", t.status, t.started_at AS "startedAt"
         FROM twinnings t JOIN twinning_receiving_organizations r ON r.twinning_id = t.id
        WHERE t.practice_id = $1 AND t.status IN ('in_corso', 'concluso')
        ORDER BY t.started_at NULLS LAST, t.created_at, r.organization_id`,
      [practiceId],
    );
  }

  /** Inserts the twinning and its receiving administrations; undefined when the title is taken. */
  async insert(twinning: NewTwinning): Promise<string | undefined> {
    const [row] = await this.query<{ id: string }>(
      `INSERT INTO twinnings (title, practice_title, practice_description, offering_organization_id, status, created_by,
                             practice_id, needs, programme_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8,
               coalesce($9, (SELECT p.programme_id FROM practices p WHERE p.id = $7)), coalesce($10::timestamptz, now()))
       ON CONFLICT ((lower(title))) DO NOTHING RETURNING id`,
      [
        twinning.title,
        twinning.practiceTitle,
        twinning.practiceDescription,
        twinning.offeringOrganizationId,
        twinning.status,
        twinning.createdBy,
        twinning.practiceId ?? null,
        twinning.needs ?? '',
        twinning.programmeId ?? null,
        twinning.createdAt ?? null,
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

  /** The twinning, its row locked until the transaction ends (status changes queue up). */
  async findForUpdate(id: string): Promise<TwinningRecord | undefined> {
    await this.query(`SELECT 1 FROM twinnings WHERE id = $1 FOR UPDATE`, [id]);
    return this.findById(id);
  }

  /** The practice's twinnings, newest first. */
  findByPractice(practiceId: string): Promise<TwinningRecord[]> {
    return this.query<TwinningRecord>(
      `${TWINNING_SELECT} WHERE t.practice_id = $1 ORDER BY t.created_at DESC, t.id`,
      [practiceId],
    );
  }

  /** Whether the administration already has a request or twinning, not withdrawn, for the practice. */
  async hasOpenRequest(practiceId: string, organizationId: string): Promise<boolean> {
    const rows = await this.query(
      `SELECT 1 FROM twinnings t JOIN twinning_receiving_organizations r ON r.twinning_id = t.id
        WHERE t.practice_id = $1 AND r.organization_id = $2 AND t.status <> 'ritirato'`,
      [practiceId, organizationId],
    );
    return rows.length > 0;
  }

  async updateStatus(id: string, to: TwinningStatus): Promise<void> {
    await this.query(
      `UPDATE twinnings SET status = $2::text,
              started_at = CASE WHEN $2::text = 'in_corso' THEN now() ELSE started_at END,
              concluded_at = CASE WHEN $2::text = 'concluso' THEN now() ELSE concluded_at END
        WHERE id = $1`,
      [id, to],
    );
  }

  async insertHistory(
    twinningId: string,
    from: TwinningStatus | null,
    to: TwinningStatus,
    changedBy: string | null,
    note: string,
  ): Promise<TwinningHistoryRecord> {
    const [row] = await this.query<TwinningHistoryRecord>(
      `INSERT INTO twinning_status_history (twinning_id, from_status, to_status, changed_by, note)
       VALUES ($1, $2, $3, $4, $5)
       RETURNING twinning_id AS "twinningId", from_status AS "from", to_status AS "to",
                 changed_by AS "changedBy", note, changed_at AS "changedAt"`,
      [twinningId, from, to, changedBy, note],
    );
    return row;
  }

  findHistory(twinningIds: readonly string[]): Promise<TwinningHistoryRecord[]> {
    return this.query<TwinningHistoryRecord>(
      `SELECT twinning_id AS "twinningId", from_status AS "from", to_status AS "to", changed_by AS "changedBy",
              note, changed_at AS "changedAt"
         FROM twinning_status_history WHERE twinning_id = ANY($1::uuid[]) ORDER BY changed_at, id`,
      [twinningIds],
    );
  }

  findActivities(twinningIds: readonly string[]): Promise<TwinningActivityRecord[]> {
    return this.query<TwinningActivityRecord>(
      `SELECT ${ACTIVITY_COLUMNS} FROM twinning_activities
        WHERE twinning_id = ANY($1::uuid[]) ORDER BY created_at, id`,
      [twinningIds],
    );
  }

  async insertActivity(
    twinningId: string,
    title: string,
    dueAt: Date | null,
    createdBy: string,
  ): Promise<TwinningActivityRecord> {
    const [row] = await this.query<TwinningActivityRecord>(
      `INSERT INTO twinning_activities (twinning_id, title, due_at, created_by) VALUES ($1, $2, $3, $4)
       RETURNING ${ACTIVITY_COLUMNS}`,
      [twinningId, title, dueAt, createdBy],
    );
    return row;
  }

  async findActivity(id: string): Promise<TwinningActivityRecord | undefined> {
    const [row] = await this.query<TwinningActivityRecord>(
      `SELECT ${ACTIVITY_COLUMNS} FROM twinning_activities WHERE id = $1`,
      [id],
    );
    return row;
  }

  async updateActivityDone(id: string, done: boolean): Promise<void> {
    await this.query(`UPDATE twinning_activities SET done = $2 WHERE id = $1`, [id, done]);
  }
}
