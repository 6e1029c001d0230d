import { Injectable } from '@nestjs/common';
import type { ThreadSubscriptionLevel } from '@convergo/contracts';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TypeOrmAfterCommitAdapter } from '../../database/transactional-adapter';

export interface ThreadRow {
  id: string;
  space_id: string;
  title: string;
  tags: string[];
  author_id: string | null;
  author_name: string | null;
  author_org: string | null;
  pinned: boolean;
  pinned_at: Date | null;
  locked_at: Date | null;
  last_activity_at: Date;
  /** last_activity_at to the microsecond, for keyset cursors. */
  activity_key: string;
  created_at: Date;
  updated_at: Date;
  post_count: number;
  last_post_id: string | null;
  last_post_number: number | null;
  last_post_created_at: Date | null;
  last_post_author_id: string | null;
  last_post_author_name: string | null;
  last_post_author_org: string | null;
  /** Viewer state: null without a viewer. */
  last_read_number: number | null;
  last_read_post_id: string | null;
  subscription: ThreadSubscriptionLevel | null;
  unread_count: number;
}

/** The few columns that decide what may happen to a thread. */
export interface ThreadMeta {
  id: string;
  space_id: string;
  author_id: string | null;
  title: string;
  locked_at: Date | null;
  pinned: boolean;
}

export interface ThreadPageQuery {
  spaceId: string;
  viewerId: string;
  tag?: string;
  limit: number;
  after?: { pinned: boolean; activityKey: string; id: string };
}

/** $1 is the viewer (or null): their read marker, subscription and unread count. */
const THREAD_SELECT = `
  SELECT t.id, t.space_id, t.title, t.tags, t.author_id, am.display_name AS author_name, ao.name AS author_org,
         t.pinned, t.pinned_at, t.locked_at, t.last_activity_at,
         to_char(t.last_activity_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS activity_key,
         t.created_at, t.updated_at,
         (SELECT count(*)::int FROM posts p
           WHERE p.thread_id = t.id AND p.deleted_at IS NULL AND p.hidden_at IS NULL) AS post_count,
         lp.id AS last_post_id, lp.number AS last_post_number, lp.created_at AS last_post_created_at,
         lp.author_id AS last_post_author_id, lpm.display_name AS last_post_author_name,
         lpo.name AS last_post_author_org,
         r.last_read_number, rp.id AS last_read_post_id, ts.level AS subscription,
         (SELECT count(*)::int FROM posts p
           WHERE p.thread_id = t.id AND p.number > coalesce(r.last_read_number, 0)
             AND p.deleted_at IS NULL AND p.hidden_at IS NULL
             AND p.author_id IS DISTINCT FROM $1::uuid) AS unread_count
    FROM threads t
    LEFT JOIN members am ON am.id = t.author_id
    LEFT JOIN organizations ao ON ao.id = am.organization_id
    LEFT JOIN LATERAL (
      SELECT p.id, p.number, p.author_id, p.created_at FROM posts p
       WHERE p.thread_id = t.id AND p.deleted_at IS NULL AND p.hidden_at IS NULL
       ORDER BY p.number DESC LIMIT 1) lp ON true
    LEFT JOIN members lpm ON lpm.id = lp.author_id
    LEFT JOIN organizations lpo ON lpo.id = lpm.organization_id
    LEFT JOIN thread_reads r ON r.thread_id = t.id AND r.member_id = $1::uuid
    LEFT JOIN posts rp ON rp.thread_id = t.id AND rp.number = r.last_read_number
    LEFT JOIN thread_subscriptions ts ON ts.thread_id = t.id AND ts.member_id = $1::uuid`;

/** Owns every query on threads, read markers and thread subscriptions. */
@Injectable()
export class ThreadsRepository {
  constructor(private readonly db: TransactionHost<TypeOrmAfterCommitAdapter>) {}

