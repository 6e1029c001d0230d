import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { LabAmbito, LabRole, LabStatus } from '@convergo/contracts';
import { DESK_TOTAL, type DeskRow } from '../../common/desk/desk-block';
import type { TypeOrmAfterCommitAdapter } from '../../database/transactional-adapter';
import { isUniqueViolation } from '../../database/postgres-errors';

/** A lab as the service sees it (columns aliased to camelCase here, at the edge). */
export interface LabRecord {
  id: string;
  programmeId: string | null;
  title: string;
  ambito: LabAmbito;
  description: string;
  objectives: string;
  expectedResults: string;
  targetAdministrations: string;
  capacity: number | null;
  status: LabStatus;
  regions: string[];
  createdAt: Date;
  participantCount: number;
  tutorCount: number;
  groupCount: number;
  /** The viewer's role in the lab, when a viewer was given. */
  myRole: LabRole | null;
}

export interface LabParticipantRecord {
  labId: string;
  memberId: string;
  displayName: string;
  organizationName: string | null;
  role: LabRole;
  createdAt: Date;
}

/** A participant as registers show them: with their administration and when they were enrolled. */
export interface LabRosterRecord {
  memberId: string;
  displayName: string;
  organizationId: string | null;
  organizationName: string | null;
  region: string | null;
  enrolledAt: Date;
}

export interface LabGroupRecord {
  id: string;
  labId: string;
  name: string;
  createdAt: Date;
}

export interface LabGroupMemberRecord {
  groupId: string;
  memberId: string;
  displayName: string;
  organizationName: string | null;
}

/** The lab's own fields (what create and update write). */
export interface LabFields {
  programmeId: string | null;
  title: string;
  ambito: LabAmbito;
  description: string;
  objectives: string;
  expectedResults: string;
  targetAdministrations: string;
  capacity: number | null;
  regions: string[];
}

export interface NewLab extends LabFields {
  status: LabStatus;
  createdBy: string | null;
}

export interface LabCatalogueFilter {
  ambito?: LabAmbito;
  status?: LabStatus;
  region?: string;
}

/** Field → column, for partial updates. */
const LAB_COLUMNS: Record<keyof LabFields, string> = {
  programmeId: 'programme_id',
  title: 'title',
  ambito: 'ambito',
  description: 'description',
  objectives: 'objectives',
  expectedResults: 'expected_results',
  targetAdministrations: 'target_administrations',
  capacity: 'capacity',
  regions: 'regions',
};

const LAB_SELECT = `
  SELECT l.id, l.programme_id AS "programmeId", l.title, l.ambito, l.description, l.objectives,
         l.expected_results AS "expectedResults", l.target_administrations AS "targetAdministrations",
         l.capacity, l.status, l.regions, l.created_at AS "createdAt",
         (SELECT count(*)::int FROM lab_participants p WHERE p.lab_id = l.id AND p.role = 'participant')
           AS "participantCount",
         (SELECT count(*)::int FROM lab_participants p WHERE p.lab_id = l.id AND p.role = 'tutor') AS "tutorCount",
         (SELECT count(*)::int FROM lab_groups g WHERE g.lab_id = l.id) AS "groupCount",
         mine.role AS "myRole"
    FROM labs l
    LEFT JOIN lab_participants mine ON mine.lab_id = l.id AND mine.member_id = $1::uuid`;

const PARTICIPANT_SELECT = `
  SELECT p.lab_id AS "labId", p.member_id AS "memberId", m.display_name AS "displayName",
         o.name AS "organizationName", p.role, p.created_at AS "createdAt"
    FROM lab_participants p
    JOIN members m ON m.id = p.member_id
    LEFT JOIN organizations o ON o.id = m.organization_id`;

const GROUP_COLUMNS = `id, lab_id AS "labId", name, created_at AS "createdAt"`;

/** Owns every query on labs, their participants and working groups. */
@Injectable()
export class LabsRepository {
  constructor(private readonly db: TransactionHost<TypeOrmAfterCommitAdapter>) {}

