import { Injectable } from '@nestjs/common';
import type { SpaceRole, SpaceVisibility } from '@convergo/contracts';
import { escapeLike, foldForSearch } from '../../common/text';
import { TransactionHost } from '@nestjs-cls/transactional';
import { preparedQuery, preparedStatement } from '../../database/prepared-query';
import type { TypeOrmAfterCommitAdapter } from '../../database/transactional-adapter';
import { isUniqueViolation } from '../../database/postgres-errors';
import { spaceAccessSelect } from './space-access.sql';

/** A space as services see it (columns aliased to camelCase here, at the edge). */
export interface SpaceRecord {
  id: string;
  name: string;
  description: string;
  visibility: SpaceVisibility;
  labId: string | null;
  /** The working group of a coaching space. */
  labGroupId: string | null;
  /** The twinning of a twinning space. */
  twinningId: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** The viewer's scoped role (space_members), when a viewer was given. */
  viewerRole: SpaceRole | null;
  following: boolean;
  threadCount: number;
  lastActivityAt: Date | null;
}

/** What deciding a member's access to a space needs: no counts, no following. */
export type SpaceAccessRecord = Pick<
  SpaceRecord,
  'id' | 'name' | 'visibility' | 'labId' | 'labGroupId' | 'twinningId' | 'viewerRole'
>;

export interface SpaceMemberRecord {
  spaceId: string;
  memberId: string;
  displayName: string;
  organizationName: string | null;
  role: SpaceRole;
  createdAt: Date;
}

export interface NewSpace {
  name: string;
  description: string;
  visibility: SpaceVisibility;
  /** Set exactly when the visibility is `lab`. */
  labId: string | null;
  /** Set exactly when the visibility is `coaching`. */
  labGroupId?: string | null;
  /** Set exactly when the visibility is `twinning`. */
  twinningId?: string | null;
  createdBy: string | null;
}

/** `labId` is written whenever `visibility` is: null for every visibility but `lab`. */
export type SpaceChanges = Partial<Pick<NewSpace, 'name' | 'description' | 'visibility' | 'labId'>>;

export interface SpacePageQuery {
  viewerId: string;
  /** Global moderators and admins read every space. */
  readsAll: boolean;
  /** The labs the viewer is a participant or tutor of: their lab spaces are readable. */
  labIds: readonly string[];
  /** The working groups whose coaching space the viewer reads (their own, and every group of a lab they tutor). */
  groupIds: readonly string[];
  /** The twinnings whose space the viewer reads (their administration is a party). */
  twinningIds: readonly string[];
  /** Admins read coaching spaces too; global moderators (also `readsAll`) do not. */
  admin: boolean;
  q?: string;
  limit: number;
  after?: { name: string; id: string };
}

const SPACE_SELECT = `
  SELECT s.id, s.name, s.description, s.visibility, s.lab_id AS "labId", s.lab_group_id AS "labGroupId",
         s.twinning_id AS "twinningId",
         s.created_at AS "createdAt",
         s.updated_at AS "updatedAt", sm.role AS "viewerRole",
         (ss.member_id IS NOT NULL) AS following,
         (SELECT count(*)::int FROM threads t WHERE t.space_id = s.id) AS "threadCount",
         (SELECT max(t.last_activity_at) FROM threads t WHERE t.space_id = s.id) AS "lastActivityAt"
    FROM spaces s
    LEFT JOIN space_members sm ON sm.space_id = s.id AND sm.member_id = $1::uuid
    LEFT JOIN space_subscriptions ss ON ss.space_id = s.id AND ss.member_id = $1::uuid`;

/**
 * Who may read a space, in SQL, apart from lab participation and working groups (which belong to
 * the labs module and are added by SpacesService): public, or a scoped role in it, or an admin, or
 * a global moderator unless it is a coaching space.
 */
const READER_CONDITION = `(s.visibility = 'public' OR m.role = 'admin'
  OR (m.role = 'moderator' AND s.visibility NOT IN ('coaching', 'twinning'))
  OR EXISTS (SELECT 1 FROM space_members sm WHERE sm.space_id = s.id AND sm.member_id = m.id))`;

