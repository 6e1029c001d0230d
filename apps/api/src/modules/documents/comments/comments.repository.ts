import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TypeOrmAfterCommitAdapter } from '../../../database/transactional-adapter';

/** A comment as the service sees it (columns aliased to camelCase here, at the edge). */
export interface CommentRecord {
  id: string;
  docId: string;
  parentId: string | null;
  authorId: string | null;
  body: string;
  anchorStart: string | null;
  anchorEnd: string | null;
  resolvedAt: Date | null;
  resolvedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** created_at in microseconds since the epoch, as text (the keyset position). */
  micros: string;
}

const COLUMNS = `id, doc_id AS "docId", parent_id AS "parentId", author_id AS "authorId", body,
  anchor_start AS "anchorStart", anchor_end AS "anchorEnd", resolved_at AS "resolvedAt",
  resolved_by AS "resolvedBy", created_at AS "createdAt", updated_at AS "updatedAt",
  floor(extract(epoch FROM created_at) * 1000000)::bigint::text AS micros`;

/** TypeORM answers an UPDATE … RETURNING with [rows, count] on PostgreSQL; plain rows elsewhere. */
function firstRow(result: unknown): CommentRecord | undefined {
  if (Array.isArray(result) && Array.isArray(result[0])) return (result[0] as CommentRecord[])[0];
  return Array.isArray(result) ? (result[0] as CommentRecord | undefined) : undefined;
}

/** document_comments, in raw SQL through the ambient manager (one connection on PGlite). */
@Injectable()
export class CommentsRepository {
  constructor(private readonly db: TransactionHost<TypeOrmAfterCommitAdapter>) {}

  private manager(): EntityManager {
    return this.db.tx;
  }

  async insert(input: {
    docId: string;
    parentId: string | null;
    authorId: string;
    body: string;
    anchor: { start: string; end: string } | null;
  }): Promise<CommentRecord> {
    const [row] = (await this.manager().query(
      `INSERT INTO document_comments (doc_id, parent_id, author_id, body, anchor_start, anchor_end)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
      [
        input.docId,
        input.parentId,
        input.authorId,
        input.body,
        input.anchor?.start ?? null,
        input.anchor?.end ?? null,
      ],
    )) as CommentRecord[];
    return row;
  }

  async find(docId: string, id: string): Promise<CommentRecord | undefined> {
    const [row] = (await this.manager().query(
      `SELECT ${COLUMNS} FROM document_comments WHERE doc_id = $1 AND id = $2`,
      [docId, id],
    )) as CommentRecord[];
    return row;
  }

  /** Oldest first (threads read top-down); `after` is the last row's (created_at micros, id). */
  async page(docId: string, limit: number, after?: { micros: string; id: string }): Promise<CommentRecord[]> {
    const params: unknown[] = [docId, limit];
    let where = 'doc_id = $1';
    if (after) {
      params.push(after.micros, after.id);
      where += ` AND (floor(extract(epoch FROM created_at) * 1000000)::bigint, id) > ($3::bigint, $4::uuid)`;
    }
    return (await this.manager().query(
      `SELECT ${COLUMNS} FROM document_comments WHERE ${where} ORDER BY created_at, id LIMIT $2`,
      params,
    )) as CommentRecord[];
  }

  async updateBody(id: string, body: string): Promise<CommentRecord | undefined> {
    const rows = (await this.manager().query(
      `UPDATE document_comments SET body = $2, updated_at = clock_timestamp() WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, body],
    )) as unknown;
    return firstRow(rows);
  }

  async setResolved(id: string, by: string | null): Promise<CommentRecord | undefined> {
    const rows = (await this.manager().query(
      `UPDATE document_comments
       SET resolved_at = CASE WHEN $2::uuid IS NULL THEN NULL ELSE clock_timestamp() END,
           resolved_by = $2::uuid, updated_at = clock_timestamp()
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, by],
    )) as unknown;
    return firstRow(rows);
  }

  async delete(id: string): Promise<void> {
    await this.manager().query(`DELETE FROM document_comments WHERE id = $1`, [id]);
  }
}