  private query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.db.tx.query<T[]>(sql, params);
  }

  async findById(id: string, viewerId: string | null): Promise<ThreadRow | undefined> {
    const [row] = await this.query<ThreadRow>(`${THREAD_SELECT} WHERE t.id = $2`, [viewerId, id]);
    return row;
  }

  findByIds(ids: readonly string[], viewerId: string | null): Promise<ThreadRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.query<ThreadRow>(`${THREAD_SELECT} WHERE t.id = ANY($2::uuid[])`, [viewerId, ids]);
  }

  async findMeta(id: string): Promise<ThreadMeta | undefined> {
    const [row] = await this.query<ThreadMeta>(
      `SELECT id, space_id, author_id, title, locked_at, pinned FROM threads WHERE id = $1`,
      [id],
    );
    return row;
  }

  /** The thread's row, locked until the transaction ends: posts and moderation take turns. */
  async lockMeta(id: string): Promise<ThreadMeta | undefined> {
    const [row] = await this.query<ThreadMeta>(
      `SELECT id, space_id, author_id, title, locked_at, pinned FROM threads WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return row;
  }

  /** Pinned first, then latest activity. */
  findPage(query: ThreadPageQuery): Promise<ThreadRow[]> {
    const params: unknown[] = [query.viewerId, query.spaceId];
    const where = ['t.space_id = $2'];
    if (query.tag) {
      params.push(query.tag);
      where.push(`t.tags @> ARRAY[$${params.length}::text]`);
    }
    if (query.after) {
      params.push(query.after.pinned, query.after.activityKey, query.after.id);
      const n = params.length;
      where.push(
        `(t.pinned, t.last_activity_at, t.id) < ($${n - 2}::boolean, $${n - 1}::timestamptz, $${n}::uuid)`,
      );
    }
    params.push(query.limit);
    return this.query<ThreadRow>(
      `${THREAD_SELECT} WHERE ${where.join(' AND ')}
        ORDER BY t.pinned DESC, t.last_activity_at DESC, t.id DESC LIMIT $${params.length}`,
      params,
    );
  }

  async insert(thread: {
    spaceId: string;
    authorId: string;
    title: string;
    tags: string[];
  }): Promise<string> {
    const [row] = await this.query<{ id: string }>(
      `INSERT INTO threads (space_id, author_id, title, tags) VALUES ($1, $2, $3, $4::text[]) RETURNING id`,
      [thread.spaceId, thread.authorId, thread.title, thread.tags],
    );
    return row.id;
  }

  /** Takes the thread's next post number and bumps its activity. */
  async nextPostNumber(threadId: string): Promise<number> {
    const [row] = await this.query<{ last_number: number }>(
      `WITH bumped AS (
         UPDATE threads SET last_number = last_number + 1, last_activity_at = now(), updated_at = now()
          WHERE id = $1 RETURNING last_number)
       SELECT last_number FROM bumped`,
      [threadId],
    );
    return row.last_number;
  }

  async update(id: string, changes: { title?: string; tags?: string[] }): Promise<void> {
    await this.query(
      `UPDATE threads SET title = coalesce($2, title), tags = coalesce($3::text[], tags), updated_at = now()
        WHERE id = $1`,
      [id, changes.title ?? null, changes.tags ?? null],
    );
  }

  async setPinned(id: string, pinned: boolean, by: string): Promise<void> {
    await this.query(
      `UPDATE threads SET pinned = $2, pinned_at = CASE WHEN $2 THEN now() END,
              pinned_by = CASE WHEN $2 THEN $3::uuid END, updated_at = now() WHERE id = $1`,
      [id, pinned, by],
    );
  }

  async setLocked(id: string, locked: boolean, by: string): Promise<void> {
    await this.query(
      `UPDATE threads SET locked_at = CASE WHEN $2 THEN now() END,
              locked_by = CASE WHEN $2 THEN $3::uuid END, updated_at = now() WHERE id = $1`,
      [id, locked, by],
    );
  }

  /** Moves the member's read marker forward to `number` (never back). */
  async markRead(threadId: string, memberId: string, number: number): Promise<void> {
    await this.query(
      `INSERT INTO thread_reads (thread_id, member_id, last_read_number) VALUES ($1, $2, $3)
       ON CONFLICT (thread_id, member_id) DO UPDATE
         SET last_read_number = greatest(thread_reads.last_read_number, EXCLUDED.last_read_number),
             updated_at = now()`,
      [threadId, memberId, number],
    );
  }

  async setSubscription(
    threadId: string,
    memberId: string,
    level: ThreadSubscriptionLevel | null,
  ): Promise<void> {
    if (level === null) {
      await this.query(`DELETE FROM thread_subscriptions WHERE thread_id = $1 AND member_id = $2`, [
        threadId,
        memberId,
      ]);
      return;
    }
    await this.query(
      `INSERT INTO thread_subscriptions (thread_id, member_id, level) VALUES ($1, $2, $3)
       ON CONFLICT (thread_id, member_id) DO UPDATE SET level = EXCLUDED.level`,
      [threadId, memberId, level],
    );
  }

  /** Watchers and muters of the thread. */
  findSubscriptions(threadId: string): Promise<{ member_id: string; level: ThreadSubscriptionLevel }[]> {
    return this.query(`SELECT member_id, level FROM thread_subscriptions WHERE thread_id = $1`, [threadId]);
  }
}