const MEMBER_COLUMNS = `sm.space_id AS "spaceId", sm.member_id AS "memberId", m.display_name AS "displayName",
  o.name AS "organizationName", sm.role, sm.created_at AS "createdAt"`;

const SPACE_BY_ID = preparedStatement('spaces.by_id', `${SPACE_SELECT} WHERE s.id = $2`);

/** Every thread and post read checks this: it counts nothing ($1 viewer, $2 space). */
const SPACE_ACCESS = preparedStatement('spaces.access', spaceAccessSelect('$2', '$1::uuid'));

/** Owns every query on spaces, their rosters and their followers. */
@Injectable()
export class SpacesRepository {
  constructor(private readonly db: TransactionHost<TypeOrmAfterCommitAdapter>) {}

  private query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.db.tx.query<T[]>(sql, params);
  }

  /**
   * The space as `viewerId` sees it (role, following), or undefined. Prepared: every read of a
   * space's content and every room check asks it.
   */
  async findById(id: string, viewerId: string | null): Promise<SpaceRecord | undefined> {
    const [row] = await preparedQuery<SpaceRecord>(this.db.tx, SPACE_BY_ID, [viewerId, id]);
    return row;
  }

  async findAccessById(id: string, viewerId: string | null): Promise<SpaceAccessRecord | undefined> {
    const [row] = await preparedQuery<SpaceAccessRecord>(this.db.tx, SPACE_ACCESS, [viewerId, id]);
    return row;
  }

  async findCoachingSpaceId(groupId: string): Promise<string | undefined> {
    const [row] = await this.query<{ id: string }>(`SELECT id FROM spaces WHERE lab_group_id = $1`, [
      groupId,
    ]);
    return row?.id;
  }

  /** The coaching spaces of these groups, by group id (groups without one are absent). */
  async findCoachingSpaceIds(groupIds: readonly string[]): Promise<Map<string, string>> {
    if (groupIds.length === 0) return new Map();
    const rows = await this.query<{ id: string; groupId: string }>(
      `SELECT id, lab_group_id AS "groupId" FROM spaces WHERE lab_group_id = ANY($1::uuid[])`,
      [groupIds],
    );
    return new Map(rows.map((row) => [row.groupId, row.id]));
  }

  /** The spaces of these twinnings, by twinning id (twinnings without one are absent). */
  async findTwinningSpaceIds(twinningIds: readonly string[]): Promise<Map<string, string>> {
    if (twinningIds.length === 0) return new Map();
    const rows = await this.query<{ id: string; twinningId: string }>(
      `SELECT id, twinning_id AS "twinningId" FROM spaces WHERE twinning_id = ANY($1::uuid[])`,
      [twinningIds],
    );
    return new Map(rows.map((row) => [row.twinningId, row.id]));
  }

  /** Inserts the space; undefined when the name is taken (compared without case). */
  async insert(space: NewSpace): Promise<string | undefined> {
    const [row] = await this.query<{ id: string }>(
      `INSERT INTO spaces (name, description, visibility, lab_id, lab_group_id, twinning_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT ((lower(name))) DO NOTHING RETURNING id`,
      [
        space.name,
        space.description,
        space.visibility,
        space.labId,
        space.labGroupId ?? null,
        space.twinningId ?? null,
        space.createdBy,
      ],
    );
    return row?.id;
  }

  /** Applies the changes; false when the new name is taken. */
  async update(id: string, changes: SpaceChanges): Promise<boolean> {
    if (changes.name !== undefined) {
      const taken = await this.query(`SELECT 1 FROM spaces WHERE lower(name) = lower($1) AND id <> $2`, [
        changes.name,
        id,
      ]);
      if (taken.length > 0) return false;
    }
    try {
      await this.query(
        `UPDATE spaces SET name = coalesce($2, name), description = coalesce($3, description),
                visibility = coalesce($4, visibility),
                lab_id = CASE WHEN $4::text IS NULL THEN lab_id ELSE $5::uuid END,
                updated_at = now() WHERE id = $1`,
        [
          id,
          changes.name ?? null,
          changes.description ?? null,
          changes.visibility ?? null,
          changes.labId ?? null,
        ],
      );
      return true;
    } catch (error) {
      // A concurrent rename took the name between the check and the update.
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /** The spaces the viewer may read, in name order. */
  findPage(query: SpacePageQuery): Promise<SpaceRecord[]> {
    const params: unknown[] = [query.viewerId];
    const where: string[] = [];
    const groups = () => {
      params.push(query.groupIds);
      return `(s.visibility = 'coaching' AND s.lab_group_id = ANY($${params.length}::uuid[]))`;
    };
    const twinnings = () => {
      params.push(query.twinningIds);
      return `(s.visibility = 'twinning' AND s.twinning_id = ANY($${params.length}::uuid[]))`;
    };
    if (!query.readsAll) {
      params.push(query.labIds);
      const labs = `(s.visibility = 'lab' AND s.lab_id = ANY($${params.length}::uuid[]))`;
      where.push(
        `(s.visibility = 'public' OR sm.role IS NOT NULL OR ${labs} OR ${groups()} OR ${twinnings()})`,
      );
    } else if (!query.admin) {
      where.push(`(s.visibility NOT IN ('coaching', 'twinning') OR ${groups()} OR ${twinnings()})`);
    }
    if (query.q) {
      params.push(`%${escapeLike(foldForSearch(query.q))}%`);
      where.push(`lower(unaccent(s.name)) LIKE $${params.length} ESCAPE '\\'`);
    }
    if (query.after) {
      params.push(query.after.name, query.after.id);
      where.push(`(s.name, s.id) > ($${params.length - 1}, $${params.length}::uuid)`);
    }
    params.push(query.limit);
    return this.query<SpaceRecord>(
      `${SPACE_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY s.name, s.id LIMIT $${params.length}`,
      params,
    );
  }

  findMemberPage(
    spaceId: string,
    limit: number,
    after?: { displayName: string; id: string },
  ): Promise<SpaceMemberRecord[]> {
    const params: unknown[] = [spaceId, limit];
    let keyset = '';
    if (after) {
      params.push(after.displayName, after.id);
      keyset = `AND (m.display_name, m.id) > ($3, $4::uuid)`;
    }
    return this.query<SpaceMemberRecord>(
      `SELECT ${MEMBER_COLUMNS}
         FROM space_members sm
         JOIN members m ON m.id = sm.member_id
         LEFT JOIN organizations o ON o.id = m.organization_id
        WHERE sm.space_id = $1 ${keyset}
        ORDER BY m.display_name, m.id LIMIT $2`,
      params,
    );
  }

  async findMember(spaceId: string, memberId: string): Promise<SpaceMemberRecord | undefined> {
    const [row] = await this.query<SpaceMemberRecord>(
      `SELECT ${MEMBER_COLUMNS}
         FROM space_members sm
         JOIN members m ON m.id = sm.member_id
         LEFT JOIN organizations o ON o.id = m.organization_id
        WHERE sm.space_id = $1 AND sm.member_id = $2`,
      [spaceId, memberId],
    );
    return row;
  }

  async upsertMember(spaceId: string, memberId: string, role: SpaceRole, addedBy: string): Promise<void> {
    await this.query(
      `INSERT INTO space_members (space_id, member_id, role, added_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (space_id, member_id) DO UPDATE SET role = EXCLUDED.role`,
      [spaceId, memberId, role, addedBy],
    );
  }

  async removeMember(spaceId: string, memberId: string): Promise<void> {
    await this.query(`DELETE FROM space_members WHERE space_id = $1 AND member_id = $2`, [spaceId, memberId]);
  }

  async follow(spaceId: string, memberId: string): Promise<void> {
    await this.query(
      `INSERT INTO space_subscriptions (space_id, member_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [spaceId, memberId],
    );
  }

  async unfollow(spaceId: string, memberId: string): Promise<void> {
    await this.query(`DELETE FROM space_subscriptions WHERE space_id = $1 AND member_id = $2`, [
      spaceId,
      memberId,
    ]);
  }

  /** Which of `memberIds` are active members who may read the space now. */
  async filterReaders(spaceId: string, memberIds: readonly string[]): Promise<Set<string>> {
    if (memberIds.length === 0) return new Set();
    const rows = await this.query<{ id: string }>(
      `SELECT m.id FROM members m JOIN spaces s ON s.id = $1
        WHERE m.id = ANY($2::uuid[]) AND m.status = 'active' AND ${READER_CONDITION}`,
      [spaceId, memberIds],
    );
    return new Set(rows.map((row) => row.id));
  }

  /** Followers of the space who may still read it. */
  async findFollowers(spaceId: string): Promise<string[]> {
    const rows = await this.query<{ id: string }>(
      `SELECT m.id FROM space_subscriptions f
         JOIN members m ON m.id = f.member_id
         JOIN spaces s ON s.id = f.space_id
        WHERE f.space_id = $1 AND m.status = 'active' AND ${READER_CONDITION}`,
      [spaceId],
    );
    return rows.map((row) => row.id);
  }

  /** Active followers of the space, whether or not they may still read it. */
  async findActiveFollowers(spaceId: string): Promise<string[]> {
    const rows = await this.query<{ id: string }>(
      `SELECT m.id FROM space_subscriptions f JOIN members m ON m.id = f.member_id
        WHERE f.space_id = $1 AND m.status = 'active'`,
      [spaceId],
    );
    return rows.map((row) => row.id);
  }

  /** Ids of the spaces the viewer may read (search and cross-space lists filter on them). */
  async findReadableIds(
    viewerId: string,
    reads: Pick<SpacePageQuery, 'readsAll' | 'admin' | 'labIds' | 'groupIds' | 'twinningIds'>,
  ): Promise<string[]> {
    const coaching = (param: number) =>
      `(s.visibility = 'coaching' AND s.lab_group_id = ANY($${param}::uuid[]))`;
    const twinning = (param: number) =>
      `(s.visibility = 'twinning' AND s.twinning_id = ANY($${param}::uuid[]))`;
    let rows: { id: string }[];
    if (reads.admin) rows = await this.query<{ id: string }>(`SELECT id FROM spaces`, []);
    else if (reads.readsAll) {
      rows = await this.query<{ id: string }>(
        `SELECT s.id FROM spaces s
          WHERE s.visibility NOT IN ('coaching', 'twinning') OR ${coaching(1)} OR ${twinning(2)}`,
        [reads.groupIds, reads.twinningIds],
      );
    } else {
      rows = await this.query<{ id: string }>(
        `SELECT s.id FROM spaces s
          WHERE s.visibility = 'public'
             OR (s.visibility = 'lab' AND s.lab_id = ANY($2::uuid[]))
             OR ${coaching(3)}
             OR ${twinning(4)}
             OR EXISTS (SELECT 1 FROM space_members sm WHERE sm.space_id = s.id AND sm.member_id = $1)`,
        [viewerId, reads.labIds, reads.groupIds, reads.twinningIds],
      );
    }
    return rows.map((row) => row.id);
  }

  async findIdByName(name: string): Promise<string | undefined> {
    const [row] = await this.query<{ id: string }>(`SELECT id FROM spaces WHERE lower(name) = lower($1)`, [
      name,
    ]);
    return row?.id;
  }

  /** Names of spaces, for notifications and search hits. */
  async findNames(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.query<{ id: string; name: string }>(
      `SELECT id, name FROM spaces WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  /** The threads of a space, for re-checking who may follow their rooms. */
  async findThreadIds(spaceId: string): Promise<string[]> {
    const rows = await this.query<{ id: string }>(`SELECT id FROM threads WHERE space_id = $1`, [spaceId]);
    return rows.map((row) => row.id);
  }
}
