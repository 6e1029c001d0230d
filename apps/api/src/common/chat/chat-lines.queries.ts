import type { CreatedKey } from '../cursor';

/** A chat line with its author's name and administration, and its keyset position. */
export interface ChatLineRecord extends CreatedKey {
  id: string;
  authorId: string | null;
  authorName: string | null;
  authorOrganization: string | null;
  body: string;
  bodyHtml: string;
  createdAt: Date;
}

type RunQuery = <T>(sql: string, params: unknown[]) => Promise<T[]>;

/**
 * The SQL of a chat whose lines hang off one parent row (a session's chat, a tutoring slot's
 * meeting room): same columns, same keyset paging, only the table and the parent differ. The
 * owning repository runs it inside its transaction; names come from code, never from input.
 */
export class ChatLinesQueries<P extends string> {
  private readonly select: string;

  /**
   * @param table e.g. `session_messages`
   * @param parentColumn e.g. `session_id`
   * @param parentKey the record's camelCase name for it, e.g. `sessionId`
   */
  constructor(
    private readonly table: string,
    private readonly parentColumn: string,
    parentKey: P,
  ) {
    this.select = `SELECT c.id, c.${parentColumn} AS "${parentKey}", c.author_id AS "authorId",
      m.display_name AS "authorName", o.name AS "authorOrganization", c.body, c.body_html AS "bodyHtml",
      c.created_at AS "createdAt", floor(extract(epoch FROM c.created_at) * 1000000)::bigint::text AS micros
      FROM ${table} c
      LEFT JOIN members m ON m.id = c.author_id
      LEFT JOIN organizations o ON o.id = m.organization_id`;
  }

  async insert(
    run: RunQuery,
    parentId: string,
    authorId: string,
    body: string,
    bodyHtml: string,
  ): Promise<ChatLineRecord & Record<P, string>> {
    const [{ id }] = await run<{ id: string }>(
      `INSERT INTO ${this.table} (${this.parentColumn}, author_id, body, body_html) VALUES ($1, $2, $3, $4) RETURNING id`,
      [parentId, authorId, body, bodyHtml],
    );
    const [row] = await run<ChatLineRecord & Record<P, string>>(`${this.select} WHERE c.id = $1`, [id]);
    return row;
  }

  /** Newest first, `limit` lines older than `before` (or the newest when none). */
  page(
    run: RunQuery,
    parentId: string,
    limit: number,
    before?: CreatedKey,
  ): Promise<(ChatLineRecord & Record<P, string>)[]> {
    const params: unknown[] = [parentId, limit];
    let where = `c.${this.parentColumn} = $1`;
    if (before) {
      params.push(before.micros, before.id);
      where += ` AND (c.created_at, c.id) < (timestamptz 'epoch' + $3::bigint * interval '1 microsecond', $4::uuid)`;
    }
    return run<ChatLineRecord & Record<P, string>>(
      `${this.select} WHERE ${where} ORDER BY c.created_at DESC, c.id DESC LIMIT $2`,
      params,
    );
  }
}
