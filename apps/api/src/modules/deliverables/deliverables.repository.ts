import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { DeliverableKind, DeliverableReviewDecision, DeliverableStatus } from '@convergo/contracts';
import { QueryFailedError } from 'typeorm';
import { DESK_TOTAL, type DeskRow } from '../../common/desk/desk-block';
import type { TypeOrmAfterCommitAdapter } from '../../database/transactional-adapter';

/** A deliverable as the service works with it. */
export interface Deliverable {
  id: string;
  labId: string;
  groupId: string;
  moduleId: string | null;
  kind: DeliverableKind;
  title: string;
  status: DeliverableStatus;
  documentId: string;
  dueAt: Date | null;
  submittedVersionId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface DeliverableSubmission {
  deliverableId: string;
  round: number;
  versionId: string | null;
  submittedBy: string | null;
  submittedAt: Date;
}

export interface DeliverableReview {
  deliverableId: string;
  round: number;
  versionId: string | null;
  decision: DeliverableReviewDecision;
  comment: string;
  reviewer: { id: string; displayName: string } | null;
  createdAt: Date;
}

export interface NewDeliverable {
  labId: string;
  groupId: string;
  moduleId: string | null;
  kind: DeliverableKind;
  title: string;
  documentId: string;
  dueAt: Date | null;
  createdBy: string;
}

/** Columns aliased to Deliverable's camelCase names; toDeliverable only normalises the dates. */
const COLUMNS = `id, lab_id AS "labId", group_id AS "groupId", module_id AS "moduleId", kind, title, status,
  document_id AS "documentId", due_at AS "dueAt", submitted_version_id AS "submittedVersionId",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

function toDeliverable(row: Deliverable): Deliverable {
  return {
    id: row.id,
    labId: row.labId,
    groupId: row.groupId,
    moduleId: row.moduleId,
    kind: row.kind,
    title: row.title,
    status: row.status,
    documentId: row.documentId,
    dueAt: row.dueAt ? new Date(row.dueAt) : null,
    submittedVersionId: row.submittedVersionId,
    createdAt: new Date(row.createdAt),
    updatedAt: new Date(row.updatedAt),
  };
}

function isModuleViolation(error: unknown): boolean {
  const driverError =
    error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : {};
  return driverError.code === '23503' && driverError.constraint === 'deliverables_module_fk';
}

/** Owns every query on deliverables, their submissions and their review rounds. */
@Injectable()
export class DeliverablesRepository {
  constructor(private readonly db: TransactionHost<TypeOrmAfterCommitAdapter>) {}

  private query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.db.tx.query<T[]>(sql, params);
  }

  /** Inserts the deliverable; undefined when its module is not a module of its lab (foreign key). */
  async insert(input: NewDeliverable): Promise<Deliverable | undefined> {
    let row: Deliverable;
    try {
      [row] = await this.query<Deliverable>(
        `INSERT INTO deliverables (lab_id, group_id, module_id, kind, title, document_id, due_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
        [
          input.labId,
          input.groupId,
          input.moduleId,
          input.kind,
          input.title,
          input.documentId,
          input.dueAt,
          input.createdBy,
        ],
      );
    } catch (error) {
      if (isModuleViolation(error)) return undefined;
      throw error;
    }
    return toDeliverable(row);
  }

  async findById(id: string): Promise<Deliverable | undefined> {
    const [row] = await this.query<Deliverable>(`SELECT ${COLUMNS} FROM deliverables WHERE id = $1`, [id]);
    return row && toDeliverable(row);
  }

  /** Reads and locks the row until the transaction ends: moves of one deliverable take turns. */
  async findForUpdate(id: string): Promise<Deliverable | undefined> {
    const [row] = await this.query<Deliverable>(
      `SELECT ${COLUMNS} FROM deliverables WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return row && toDeliverable(row);
  }

  /** The lab's deliverables (of some groups only, when given), by due date then title. */
  async findByLab(labId: string, groupIds?: readonly string[]): Promise<Deliverable[]> {
    const rows = await this.query<Deliverable>(
      `SELECT ${COLUMNS} FROM deliverables
        WHERE lab_id = $1 AND ($2::uuid[] IS NULL OR group_id = ANY($2::uuid[]))
        ORDER BY due_at NULLS LAST, lower(title), id`,
      [labId, groupIds ?? null],
    );
    return rows.map(toDeliverable);
  }

  /**
   * The desk's deliverables: of these groups still to hand in (draft, changes requested), or of
   * these labs waiting for review (submitted); by due date (or submission), with lab and group.
   */
  findDesk(
    scope: { groupIds: readonly string[] } | { labIds: readonly string[] },
    limit: number,
  ): Promise<(DeskRow & { labId: string })[]> {
    const due = 'groupIds' in scope;
    const which = due
      ? `d.group_id = ANY($1::uuid[]) AND d.status IN ('draft', 'changes_requested')`
      : `d.lab_id = ANY($1::uuid[]) AND d.status = 'submitted'`;
    const at = due ? 'd.due_at' : 'd.updated_at';
    return this.query<DeskRow & { labId: string }>(
      `SELECT d.id, d.title, l.title || ' · ' || g.name AS detail, ${at} AS at, NULL AS count, d.status,
              d.lab_id AS "labId", ${DESK_TOTAL}
         FROM deliverables d JOIN labs l ON l.id = d.lab_id JOIN lab_groups g ON g.id = d.group_id
        WHERE ${which}
        ORDER BY ${at} NULLS LAST, d.id LIMIT $2`,
      [due ? scope.groupIds : scope.labIds, limit],
    );
  }

  async updateStatus(
    id: string,
    status: DeliverableStatus,
    submittedVersionId?: string,
  ): Promise<Deliverable> {
    // An UPDATE … RETURNING answers [rows, count] through TypeORM; a SELECT over it answers rows.
    const [row] = await this.query<Deliverable>(
      `WITH changed AS (
         UPDATE deliverables
            SET status = $2, submitted_version_id = COALESCE($3, submitted_version_id),
                updated_at = clock_timestamp()
          WHERE id = $1 RETURNING ${COLUMNS})
       SELECT * FROM changed`,
      [id, status, submittedVersionId ?? null],
    );
    return toDeliverable(row);
  }

  async lastRound(deliverableId: string): Promise<number> {
    const [row] = await this.query<{ round: number | null }>(
      `SELECT max(round) AS round FROM deliverable_submissions WHERE deliverable_id = $1`,
      [deliverableId],
    );
    return row.round ?? 0;
  }

  async insertSubmission(
    deliverableId: string,
    round: number,
    versionId: string,
    submittedBy: string,
  ): Promise<void> {
    await this.query(
      `INSERT INTO deliverable_submissions (deliverable_id, round, version_id, submitted_by) VALUES ($1, $2, $3, $4)`,
      [deliverableId, round, versionId, submittedBy],
    );
  }

  async insertReview(review: {
    deliverableId: string;
    round: number;
    versionId: string | null;
    decision: DeliverableReviewDecision;
    comment: string;
    reviewerId: string;
  }): Promise<void> {
    await this.query(
      `INSERT INTO deliverable_reviews (deliverable_id, round, version_id, decision, comment, reviewer_id)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        review.deliverableId,
        review.round,
        review.versionId,
        review.decision,
        review.comment,
        review.reviewerId,
      ],
    );
  }

  async findSubmissions(deliverableIds: readonly string[]): Promise<DeliverableSubmission[]> {
    if (deliverableIds.length === 0) return [];
    const rows = await this.query<DeliverableSubmission>(
      `SELECT deliverable_id AS "deliverableId", round, version_id AS "versionId",
              submitted_by AS "submittedBy", submitted_at AS "submittedAt"
         FROM deliverable_submissions
        WHERE deliverable_id = ANY($1::uuid[]) ORDER BY deliverable_id, round`,
      [deliverableIds],
    );
    return rows.map((row) => ({
      deliverableId: row.deliverableId,
      round: Number(row.round),
      versionId: row.versionId,
      submittedBy: row.submittedBy,
      submittedAt: new Date(row.submittedAt),
    }));
  }

  async findReviews(deliverableIds: readonly string[]): Promise<DeliverableReview[]> {
    if (deliverableIds.length === 0) return [];
    const rows = await this.query<
      Omit<DeliverableReview, 'reviewer'> & { reviewerId: string | null; reviewerName: string | null }
    >(
      `SELECT r.deliverable_id AS "deliverableId", r.round, r.version_id AS "versionId", r.decision, r.comment,
              r.reviewer_id AS "reviewerId", m.display_name AS "reviewerName", r.created_at AS "createdAt"
         FROM deliverable_reviews r LEFT JOIN members m ON m.id = r.reviewer_id
        WHERE r.deliverable_id = ANY($1::uuid[]) ORDER BY r.deliverable_id, r.round`,
      [deliverableIds],
    );
    return rows.map((row) => ({
      deliverableId: row.deliverableId,
      round: Number(row.round),
      versionId: row.versionId,
      decision: row.decision,
      comment: row.comment,
      reviewer: row.reviewerId ? { id: row.reviewerId, displayName: row.reviewerName ?? '' } : null,
      createdAt: new Date(row.createdAt),
    }));
  }
}
