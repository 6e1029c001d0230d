import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TypeOrmAfterCommitAdapter } from '../../../database/transactional-adapter';
import { DocumentAttachment } from './document-attachment.entity';

/** An attachment as the service sees it (columns aliased to camelCase here, at the edge). */
export interface AttachmentRecord {
  id: string;
  docId: string;
  fileName: string;
  mediaType: string;
  /** Bytes, as text (bigint-safe). */
  size: string;
  sha256: string;
  uploadedBy: string;
  uploaderName: string;
  createdAt: Date;
}

const SELECT = `SELECT a.id, a.doc_id AS "docId", a.file_name AS "fileName", a.media_type AS "mediaType",
  a.size::text AS size, a.sha256, a.uploaded_by AS "uploadedBy", m.display_name AS "uploaderName",
  a.created_at AS "createdAt"
  FROM document_attachments a JOIN members m ON m.id = a.uploaded_by`;

/** document_attachments, in raw SQL through the ambient manager (one connection on PGlite). */
@Injectable()
export class AttachmentsRepository {
  constructor(private readonly db: TransactionHost<TypeOrmAfterCommitAdapter>) {}

  private manager(): EntityManager {
    return this.db.tx;
  }

  /**
   * Serialises every change to the rows of one content hash until the transaction ends, so a
   * removal never deletes a blob that a concurrent upload of the same bytes has just claimed.
   */
  async lockHash(sha256: string): Promise<void> {
    await this.manager().query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 2511))`, [
      `attachment:${sha256}`,
    ]);
  }

  async insert(input: {
    docId: string;
    fileName: string;
    mediaType: string;
    size: number;
    sha256: string;
    uploadedBy: string;
  }): Promise<AttachmentRecord> {
    const { identifiers } = await this.manager().insert(DocumentAttachment, {
      docId: input.docId,
      fileName: input.fileName,
      mediaType: input.mediaType,
      size: String(input.size),
      sha256: input.sha256,
      uploadedBy: input.uploadedBy,
    });
    const id = String(identifiers[0].id);
    return (await this.find(input.docId, id))!;
  }

  async find(docId: string, id: string): Promise<AttachmentRecord | undefined> {
    const [row] = (await this.manager().query(`${SELECT} WHERE a.doc_id = $1 AND a.id = $2`, [
      docId,
      id,
    ])) as AttachmentRecord[];
    return row;
  }

  async delete(id: string): Promise<boolean> {
    const rows = (await this.manager().query(`DELETE FROM document_attachments WHERE id = $1 RETURNING id`, [
      id,
    ])) as unknown[];
    return rows.length > 0;
  }

  async countBySha256(sha256: string): Promise<number> {
    const [row] = (await this.manager().query(
      `SELECT count(*)::int AS n FROM document_attachments WHERE sha256 = $1`,
      [sha256],
    )) as { n: number }[];
    return row.n;
  }

  /** Newest first; `after` is the last row's (created_at micros, id). */
  async page(
    docId: string,
    limit: number,
    after?: { micros: string; id: string },
  ): Promise<(AttachmentRecord & { micros: string })[]> {
    const params: unknown[] = [docId, limit];
    let where = 'a.doc_id = $1';
    if (after) {
      params.push(after.micros, after.id);
      where += ` AND (floor(extract(epoch FROM a.created_at) * 1000000)::bigint, a.id) < ($3::bigint, $4::uuid)`;
    }
    return (await this.manager().query(
      `${SELECT.replace(
        'SELECT ',
        'SELECT floor(extract(epoch FROM a.created_at) * 1000000)::bigint::text AS micros, ',
      )} WHERE ${where} ORDER BY a.created_at DESC, a.id DESC LIMIT $2`,
      params,
    )) as (AttachmentRecord & { micros: string })[];
  }
}
