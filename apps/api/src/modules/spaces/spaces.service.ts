import { Injectable } from '@nestjs/common';
import { Transactional } from '../../database/transactional';
import {
  roomName,
  SPACE_DESCRIPTION_MAX_LENGTH,
  SPACE_NAME_MAX_LENGTH,
  type LabRole,
  type Page,
  type SpaceMemberView,
  type SpaceRole,
  type SpaceSubscriptionView,
  type SpaceView,
  type SpaceVisibility,
} from '@convergo/contracts';
import { decodeKeyset, encodeCursor } from '../../common/cursor';
import { DomainEvents } from '../../common/domain-events/domain-events';
import type { PageQueryDto } from '../../common/pagination.dto';
import { AbilityFactory } from '../auth/ability.factory';
import type { AuthMember } from '../auth/auth-member';
import { LabsService } from '../labs/labs.service';
import { MembersService } from '../members/members.service';
import { NotificationsService } from '../notifications/notifications.service';
import type { RoomAccess } from '../realtime/room-authorizer';
import { EventOutbox } from '../realtime/event-outbox';
import type { AddSpaceMemberDto } from './dto/add-space-member.dto';
import type { CreateSpaceDto } from './dto/create-space.dto';
import type { SpaceQueryDto } from './dto/space-query.dto';
import type { UpdateSpaceDto } from './dto/update-space.dto';
import { DEMO_SPACES } from './spaces.demo-data';
import { TwinningSpaceAudiences } from './twinning-space-audience';
import { SpacesException } from './spaces.exception';
import { toSpaceMemberView, toSpaceView } from './spaces.mapper';
import { readsEverySpace, SPACE_SUBJECT, spaceSubject, type CoachingRole } from './spaces.policy';
import { SpacesRepository, type SpaceAccessRecord, type SpaceChanges } from './spaces.repository';

export type { SpaceAccessRecord };

/**
 * One space as one member meets it. Whoever decides asks CASL there and then:
 * `this.abilities.for(actor).can('moderate', access.subject)`.
 */
export interface SpaceAccess {
  space: SpaceAccessRecord;
  role: SpaceRole | null;
  /** The space as a CASL subject for this member (their space role and lab role resolved). */
  subject: Record<string, unknown>;
}

/**
 * Spaces, their rosters (invited members, space moderators) and followers. Other capabilities
 * (threads, search) ask this service who may read or moderate a space, never the tables.
 */
@Injectable()
export class SpacesService {
  constructor(
    private readonly spaces: SpacesRepository,
    private readonly abilities: AbilityFactory,
    private readonly members: MembersService,
    private readonly notifications: NotificationsService,
    private readonly outbox: EventOutbox,
    private readonly events: DomainEvents,
    private readonly labs: LabsService,
    private readonly twinningAudiences: TwinningSpaceAudiences,
  ) {}

  /** For a twinning space: whether the member's administration is a party of its twinning. */
  private async twinningPartyIn(actor: AuthMember, space: SpaceAccessRecord): Promise<boolean> {
    if (space.visibility !== 'twinning' || !space.twinningId) return false;
    return this.twinningAudiences.current.isParty(actor, space.twinningId);
  }

  /** The member's role in the lab of a lab space (the one place lab participation enters). */
  private async labRoleIn(actor: AuthMember, space: SpaceAccessRecord): Promise<LabRole | null> {
    return space.visibility === 'lab' && space.labId ? this.labs.roleOf(actor.id, space.labId) : null;
  }

  /** In a coaching space: a member of its working group, a tutor of its lab, or neither. */
  private async coachingRoleIn(memberId: string, space: SpaceAccessRecord): Promise<CoachingRole | null> {
    if (space.visibility !== 'coaching' || !space.labGroupId) return null;
    if (await this.labs.isGroupMember(memberId, space.labGroupId)) return 'member';
    const labId = await this.labs.labOfGroup(space.labGroupId);
    return labId && (await this.labs.roleOf(memberId, labId)) === 'tutor' ? 'tutor' : null;
  }

  /** Who reads a group's coaching space by their place in the lab: the group and the lab's tutors. */
  private async coachesOf(groupId: string): Promise<Set<string>> {
    const labId = await this.labs.labOfGroup(groupId);
    const [members, tutors] = await Promise.all([
      this.labs.groupMemberIdsOf(groupId),
      labId ? this.labs.tutorIdsOf(labId) : [],
    ]);
    return new Set([...members, ...tutors]);
  }

