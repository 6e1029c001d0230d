import { Injectable } from '@nestjs/common';
import { Transactional } from '../../database/transactional';
import { toDeskBlock } from '../../common/desk/desk-block';
import {
  canTransitionLab,
  roomName,
  type DeskBlock,
  type LabGroupMemberView,
  type LabGroupView,
  type LabParticipantView,
  type LabRole,
  type LabStatus,
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
import type { LabCatalogueQueryDto } from './dto/lab-catalogue.query';
import type { UpdateLabDto } from './dto/update-lab.dto';
import { DomainEvents } from '../../common/domain-events/domain-events';
import { LabsException } from './labs.exception';
import { toLabGroupView, toLabParticipantView, toLabView, toMemberRef } from './labs.mapper';
import { LAB_ROSTER_SUBJECT, LAB_STATUS_SUBJECT, LAB_SUBJECT, labSubject } from './labs.policy';
import { LabModulesRepository } from './lab-modules/lab-modules.repository';
import { LabsRepository, type LabFields, type LabRecord, type LabRosterRecord } from './labs.repository';

export type { LabRosterRecord };

/**
 * Labs, their participants and tutors, and working groups. Other capabilities (spaces,
 * documents) ask this service who is in a lab or a group, never the tables.
 */
@Injectable()
export class LabsService {
  constructor(
    private readonly labs: LabsRepository,
    private readonly modules: LabModulesRepository,
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

  /** Whether the module exists and is part of this lab (e.g. a deliverable or session naming it). */
  moduleBelongsToLab(labId: string, moduleId: string): Promise<boolean> {
    return this.modules.belongsToLab(labId, moduleId);
  }

  /** The active participants and tutors of the lab (who a session's change is announced to). */
  peopleOf(labId: string): Promise<string[]> {
    return this.labs.findActivePeople(labId);
  }

  /** The lab's title, undefined when there is no such lab. */
  async titleOf(labId: string): Promise<string | undefined> {
    return (await this.labs.findById(labId, null))?.title;
  }

  /** Whether the member may act as an admin on labs (the base `manage all` rule). */
  isLabAdmin(actor: AuthMember): boolean {
    return this.isAdmin(actor);
  }

  /** The lab's status, undefined when there is no such lab. */
  async statusOf(labId: string): Promise<LabStatus | undefined> {
    return (await this.labs.findStatusAndCapacity(labId))?.status;
  }

  /**
   * The lab's places for participants: null when unlimited, undefined when there is no such lab.
   * Inside a transaction, `{ lock: true }` locks the lab row until it ends, so that two enrolments
   * counting places against each other are serialised.
   */
  async capacityOf(labId: string, options: { lock?: boolean } = {}): Promise<number | null | undefined> {
    const row = await this.labs.findStatusAndCapacity(labId, options.lock ?? false);
    return row ? row.capacity : undefined;
  }

  /** How many participants (tutors excluded) the lab has. */
  participantCount(labId: string): Promise<number> {
    return this.labs.countParticipants(labId);
  }

  /**
   * Makes `memberIds` participants of the lab, joining the caller's transaction (e.g. an accepted
   * application). Members who already have a role keep it. Each one added is announced as
   * `lab.participant_added` to `lab:<id>` and to their `member:<id>`, like setParticipant.
   * Answers the members added; the caller checks capacity and who may do this.
   */
  @Transactional()
  async addParticipants(
    labId: string,
    memberIds: readonly string[],
    addedBy: string | null,
  ): Promise<LabParticipantView[]> {
    if (!(await this.labs.exists(labId))) throw LabsException.labNotFound();
    const ids = [...new Set(memberIds.map((id) => id.toLowerCase()))];
    const added = await this.labs.insertParticipants(labId, ids, addedBy);
    const views: LabParticipantView[] = [];
    for (const memberId of added) {
      const view = toLabParticipantView((await this.labs.findParticipant(labId, memberId))!);
      await this.outbox.record(roomName('lab', labId), 'lab.participant_added', view);
      await this.outbox.record(roomName('member', memberId), 'lab.participant_added', view);
      if (view.role === 'participant') await this.events.emit('lab.participant_added', { labId, memberId });
      views.push(view);
    }
    return views;
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
    return (await this.labs.findGroup(groupId))?.labId;
  }

  /** The working groups whose coaching space the member reads: their own, and every group of a lab they tutor. */
  coachedGroupIdsOf(memberId: string): Promise<string[]> {
    return this.labs.findCoachedGroupIds(memberId);
  }

  /** The groups of coachedGroupIdsOf with their lab's title, in one query (optionally of one lab). */
  coachedGroupsOf(
    memberId: string,
    labId?: string,
  ): Promise<{ id: string; labId: string; name: string; labTitle: string }[]> {
    return this.labs.findCoachedGroups(memberId, labId);
  }

  /** The working groups of every lab the member is in. */
  groupIdsInLabsOf(memberId: string): Promise<string[]> {
    return this.labs.findGroupIdsInLabsOf(memberId);
  }

  /** The working groups the member belongs to (not the ones they coach). */
  ownGroupIdsOf(memberId: string): Promise<string[]> {
    return this.labs.findOwnGroupIds(memberId);
  }

  /** The labs where the member is a tutor. */
  tutoredLabIdsOf(memberId: string): Promise<string[]> {
    return this.labs.findTutoredLabIds(memberId);
  }

  /** Which of `memberIds` are active participants or tutors of the lab. */
  filterParticipants(labId: string, memberIds: readonly string[]): Promise<Set<string>> {
    return this.labs.filterParticipants(labId, memberIds);
  }

  /** The working group with its lab and name, undefined when there is no such group. */
  async groupOf(groupId: string): Promise<{ id: string; labId: string; name: string } | undefined> {
    const group = await this.labs.findGroup(groupId);
    return group && { id: group.id, labId: group.labId, name: group.name };
  }

  /** The names of the lab's working groups, by group id. */
  async groupNamesOf(labId: string): Promise<Map<string, string>> {
    const rows = await this.labs.findGroupPage(labId, 10_000);
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  /** The members of a working group. */
  async groupMemberIdsOf(groupId: string): Promise<string[]> {
    return (await this.labs.findGroupMembers([groupId])).map((row) => row.memberId);
  }

  /**
   * The lab's participants (tutors excluded) with their administration, region and enrolment
   * time, for registers: who was enrolled when a session took place. Only `memberIds` when given.
   */
  rosterOf(labId: string, memberIds?: readonly string[]): Promise<LabRosterRecord[]> {
    return this.labs.findRoster(labId, memberIds);
  }

  /** The tutors of the lab. */
  tutorIdsOf(labId: string): Promise<string[]> {
    return this.labs.findTutorIds(labId);
  }

  /** The room policy of `lab:<id>`: participants, tutors and admins. */
  async roomAccess(actor: AuthMember, labId: string): Promise<RoomAccess> {
    if (!(await this.labs.exists(labId))) return 'not_found';
    if (this.isAdmin(actor)) return 'ok';
    return (await this.labs.findRole(actor.id, labId)) ? 'ok' : 'forbidden';
  }

  /** The room policy of `lab_group:<id>`: whoever reads the group's documents (the lab's people). */
  async groupRoomAccess(actor: AuthMember, groupId: string): Promise<RoomAccess> {
    const group = await this.labs.findGroup(groupId);
    if (!group) return 'not_found';
    if (this.isAdmin(actor)) return 'ok';
    return (await this.labs.findRole(actor.id, group.labId)) ? 'ok' : 'forbidden';
  }

  /** The desk's labs of the member, with their working groups. */
  async deskLabs(actor: AuthMember, limit: number): Promise<DeskBlock> {
    return toDeskBlock(
      await this.labs.findDeskLabs(actor.id, limit),
      '/laboratori',
      (row) => `/laboratori/${row.id}`,
    );
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
      objectives: dto.objectives ?? '',
      expectedResults: dto.expectedResults ?? '',
      targetAdministrations: dto.targetAdministrations ?? '',
      capacity: dto.capacity ?? null,
      status: dto.status ?? 'draft',
      regions: dto.regions ?? [],
      createdBy: actor.id,
    });
    if (!id) throw LabsException.titleTaken();
    return toLabView((await this.labs.findById(id, actor.id))!);
  }

  async list(actor: AuthMember, query: LabCatalogueQueryDto): Promise<Page<LabView>> {
    this.abilities.assert(actor, 'read', LAB_SUBJECT);
    const after = query.cursor ? decodeKeyset(query.cursor, ['text', 'uuid']) : undefined;
    const rows = await this.labs.findPage(
      actor.id,
      { ambito: query.ambito, status: query.status, region: query.region },
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

  /**
   * Changes a lab's fields: admins any field, the lab's tutors only the descriptive ones
   * (LAB_TUTOR_EDITABLE_FIELDS); 403 naming the first field they may not change.
   */
  @Transactional()
  async update(actor: AuthMember, labId: string, dto: UpdateLabDto): Promise<LabView> {
    const lab = await this.find(actor, labId);
    const ability = this.abilities.for(actor);
    const target = labSubject({ id: lab.id, role: lab.myRole });
    if (!ability.can('update', target)) throw LabsException.forbidden();
    const patch: Partial<LabFields> = {};
    for (const [field, value] of Object.entries(dto) as [keyof LabFields, unknown][]) {
      if (value === undefined) continue;
      if (!ability.can('update', target, field)) throw LabsException.fieldForbidden(field);
      (patch as Record<string, unknown>)[field] = value;
    }
    if (patch.programmeId) await this.assertProgramme(patch.programmeId);
    if (!(await this.labs.update(labId, patch))) throw LabsException.titleTaken();
    return this.announce(actor, labId);
  }

  /** Moves the lab along LAB_STATUS_TRANSITIONS (admins); any other change is a 409. */
  @Transactional()
  async setStatus(actor: AuthMember, labId: string, status: LabStatus): Promise<LabView> {
    this.abilities.assert(actor, 'update', LAB_STATUS_SUBJECT);
    const current = await this.labs.findStatusAndCapacity(labId, true);
    if (!current) throw LabsException.labNotFound();
    if (!canTransitionLab(current.status, status)) {
      throw LabsException.statusTransitionNotAllowed(current.status, status);
    }
    await this.labs.updateStatus(labId, current.status, status);
    await this.events.emit('lab.status_changed', { labId, from: current.status, to: status, byId: actor.id });
    return this.announce(actor, labId);
  }

  /** `lab.updated` to the lab's room (the same view for everyone: no `myRole`); the asker's view back. */
  private async announce(actor: AuthMember, labId: string): Promise<LabView> {
    const shared = toLabView((await this.labs.findById(labId, null))!);
    await this.outbox.record(roomName('lab', labId), 'lab.updated', shared);
    return toLabView((await this.labs.findById(labId, actor.id))!);
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
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.displayName, last.memberId]) : null,
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
    if (role === 'participant') await this.events.emit('lab.participant_added', { labId, memberId });
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
      member: toMemberRef(participant),
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
    ambito: LabRecord['ambito'];
    description: string;
    objectives?: string;
    expectedResults?: string;
    targetAdministrations?: string;
    capacity?: number | null;
    status: LabStatus;
    regions?: readonly string[];
    tutorIds: readonly string[];
    participantIds: readonly string[];
    groupName?: string;
  }): Promise<string> {
    const fields: LabFields = {
      programmeId: null,
      title: demo.title,
      ambito: demo.ambito,
      description: demo.description,
      objectives: demo.objectives ?? '',
      expectedResults: demo.expectedResults ?? '',
      targetAdministrations: demo.targetAdministrations ?? '',
      capacity: demo.capacity ?? null,
      regions: [...(demo.regions ?? [])],
    };
    let id = await this.labs.insert({ ...fields, status: demo.status, createdBy: null });
    if (!id) {
      // Loaded before (maybe before labs had these fields): fill what is still blank, keep what
      // admins and tutors changed since, status included.
      id = (await this.labs.findIdByTitle(demo.title))!;
      const current = (await this.labs.findById(id, null))!;
      const blanks: Partial<LabFields> = {};
      if (!current.objectives) blanks.objectives = fields.objectives;
      if (!current.expectedResults) blanks.expectedResults = fields.expectedResults;
      if (!current.targetAdministrations) blanks.targetAdministrations = fields.targetAdministrations;
      if (current.regions.length === 0) blanks.regions = fields.regions;
      await this.labs.update(id, blanks);
    }
    for (const tutorId of demo.tutorIds) {
      if (!(await this.labs.findRole(tutorId, id)))
        await this.labs.upsertParticipant(id, tutorId, 'tutor', null);
    }
    for (const memberId of demo.participantIds) {
      if (!(await this.labs.findRole(memberId, id))) {
        await this.labs.upsertParticipant(id, memberId, 'participant', null);
      }
    }
    if (demo.groupName) {
      const group =
        (await this.labs.findGroupByName(id, demo.groupName)) ??
        (await this.labs.insertGroup(id, demo.groupName))!;
      for (const memberId of demo.participantIds) await this.labs.addGroupMember(id, group.id, memberId);
    }
    return id;
  }

  // --- Rules ---------------------------------------------------------------------------------

  private isAdmin(actor: AuthMember): boolean {
    return this.abilities.for(actor).can('manage', LAB_SUBJECT);
  }

  private async find(actor: AuthMember, labId: string): Promise<LabRecord> {
    const lab = await this.labs.findById(labId, actor.id);
    if (!lab) throw LabsException.labNotFound();
    return lab;
  }

  private async assertRosterReader(actor: AuthMember, labId: string): Promise<void> {
    const lab = await this.find(actor, labId);
    const target = labSubject({ id: lab.id, role: lab.myRole }, LAB_ROSTER_SUBJECT);
    if (!this.abilities.for(actor).can('read', target)) throw LabsException.rosterForbidden();
  }

  /** Admins and the lab's tutors enrol participants and form groups; 404 when there is no such lab. */
  private async assertEnroller(actor: AuthMember, labId: string): Promise<void> {
    const lab = await this.find(actor, labId);
    if (!this.abilities.for(actor).can('invite', labSubject({ id: lab.id, role: lab.myRole }))) {
      throw LabsException.forbidden();
    }
  }

  private async findGroup(labId: string, groupId: string): Promise<void> {
    const group = await this.labs.findGroup(groupId);
    if (!group || group.labId !== labId) throw LabsException.groupNotFound();
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
