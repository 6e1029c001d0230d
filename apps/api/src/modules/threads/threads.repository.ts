import { Injectable } from '@nestjs/common';
import type { ThreadSubscriptionLevel } from '@convergo/contracts';
import { TransactionHost } from '@nestjs-cls/transactional';
import { DESK_TOTAL, type DeskRow } from '../../common/desk/desk-block';
import { preparedQuery, preparedStatement } from '../../database/prepared-query';
import type { TypeOrmAfterCommitAdapter } from '../../database/transactional-adapter';
import { suspensionInForce } from './suspensions.repository';
import { spaceAccessJson } from '../spaces/space-access.sql';
import type { SpaceAccessRecord } from '../spaces/spaces.service';

/** A thread as services see it (columns aliased to camelCase here, at the edge). */
export interface ThreadRecord {
  id: string;
  spaceId: string;
  title: string;
  tags: string[];
  authorId: string | null;
  authorName: string | null;
  authorOrg: string | null;
  pinned: boolean;
  pinnedAt: Date | null;
  lockedAt: Date | null;
  lastActivityAt: Date;
  /** lastActivityAt to the microsecond, for keyset cursors. */
  activityKey: string;
  createdAt: Date;
  updatedAt: Date;
  postCount: number;
  lastPostId: string | null;
  lastPostNumber: number | null;
  lastPostCreatedAt: Date | null;
  lastPostAuthorId: string | null;
  lastPostAuthorName: string | null;
  lastPostAuthorOrg: string | null;
  /** Viewer state: null without a viewer. */
  lastReadNumber: number | null;
  lastReadPostId: string | null;
  subscription: ThreadSubscriptionLevel | null;
  unreadCount: number;
}

/** A thread record as PostgreSQL's JSON has it: timestamps as ISO strings. */
export type ThreadJson = {
  [K in keyof ThreadRecord]: ThreadRecord[K] extends Date
    ? string
    : ThreadRecord[K] extends Date | null
      ? string | null
      : ThreadRecord[K];
};

const dateOrNull = (value: string | null): Date | null => (value === null ? null : new Date(value));

export function threadFromJson(json: ThreadJson): ThreadRecord {
  return {
    ...json,
    pinnedAt: dateOrNull(json.pinnedAt),
    lockedAt: dateOrNull(json.lockedAt),
    lastActivityAt: new Date(json.lastActivityAt),
    createdAt: new Date(json.createdAt),
    updatedAt: new Date(json.updatedAt),
    lastPostCreatedAt: dateOrNull(json.lastPostCreatedAt),
  };
}

/** The few columns that decide what may happen to a thread. */
export interface ThreadMeta {
  id: string;
  spaceId: string;
  authorId: string | null;
  title: string;
  lockedAt: Date | null;
  pinned: boolean;
}

/** A thread with its space as the member reading it meets it (what the access check decides on). */
export interface ThreadWithSpace extends ThreadMeta {
  space: SpaceAccessRecord;
}

/** A thread locked for a reply, with what decides who may write and who hears of it. */
export interface ThreadForPosting extends ThreadWithSpace {
  /** A suspension of the writer is in force; `suspendedUntil` null: until lifted. */
  suspended: boolean;
  suspendedUntil: Date | null;
  subscriptions: ThreadSubscriptionRecord[];
}

export interface MutedThreadRecord {
  threadId: string;
  title: string;
  spaceId: string;
  spaceName: string;
  createdAt: Date;
}

export interface ThreadSubscriptionRecord {
  memberId: string;
  level: ThreadSubscriptionLevel;
}

export interface ThreadPageQuery {
  spaceId: string;
  viewerId: string;
  tag?: string;
  limit: number;
  after?: { pinned: boolean; activityKey: string; id: string };
}

/** A thread's own columns and its author (`t` a threads row, `am` and `ao` its author and their organisation). */
export const THREAD_OWN_COLUMNS = `
         t.id, t.space_id AS "spaceId", t.title, t.tags, t.author_id AS "authorId",
         am.display_name AS "authorName", ao.name AS "authorOrg",
         t.pinned, t.pinned_at AS "pinnedAt", t.locked_at AS "lockedAt", t.last_activity_at AS "lastActivityAt",
         to_char(t.last_activity_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "activityKey",
         t.created_at AS "createdAt", t.updated_at AS "updatedAt"`;

export const THREAD_AUTHOR_JOINS = `
    LEFT JOIN members am ON am.id = t.author_id
    LEFT JOIN organizations ao ON ao.id = am.organization_id`;

