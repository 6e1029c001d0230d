import { Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import {
  roomName,
  type LabGroupMemberView,
  type LabGroupView,
  type LabParticipantView,
  type LabRole,
  type LabView,
  type Page,
} from '@convergo/contracts';
import { decodeKeyset, encodeCursor } from '../../common/cursor';
import type { PageQueryDto } from '../../common/pagination.dto';
import { AbilityFactory } from '../auth/ability.factory';
import type { AuthMember } from '../auth/auth-member';
import { MembersService } from '../members/members.service';
import { ProgrammeException } from '../programmes/programmes.exception';
import { ProgrammesService } from '../programmes/programmes.service';
import type { RoomAccess } from '../realtime/room-authorizer';
import { EventOutbox } from '../realtime/event-outbox';
import type { CreateLabGroupDto } from './dto/create-lab-group.dto';
import type { CreateLabDto } from './dto/create-lab.dto';
import { DomainEvents } from '../../common/domain-events/domain-events';
import { LabsException } from './labs.exception';
import { toLabGroupView, toLabParticipantView, toLabView, toMemberRef } from './labs.mapper';
import { LAB_ROSTER_SUBJECT, LAB_SUBJECT, labSubject } from './labs.policy';
import { LabsRepository, type LabRow } from './labs.repository';

/**
 * Labs, their participants and tutors, and working groups. Other capabilities (spaces,
 * documents) ask this service who is in a lab or a group, never the tables.
 */
@Injectable()
export class LabsService {
  constructor(
    private readonly labs: LabsRepository,
    private readonly abilities: AbilityFactory,
    private readonly members: MembersService,
    private readonly programmes: ProgrammesService,
    private readonly outbox: EventOutbox,
    private readonly events: DomainEvents,
  ) {}

  // --- For other modules -------------------------------------------------------------------

  /** The member's role in the lab, null when they have none (or the lab does not exist). */
  roleOf(memberId: string, labId: string): Promise<LabRole | null> {
    return this.labs.findRole(memberId, labId);
  }

  isGroupMember(memberId: string, groupId: string): Promise<boolean> {
    return this.labs.isGroupMember(memberId, groupId);
  }

  /** The labs the member is a participant or tutor of. */
  labIdsOf(memberId: string): Promise<string[]> {
    return this.labs.findLabIdsOf(memberId);
  }

  exists(labId: string): Promise<boolean> {
    return this.labs.exists(labId);
  }

  /** The lab a working group belongs to, undefined when there is no such group. */
  async labOfGroup(groupId: string): Promise<string | undefined> {
    return (await this.labs.findGroup(groupId))?.lab_id;
  }

  /** The working groups of every lab the member is in. */
  groupIdsInLabsOf(memberId: string): Promise<string[]> {
    return this.labs.findGroupIdsInLabsOf(memberId);
  }

  /** Which of `memberIds` are active participants or tutors of the lab. */
  filterParticipants(labId: string, memberIds: readonly string[]): Promise<Set<string>> {
    return this.labs.filterParticipants(labId, memberIds);
  }

  /** The working group with its lab and name, undefined when there is no such group. */
  async groupOf(groupId: string): Promise<{ id: string; labId: string; name: string } | undefined> {
    const group = await this.labs.findGroup(groupId);
    return group && { id: group.id, labId: group.lab_id, name: group.name };
  }

  /** The names of the lab's working groups, by group id. */
  async groupNamesOf(labId: string): Promise<Map<string, string>> {
    const rows = await this.labs.findGroupPage(labId, 10_000);
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  /** The members of a working group. */
  async groupMemberIdsOf(groupId: string): Promise<string[]> {
    return (await this.labs.findGroupMembers([groupId])).map((row) => row.member_id);
  }

  /** The tutors of the lab. */
  tutorIdsOf(labId: string): Promise<string[]> {
    return this.labs.findTutorIds(labId);
  }

  /** The lab's title, undefined when there is no such lab. */
  async titleOf(labId: string): Promise<string | undefined> {
    return (await this.labs.findById(labId, null))?.title;
  }

  /** The room policy of `lab:<id>`: participants, tutors and admins. */
  async roomAccess(actor: AuthMember, labId: string): Promise<RoomAccess> {
    if (!(await this.labs.exists(labId))) return 'not_found';
    if (actor.role === 'admin') return 'ok';
    return (await this.labs.findRole(actor.id, labId)) ? 'ok' : 'forbidden';
  }

  /** The room policy of `lab_group:<id>`: whoever reads the group's documents (the lab's people). */
  async groupRoomAccess(actor: AuthMember, groupId: string): Promise<RoomAccess> {
    const group = await this.labs.findGroup(groupId);
    if (!group) return 'not_found';
    if (actor.role === 'admin') return 'ok';
    return (await this.labs.findRole(actor.id, group.lab_id)) ? 'ok' : 'forbidden';
  }

  // --- REST ----------------------------------------------------------------------------------

  async create(actor: AuthMember, dto: CreateLabDto): Promise<LabView> {
    this.abilities.assert(actor, 'create', LAB_SUBJECT);
    const programmeId = dto.programmeId ?? null;
    if (programmeId) await this.assertProgramme(programmeId);
    const id = await this.labs.insert({
      programmeId,
      title: dto.title,
      ambito: dto.ambito,
      description: dto.description ?? '',
      createdBy: actor.id,
    });
    if (!id) throw LabsException.titleTaken();
    return toLabView((await this.labs.findById(id, actor.id))!);
  }

  async list(actor: AuthMember, query: PageQueryDto): Promise<Page<LabView>> {
    this.abilities.assert(actor, 'read', LAB_SUBJECT);
    const after = query.cursor ? decodeKeyset(query.cursor, ['text', 'uuid']) : undefined;
    const rows = await this.labs.findPage(
      actor.id,
      query.limit + 1,
      after ? { title: after[0], id: after[1] } : undefined,
    );
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map(toLabView),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.title, last.id]) : null,
    };
  }

  async get(actor: AuthMember, labId: string): Promise<LabView> {
    return toLabView(await this.find(actor, labId));
  }

  async listParticipants(
    actor: AuthMember,
    labId: string,
    query: PageQueryDto,
  ): Promise<Page<LabParticipantView>> {
    await this.assertRosterReader(actor, labId);
    const after = query.cursor ? decodeKeyset(query.cursor, ['text', 'uuid']) : undefined;
    const rows = await this.labs.findParticipantPage(
      labId,
      query.limit + 1,
      after ? { displayName: after[0], id: after[1] } : undefined,
    );
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map(toLabParticipantView),
      nextCursor:
        rows.length > query.limit && last ? encodeCursor([last.display_name, last.member_id]) : null,
    };
  }

  /**
   * Enrols a member in the lab with `role` (admins and the lab's tutors); appointing or demoting
   * a tutor is for admins only. Idempotent: the member's role is set to `role`.
   */
  @Transactional()
  async setParticipant(
    actor: AuthMember,
    labId: string,
    memberId: string,
    role: LabRole,
  ): Promise<LabParticipantView> {
    await this.assertEnroller(actor, labId);
    const current = await this.labs.findParticipant(labId, memberId);
    if ((role === 'tutor' || current?.role === 'tutor') && !this.isAdmin(actor)) {
      throw LabsException.onlyAdminsAppointTutors();
    }
    const target = await this.members.findAuthMember(memberId);
    if (!target || target.status !== 'active') throw LabsException.memberNotFound();
    if (current?.role === role) return toLabParticipantView(current);
    await this.labs.upsertParticipant(labId, memberId, role, actor.id);
    const view = toLabParticipantView((await this.labs.findParticipant(labId, memberId))!);
    await this.outbox.record(roomName('lab', view.labId), 'lab.participant_added', view);
    await this.outbox.record(roomName('member', view.member.id), 'lab.participant_added', view);
    return view;
  }

  /** Removes a member from the lab and from its working groups (admins; tutors for participants). */
  @Transactional()
  async removeParticipant(actor: AuthMember, labId: string, memberId: string): Promise<void> {
    await this.assertEnroller(actor, labId);
    const current = await this.labs.findParticipant(labId, memberId);
    if (current?.role === 'tutor' && !this.isAdmin(actor)) throw LabsException.onlyAdminsAppointTutors();
    if (!current) throw LabsException.participantNotFound();
    await this.labs.removeParticipant(labId, memberId);
    const view = toLabParticipantView(current);
    await this.outbox.record(roomName('lab', view.labId), 'lab.participant_removed', view);
    await this.outbox.record(roomName('member', view.member.id), 'lab.participant_removed', view);
    this.events.emitAfterCommit('access.narrowed', { memberId });
  }

  /** Forms a working group of participants of the lab (admins and the lab's tutors). */
  @Transactional()
  async createGroup(actor: AuthMember, labId: string, dto: CreateLabGroupDto): Promise<LabGroupView> {
    await this.assertEnroller(actor, labId);
    const memberIds = [...new Set((dto.memberIds ?? []).map((id) => id.toLowerCase()))];
    const participants = await this.labs.filterParticipants(labId, memberIds);
    if (memberIds.some((id) => !participants.has(id))) throw LabsException.notParticipant('memberIds');
    if (await this.labs.findGroupByName(labId, dto.name)) throw LabsException.groupNameTaken();
    const group = await this.labs.insertGroup(labId, dto.name);
    if (!group) throw LabsException.groupNameTaken();
    for (const memberId of memberIds) await this.labs.addGroupMember(labId, group.id, memberId);
    return toLabGroupView(group, await this.labs.findGroupMembers([group.id]));
  }

  async listGroups(actor: AuthMember, labId: string, query: PageQueryDto): Promise<Page<LabGroupView>> {
    await this.assertRosterReader(actor, labId);
    const after = query.cursor ? decodeKeyset(query.cursor, ['text', 'uuid']) : undefined;
    const rows = await this.labs.findGroupPage(
      labId,
      query.limit + 1,
      after ? { name: after[0], id: after[1] } : undefined,
    );
    const page = rows.slice(0, query.limit);
    const members = await this.labs.findGroupMembers(page.map((row) => row.id));
    const last = page.at(-1);
    return {
      items: page.map((row) => toLabGroupView(row, members)),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.name, last.id]) : null,
    };
  }

  async addGroupMember(
    actor: AuthMember,
    labId: string,
    groupId: string,
    memberId: string,
  ): Promise<LabGroupMemberView> {
    await this.assertEnroller(actor, labId);
    await this.findGroup(labId, groupId);
    const participant = await this.labs.findParticipant(labId, memberId);
    if (!participant) throw LabsException.notParticipant();
    await this.labs.addGroupMember(labId, groupId, memberId);
    return {
      labId,
      groupId,
      member: toMemberRef({ group_id: groupId, ...participant }),
    };
  }

  async removeGroupMember(
    actor: AuthMember,
    labId: string,
    groupId: string,
    memberId: string,
  ): Promise<void> {
    await this.assertEnroller(actor, labId);
    await this.findGroup(labId, groupId);
    if (!(await this.labs.removeGroupMember(groupId, memberId))) throw LabsException.groupMemberNotFound();
    this.events.emitAfterCommit('access.narrowed', { memberId });
  }

  /** The demo lab with its tutor, participants and one working group; idempotent. Returns its id. */
  @Transactional()
  async ensureDemoLab(demo: {
    title: string;
    ambito: LabRow['ambito'];
    description: string;
    tutorIds: readonly string[];
    participantIds: readonly string[];
    groupName: string;
  }): Promise<string> {
    const id =
      (await this.labs.insert({
        programmeId: null,
        title: demo.title,
        ambito: demo.ambito,
        description: demo.description,
        createdBy: null,
      })) ?? (await this.labs.findIdByTitle(demo.title))!;
    for (const tutorId of demo.tutorIds) {
      if (!(await this.labs.findRole(tutorId, id)))
        await this.labs.upsertParticipant(id, tutorId, 'tutor', null);
    }
    for (const memberId of demo.participantIds) {
      if (!(await this.labs.findRole(memberId, id))) {
        await this.labs.upsertParticipant(id, memberId, 'participant', null);
      }
    }
    const group =
      (await this.labs.findGroupByName(id, demo.groupName)) ??
      (await this.labs.insertGroup(id, demo.groupName))!;
    for (const memberId of demo.participantIds) await this.labs.addGroupMember(id, group.id, memberId);
    return id;
  }

  // --- Rules ---------------------------------------------------------------------------------

  private isAdmin(actor: AuthMember): boolean {
    return this.abilities.for(actor).can('manage', LAB_SUBJECT);
  }

  private async find(actor: AuthMember, labId: string): Promise<LabRow> {
    const lab = await this.labs.findById(labId, actor.id);
    if (!lab) throw LabsException.labNotFound();
    return lab;
  }

  private async assertRosterReader(actor: AuthMember, labId: string): Promise<void> {
    const lab = await this.find(actor, labId);
    const target = labSubject({ id: lab.id, role: lab.my_role }, LAB_ROSTER_SUBJECT);
    if (!this.abilities.for(actor).can('read', target)) throw LabsException.rosterForbidden();
  }

  /** Admins and the lab's tutors enrol participants and form groups; 404 when there is no such lab. */
  private async assertEnroller(actor: AuthMember, labId: string): Promise<void> {
    const lab = await this.find(actor, labId);
    if (!this.abilities.for(actor).can('invite', labSubject({ id: lab.id, role: lab.my_role }))) {
      throw LabsException.forbidden();
    }
  }

  private async findGroup(labId: string, groupId: string): Promise<void> {
    const group = await this.labs.findGroup(groupId);
    if (!group || group.lab_id !== labId) throw LabsException.groupNotFound();
  }

  private async assertProgramme(programmeId: string): Promise<void> {
    try {
      await this.programmes.get(programmeId);
    } catch (error) {
      if (error instanceof ProgrammeException) throw LabsException.programmeNotFound();
      throw error;
    }
  }
}
