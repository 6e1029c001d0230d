import { Injectable } from '@nestjs/common';
import type { FlagStatus, ModerationLogAction } from '@convergo/contracts';
import { TransactionHost } from '@nestjs-cls/transactional';
import { DESK_TOTAL, type DeskRow } from '../../common/desk/desk-block';
import type { TypeOrmAfterCommitAdapter } from '../../database/transactional-adapter';

const MICROS = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

/** Flags on one post, grouped (columns aliased to camelCase here, at the edge). */
export interface FlagGroupRecord {
  postId: string;
  threadId: string;
  threadTitle: string;
  spaceId: string;
  number: number;
  authorId: string | null;
  authorName: string | null;
  authorOrg: string | null;
  bodyText: string;
  hiddenAt: Date | null;
  deletedAt: Date | null;
  flagCount: number;
  firstAt: Date;
  lastAt: Date;
  sortKey: string;
  resolvedAt: Date | null;
  resolution: string | null;
  reasons: {
    reason: string;
    reporterId: string | null;
    reporterName: string | null;
    reporterOrg: string | null;
    createdAt: string;
  }[];
}

export interface PostTargetRecord {
  id: string;
  threadId: string;
  spaceId: string;
  authorId: string | null;
  number: number;
  title: string;
  hiddenAt: Date | null;
  deletedAt: Date | null;
}

export interface ThreadTargetRecord {
  id: string;
  spaceId: string;
  authorId: string | null;
  title: string;
  lockedAt: Date | null;
  mergedIntoId: string | null;
}

export interface NewLogEntry {
  moderatorId: string;
  action: ModerationLogAction;
  targetType: 'post' | 'thread' | 'member';
  targetId: string;
  memberId: string | null;
  spaceId: string | null;
  reason: string | null;
  details?: Record<string, string | number | boolean | null>;
}

export interface LogRecord {
  id: string;
  action: ModerationLogAction;
  moderatorId: string | null;
  moderatorName: string | null;
  moderatorOrg: string | null;
  targetType: 'post' | 'thread' | 'member';
  targetId: string;
  memberId: string | null;
  memberName: string | null;
  memberOrg: string | null;
  spaceId: string | null;
  reason: string | null;
  details: Record<string, string | number | boolean | null>;
  createdAt: Date;
  sortKey: string;
}

export interface SuspensionRecord {
  id: string;
  memberId: string;
  reason: string;
  startsAt: Date;
  endsAt: Date | null;
  liftedAt: Date | null;
}

export interface WarningRecord {
  id: string;
  createdAt: Date;
}

const SUSPENSION_COLUMNS = `id, member_id AS "memberId", reason, starts_at AS "startsAt", ends_at AS "endsAt",
  lifted_at AS "liftedAt"`;

/**
 * Owns moderation's queries: the flag queue (a read model over post_flags), the moderation log,
 * warnings, suspensions, and the moderator's writes on posts and threads (bulk hide/restore,
 * lock, move, merge) that must share one transaction.
 */
@Injectable()
export class ModerationRepository {
  constructor(private readonly db: TransactionHost<TypeOrmAfterCommitAdapter>) {}