  private async subjectOf(actor: AuthMember, space: SpaceAccessRecord): Promise<Record<string, unknown>> {
    return spaceSubject({
      id: space.id,
      visibility: space.visibility,
      role: space.viewerRole,
      labRole: await this.labRoleIn(actor, space),
      coachingRole: await this.coachingRoleIn(actor.id, space),
      twinningParty: await this.twinningPartyIn(actor, space),
    });
  }

  /** What the list queries need to know of who reads what. */
  private async readsOf(actor: AuthMember) {
    const readsAll = readsEverySpace(actor.role);
    return {
      readsAll,
      admin: actor.role === 'admin',
      labIds: readsAll ? [] : await this.labs.labIdsOf(actor.id),
      groupIds: actor.role === 'admin' ? [] : await this.labs.coachedGroupIdsOf(actor.id),
      twinningIds: actor.role === 'admin' ? [] : await this.twinningAudiences.current.twinningIdsOf(actor),
    };
  }

  /** The space as the member meets it; 404 when it does not exist. */
  async access(actor: AuthMember, spaceId: string): Promise<SpaceAccess> {
    const space = await this.spaces.findAccessById(spaceId, actor.id);
    if (!space) throw SpacesException.spaceNotFound();
    return this.accessTo(actor, space);
  }

  private async accessTo(actor: AuthMember, space: SpaceAccessRecord): Promise<SpaceAccess> {
    return { space, role: space.viewerRole, subject: await this.subjectOf(actor, space) };
  }

  /** The access of a member who may read the space: 404 if it does not exist, 403 if reserved. */
  async readable(actor: AuthMember, spaceId: string): Promise<SpaceAccess> {
    return this.assertReads(actor, await this.access(actor, spaceId));
  }

  /** The same check on a space read by another module's statement (`spaceAccessJson`): 403 if reserved. */
  async readableFrom(actor: AuthMember, space: SpaceAccessRecord): Promise<SpaceAccess> {
    return this.assertReads(actor, await this.accessTo(actor, space));
  }

  private assertReads(actor: AuthMember, access: SpaceAccess): SpaceAccess {
    if (!this.abilities.for(actor).can('read', access.subject)) throw SpacesException.spaceForbidden();
    return access;
  }

  /** Whether the member may read the space; false when it does not exist. */
  async mayRead(actor: AuthMember, spaceId: string): Promise<boolean> {
    return (await this.roomAccess(actor, spaceId)) === 'ok';
  }

  /** The room policy of `space:<id>`: whoever may read the space. */
  async roomAccess(actor: AuthMember, spaceId: string): Promise<RoomAccess> {
    const space = await this.spaces.findAccessById(spaceId, actor.id);
    if (!space) return 'not_found';
    return this.roomAccessFrom(actor, space);
  }

  /** The same policy on a space read by another module's statement (`spaceAccessJson`). */
  async roomAccessFrom(actor: AuthMember, space: SpaceAccessRecord): Promise<RoomAccess> {
    return this.abilities.for(actor).can('read', await this.subjectOf(actor, space)) ? 'ok' : 'forbidden';
  }

  /**
   * The lab of a space with this visibility: required (and must exist) for `lab`, refused for
   * the others. Bad input is a 400 that changes nothing.
   */
  private async labFor(visibility: SpaceVisibility, labId: string | undefined): Promise<string | null> {
    if (visibility !== 'lab') {
      if (labId !== undefined) throw SpacesException.labIdMismatch('is only allowed with visibility lab');
      return null;
    }
    if (labId === undefined) throw SpacesException.labIdMismatch('is required with visibility lab');
    if (!(await this.labs.exists(labId))) throw SpacesException.labNotFound();
    return labId.toLowerCase();
  }

  @Transactional()
  async create(actor: AuthMember, dto: CreateSpaceDto): Promise<SpaceView> {
    this.abilities.assert(actor, 'create', SPACE_SUBJECT);
    const labId = await this.labFor(dto.visibility, dto.labId);
    const id = await this.spaces.insert({
      name: dto.name,
      description: dto.description ?? '',
      visibility: dto.visibility,
      labId,
      createdBy: actor.id,
    });
    if (!id) throw SpacesException.nameTaken();
    const row = (await this.spaces.findById(id, actor.id))!;
    await this.outbox.record(roomName('space', id), 'space.created', toSpaceView(row, null));
    return toSpaceView(row, { canModerate: true });
  }

