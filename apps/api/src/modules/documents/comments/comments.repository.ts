import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TypeOrmAfterCommitAdapter } from '../../../database/transactional-adapter';

export interface CommentRow {
  id: string;
  doc_id: string;
  parent_id: string | null;
  author_id: string | null;
  body: string;
  anchor_start: string | null;
  anchor_end: string | null;
  resolved_at: Date | null;
  resolved_by: string | null;
  created_at: Date;
  updated_at: Date;
  micros: string;
}

const COLUMNS = `id, doc_id, parent_id, author_id, body, anchor_start, anchor_end, resolved_at, resolved_by,
  created_at, updated_at, floor(extract(epoch FROM created_at) * 1000000)::bigint::text AS micros`;

/** TypeORM answers an UPDATE … RETURNING with [rows, count] on PostgreSQL; plain rows elsewhere. */
function firstRow(result: unknown): CommentRow | undefined {
  if (Array.isArray(result) && Array.isArray(result[0])) return (result[0] as CommentRow[])[0];
  return Array.isArray(result) ? (result[0] as CommentRow | undefined) : undefined;
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
  }): Promise<CommentRow> {
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
    )) as CommentRow[];
    return row;
  }

  async find(docId: string, id: string): Promise<CommentRow | undefined> {
    const [row] = (await this.manager().query(
      `SELECT ${COLUMNS} FROM document_comments WHERE doc_id = $1 AND id = $2`,
      [docId, id],
    )) as CommentRow[];
    return row;
  }

  /** Oldest first (threads read top-down); `after` is the last row's (created_at micros, id). */
  async page(docId: string, limit: number, after?: { micros: string; id: string }): Promise<CommentRow[]> {
    const params: unknown[] = [docId, limit];
    let where = 'doc_id = $1';
    if (after) {
      params.push(after.micros, after.id);
      where += ` AND (floor(extract(epoch FROM created_at) * 1000000)::bigint, id) > ($3::bigint, $4::uuid)`;
    }
    return (await this.manager().query(
      `SELECT ${COLUMNS} FROM document_comments WHERE ${where} ORDER BY created_at, id LIMIT $2`,
      params,
    )) as CommentRow[];
  }

  async updateBody(id: string, body: string): Promise<CommentRow | undefined> {
    const rows = (await this.manager().query(
      `UPDATE document_comments SET body = $2, updated_at = clock_timestamp() WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, body],
    )) as unknown;
    return firstRow(rows);
  }

  async setResolved(id: string, by: string | null): Promise<CommentRow | undefined> {
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
