import { Injectable } from '@nestjs/common';
import type { MemberRef, ReactionEmoji } from '@convergo/contracts';
import { TransactionHost } from '@nestjs-cls/transactional';
import { preparedQuery, preparedStatement } from '../../database/prepared-query';
import type { TypeOrmAfterCommitAdapter } from '../../database/transactional-adapter';
import { spaceAccessJson } from '../spaces/space-access.sql';
import type { SpaceAccessRecord } from '../spaces/spaces.service';
import {
  THREAD_AUTHOR_JOINS,
  THREAD_OWN_COLUMNS,
  threadFromJson,
  type ThreadJson,
  type ThreadMeta,
  type ThreadRecord,
} from './threads.repository';

/** A post as services see it (columns aliased to camelCase here, at the edge). */
export interface PostRecord {
  id: string;
  threadId: string;
  spaceId: string;
  number: number;
  authorId: string | null;
  authorName: string | null;
  authorOrg: string | null;
  body: string;
  bodyHtml: string;
  bodyText: string;
  replyToId: string | null;
  mentionIds: string[];
  editCount: number;
  editedAt: Date | null;
  deletedAt: Date | null;
  hiddenAt: Date | null;
  hiddenReason: string | null;
  createdAt: Date;
  replyNumber: number | null;
  replyAuthorId: string | null;
  replyAuthorName: string | null;
  replyAuthorOrg: string | null;
  /** Start of the quoted post's text; null when it was deleted or hidden. */
  replyText: string | null;
}

/** Where a post sits in its thread (replies and read markers check it). */
/** A post of a page with its reactions, read in the same statement. */
export interface PostWithReactions extends PostRecord {
  reactions: ReactionRecord[];
}

export interface PostPlace {
  id: string;
  number: number;
  authorId: string | null;
  /** Deleted or hidden. */
  gone: boolean;
}

export interface NewPost {
  threadId: string;
  authorId: string;
  body: string;
  html: string;
  text: string;
  /** The thread title, on the first post only: search finds threads by title through it. */
  searchTitle: string | null;
  replyToId: string | null;
  mentionIds: string[];
}

export interface PostRevisionRecord {
  id: string;
  postId: string;
  revision: number;
  body: string;
  editedBy: string | null;
  editorName: string | null;
  editorOrg: string | null;
  createdAt: Date;
}

export interface ReactionRecord {
  postId: string;
  emoji: ReactionEmoji;
  count: number;
  mine: boolean;
}

export interface NewFlag {
  id: string;
  createdAt: Date;
}

/** `p` is a posts row, `t` its thread: `threads`, or what a statement that just wrote them returns. */
const postSelect = (posts: string, threads: string) => `
  SELECT p.id, p.thread_id AS "threadId", t.space_id AS "spaceId", p.number, p.author_id AS "authorId",
         am.display_name AS "authorName", ao.name AS "authorOrg", p.body, p.body_html AS "bodyHtml",
         p.body_text AS "bodyText", p.reply_to_id AS "replyToId", p.mention_ids AS "mentionIds",
         p.edit_count AS "editCount", p.edited_at AS "editedAt", p.deleted_at AS "deletedAt",
         p.hidden_at AS "hiddenAt", p.hidden_reason AS "hiddenReason", p.created_at AS "createdAt",
         rp.number AS "replyNumber", rp.author_id AS "replyAuthorId", rm.display_name AS "replyAuthorName",
         ro.name AS "replyAuthorOrg",
         CASE WHEN rp.deleted_at IS NULL AND rp.hidden_at IS NULL THEN left(rp.body_text, 400) END AS "replyText"
    FROM ${posts} p
    JOIN ${threads} t ON t.id = p.thread_id
    LEFT JOIN members am ON am.id = p.author_id
    LEFT JOIN organizations ao ON ao.id = am.organization_id
    LEFT JOIN posts rp ON rp.id = p.reply_to_id
    LEFT JOIN members rm ON rm.id = rp.author_id
    LEFT JOIN organizations ro ON ro.id = rm.organization_id`;

const POST_SELECT = postSelect('posts', 'threads');

/**
 * A page of a thread's posts ($1 thread, $2 after number, $3 sees all hidden, $4 viewer, $5 limit),
 * each with its reactions aggregated beside it.
 */