/** $1 is the viewer (or null): their read marker, subscription and unread count. */
const THREAD_SELECT = `
  SELECT ${THREAD_OWN_COLUMNS},
         t.post_count AS "postCount",
         lp.id AS "lastPostId", lp.number AS "lastPostNumber", lp.created_at AS "lastPostCreatedAt",
         lp.author_id AS "lastPostAuthorId", lpm.display_name AS "lastPostAuthorName",
         lpo.name AS "lastPostAuthorOrg",
         r.last_read_number AS "lastReadNumber", rp.id AS "lastReadPostId", ts.level AS subscription,
         (SELECT count(*)::int FROM posts p
           WHERE p.thread_id = t.id AND p.number > coalesce(r.last_read_number, 0)
             AND p.deleted_at IS NULL AND p.hidden_at IS NULL
             AND p.author_id IS DISTINCT FROM $1::uuid) AS "unreadCount"
    FROM threads t${THREAD_AUTHOR_JOINS}
    LEFT JOIN LATERAL (
      SELECT p.id, p.number, p.author_id, p.created_at FROM posts p
       WHERE p.thread_id = t.id AND p.deleted_at IS NULL AND p.hidden_at IS NULL
       ORDER BY p.number DESC LIMIT 1) lp ON true
    LEFT JOIN members lpm ON lpm.id = lp.author_id
    LEFT JOIN organizations lpo ON lpo.id = lpm.organization_id
    LEFT JOIN thread_reads r ON r.thread_id = t.id AND r.member_id = $1::uuid
    LEFT JOIN posts rp ON rp.thread_id = t.id AND rp.number = r.last_read_number
    LEFT JOIN thread_subscriptions ts ON ts.thread_id = t.id AND ts.member_id = $1::uuid`;

const META_COLUMNS = `id, space_id AS "spaceId", author_id AS "authorId", title, locked_at AS "lockedAt", pinned`;

const THREAD_BY_ID = preparedStatement('threads.by_id', `${THREAD_SELECT} WHERE t.id = $2`);
/** The thread's meta with its space as the member meets it ($1 thread, $2 member). */
const META_WITH_SPACE = `
  SELECT ${META_COLUMNS},
         ${spaceAccessJson('threads.space_id', '$2::uuid')} AS space
    FROM threads WHERE id = $1`;
const META = preparedStatement('threads.meta', META_WITH_SPACE);
const LOCK_META = preparedStatement('threads.lock_meta', `${META_WITH_SPACE} FOR UPDATE`);

/** A reply's checks in the statement that locks the thread ($1 thread, $2 writer). */
const LOCK_FOR_POSTING = preparedStatement(
  'threads.lock_for_posting',
  `
  SELECT ${META_COLUMNS}, s."endsAt" AS "suspendedUntil", coalesce(s.found, false) AS suspended,
         coalesce((SELECT json_agg(json_build_object('memberId', ts.member_id, 'level', ts.level))
                     FROM thread_subscriptions ts WHERE ts.thread_id = threads.id), '[]'::json) AS subscriptions,
         ${spaceAccessJson('threads.space_id', '$2::uuid')} AS space
    FROM threads
    LEFT JOIN (SELECT true AS found, x."endsAt" FROM (${suspensionInForce('$2::uuid')}) x) s ON true
   WHERE id = $1
   FOR UPDATE OF threads`,
);

/** Owns every query on threads, read markers and thread subscriptions. */
@Injectable()
export class ThreadsRepository {
  constructor(private readonly db: TransactionHost<TypeOrmAfterCommitAdapter>) {}

