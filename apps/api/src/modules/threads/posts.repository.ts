import { Injectable } from '@nestjs/common';
import type { MemberRef, ReactionEmoji } from '@convergo/contracts';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TypeOrmAfterCommitAdapter } from '../../database/transactional-adapter';

export interface PostRow {
  id: string;
  thread_id: string;
  space_id: string;
  number: number;
  author_id: string | null;
  author_name: string | null;
  author_org: string | null;
  body: string;
  body_html: string;
  body_text: string;
  reply_to_id: string | null;
  mention_ids: string[];
  edit_count: number;
  edited_at: Date | null;
  deleted_at: Date | null;
  hidden_at: Date | null;
  hidden_reason: string | null;
  created_at: Date;
  reply_number: number | null;
  reply_author_id: string | null;
  reply_author_name: string | null;
  reply_author_org: string | null;
  /** Start of the quoted post's text; null when it was deleted or hidden. */
  reply_text: string | null;
}

export interface NewPost {
  threadId: string;
  number: number;
  authorId: string;
  body: string;
  html: string;
  text: string;
  /** The thread title, on the first post only: search finds threads by title through it. */
  searchTitle: string | null;
  replyToId: string | null;
  mentionIds: string[];
}

export interface RevisionRow {
  id: string;
  post_id: string;
  revision: number;
  body: string;
  edited_by: string | null;
  editor_name: string | null;
  editor_org: string | null;
  created_at: Date;
}

export interface ReactionRow {
  post_id: string;
  emoji: ReactionEmoji;
  count: number;
  mine: boolean;
}

const POST_SELECT = `
  SELECT p.id, p.thread_id, t.space_id, p.number, p.author_id, am.display_name AS author_name,
         ao.name AS author_org, p.body, p.body_html, p.body_text, p.reply_to_id, p.mention_ids,
         p.edit_count, p.edited_at, p.deleted_at, p.hidden_at, p.hidden_reason, p.created_at,
         rp.number AS reply_number, rp.author_id AS reply_author_id, rm.display_name AS reply_author_name,
         ro.name AS reply_author_org,
         CASE WHEN rp.deleted_at IS NULL AND rp.hidden_at IS NULL THEN left(rp.body_text, 400) END AS reply_text
    FROM posts p
    JOIN threads t ON t.id = p.thread_id
    LEFT JOIN members am ON am.id = p.author_id
    LEFT JOIN organizations ao ON ao.id = am.organization_id
    LEFT JOIN posts rp ON rp.id = p.reply_to_id
    LEFT JOIN members rm ON rm.id = rp.author_id
    LEFT JOIN organizations ro ON ro.id = rm.organization_id`;

/** Owns every query on posts, their revisions, reactions and flags. */
@Injectable()
export class PostsRepository {
  constructor(private readonly db: TransactionHost<TypeOrmAfterCommitAdapter>) {}