const PAGE_WITH_REACTIONS = `
  SELECT page.*, coalesce(r.reactions, '[]'::json) AS reactions
    FROM (${POST_SELECT}
           WHERE p.thread_id = $1 AND p.number > $2
             AND (p.hidden_at IS NULL OR $3::boolean OR p.author_id = $4::uuid)
           ORDER BY p.number LIMIT $5) page
    LEFT JOIN LATERAL (
      SELECT json_agg(json_build_object('postId', x.post_id, 'emoji', x.emoji, 'count', x.count, 'mine', x.mine)) AS reactions
        FROM (SELECT post_id, emoji, count(*)::int AS count, coalesce(bool_or(member_id = $4::uuid), false) AS mine
                FROM post_reactions WHERE post_id = page.id GROUP BY post_id, emoji) x
    ) r ON true`;

const PAGE = preparedStatement('posts.page', `${PAGE_WITH_REACTIONS} ORDER BY page.number`);

/**
 * The thread's meta on every row of its page (one row of NULL post columns when the page is
 * empty), and on the first row its space as the reader meets it, for the access check.
 */
export const THREAD_PAGE = preparedStatement(
  'posts.thread_page',
  `
  SELECT t0.id AS "metaId", t0.space_id AS "metaSpaceId", t0.author_id AS "metaAuthorId",
         t0.title AS "metaTitle", t0.locked_at AS "metaLockedAt", t0.pinned AS "metaPinned",
         CASE WHEN row_number() OVER (ORDER BY page.number) = 1
              THEN ${spaceAccessJson('t0.space_id', '$4::uuid')} END AS "metaSpace", page.*
    FROM threads t0
    LEFT JOIN LATERAL (${PAGE_WITH_REACTIONS}) page ON true
   WHERE t0.id = $1
   ORDER BY page.number`,
);

/** A post row (NULL columns when the page is empty) with its thread's meta. */
interface ThreadPageRow extends Omit<PostWithReactions, 'id'> {
  id: string | null;
  metaId: string;
  metaSpaceId: string;
  metaAuthorId: string | null;
  metaTitle: string;
  metaLockedAt: Date | null;
  metaPinned: boolean;
  metaSpace: SpaceAccessRecord | null;
}

/**
 * A post appended as its thread's next number (PostsRepository.append), with the thread as it
 * stands after it, as JSON. A statement's reads do not see the rows it inserts: the new post is
 * the thread's last post.
 */
const APPEND = preparedStatement(
  'posts.append',
  `
  WITH bumped AS (
    UPDATE threads SET last_number = last_number + 1, post_count = post_count + 1,
           last_activity_at = now(), updated_at = now()
     WHERE id = $1 RETURNING *
  ), inserted AS (
    INSERT INTO posts (thread_id, number, author_id, body, body_html, body_text, search_title, reply_to_id, mention_ids)
    SELECT id, last_number, $2::uuid, $3::text, $4::text, $5::text, $6::text, $7::uuid, $8::uuid[] FROM bumped
    RETURNING *
  ), marker AS (
    INSERT INTO thread_reads (thread_id, member_id, last_read_number)
    SELECT thread_id, author_id, number FROM inserted
    ON CONFLICT (thread_id, member_id) DO UPDATE
      SET last_read_number = greatest(thread_reads.last_read_number, EXCLUDED.last_read_number),
          updated_at = now()
  ), post AS (${postSelect('inserted', 'bumped')})
  SELECT post.*, (
    SELECT to_json(th) FROM (
      SELECT ${THREAD_OWN_COLUMNS}, t.post_count AS "postCount",
             post.id AS "lastPostId", post.number AS "lastPostNumber", post."createdAt" AS "lastPostCreatedAt",
             post."authorId" AS "lastPostAuthorId", post."authorName" AS "lastPostAuthorName",
             post."authorOrg" AS "lastPostAuthorOrg", NULL AS "lastReadNumber", NULL AS "lastReadPostId",
             NULL AS subscription, 0 AS "unreadCount"
        FROM bumped t${THREAD_AUTHOR_JOINS}) th) AS thread
    FROM post`,
);

/**
 * `change` (an UPDATE of post $1 returning its `thread_id` and `counted`: whether the change
 * takes the post out of, or brings it into, the count of visible posts) with its thread's count
 * moved by `delta` in the same statement. The WHERE of each change matches only a post it
 * changes, so a repeated call changes nothing twice.
 */
const withThreadCount = (change: string, delta: 1 | -1) => `
  WITH changed AS (${change})
  UPDATE threads t SET post_count = t.post_count + (${delta})
    FROM changed WHERE t.id = changed.thread_id AND changed.counted`;