  private query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.db.tx.query<T[]>(sql, params);
  }

  /** Prepared: every post sends the thread's new state with it. */
  async findById(id: string, viewerId: string | null): Promise<ThreadRecord | undefined> {
    const [row] = await preparedQuery<ThreadRecord>(this.db.tx, THREAD_BY_ID, [viewerId, id]);
    return row;
  }

  findByIds(ids: readonly string[], viewerId: string | null): Promise<ThreadRecord[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.query<ThreadRecord>(`${THREAD_SELECT} WHERE t.id = ANY($2::uuid[])`, [viewerId, ids]);
  }

  /** With its space as `viewerId` meets it, for the access check. */
  async findMeta(id: string, viewerId: string): Promise<ThreadWithSpace | undefined> {
    const [row] = await preparedQuery<ThreadWithSpace>(this.db.tx, META, [id, viewerId]);
    return row;
  }

  /** The thread's row, locked until the transaction ends: posts and moderation take turns. */
  async lockMeta(id: string, viewerId: string): Promise<ThreadWithSpace | undefined> {
    const [row] = await preparedQuery<ThreadWithSpace>(this.db.tx, LOCK_META, [id, viewerId]);
    return row;
  }

  /**
   * The thread locked for a reply, with the writer's suspension and the thread's subscriptions read
   * in the same statement: a reply is the hot write, and each statement is a round trip.
   */
  async lockForPosting(id: string, writerId: string): Promise<ThreadForPosting | undefined> {
    const [row] = await preparedQuery<ThreadForPosting>(this.db.tx, LOCK_FOR_POSTING, [id, writerId]);
    return row;
  }

  /** Pinned first, then latest activity. */
  findPage(query: ThreadPageQuery): Promise<ThreadRecord[]> {
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
    return this.query<ThreadRecord>(
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

  /** A thread of the space by its exact title (demo data finds what it loaded before this way). */
  async findIdByTitle(spaceId: string, title: string): Promise<string | undefined> {
    const [row] = await this.query<{ id: string }>(
      `SELECT id FROM threads WHERE space_id = $1 AND title = $2 ORDER BY created_at LIMIT 1`,
      [spaceId, title],
    );
    return row?.id;
  }

  /**
   * Dates a thread's posts (`at[i]` is post number i + 1) and the thread itself: for data that
   * stands for a conversation held over the past days (the demo world).
   */
  async setPostDates(threadId: string, at: readonly Date[]): Promise<void> {
    await this.query(
      `UPDATE posts p SET created_at = d.at
         FROM unnest($2::timestamptz[]) WITH ORDINALITY AS d(at, number)
        WHERE p.thread_id = $1 AND p.number = d.number`,
      [threadId, at.map((date) => date.toISOString())],
    );
    await this.query(
      `UPDATE threads SET created_at = $2, last_activity_at = $3, updated_at = $3 WHERE id = $1`,
      [threadId, at[0].toISOString(), at[at.length - 1].toISOString()],
    );
  }

  /** Takes the thread's next post number and bumps its activity. */
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
    // The thread before the marker, as posting takes them (thread FOR UPDATE, then the author's
    // marker): otherwise a member reading in one tab while posting in another deadlocks the two.
    await this.query(`SELECT 1 FROM threads WHERE id = $1 FOR KEY SHARE`, [threadId]);
    await this.query(
      `INSERT INTO thread_reads (thread_id, member_id, last_read_number) VALUES ($1, $2, $3)
       ON CONFLICT (thread_id, member_id) DO UPDATE
         SET last_read_number = greatest(thread_reads.last_read_number, EXCLUDED.last_read_number),
             updated_at = now()`,
      [threadId, memberId, number],
    );
  }

  /** The first thread of each space, with the viewer's markers, in one query. */
  findFirstInSpaces(spaceIds: readonly string[], viewerId: string): Promise<ThreadRecord[]> {
    if (spaceIds.length === 0) return Promise.resolve([]);
    return this.query<ThreadRecord>(
      `${THREAD_SELECT} WHERE t.id IN (SELECT DISTINCT ON (space_id) id FROM threads
                                        WHERE space_id = ANY($2::uuid[]) ORDER BY space_id, created_at, id)`,
      [viewerId, spaceIds],
    );
  }

  async findFirstIdInSpace(spaceId: string): Promise<string | undefined> {
    const [row] = await this.query<{ id: string }>(
      `SELECT id FROM threads WHERE space_id = $1 ORDER BY created_at, id LIMIT 1`,
      [spaceId],
    );
    return row?.id;
  }

  /** Subscribes each member as `watching` unless they already chose a level (a mute stays a mute). */
  async watchUnlessSet(threadId: string, memberIds: readonly string[]): Promise<void> {
    if (memberIds.length === 0) return;
    await this.query(
      `INSERT INTO thread_subscriptions (thread_id, member_id, level)
       SELECT $1, id, 'watching' FROM unnest($2::uuid[]) AS id
       ON CONFLICT (thread_id, member_id) DO NOTHING`,
      [threadId, memberIds],
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

  /**
   * Threads the member watches, in these spaces, with posts by others they have not read: the
   * latest activity first, the unread count as `count`.
   */
  findUnreadWatched(memberId: string, spaceIds: readonly string[], limit: number): Promise<DeskRow[]> {
    return this.query<DeskRow>(
      `WITH unread AS (
         SELECT t.id, t.title, s.name AS detail, t.last_activity_at AS at,
                (SELECT count(*)::int FROM posts p
                  WHERE p.thread_id = t.id AND p.number > coalesce(r.last_read_number, 0)
                    AND p.deleted_at IS NULL AND p.hidden_at IS NULL
                    AND p.author_id IS DISTINCT FROM $1::uuid) AS count
           FROM thread_subscriptions ts
           JOIN threads t ON t.id = ts.thread_id
           JOIN spaces s ON s.id = t.space_id
           LEFT JOIN thread_reads r ON r.thread_id = t.id AND r.member_id = $1::uuid
          WHERE ts.member_id = $1::uuid AND ts.level = 'watching' AND t.space_id = ANY($2::uuid[])
            AND t.last_number > coalesce(r.last_read_number, 0) AND t.merged_into_id IS NULL)
       SELECT id, title, detail, at, count, NULL AS status, ${DESK_TOTAL}
         FROM unread WHERE count > 0
        ORDER BY at DESC, id LIMIT $3`,
      [memberId, spaceIds, limit],
    );
  }

  /** The member's muted threads in the given spaces, newest first. */
  findMuted(memberId: string, spaceIds: readonly string[], limit: number): Promise<MutedThreadRecord[]> {
    return this.query<MutedThreadRecord>(
      `SELECT ts.thread_id AS "threadId", t.title, t.space_id AS "spaceId", s.name AS "spaceName",
              ts.created_at AS "createdAt"
         FROM thread_subscriptions ts
         JOIN threads t ON t.id = ts.thread_id
         JOIN spaces s ON s.id = t.space_id
        WHERE ts.member_id = $1 AND ts.level = 'muted' AND t.space_id = ANY($2::uuid[])
        ORDER BY ts.created_at DESC, ts.thread_id
        LIMIT $3`,
      [memberId, spaceIds, limit],
    );
  }
}