  async list(actor: AuthMember, query: SpaceQueryDto): Promise<Page<SpaceView>> {
    const after = query.cursor ? decodeKeyset(query.cursor, ['text', 'uuid']) : undefined;
    const rows = await this.spaces.findPage({
      viewerId: actor.id,
      ...(await this.readsOf(actor)),
      q: query.q,
      limit: query.limit + 1,
      after: after ? { name: after[0], id: after[1] } : undefined,
    });
    const page = rows.slice(0, query.limit);
    const ability = this.abilities.for(actor);
    const last = page.at(-1);
    return {
      items: page.map((row) =>
        toSpaceView(row, {
          canModerate: ability.can(
            'moderate',
            spaceSubject({ id: row.id, visibility: row.visibility, role: row.viewerRole }),
          ),
        }),
      ),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.name, last.id]) : null,
    };
  }

  async get(actor: AuthMember, spaceId: string): Promise<SpaceView> {
    // The full record (its counts and the viewer's following) also decides access: one read.
    const space = await this.spaces.findById(spaceId, actor.id);
    if (!space) throw SpacesException.spaceNotFound();
    const access = this.assertReads(actor, await this.accessTo(actor, space));
    const canModerate = this.abilities.for(actor).can('moderate', access.subject);
    return toSpaceView(space, { canModerate });
  }

  @Transactional()
  async update(actor: AuthMember, spaceId: string, dto: UpdateSpaceDto): Promise<SpaceView> {
    const before = await this.readable(actor, spaceId);
    const ability = this.abilities.for(actor);
    if (!ability.can('update', before.subject)) throw SpacesException.forbidden();
    const changesVisibility = dto.visibility !== undefined || dto.labId !== undefined;
    if (before.space.visibility === 'coaching' && changesVisibility) throw SpacesException.coachingFixed();
    if (before.space.visibility === 'twinning' && changesVisibility) throw SpacesException.twinningFixed();
    const changes: SpaceChanges = { name: dto.name, description: dto.description };
    if (dto.visibility !== undefined || dto.labId !== undefined) {
      changes.visibility = dto.visibility ?? before.space.visibility;
      // A lab space that stays one keeps its lab unless another is named.
      const keptLab = changes.visibility === 'lab' ? (before.space.labId ?? undefined) : undefined;
      changes.labId = await this.labFor(changes.visibility, dto.labId ?? keptLab);
    }
    if (!(await this.spaces.update(spaceId, changes))) throw SpacesException.nameTaken();
    const row = (await this.spaces.findById(spaceId, actor.id))!;
    await this.outbox.record(roomName('space', spaceId), 'space.updated', toSpaceView(row, null));
    const view = toSpaceView(row, { canModerate: ability.can('moderate', before.subject) });
    const narrowed =
      (before.space.visibility === 'public' && view.visibility !== 'public') ||
      (before.space.visibility === 'lab' &&
        (view.visibility === 'private' || view.labId !== before.space.labId));
    if (narrowed) {
      const threadRooms = (await this.spaces.findThreadIds(spaceId)).map((id) => roomName('thread', id));
      this.events.emitAfterCommit('rooms.narrowed', {
        rooms: [roomName('space', spaceId), roomName('moderation_space', spaceId), ...threadRooms],
      });
    }
    return view;
  }

  async listMembers(actor: AuthMember, spaceId: string, query: PageQueryDto): Promise<Page<SpaceMemberView>> {
    await this.readable(actor, spaceId);
    const after = query.cursor ? decodeKeyset(query.cursor, ['text', 'uuid']) : undefined;
    const rows = await this.spaces.findMemberPage(
      spaceId,
      query.limit + 1,
      after ? { displayName: after[0], id: after[1] } : undefined,
    );
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map(toSpaceMemberView),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.displayName, last.memberId]) : null,
    };
  }

  /**
   * Invites a member into the space (space moderators, global moderators, admins) or appoints a
   * space moderator (admins only). Idempotent: the member's role is set to `role`.
   */
  @Transactional()
  async addMember(actor: AuthMember, spaceId: string, dto: AddSpaceMemberDto): Promise<SpaceMemberView> {
    const access = await this.readable(actor, spaceId);
    const role = dto.role ?? 'member';
    const current = await this.spaces.findMember(spaceId, dto.memberId);
    const touchesModerator = role === 'moderator' || current?.role === 'moderator';
    const ability = this.abilities.for(actor);
    if (touchesModerator && !ability.can('manage', SPACE_SUBJECT)) {
      throw SpacesException.onlyAdminsAppoint();
    }
    if (!ability.can('invite', access.subject)) throw SpacesException.forbidden();
    const target = await this.members.findAuthMember(dto.memberId);
    if (!target || target.status !== 'active') throw SpacesException.memberNotFound();
    await this.spaces.upsertMember(spaceId, dto.memberId, role, actor.id);
    const added = toSpaceMemberView((await this.spaces.findMember(spaceId, dto.memberId))!);
    await this.outbox.record(roomName('space', spaceId), 'space.member_added', added);
    if (dto.memberId !== actor.id && current?.role !== role) {
      await this.notifications.notify({
        memberId: dto.memberId,
        kind: role === 'moderator' ? 'space_moderator_appointed' : 'space_added',
        data: { spaceId, spaceName: access.space.name, byId: actor.id },
        link: `/spazi/${spaceId}`,
      });
    }
    // A moderator made a plain member leaves the space's moderation room at once.
    if (current?.role === 'moderator' && role !== 'moderator')
      this.events.emitAfterCommit('access.narrowed', { memberId: dto.memberId });
    return added;
  }

  /** Removes a member's role; members may leave on their own, moderators are removed by admins. */
  @Transactional()
  async removeMember(actor: AuthMember, spaceId: string, memberId: string): Promise<void> {
    const access = await this.access(actor, spaceId);
    const current = await this.spaces.findMember(spaceId, memberId);
    const leaving = memberId === actor.id && current?.role === 'member';
    if (!leaving) {
      const ability = this.abilities.for(actor);
      if (!ability.can('read', access.subject)) throw SpacesException.spaceForbidden();
      if (current?.role === 'moderator' && !ability.can('manage', SPACE_SUBJECT)) {
        throw SpacesException.onlyAdminsAppoint();
      }
      if (!ability.can('invite', access.subject)) throw SpacesException.forbidden();
    }
    if (!current) throw SpacesException.notSpaceMember();
    await this.spaces.removeMember(spaceId, memberId);
    await this.outbox.record(roomName('space', spaceId), 'space.member_removed', toSpaceMemberView(current));
    this.events.emitAfterCommit('access.narrowed', { memberId });
  }

  async follow(actor: AuthMember, spaceId: string, following: boolean): Promise<SpaceSubscriptionView> {
    await this.readable(actor, spaceId);
    if (following) await this.spaces.follow(spaceId, actor.id);
    else await this.spaces.unfollow(spaceId, actor.id);
    return { spaceId, following };
  }

  /** Which of `memberIds` may read the space (to notify only those who can open the link). */
  async filterReaders(spaceId: string, memberIds: readonly string[]): Promise<Set<string>> {
    const readers = await this.spaces.filterReaders(spaceId, memberIds);
    const space = await this.spaces.findAccessById(spaceId, null);
    if (space?.visibility === 'lab' && space.labId) {
      const others = memberIds.filter((id) => !readers.has(id));
      for (const id of await this.labs.filterParticipants(space.labId, others)) readers.add(id);
    }
    if (space?.visibility === 'coaching' && space.labGroupId) {
      for (const id of await this.coachesOf(space.labGroupId)) if (memberIds.includes(id)) readers.add(id);
    }
    if (space?.visibility === 'twinning' && space.twinningId) {
      const parties = await this.twinningAudiences.current.filterParties(space.twinningId, memberIds);
      for (const id of parties) readers.add(id);
    }
    return readers;
  }

  /** Followers of the space who may still read it. */
  async findFollowers(spaceId: string): Promise<string[]> {
    const space = await this.spaces.findAccessById(spaceId, null);
    if (space?.visibility !== 'lab' && space?.visibility !== 'coaching' && space?.visibility !== 'twinning')
      return this.spaces.findFollowers(spaceId);
    return [...(await this.filterReaders(spaceId, await this.spaces.findActiveFollowers(spaceId)))];
  }

  /** Every space the member may read (search filters on these). */
  async readableSpaceIds(actor: AuthMember): Promise<string[]> {
    return this.spaces.findReadableIds(actor.id, await this.readsOf(actor));
  }

  /** After a member left a lab: their sockets leave the lab spaces' rooms they may no longer read. */
  spaceNames(ids: readonly string[]): Promise<Map<string, string>> {
    return this.spaces.findNames(ids);
  }

  async exists(spaceId: string): Promise<boolean> {
    return (await this.spaces.findAccessById(spaceId, null)) !== undefined;
  }

  coachingSpaceIdOf(groupId: string): Promise<string | undefined> {
    return this.spaces.findCoachingSpaceId(groupId);
  }

  /** The coaching spaces of these groups, by group id, in one query. */
  coachingSpaceIdsOf(groupIds: readonly string[]): Promise<Map<string, string>> {
    return this.spaces.findCoachingSpaceIds(groupIds);
  }

  /**
   * The working group's coaching space, created on first use (the unique index on the group makes
   * two first requests create one: the loser's transaction fails and its caller reads again).
   */
  async ensureCoachingSpace(group: { id: string; name: string; labTitle: string }): Promise<string> {
    const existing = await this.spaces.findCoachingSpaceId(group.id);
    if (existing) return existing;
    const base = `Coaching – ${group.name} (${group.labTitle})`.slice(0, SPACE_NAME_MAX_LENGTH - 11);
    const space = {
      description:
        `Thread privato tra i tutor del laboratorio ${group.labTitle} e il gruppo ${group.name}.`.slice(
          0,
          SPACE_DESCRIPTION_MAX_LENGTH,
        ),
      visibility: 'coaching' as const,
      labId: null,
      labGroupId: group.id,
      createdBy: null,
    };
    // Space names are unique: a community space may already carry this one.
    const id =
      (await this.spaces.insert({ ...space, name: base })) ??
      (await this.spaces.insert({ ...space, name: `${base} · ${group.id.slice(0, 8)}` }));
    if (!id) throw SpacesException.nameTaken();
    return id;
  }

  /** The private spaces of these twinnings, by twinning id, in one query. */
  twinningSpaceIdsOf(twinningIds: readonly string[]): Promise<Map<string, string>> {
    return this.spaces.findTwinningSpaceIds(twinningIds);
  }

  /**
   * The twinning's private space, created on first use (the unique index on the twinning makes two
   * first calls create one: the loser's transaction fails).
   */
  async ensureTwinningSpace(twinning: { id: string; title: string }): Promise<string> {
    const existing = (await this.spaces.findTwinningSpaceIds([twinning.id])).get(twinning.id);
    if (existing) return existing;
    const base = `Gemellaggio – ${twinning.title}`.slice(0, SPACE_NAME_MAX_LENGTH - 11);
    const space = {
      description: `Spazio riservato alle amministrazioni del gemellaggio «${twinning.title}».`.slice(
        0,
        SPACE_DESCRIPTION_MAX_LENGTH,
      ),
      visibility: 'twinning' as const,
      labId: null,
      twinningId: twinning.id,
      createdBy: null,
    };
    // Space names are unique: a community space may already carry this one.
    const id =
      (await this.spaces.insert({ ...space, name: base })) ??
      (await this.spaces.insert({ ...space, name: `${base} · ${twinning.id.slice(0, 8)}` }));
    if (!id) throw SpacesException.nameTaken();
    return id;
  }

  /** A demo space restricted to a lab; idempotent (found by name). Returns its id. */
  async ensureDemoLabSpace(space: { name: string; description: string; labId: string }): Promise<string> {
    const id = await this.spaces.insert({ ...space, visibility: 'lab', createdBy: null });
    return id ?? (await this.spaces.findIdByName(space.name))!;
  }

  /** A space by its name (case-insensitive), for data loaded once (the demo world). */
  async idByName(name: string): Promise<string | undefined> {
    return this.spaces.findIdByName(name);
  }

  /** The demo spaces of the source documents; idempotent. Returns how many were created. */
  async ensureDemoSpaces(): Promise<number> {
    let created = 0;
    for (const space of DEMO_SPACES) {
      if (await this.spaces.insert({ ...space, labId: null, createdBy: null })) created += 1;
    }
    return created;
  }
}