  private query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.db.tx.query<T[]>(sql, params);
  }

  async findById(id: string, viewerId: string | null): Promise<LabRecord | undefined> {
    const [row] = await this.query<LabRecord>(`${LAB_SELECT} WHERE l.id = $2`, [viewerId, id]);
    return row;
  }

  /**
   * The desk's labs of a member (not closed), running ones first, each with the member's working
   * groups in it as the detail.
   */
  findDeskLabs(memberId: string, limit: number): Promise<DeskRow[]> {
    return this.query<DeskRow>(
      `SELECT l.id, l.title, l.status, NULL AS at, NULL AS count,
              (SELECT string_agg(g.name, ', ' ORDER BY g.name)
                 FROM lab_group_members gm JOIN lab_groups g ON g.id = gm.group_id
                WHERE gm.lab_id = l.id AND gm.member_id = $1) AS detail,
              ${DESK_TOTAL}
         FROM lab_participants lp JOIN labs l ON l.id = lp.lab_id
        WHERE lp.member_id = $1 AND l.status <> 'closed'
        ORDER BY l.status = 'running' DESC, l.title, l.id LIMIT $2`,
      [memberId, limit],
    );
  }

  /** The catalogue, in title order, filtered by ambito, status and targeted region. */
  findPage(
    viewerId: string,
    filter: LabCatalogueFilter,
    limit: number,
    after?: { title: string; id: string },
  ): Promise<LabRecord[]> {
    const params: unknown[] = [viewerId, limit];
    const where: string[] = [];
    if (filter.ambito) where.push(`l.ambito = $${params.push(filter.ambito)}`);
    if (filter.status) where.push(`l.status = $${params.push(filter.status)}`);
    if (filter.region) where.push(`$${params.push(filter.region)} = ANY(l.regions)`);
    if (after) {
      const title = params.push(after.title);
      const id = params.push(after.id);
      where.push(`(l.title, l.id) > ($${title}, $${id}::uuid)`);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    return this.query<LabRecord>(`${LAB_SELECT} ${clause} ORDER BY l.title, l.id LIMIT $2`, params);
  }

  /** Inserts the lab; undefined when the title is taken (compared without case). */
  async insert(lab: NewLab): Promise<string | undefined> {
    const [row] = await this.query<{ id: string }>(
      `INSERT INTO labs (programme_id, title, ambito, description, objectives, expected_results,
                         target_administrations, capacity, status, regions, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::text[], $11)
       ON CONFLICT ((lower(title))) DO NOTHING RETURNING id`,
      [
        lab.programmeId,
        lab.title,
        lab.ambito,
        lab.description,
        lab.objectives,
        lab.expectedResults,
        lab.targetAdministrations,
        lab.capacity,
        lab.status,
        lab.regions,
        lab.createdBy,
      ],
    );
    return row?.id;
  }

  /** Writes the given fields; false when the new title is taken by another lab. */
  async update(id: string, patch: Partial<LabFields>): Promise<boolean> {
    const entries = Object.entries(patch) as [keyof LabFields, unknown][];
    if (entries.length === 0) return true;
    const params: unknown[] = [id];
    const sets = entries.map(([field, value]) => {
      const cast = field === 'regions' ? '::text[]' : '';
      return `${LAB_COLUMNS[field]} = $${params.push(value)}${cast}`;
    });
    try {
      await this.query(`UPDATE labs SET ${sets.join(', ')} WHERE id = $1`, params);
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /** Compare-and-set: false when the lab is no longer in `from` (a concurrent change won). */
  async updateStatus(id: string, from: LabStatus, to: LabStatus): Promise<boolean> {
    const rows = await this.query<{ id: string }>(
      `WITH moved AS (UPDATE labs SET status = $3 WHERE id = $1 AND status = $2 RETURNING id) SELECT id FROM moved`,
      [id, from, to],
    );
    return rows.length > 0;
  }

  /** Status and capacity, locking the lab row until the transaction ends (enrolment counts against it). */
  async findStatusAndCapacity(
    id: string,
    lock = false,
  ): Promise<{ status: LabStatus; capacity: number | null } | undefined> {
    const [row] = await this.query<{ status: LabStatus; capacity: number | null }>(
      `SELECT status, capacity FROM labs WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return row;
  }

  async countParticipants(labId: string): Promise<number> {
    const [row] = await this.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM lab_participants WHERE lab_id = $1 AND role = 'participant'`,
      [labId],
    );
    return row.n;
  }

  /** Adds `memberIds` as participants where they have no role yet; answers those added. */
  async insertParticipants(
    labId: string,
    memberIds: readonly string[],
    addedBy: string | null,
  ): Promise<string[]> {
    if (memberIds.length === 0) return [];
    const rows = await this.query<{ member_id: string }>(
      `INSERT INTO lab_participants (lab_id, member_id, role, added_by)
       SELECT $1, m, 'participant', $3 FROM unnest($2::uuid[]) AS m
       ON CONFLICT (lab_id, member_id) DO NOTHING RETURNING member_id`,
      [labId, memberIds, addedBy],
    );
    return rows.map((row) => row.member_id);
  }

  async findIdByTitle(title: string): Promise<string | undefined> {
    const [row] = await this.query<{ id: string }>(`SELECT id FROM labs WHERE lower(title) = lower($1)`, [
      title,
    ]);
    return row?.id;
  }

  async exists(id: string): Promise<boolean> {
    return (await this.query(`SELECT 1 FROM labs WHERE id = $1`, [id])).length > 0;
  }

  async findRole(memberId: string, labId: string): Promise<LabRole | null> {
    const [row] = await this.query<{ role: LabRole }>(
      `SELECT role FROM lab_participants WHERE lab_id = $1 AND member_id = $2`,
      [labId, memberId],
    );
    return row?.role ?? null;
  }

  async findActivePeople(labId: string): Promise<string[]> {
    const rows = await this.query<{ id: string }>(
      `SELECT p.member_id AS id FROM lab_participants p JOIN members m ON m.id = p.member_id
        WHERE p.lab_id = $1 AND m.status = 'active' ORDER BY p.member_id`,
      [labId],
    );
    return rows.map((row) => row.id);
  }

  async findLabIdsOf(memberId: string): Promise<string[]> {
    const rows = await this.query<{ lab_id: string }>(
      `SELECT lab_id FROM lab_participants WHERE member_id = $1`,
      [memberId],
    );
    return rows.map((row) => row.lab_id);
  }

  /** Which of `memberIds` are active members with a role in the lab. */
  async filterParticipants(labId: string, memberIds: readonly string[]): Promise<Set<string>> {
    if (memberIds.length === 0) return new Set();
    const rows = await this.query<{ member_id: string }>(
      `SELECT p.member_id FROM lab_participants p JOIN members m ON m.id = p.member_id
        WHERE p.lab_id = $1 AND p.member_id = ANY($2::uuid[]) AND m.status = 'active'`,
      [labId, memberIds],
    );
    return new Set(rows.map((row) => row.member_id));
  }

  /** The lab's participants (tutors excluded), by name; only `memberIds` when given. */
  findRoster(labId: string, memberIds?: readonly string[]): Promise<LabRosterRecord[]> {
    const params: unknown[] = [labId];
    const only = memberIds ? `AND p.member_id = ANY($${params.push(memberIds)}::uuid[])` : '';
    return this.query<LabRosterRecord>(
      `SELECT p.member_id AS "memberId", m.display_name AS "displayName", o.id AS "organizationId",
              o.name AS "organizationName", o.region, p.created_at AS "enrolledAt"
         FROM lab_participants p
         JOIN members m ON m.id = p.member_id
         LEFT JOIN organizations o ON o.id = m.organization_id
        WHERE p.lab_id = $1 AND p.role = 'participant' ${only}
        ORDER BY m.display_name, p.member_id`,
      params,
    );
  }

  async findTutorIds(labId: string): Promise<string[]> {
    const rows = await this.query<{ member_id: string }>(
      `SELECT member_id FROM lab_participants WHERE lab_id = $1 AND role = 'tutor' ORDER BY member_id`,
      [labId],
    );
    return rows.map((row) => row.member_id);
  }

  findParticipantPage(
    labId: string,
    limit: number,
    after?: { displayName: string; id: string },
  ): Promise<LabParticipantRecord[]> {
    const params: unknown[] = [labId, limit];
    let keyset = '';
    if (after) {
      params.push(after.displayName, after.id);
      keyset = `AND (m.display_name, m.id) > ($3, $4::uuid)`;
    }
    return this.query<LabParticipantRecord>(
      `${PARTICIPANT_SELECT} WHERE p.lab_id = $1 ${keyset} ORDER BY m.display_name, m.id LIMIT $2`,
      params,
    );
  }

  async findParticipant(labId: string, memberId: string): Promise<LabParticipantRecord | undefined> {
    const [row] = await this.query<LabParticipantRecord>(
      `${PARTICIPANT_SELECT} WHERE p.lab_id = $1 AND p.member_id = $2`,
      [labId, memberId],
    );
    return row;
  }

  async upsertParticipant(
    labId: string,
    memberId: string,
    role: LabRole,
    addedBy: string | null,
  ): Promise<void> {
    await this.query(
      `INSERT INTO lab_participants (lab_id, member_id, role, added_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (lab_id, member_id) DO UPDATE SET role = EXCLUDED.role`,
      [labId, memberId, role, addedBy],
    );
  }

  /** Also removes the member from the lab's working groups (foreign key cascade). */
  async removeParticipant(labId: string, memberId: string): Promise<void> {
    await this.query(`DELETE FROM lab_participants WHERE lab_id = $1 AND member_id = $2`, [labId, memberId]);
  }

  /** Inserts the group; undefined when the lab already has a group with this name. */
  async insertGroup(labId: string, name: string): Promise<LabGroupRecord | undefined> {
    try {
      const [row] = await this.query<LabGroupRecord>(
        `INSERT INTO lab_groups (lab_id, name) VALUES ($1, $2) RETURNING ${GROUP_COLUMNS}`,
        [labId, name],
      );
      return row;
    } catch (error) {
      if (isUniqueViolation(error)) return undefined;
      throw error;
    }
  }

  async findGroup(groupId: string): Promise<LabGroupRecord | undefined> {
    const [row] = await this.query<LabGroupRecord>(`SELECT ${GROUP_COLUMNS} FROM lab_groups WHERE id = $1`, [
      groupId,
    ]);
    return row;
  }

  async findGroupByName(labId: string, name: string): Promise<LabGroupRecord | undefined> {
    const [row] = await this.query<LabGroupRecord>(
      `SELECT ${GROUP_COLUMNS} FROM lab_groups WHERE lab_id = $1 AND lower(name) = lower($2)`,
      [labId, name],
    );
    return row;
  }

  findGroupPage(
    labId: string,
    limit: number,
    after?: { name: string; id: string },
  ): Promise<LabGroupRecord[]> {
    const params: unknown[] = [labId, limit];
    let keyset = '';
    if (after) {
      params.push(after.name, after.id);
      keyset = `AND (name, id) > ($3, $4::uuid)`;
    }
    return this.query<LabGroupRecord>(
      `SELECT ${GROUP_COLUMNS} FROM lab_groups WHERE lab_id = $1 ${keyset}
        ORDER BY name, id LIMIT $2`,
      params,
    );
  }

  /** The members of each group, by name (one query for a page of groups). */
  async findGroupMembers(groupIds: readonly string[]): Promise<LabGroupMemberRecord[]> {
    if (groupIds.length === 0) return [];
    return this.query<LabGroupMemberRecord>(
      `SELECT gm.group_id AS "groupId", gm.member_id AS "memberId", m.display_name AS "displayName",
              o.name AS "organizationName"
         FROM lab_group_members gm
         JOIN members m ON m.id = gm.member_id
         LEFT JOIN organizations o ON o.id = m.organization_id
        WHERE gm.group_id = ANY($1::uuid[])
        ORDER BY m.display_name, m.id`,
      [groupIds],
    );
  }

  async addGroupMember(labId: string, groupId: string, memberId: string): Promise<void> {
    await this.query(
      `INSERT INTO lab_group_members (group_id, lab_id, member_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [groupId, labId, memberId],
    );
  }

  /** False when the member was not in the group. */
  async removeGroupMember(groupId: string, memberId: string): Promise<boolean> {
    // A bare DELETE answers [rows, count] through TypeORM; a SELECT over it answers rows.
    const [row] = await this.query<{ n: number }>(
      `WITH removed AS (DELETE FROM lab_group_members WHERE group_id = $1 AND member_id = $2 RETURNING 1)
       SELECT count(*)::int AS n FROM removed`,
      [groupId, memberId],
    );
    return row.n > 0;
  }

  async isGroupMember(memberId: string, groupId: string): Promise<boolean> {
    const rows = await this.query(`SELECT 1 FROM lab_group_members WHERE group_id = $1 AND member_id = $2`, [
      groupId,
      memberId,
    ]);
    return rows.length > 0;
  }

  async findCoachedGroupIds(memberId: string): Promise<string[]> {
    const rows = await this.query<{ id: string }>(
      `SELECT gm.group_id AS id FROM lab_group_members gm WHERE gm.member_id = $1
       UNION
       SELECT g.id FROM lab_groups g
         JOIN lab_participants p ON p.lab_id = g.lab_id AND p.member_id = $1 AND p.role = 'tutor'`,
      [memberId],
    );
    return rows.map((row) => row.id);
  }

  /**
   * The groups whose coaching the member takes part in (theirs, and every group of the labs they
   * tutor), with their lab's title, in one query: lab title, then group name.
   */
  findCoachedGroups(
    memberId: string,
    labId?: string,
  ): Promise<{ id: string; labId: string; name: string; labTitle: string }[]> {
    return this.query(
      `SELECT g.id, g.lab_id AS "labId", g.name, l.title AS "labTitle"
         FROM lab_groups g JOIN labs l ON l.id = g.lab_id
        WHERE ($2::uuid IS NULL OR g.lab_id = $2)
          AND (EXISTS (SELECT 1 FROM lab_group_members gm WHERE gm.group_id = g.id AND gm.member_id = $1)
               OR EXISTS (SELECT 1 FROM lab_participants p
                           WHERE p.lab_id = g.lab_id AND p.member_id = $1 AND p.role = 'tutor'))
        ORDER BY l.title, g.name, g.id`,
      [memberId, labId ?? null],
    );
  }

  /** The working groups the member belongs to. */
  async findOwnGroupIds(memberId: string): Promise<string[]> {
    const rows = await this.query<{ id: string }>(
      `SELECT group_id AS id FROM lab_group_members WHERE member_id = $1`,
      [memberId],
    );
    return rows.map((row) => row.id);
  }

  /** The labs the member tutors. */
  async findTutoredLabIds(memberId: string): Promise<string[]> {
    const rows = await this.query<{ id: string }>(
      `SELECT lab_id AS id FROM lab_participants WHERE member_id = $1 AND role = 'tutor'`,
      [memberId],
    );
    return rows.map((row) => row.id);
  }

  /** The groups of every lab the member has a role in (their documents are readable to them). */
  async findGroupIdsInLabsOf(memberId: string): Promise<string[]> {
    const rows = await this.query<{ id: string }>(
      `SELECT g.id FROM lab_groups g JOIN lab_participants p ON p.lab_id = g.lab_id WHERE p.member_id = $1`,
      [memberId],
    );
    return rows.map((row) => row.id);
  }
}
