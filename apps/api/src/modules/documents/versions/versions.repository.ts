import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TypeOrmAfterCommitAdapter } from '../../../database/transactional-adapter';

/** A named version as the service sees it (columns aliased to camelCase here, at the edge). */
export interface VersionRecord {
  id: string;
  docId: string;
  name: string;
  authorId: string | null;
  automatic: boolean;
  createdAt: Date;
  text?: string;
  state?: Buffer;
}

const COLUMNS = 'id, doc_id AS "docId", name, author_id AS "authorId", automatic, created_at AS "createdAt"';

/** document_versions, in raw SQL through the ambient manager (one connection on PGlite). */
@Injectable()
export class VersionsRepository {
  constructor(private readonly db: TransactionHost<TypeOrmAfterCommitAdapter>) {}

  private manager(): EntityManager {
    return this.db.tx;
  }

  async insert(input: {
    docId: string;
    name: string;
    authorId: string | null;
    automatic: boolean;
    state: Uint8Array;
    text: string;
  }): Promise<VersionRecord> {
    const [row] = (await this.manager().query(
      `INSERT INTO document_versions (doc_id, name, author_id, automatic, state, text)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
      [input.docId, input.name, input.authorId, input.automatic, Buffer.from(input.state), input.text],
    )) as VersionRecord[];
    return row;
  }

  async find(docId: string, id: string): Promise<VersionRecord | undefined> {
    const [row] = (await this.manager().query(
      `SELECT ${COLUMNS}, text, state FROM document_versions WHERE doc_id = $1 AND id = $2`,
      [docId, id],
    )) as VersionRecord[];
    return row;
  }

  /** Newest first; `after` is the last row's (created_at micros, id). */
  async page(
    docId: string,
    limit: number,
    after?: { micros: string; id: string },
  ): Promise<(VersionRecord & { micros: string })[]> {
    const params: unknown[] = [docId, limit];
    let where = 'doc_id = $1';
    if (after) {
      params.push(after.micros, after.id);
      where += ` AND (floor(extract(epoch FROM created_at) * 1000000)::bigint, id) < ($3::bigint, $4::uuid)`;
    }
    return (await this.manager().query(
      `SELECT ${COLUMNS}, floor(extract(epoch FROM created_at) * 1000000)::bigint::text AS micros
       FROM document_versions WHERE ${where}
       ORDER BY created_at DESC, id DESC LIMIT $2`,
      params,
    )) as (VersionRecord & { micros: string })[];
  }
}
