import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { LabAmbito, LabRole } from '@convergo/contracts';
import { DataSource, QueryFailedError } from 'typeorm';
import { ambientManager } from '../../database/transaction-context';

export interface LabRow {
  id: string;
  programme_id: string | null;
  title: string;
  ambito: LabAmbito;
  description: string;
  created_at: Date;
  participant_count: number;
  tutor_count: number;
  group_count: number;
  /** The viewer's role in the lab, when a viewer was given. */
  my_role: LabRole | null;
}

export interface LabParticipantRow {
  lab_id: string;
  member_id: string;
  display_name: string;
  organization_name: string | null;
  role: LabRole;
  created_at: Date;
}

export interface LabGroupRow {
  id: string;
  lab_id: string;
  name: string;
  created_at: Date;
}

export interface LabGroupMemberRow {
  group_id: string;
  member_id: string;
  display_name: string;
  organization_name: string | null;
}

export interface NewLab {
  programmeId: string | null;
  title: string;
  ambito: LabAmbito;
  description: string;
  createdBy: string | null;
}

const LAB_SELECT = `
  SELECT l.id, l.programme_id, l.title, l.ambito, l.description, l.created_at,
         (SELECT count(*)::int FROM lab_participants p WHERE p.lab_id = l.id AND p.role = 'participant')
           AS participant_count,
         (SELECT count(*)::int FROM lab_participants p WHERE p.lab_id = l.id AND p.role = 'tutor') AS tutor_count,
         (SELECT count(*)::int FROM lab_groups g WHERE g.lab_id = l.id) AS group_count,
         mine.role AS my_role
    FROM labs l
    LEFT JOIN lab_participants mine ON mine.lab_id = l.id AND mine.member_id = $1::uuid`;

const PARTICIPANT_SELECT = `
  SELECT p.lab_id, p.member_id, m.display_name, o.name AS organization_name, p.role, p.created_at
    FROM lab_participants p
    JOIN members m ON m.id = p.member_id
    LEFT JOIN organizations o ON o.id = m.organization_id`;

function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505';
}

/** Owns every query on labs, their participants and working groups. */
@Injectable()
export class LabsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return ambientManager(this.dataSource.manager).query<T[]>(sql, params);
  }

  async findById(id: string, viewerId: string | null): Promise<LabRow | undefined> {
    const [row] = await this.query<LabRow>(`${LAB_SELECT} WHERE l.id = $2`, [viewerId, id]);
    return row;
  }

  /** The catalogue, in title order. */
  findPage(viewerId: string, limit: number, after?: { title: string; id: string }): Promise<LabRow[]> {
    const params: unknown[] = [viewerId, limit];
    let keyset = '';
    if (after) {
      params.push(after.title, after.id);
      keyset = `WHERE (l.title, l.id) > ($3, $4::uuid)`;
    }
    return this.query<LabRow>(`${LAB_SELECT} ${keyset} ORDER BY l.title, l.id LIMIT $2`, params);
  }

  /** Inserts the lab; undefined when the title is taken (compared without case). */
  async insert(lab: NewLab): Promise<string | undefined> {
    const [row] = await this.query<{ id: string }>(
      `INSERT INTO labs (programme_id, title, ambito, description, created_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ((lower(title))) DO NOTHING RETURNING id`,
      [lab.programmeId, lab.title, lab.ambito, lab.description, lab.createdBy],
    );
    return row?.id;
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
  ): Promise<LabParticipantRow[]> {
    const params: unknown[] = [labId, limit];
    let keyset = '';
    if (after) {
      params.push(after.displayName, after.id);
      keyset = `AND (m.display_name, m.id) > ($3, $4::uuid)`;
    }
    return this.query<LabParticipantRow>(
      `${PARTICIPANT_SELECT} WHERE p.lab_id = $1 ${keyset} ORDER BY m.display_name, m.id LIMIT $2`,
      params,
    );
  }

  async findParticipant(labId: string, memberId: string): Promise<LabParticipantRow | undefined> {
    const [row] = await this.query<LabParticipantRow>(
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
  async insertGroup(labId: string, name: string): Promise<LabGroupRow | undefined> {
    try {
      const [row] = await this.query<LabGroupRow>(
        `INSERT INTO lab_groups (lab_id, name) VALUES ($1, $2) RETURNING id, lab_id, name, created_at`,
        [labId, name],
      );
      return row;
    } catch (error) {
      if (isUniqueViolation(error)) return undefined;
      throw error;
    }
  }

  async findGroup(groupId: string): Promise<LabGroupRow | undefined> {
    const [row] = await this.query<LabGroupRow>(
      `SELECT id, lab_id, name, created_at FROM lab_groups WHERE id = $1`,
      [groupId],
    );
    return row;
  }

  async findGroupByName(labId: string, name: string): Promise<LabGroupRow | undefined> {
    const [row] = await this.query<LabGroupRow>(
      `SELECT id, lab_id, name, created_at FROM lab_groups WHERE lab_id = $1 AND lower(name) = lower($2)`,
      [labId, name],
    );
    return row;
  }

  findGroupPage(labId: string, limit: number, after?: { name: string; id: string }): Promise<LabGroupRow[]> {
    const params: unknown[] = [labId, limit];
    let keyset = '';
    if (after) {
      params.push(after.name, after.id);
      keyset = `AND (name, id) > ($3, $4::uuid)`;
    }
    return this.query<LabGroupRow>(
      `SELECT id, lab_id, name, created_at FROM lab_groups WHERE lab_id = $1 ${keyset}
        ORDER BY name, id LIMIT $2`,
      params,
    );
  }

  /** The members of each group, by name (one query for a page of groups). */
  async findGroupMembers(groupIds: readonly string[]): Promise<LabGroupMemberRow[]> {
    if (groupIds.length === 0) return [];
    return this.query<LabGroupMemberRow>(
      `SELECT gm.group_id, gm.member_id, m.display_name, o.name AS organization_name
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

  /** The groups of every lab the member has a role in (their documents are readable to them). */
  async findGroupIdsInLabsOf(memberId: string): Promise<string[]> {
    const rows = await this.query<{ id: string }>(
      `SELECT g.id FROM lab_groups g JOIN lab_participants p ON p.lab_id = g.lab_id WHERE p.member_id = $1`,
      [memberId],
    );
    return rows.map((row) => row.id);
  }
}