  private query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.db.tx.query<T[]>(sql, params);
  }

  async findById(id: string): Promise<PostRow | undefined> {
    const [row] = await this.query<PostRow>(`${POST_SELECT} WHERE p.id = $1`, [id]);
    return row;
  }

  findByIds(ids: readonly string[]): Promise<PostRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.query<PostRow>(`${POST_SELECT} WHERE p.id = ANY($1::uuid[])`, [ids]);
  }

  /**
   * A page of the thread in writing order. Hidden posts only for their author and moderators;
   * deleted posts stay as placeholders.
   */
  findPage(
    threadId: string,
    viewer: { id: string; canModerate: boolean },
    afterNumber: number,
    limit: number,
  ): Promise<PostRow[]> {
    return this.query<PostRow>(
      `${POST_SELECT}
        WHERE p.thread_id = $1 AND p.number > $2
          AND (p.hidden_at IS NULL OR $3::boolean OR p.author_id = $4::uuid)
        ORDER BY p.number LIMIT $5`,
      [threadId, afterNumber, viewer.canModerate, viewer.id, limit],
    );
  }

  /** The post's thread and number, when the post belongs to `threadId`. */
  async findInThread(
    threadId: string,
    postId: string,
  ): Promise<{ id: string; number: number; author_id: string | null; gone: boolean } | undefined> {
    const [row] = await this.query<{ id: string; number: number; author_id: string | null; gone: boolean }>(
      `SELECT id, number, author_id, (deleted_at IS NOT NULL OR hidden_at IS NOT NULL) AS gone
         FROM posts WHERE id = $1 AND thread_id = $2`,
      [postId, threadId],
    );
    return row;
  }

  async insert(post: NewPost): Promise<string> {
    const [row] = await this.query<{ id: string }>(
      `INSERT INTO posts (thread_id, number, author_id, body, body_html, body_text, search_title, reply_to_id, mention_ids)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::uuid[]) RETURNING id`,
      [
        post.threadId,
        post.number,
        post.authorId,
        post.body,
        post.html,
        post.text,
        post.searchTitle,
        post.replyToId,
        post.mentionIds,
      ],
    );
    return row.id;
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

  findRevisions(postId: string): Promise<RevisionRow[]> {
    return this.query<RevisionRow>(
      `SELECT r.id, r.post_id, r.revision, r.body, r.edited_by, m.display_name AS editor_name,
              o.name AS editor_org, r.created_at
         FROM post_revisions r
         LEFT JOIN members m ON m.id = r.edited_by
         LEFT JOIN organizations o ON o.id = m.organization_id
        WHERE r.post_id = $1 ORDER BY r.revision`,
      [postId],
    );
  }

  async softDelete(id: string, by: string): Promise<void> {
    await this.query(`UPDATE posts SET deleted_at = now(), deleted_by = $2 WHERE id = $1`, [id, by]);
  }

  async setHidden(id: string, by: string, reason: string): Promise<void> {
    await this.query(`UPDATE posts SET hidden_at = now(), hidden_by = $2, hidden_reason = $3 WHERE id = $1`, [
      id,
      by,
      reason,
    ]);
  }

  async clearHidden(id: string): Promise<void> {
    await this.query(
      `UPDATE posts SET hidden_at = NULL, hidden_by = NULL, hidden_reason = NULL WHERE id = $1`,
      [id],
    );
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
    const removed = await this.query<{ post_id: string }>(
      `WITH gone AS (DELETE FROM post_reactions WHERE post_id = $1 AND member_id = $2 AND emoji = $3 RETURNING post_id)
       SELECT post_id FROM gone`,
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
  findReactions(postIds: readonly string[], viewerId: string | null): Promise<ReactionRow[]> {
    if (postIds.length === 0) return Promise.resolve([]);
    return this.query<ReactionRow>(
      `SELECT post_id, emoji, count(*)::int AS count, coalesce(bool_or(member_id = $2::uuid), false) AS mine
         FROM post_reactions WHERE post_id = ANY($1::uuid[])
        GROUP BY post_id, emoji`,
      [postIds, viewerId],
    );
  }

  /** Active members by id, as posts show them. */
  async findMemberRefs(ids: readonly string[]): Promise<Map<string, MemberRef>> {
    if (ids.length === 0) return new Map();
    const rows = await this.query<{ id: string; display_name: string; org: string | null }>(
      `SELECT m.id, m.display_name, o.name AS org FROM members m
         LEFT JOIN organizations o ON o.id = m.organization_id
        WHERE m.id = ANY($1::uuid[]) AND m.status = 'active'`,
      [ids],
    );
    return new Map(
      rows.map((row) => [row.id, { id: row.id, displayName: row.display_name, organizationName: row.org }]),
    );
  }

  /** Stores an open flag; undefined when the member has an open flag on this post already. */
  async insertFlag(
    postId: string,
    memberId: string,
    reason: string,
  ): Promise<{ id: string; created_at: Date } | undefined> {
    const [row] = await this.query<{ id: string; created_at: Date }>(
      `INSERT INTO post_flags (post_id, member_id, reason) VALUES ($1, $2, $3)
       ON CONFLICT (post_id, member_id) WHERE resolved_at IS NULL DO NOTHING
       RETURNING id, created_at`,
      [postId, memberId, reason],
    );
    return row;
  }
}