/** The statements that make a post visible or not. */
const POST_VISIBILITY = {
  delete: withThreadCount(
    `UPDATE posts SET deleted_at = now(), deleted_by = $2 WHERE id = $1 AND deleted_at IS NULL
     RETURNING thread_id, hidden_at IS NULL AS counted`,
    -1,
  ),
  hide: withThreadCount(
    `UPDATE posts SET hidden_at = now(), hidden_by = $2, hidden_reason = $3 WHERE id = $1 AND hidden_at IS NULL
     RETURNING thread_id, deleted_at IS NULL AS counted`,
    -1,
  ),
  restore: withThreadCount(
    `UPDATE posts SET hidden_at = NULL, hidden_by = NULL, hidden_reason = NULL
      WHERE id = $1 AND hidden_at IS NOT NULL
     RETURNING thread_id, deleted_at IS NULL AS counted`,
    1,
  ),
} as const;

/** A post just written, and its thread as that post left it (as anyone sees it: no viewer state). */
export interface AppendedPost {
  post: PostRecord;
  thread: ThreadRecord;
}

/** Owns every query on posts, their revisions, reactions and flags. */
@Injectable()
export class PostsRepository {
  constructor(private readonly db: TransactionHost<TypeOrmAfterCommitAdapter>) {}

  private query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.db.tx.query<T[]>(sql, params);
  }

  async findById(id: string): Promise<PostRecord | undefined> {
    const [row] = await this.query<PostRecord>(`${POST_SELECT} WHERE p.id = $1`, [id]);
    return row;
  }

  findByIds(ids: readonly string[]): Promise<PostRecord[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.query<PostRecord>(`${POST_SELECT} WHERE p.id = ANY($1::uuid[])`, [ids]);
  }

  /**
   * A page of the thread in writing order, each post with its reactions aggregated beside it (the
   * hot read of a thread costs one statement, not two). Hidden posts only for their author and
   * moderators; deleted posts stay as placeholders.
   */
  findPageWithReactions(
    threadId: string,
    viewer: { id: string; seesAllHidden: boolean },
    afterNumber: number,
    limit: number,
  ): Promise<PostWithReactions[]> {
    return preparedQuery<PostWithReactions>(this.db.tx, PAGE, [
      threadId,
      afterNumber,
      viewer.seesAllHidden,
      viewer.id,
      limit,
    ]);
  }

  /**
   * The thread's meta and a page of its posts with their reactions, in one statement: the hot read
   * of a thread. Undefined when the thread does not exist; the caller checks access before
   * answering any of it.
   */
  async findThreadPage(
    threadId: string,
    viewer: { id: string; seesAllHidden: boolean },
    afterNumber: number,
    limit: number,
  ): Promise<{ thread: ThreadMeta; space: SpaceAccessRecord; posts: PostWithReactions[] } | undefined> {
    const rows = await preparedQuery<ThreadPageRow>(this.db.tx, THREAD_PAGE, [
      threadId,
      afterNumber,
      viewer.seesAllHidden,
      viewer.id,
      limit,
    ]);
    const [first] = rows;
    if (!first) return undefined;
    const thread: ThreadMeta = {
      id: first.metaId,
      spaceId: first.metaSpaceId,
      authorId: first.metaAuthorId,
      title: first.metaTitle,
      lockedAt: first.metaLockedAt,
      pinned: first.metaPinned,
    };
    // A thread without posts (on this page) is one row of NULL post columns; the meta columns
    // that stay on the post objects are never read from them.
    const posts = rows.filter((row): row is ThreadPageRow & PostWithReactions => row.id !== null);
    return { thread, space: first.metaSpace!, posts };
  }

  /** Every post of the thread by number, whatever its state. */
  async findNumbers(threadId: string): Promise<{ id: string; number: number }[]> {
    return this.query<{ id: string; number: number }>(
      `SELECT id, number FROM posts WHERE thread_id = $1 ORDER BY number`,
      [threadId],
    );
  }

  /** The post's thread and number, when the post belongs to `threadId`. */
  async findInThread(threadId: string, postId: string): Promise<PostPlace | undefined> {
    const [row] = await this.query<PostPlace>(
      `SELECT id, number, author_id AS "authorId", (deleted_at IS NOT NULL OR hidden_at IS NOT NULL) AS gone
         FROM posts WHERE id = $1 AND thread_id = $2`,
      [postId, threadId],
    );
    return row;
  }

  /**
   * Writes a post as the thread's next number, moves its author's read marker to it and returns
   * it as `findById` would, in one statement: posting is the hot path, and each round trip costs
   * more here than the SQL. The caller holds the thread's row lock (or created the thread in this
   * transaction), so numbers follow commit order; the author's marker is taken after the thread,
   * the order every writer of markers keeps.
   */
  async append(post: NewPost): Promise<AppendedPost> {
    const [{ thread, ...row }] = await preparedQuery<PostRecord & { thread: ThreadJson }>(
      this.db.tx,
      APPEND,
      [
        post.threadId,
        post.authorId,
        post.body,
        post.html,
        post.text,
        post.searchTitle,
        post.replyToId,
        post.mentionIds,
      ],
    );
    return { post: row, thread: threadFromJson(thread) };
  }

  /** Keeps the text being replaced as a revision, then stores the new one. */
  async replaceBody(
    id: string,
    editorId: string,
    next: { body: string; html: string; text: string; mentionIds: string[] },
  ): Promise<void> {
    await this.query(
      `INSERT INTO post_revisions (post_id, revision, body, edited_by)
       SELECT id, edit_count + 1, body, $2 FROM posts WHERE id = $1`,
      [id, editorId],
    );
    await this.query(
      `UPDATE posts SET body = $2, body_html = $3, body_text = $4, mention_ids = $5::uuid[],
              edit_count = edit_count + 1, edited_at = now() WHERE id = $1`,
      [id, next.body, next.html, next.text, next.mentionIds],
    );
  }

  findRevisions(postId: string): Promise<PostRevisionRecord[]> {
    return this.query<PostRevisionRecord>(
      `SELECT r.id, r.post_id AS "postId", r.revision, r.body, r.edited_by AS "editedBy",
              m.display_name AS "editorName", o.name AS "editorOrg", r.created_at AS "createdAt"
         FROM post_revisions r
         LEFT JOIN members m ON m.id = r.edited_by
         LEFT JOIN organizations o ON o.id = m.organization_id
        WHERE r.post_id = $1 ORDER BY r.revision`,
      [postId],
    );
  }

  async softDelete(id: string, by: string): Promise<void> {
    await this.query(POST_VISIBILITY.delete, [id, by]);
  }

  async setHidden(id: string, by: string, reason: string): Promise<void> {
    await this.query(POST_VISIBILITY.hide, [id, by, reason]);
  }

  async clearHidden(id: string): Promise<void> {
    await this.query(POST_VISIBILITY.restore, [id]);
  }

  /** The first post carries the thread title for search. */
  async setSearchTitle(threadId: string, title: string): Promise<void> {
    await this.query(`UPDATE posts SET search_title = $2 WHERE thread_id = $1 AND number = 1`, [
      threadId,
      title,
    ]);
  }

  /** Adds the reaction, or takes it back if the member had it. Returns whether it is now on. */
  async toggleReaction(postId: string, memberId: string, emoji: ReactionEmoji): Promise<boolean> {
    const removed = await this.query<{ postId: string }>(
      `WITH gone AS (DELETE FROM post_reactions WHERE post_id = $1 AND member_id = $2 AND emoji = $3 RETURNING post_id)
       SELECT post_id AS "postId" FROM gone`,
      [postId, memberId, emoji],
    );
    if (removed.length > 0) return false;
    await this.query(
      `INSERT INTO post_reactions (post_id, member_id, emoji) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [postId, memberId, emoji],
    );
    return true;
  }

  /** Reaction counts per post, with whether `viewerId` reacted. */
  findReactions(postIds: readonly string[], viewerId: string | null): Promise<ReactionRecord[]> {
    if (postIds.length === 0) return Promise.resolve([]);
    return this.query<ReactionRecord>(
      `SELECT post_id AS "postId", emoji, count(*)::int AS count, coalesce(bool_or(member_id = $2::uuid), false) AS mine
         FROM post_reactions WHERE post_id = ANY($1::uuid[])
        GROUP BY post_id, emoji`,
      [postIds, viewerId],
    );
  }

  /** Active members by id, as posts show them. */
  async findMemberRefs(ids: readonly string[]): Promise<Map<string, MemberRef>> {
    if (ids.length === 0) return new Map();
    const rows = await this.query<MemberRef>(
      `SELECT m.id, m.display_name AS "displayName", o.name AS "organizationName" FROM members m
         LEFT JOIN organizations o ON o.id = m.organization_id
        WHERE m.id = ANY($1::uuid[]) AND m.status = 'active'`,
      [ids],
    );
    return new Map(
      rows.map((row) => [
        row.id,
        { id: row.id, displayName: row.displayName, organizationName: row.organizationName },
      ]),
    );
  }

  /** Stores an open flag; undefined when the member has an open flag on this post already. */
  async insertFlag(postId: string, memberId: string, reason: string): Promise<NewFlag | undefined> {
    const [row] = await this.query<NewFlag>(
      `INSERT INTO post_flags (post_id, member_id, reason) VALUES ($1, $2, $3)
       ON CONFLICT (post_id, member_id) WHERE resolved_at IS NULL DO NOTHING
       RETURNING id, created_at AS "createdAt"`,
      [postId, memberId, reason],
    );
    return row;
  }
}