  private query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.db.tx.query<T[]>(sql, params);
  }

  /** Spaces where the member is a space moderator (scoped role). */
  async findModeratedSpaceIds(memberId: string): Promise<string[]> {
    const rows = await this.query<{ spaceId: string }>(
      `SELECT space_id AS "spaceId" FROM space_members WHERE member_id = $1 AND role = 'moderator'`,
      [memberId],
    );
    return rows.map((r) => r.spaceId);
  }

  /** Space moderators of the space who are active members. */
  async findSpaceModerators(spaceId: string): Promise<string[]> {
    const rows = await this.query<{ memberId: string }>(
      `SELECT sm.member_id AS "memberId" FROM space_members sm JOIN members m ON m.id = sm.member_id
        WHERE sm.space_id = $1 AND sm.role = 'moderator' AND m.status = 'active'`,
      [spaceId],
    );
    return rows.map((r) => r.memberId);
  }

  /** Flags grouped per post, oldest first flag first. `spaceIds` null: every space. */
  findFlagGroups(query: {
    status: FlagStatus;
    spaceIds: string[] | null;
    spaceId: string | null;
    after: { key: string; postId: string } | null;
    limit: number;
  }): Promise<FlagGroupRecord[]> {
    return this.query<FlagGroupRecord>(
      `WITH g AS (
         SELECT f.post_id, count(*)::int AS flag_count, min(f.created_at) AS first_at, max(f.created_at) AS last_at,
                max(f.resolved_at) AS resolved_at,
                (array_agg(f.resolution ORDER BY f.resolved_at DESC NULLS LAST))[1] AS resolution,
                jsonb_agg(jsonb_build_object(
                  'reason', f.reason, 'reporterId', f.member_id, 'reporterName', rm.display_name,
                  'reporterOrg', ro.name, 'createdAt', f.created_at) ORDER BY f.created_at) AS reasons
           FROM post_flags f
           LEFT JOIN members rm ON rm.id = f.member_id
           LEFT JOIN organizations ro ON ro.id = rm.organization_id
          WHERE (f.resolved_at IS NULL) = $1
          GROUP BY f.post_id)
       SELECT g.post_id AS "postId", g.flag_count AS "flagCount", g.first_at AS "firstAt",
              g.last_at AS "lastAt", g.resolved_at AS "resolvedAt", g.resolution, g.reasons,
              to_char(g.first_at AT TIME ZONE 'UTC', ${MICROS}) AS "sortKey",
              p.thread_id AS "threadId", t.title AS "threadTitle", t.space_id AS "spaceId", p.number,
              p.author_id AS "authorId", am.display_name AS "authorName", ao.name AS "authorOrg",
              p.body_text AS "bodyText", p.hidden_at AS "hiddenAt", p.deleted_at AS "deletedAt"
         FROM g
         JOIN posts p ON p.id = g.post_id
         JOIN threads t ON t.id = p.thread_id
         LEFT JOIN members am ON am.id = p.author_id
         LEFT JOIN organizations ao ON ao.id = am.organization_id
        WHERE ($2::uuid[] IS NULL OR t.space_id = ANY($2::uuid[]))
          AND ($3::uuid IS NULL OR t.space_id = $3::uuid)
          AND ($4::timestamptz IS NULL OR (g.first_at, p.id) > ($4::timestamptz, $5::uuid))
        ORDER BY g.first_at, p.id
        LIMIT $6`,
      [
        query.status === 'open',
        query.spaceIds,
        query.spaceId,
        query.after?.key ?? null,
        query.after?.postId ?? null,
        query.limit,
      ],
    );
  }

  /**
   * The desk's flag queue: posts with open flags (`spaceIds` null: every space), the latest
   * flagged first, with the flag count and the latest reason.
   */
  findLatestOpenFlags(
    spaceIds: readonly string[] | null,
    limit: number,
  ): Promise<(DeskRow & { threadId: string; number: number })[]> {
    return this.query<DeskRow & { threadId: string; number: number }>(
      `WITH g AS (
         SELECT f.post_id, count(*)::int AS flag_count, max(f.created_at) AS last_at,
                (array_agg(f.reason ORDER BY f.created_at DESC))[1] AS reason
           FROM post_flags f WHERE f.resolved_at IS NULL GROUP BY f.post_id)
       SELECT g.post_id AS id, t.title, g.reason AS detail, g.last_at AS at, g.flag_count AS count,
              'open' AS status, p.thread_id AS "threadId", p.number, ${DESK_TOTAL}
         FROM g JOIN posts p ON p.id = g.post_id JOIN threads t ON t.id = p.thread_id
        WHERE $1::uuid[] IS NULL OR t.space_id = ANY($1::uuid[])
        ORDER BY g.last_at DESC, g.post_id LIMIT $2`,
      [spaceIds, limit],
    );
  }

  /** The posts with their thread, the threads locked for the rest of the transaction. */
  findPostTargets(ids: readonly string[]): Promise<PostTargetRecord[]> {
    return this.query<PostTargetRecord>(
      `SELECT p.id, p.thread_id AS "threadId", t.space_id AS "spaceId", p.author_id AS "authorId", p.number,
              t.title, p.hidden_at AS "hiddenAt", p.deleted_at AS "deletedAt"
         FROM posts p JOIN threads t ON t.id = p.thread_id
        WHERE p.id = ANY($1::uuid[])
        ORDER BY t.id, p.id
          FOR UPDATE OF t`,
      [ids],
    );
  }

  findThreadTargets(ids: readonly string[]): Promise<ThreadTargetRecord[]> {
    return this.query<ThreadTargetRecord>(
      `SELECT id, space_id AS "spaceId", author_id AS "authorId", title, locked_at AS "lockedAt",
              merged_into_id AS "mergedIntoId" FROM threads
        WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [ids],
    );
  }

  /** The thread a merged thread points to; null when it was not merged. */
  async findMergedInto(threadId: string): Promise<string | null> {
    const [row] = await this.query<{ mergedIntoId: string | null }>(
      `SELECT merged_into_id AS "mergedIntoId" FROM threads WHERE id = $1`,
      [threadId],
    );
    return row?.mergedIntoId ?? null;
  }

  /** Closes the post's open flags; answers how many. */
  async resolveFlags(postId: string, by: string, resolution: string): Promise<number> {
    const rows = await this.query<{ id: string }>(
      `WITH resolved AS (
         UPDATE post_flags SET resolved_at = now(), resolved_by = $2, resolution = $3
          WHERE post_id = $1 AND resolved_at IS NULL RETURNING id)
       SELECT id FROM resolved`,
      [postId, by, resolution],
    );
    return rows.length;
  }

  async setLocked(id: string, locked: boolean, by: string): Promise<void> {
    await this.query(
      `UPDATE threads SET locked_at = CASE WHEN $2 THEN now() END,
              locked_by = CASE WHEN $2 THEN $3::uuid END, updated_at = now() WHERE id = $1`,
      [id, locked, by],
    );
  }

  async moveThread(id: string, spaceId: string): Promise<void> {
    await this.query(`UPDATE threads SET space_id = $2, updated_at = now() WHERE id = $1`, [id, spaceId]);
  }

  /**
   * Moves every post of `sourceId` to the end of `targetId` (in writing order), carries the
   * watchers over, and leaves the source as a locked stub pointing at the target.
   */
  async mergeThread(sourceId: string, targetId: string, by: string): Promise<string[]> {
    const moved = await this.query<{ id: string; counted: boolean }>(
      `WITH base AS (SELECT last_number FROM threads WHERE id = $2),
            src AS (SELECT id, row_number() OVER (ORDER BY number) AS rn FROM posts WHERE thread_id = $1),
            moved AS (
              UPDATE posts p SET thread_id = $2, number = base.last_number + src.rn
                FROM src, base WHERE p.id = src.id
              RETURNING p.id, p.number, p.deleted_at IS NULL AND p.hidden_at IS NULL AS counted)
       SELECT id, counted FROM moved ORDER BY number`,
      [sourceId, targetId],
    );
    await this.query(
      `UPDATE threads SET last_number = last_number + $2::int, post_count = post_count + $4::int,
              last_activity_at = greatest(last_activity_at, (SELECT last_activity_at FROM threads WHERE id = $3)),
              updated_at = now()
        WHERE id = $1`,
      [targetId, moved.length, sourceId, moved.filter((r) => r.counted).length],
    );
    await this.query(
      `INSERT INTO thread_subscriptions (thread_id, member_id, level)
       SELECT $2, member_id, level FROM thread_subscriptions WHERE thread_id = $1
       ON CONFLICT (thread_id, member_id) DO NOTHING`,
      [sourceId, targetId],
    );
    await this.query(
      `UPDATE threads SET merged_into_id = $2, post_count = 0, locked_at = coalesce(locked_at, now()),
              locked_by = coalesce(locked_by, $3::uuid), updated_at = now()
        WHERE id = $1`,
      [sourceId, targetId, by],
    );
    return moved.map((r) => r.id);
  }

  async insertLog(entry: NewLogEntry): Promise<void> {
    await this.query(
      `INSERT INTO moderation_log (moderator_id, action, target_type, target_id, member_id, space_id, reason, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
      [
        entry.moderatorId,
        entry.action,
        entry.targetType,
        entry.targetId,
        entry.memberId,
        entry.spaceId,
        entry.reason,
        JSON.stringify(entry.details ?? {}),
      ],
    );
  }

  /** Newest first. `spaceIds` null: everything; otherwise only entries in those spaces. */
  findLogPage(query: {
    spaceIds: string[] | null;
    moderatorId: string | null;
    memberId: string | null;
    before: { key: string; id: string } | null;
    limit: number;
  }): Promise<LogRecord[]> {
    return this.query<LogRecord>(
      `SELECT l.id, l.action, l.moderator_id AS "moderatorId", mm.display_name AS "moderatorName",
              mo.name AS "moderatorOrg", l.target_type AS "targetType", l.target_id AS "targetId",
              l.member_id AS "memberId", tm.display_name AS "memberName", tmo.name AS "memberOrg",
              l.space_id AS "spaceId", l.reason, l.details, l.created_at AS "createdAt",
              to_char(l.created_at AT TIME ZONE 'UTC', ${MICROS}) AS "sortKey"
         FROM moderation_log l
         LEFT JOIN members mm ON mm.id = l.moderator_id
         LEFT JOIN organizations mo ON mo.id = mm.organization_id
         LEFT JOIN members tm ON tm.id = l.member_id
         LEFT JOIN organizations tmo ON tmo.id = tm.organization_id
        WHERE ($1::uuid[] IS NULL OR l.space_id = ANY($1::uuid[]))
          AND ($2::uuid IS NULL OR l.moderator_id = $2::uuid)
          AND ($3::uuid IS NULL OR l.member_id = $3::uuid)
          AND ($4::timestamptz IS NULL OR (l.created_at, l.id) < ($4::timestamptz, $5::uuid))
        ORDER BY l.created_at DESC, l.id DESC
        LIMIT $6`,
      [
        query.spaceIds,
        query.moderatorId,
        query.memberId,
        query.before?.key ?? null,
        query.before?.id ?? null,
        query.limit,
      ],
    );
  }

  async findMember(id: string): Promise<{ id: string; role: string; status: string } | undefined> {
    const [row] = await this.query<{ id: string; role: string; status: string }>(
      `SELECT id, role, status FROM members WHERE id = $1`,
      [id],
    );
    return row;
  }

  async insertWarning(memberId: string, reason: string, by: string): Promise<WarningRecord> {
    const [row] = await this.query<WarningRecord>(
      `INSERT INTO member_warnings (member_id, reason, created_by) VALUES ($1, $2, $3)
       RETURNING id, created_at AS "createdAt"`,
      [memberId, reason, by],
    );
    return row;
  }

  async insertSuspension(
    memberId: string,
    reason: string,
    endsAt: Date | null,
    by: string,
  ): Promise<SuspensionRecord> {
    const [row] = await this.query<SuspensionRecord>(
      `INSERT INTO member_suspensions (member_id, reason, ends_at, created_by) VALUES ($1, $2, $3, $4)
       RETURNING ${SUSPENSION_COLUMNS}`,
      [memberId, reason, endsAt, by],
    );
    return row;
  }

  /** Lifts every suspension of the member still in force; answers those lifted. */
  liftSuspensions(memberId: string, by: string): Promise<SuspensionRecord[]> {
    return this.query<SuspensionRecord>(
      `WITH lifted AS (
         UPDATE member_suspensions SET lifted_at = now(), lifted_by = $2
          WHERE member_id = $1 AND lifted_at IS NULL AND (ends_at IS NULL OR ends_at > now())
         RETURNING id, member_id, reason, starts_at, ends_at, lifted_at)
       SELECT ${SUSPENSION_COLUMNS} FROM lifted ORDER BY starts_at`,
      [memberId, by],
    );
  }
}
