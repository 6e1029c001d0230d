import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { LabApplicationStatus, MemberRef } from '@convergo/contracts';
import { DESK_TOTAL, type DeskRow } from '../../common/desk/desk-block';
import type { TypeOrmAfterCommitAdapter } from '../../database/transactional-adapter';

/** An application as the service works with it (the organisation is named by id). */
export interface LabApplication {
  id: string;
  labId: string;
  organizationId: string;
  motivation: string | null;
  status: LabApplicationStatus;
  appliedBy: MemberRef | null;
  createdAt: Date;
  decidedAt: Date | null;
  decidedBy: MemberRef | null;
  note: string | null;
  members: MemberRef[];
}

export interface NewLabApplication {
  labId: string;
  organizationId: string;
  memberIds: readonly string[];
  motivation: string | null;
  appliedBy: string;
}

/** What APPLICATION_SELECT returns (camelCase aliases); withMembers nests the member references. */
interface ApplicationRow {
  id: string;
  labId: string;
  organizationId: string;
  motivation: string | null;
  status: LabApplicationStatus;
  appliedById: string | null;
  appliedByName: string | null;
  appliedByOrganization: string | null;
  createdAt: Date;
  decidedAt: Date | null;
  decidedById: string | null;
  decidedByName: string | null;
  decidedByOrganization: string | null;
  note: string | null;
}

interface ApplicationMemberRow {
  applicationId: string;
  memberId: string;
  displayName: string;
  organizationName: string | null;
}

const APPLICATION_SELECT = `
  SELECT a.id, a.lab_id AS "labId", a.organization_id AS "organizationId", a.motivation, a.status,
         a.created_at AS "createdAt", a.decided_at AS "decidedAt", a.note,
         a.applied_by AS "appliedById", ap.display_name AS "appliedByName", apo.name AS "appliedByOrganization",
         a.decided_by AS "decidedById", dm.display_name AS "decidedByName", dmo.name AS "decidedByOrganization"
    FROM lab_applications a
    LEFT JOIN members ap ON ap.id = a.applied_by
    LEFT JOIN organizations apo ON apo.id = ap.organization_id
    LEFT JOIN members dm ON dm.id = a.decided_by
    LEFT JOIN organizations dmo ON dmo.id = dm.organization_id`;

function ref(id: string | null, name: string | null, organizationName: string | null): MemberRef | null {
  return id ? { id, displayName: name ?? '', organizationName } : null;
}

/** Owns every query on lab applications and the officials they name. */
@Injectable()
export class EnrolmentRepository {
  constructor(private readonly db: TransactionHost<TypeOrmAfterCommitAdapter>) {}

  private query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.db.tx.query<T[]>(sql, params);
  }

  private async withMembers(rows: readonly ApplicationRow[]): Promise<LabApplication[]> {
    if (rows.length === 0) return [];
    const members = await this.query<ApplicationMemberRow>(
      `SELECT am.application_id AS "applicationId", am.member_id AS "memberId", m.display_name AS "displayName",
              o.name AS "organizationName"
         FROM lab_application_members am
         JOIN members m ON m.id = am.member_id
         LEFT JOIN organizations o ON o.id = m.organization_id
        WHERE am.application_id = ANY($1::uuid[])
        ORDER BY m.display_name, m.id`,
      [rows.map((row) => row.id)],
    );
    return rows.map((row) => ({
      id: row.id,
      labId: row.labId,
      organizationId: row.organizationId,
      motivation: row.motivation,
      status: row.status,
      appliedBy: ref(row.appliedById, row.appliedByName, row.appliedByOrganization),
      createdAt: new Date(row.createdAt),
      decidedAt: row.decidedAt ? new Date(row.decidedAt) : null,
      decidedBy: ref(row.decidedById, row.decidedByName, row.decidedByOrganization),
      note: row.note,
      members: members
        .filter((m) => m.applicationId === row.id)
        .map((m) => ({
          id: m.memberId,
          displayName: m.displayName,
          organizationName: m.organizationName,
        })),
    }));
  }

  /** Inserts the application and its officials; undefined when the administration already has one pending. */
  async insert(input: NewLabApplication): Promise<string | undefined> {
    // The partial unique index settles two referents applying at the same instant.
    const [row] = await this.query<{ id: string }>(
      `WITH inserted AS (
         INSERT INTO lab_applications (lab_id, organization_id, motivation, applied_by)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (lab_id, organization_id) WHERE status = 'pending' DO NOTHING
         RETURNING id)
       SELECT id FROM inserted`,
      [input.labId, input.organizationId, input.motivation, input.appliedBy],
    );
    if (!row) return undefined;
    await this.query(
      `INSERT INTO lab_application_members (application_id, member_id) SELECT $1, unnest($2::uuid[])`,
      [row.id, input.memberIds],
    );
    return row.id;
  }

  async findById(id: string): Promise<LabApplication | undefined> {
    const rows = await this.query<ApplicationRow>(`${APPLICATION_SELECT} WHERE a.id = $1`, [id]);
    return (await this.withMembers(rows))[0];
  }

  async hasPending(labId: string, organizationId: string): Promise<boolean> {
    const rows = await this.query(
      `SELECT 1 FROM lab_applications WHERE lab_id = $1 AND organization_id = $2 AND status = 'pending'`,
      [labId, organizationId],
    );
    return rows.length > 0;
  }

  /** The lab's applications, newest first; of some administrations only, when given. */
  async findByLab(labId: string, organizationIds?: readonly string[]): Promise<LabApplication[]> {
    const rows = await this.query<ApplicationRow>(
      `${APPLICATION_SELECT}
        WHERE a.lab_id = $1 AND ($2::uuid[] IS NULL OR a.organization_id = ANY($2::uuid[]))
        ORDER BY a.created_at DESC, a.id DESC`,
      [labId, organizationIds ?? null],
    );
    return this.withMembers(rows);
  }

  /** The desk's pending applications, oldest first, with the lab and the administration. */
  findPendingForDesk(limit: number): Promise<(DeskRow & { labId: string })[]> {
    return this.query<DeskRow & { labId: string }>(
      `SELECT a.id, o.name AS title, l.title AS detail, a.created_at AS at,
              (SELECT count(*)::int FROM lab_application_members am WHERE am.application_id = a.id) AS count,
              a.status, a.lab_id AS "labId", ${DESK_TOTAL}
         FROM lab_applications a JOIN labs l ON l.id = a.lab_id JOIN organizations o ON o.id = a.organization_id
        WHERE a.status = 'pending'
        ORDER BY a.created_at, a.id LIMIT $1`,
      [limit],
    );
  }

  async findByOrganization(organizationId: string): Promise<LabApplication[]> {
    const rows = await this.query<ApplicationRow>(
      `${APPLICATION_SELECT} WHERE a.organization_id = $1 ORDER BY a.created_at DESC, a.id DESC`,
      [organizationId],
    );
    return this.withMembers(rows);
  }

  async decide(
    id: string,
    status: LabApplicationStatus,
    decidedBy: string,
    note: string | null,
  ): Promise<void> {
    await this.query(
      `WITH changed AS (
         UPDATE lab_applications SET status = $2, decided_by = $3, note = $4, decided_at = clock_timestamp()
          WHERE id = $1 RETURNING 1)
       SELECT count(*) FROM changed`,
      [id, status, decidedBy, note],
    );
  }
}
