import { Injectable } from '@nestjs/common';
import { DomainEvents } from '../../common/domain-events/domain-events';
import {
  roomName,
  twinningTransitionAllowed,
  type OrganizationSummary,
  type Page,
  type PracticeAdopterView,
  type TwinningStatus,
  type TwinningActivityView,
  type TwinningStatusChangeView,
  type TwinningView,
} from '@convergo/contracts';
import { Transactional } from '../../database/transactional';
import { MembersService } from '../members/members.service';
import { NotificationsService } from '../notifications/notifications.service';
import { PracticesService } from '../practices/practices.service';
import { ProgrammesService } from '../programmes/programmes.service';
import { EventOutbox } from '../realtime/event-outbox';
import { decodeKeyset, encodeCursor } from '../../common/cursor';
import { AbilityFactory } from '../auth/ability.factory';
import type { AuthMember } from '../auth/auth-member';
import { OrganizationsService } from '../organizations/organizations.service';
import { SpacesService } from '../spaces/spaces.service';
import type { RoomAccess } from '../realtime/room-authorizer';
import type { CreateTwinningDto } from './dto/create-twinning.dto';
import type {
  ChangeTwinningStatusDto,
  CreateTwinningActivityDto,
  CreateTwinningRequestDto,
} from './dto/twinning-lifecycle.dto';
import type { TwinningListQueryDto } from './dto/twinning-list-query.dto';
import type { UpdateTwinningDto } from './dto/update-twinning.dto';
import { TwinningsException } from './twinnings.exception';
import { TWINNING_SUBJECT } from './twinnings.policy';
import {
  TwinningsRepository,
  type TwinningActivityRecord,
  type TwinningHistoryRecord,
  type TwinningRecord,
} from './twinnings.repository';

export interface DemoTwinning {
  title: string;
  practiceTitle: string;
  practiceDescription: string;
  offeringOrganizationId: string;
  receivingOrganizationIds: string[];
  status: TwinningRecord['status'];
  programmeId?: string | null;
  practiceId?: string | null;
  createdAt?: Date;
  /** Give it its private space (the live demo twinning; not the historical AGIRE POR ones). */
  privateSpace?: boolean;
}

/**
 * Twinnings between an offering administration and receiving ones: the catalogue, who is a party,
 * and the life cycle — a receiving administration's request on a published practice, the admins'
 * moves along TWINNING_TRANSITIONS (history, `twinning.status_changed`, notifications to the
 * parties' members) and the parties' activities.
 */
@Injectable()
export class TwinningsService {
  constructor(
    private readonly twinnings: TwinningsRepository,
    private readonly organizations: OrganizationsService,
    private readonly abilities: AbilityFactory,
    private readonly practices: PracticesService,
    private readonly members: MembersService,
    private readonly notifications: NotificationsService,
    private readonly outbox: EventOutbox,
    private readonly events: DomainEvents,
    private readonly programmes: ProgrammesService,
    private readonly spaces: SpacesService,
  ) {}

  /** Which of `memberIds` belong to an administration of the twinning (who reads its space). */
  async filterPartyMembers(twinningId: string, memberIds: readonly string[]): Promise<Set<string>> {
    const twinning = await this.twinnings.findById(twinningId);
    if (!twinning) return new Set();
    const parties = await this.members.activeIdsInOrganizations([
      twinning.offeringOrganizationId,
      ...twinning.receivingOrganizationIds,
    ]);
    return new Set(parties.filter((id) => memberIds.includes(id)));
  }

  /** Whether the member's administration offers or receives the twinning. */
  async isParty(member: AuthMember, twinningId: string): Promise<boolean> {
    if (!member.organizationId) return false;
    return this.twinnings.isParty(member.organizationId, twinningId);
  }

  /** The twinnings the member's administration is a party to. */
  async idsOfParty(member: AuthMember): Promise<string[]> {
    if (!member.organizationId) return [];
    return this.twinnings.findIdsOfParty(member.organizationId);
  }

  exists(twinningId: string): Promise<boolean> {
    return this.twinnings.exists(twinningId);
  }

  /** The room policy of `twinning:<id>`: the parties' members and admins. */
  async roomAccess(member: AuthMember, twinningId: string): Promise<RoomAccess> {
    if (!(await this.twinnings.exists(twinningId))) return 'not_found';
    if (this.abilities.for(member).can('manage', TWINNING_SUBJECT)) return 'ok';
    return (await this.isParty(member, twinningId)) ? 'ok' : 'forbidden';
  }

  /**
   * A receiving administration asks for a twinning on a published practice: its referent, or an
   * admin on its behalf. The twinning starts in `candidatura`.
   */
  @Transactional()
  async request(actor: AuthMember, practiceId: string, dto: CreateTwinningRequestDto): Promise<TwinningView> {
    // 404 when the practice is unknown or not readable by the asker (a proposal stays private).
    const practice = await this.practices.get(actor, practiceId);
    const organizationId = dto.organizationId;
    if (!this.isAdmin(actor) && !(actor.isReferent && actor.organizationId === organizationId)) {
      throw TwinningsException.forbidden(
        'Only the referent of this administration (or an admin) requests a twinning for it',
      );
    }
    const organization = await this.organizations.findSummaryById(organizationId);
    if (!organization) throw TwinningsException.organizationNotFound('organizationId');
    if (practice.status !== 'published') throw TwinningsException.practiceNotPublished();
    if (practice.offeringOrganization.id === organizationId) throw TwinningsException.offeringAlsoReceiving();
    if (await this.twinnings.hasOpenRequest(practiceId, organizationId)) {
      throw TwinningsException.alreadyRequested();
    }
    const title = `${practice.title} — ${organization.name}`.slice(0, 200);
    const id = await this.twinnings.insert({
      title,
      practiceTitle: practice.title,
      practiceDescription: practice.summary,
      offeringOrganizationId: practice.offeringOrganization.id,
      receivingOrganizationIds: [organizationId],
      status: 'candidatura',
      createdBy: actor.id,
      practiceId,
      needs: dto.needs ?? '',
    });
    if (!id) throw TwinningsException.titleTaken();
    await this.twinnings.insertHistory(id, null, 'candidatura', actor.id, '');
    await this.events.emit('twinning.changed', { twinningId: id });
    return this.get(actor, id);
  }

  /** An admin's move along TWINNING_TRANSITIONS; anything else is a 409 and changes nothing. */
  @Transactional()
  async changeStatus(actor: AuthMember, id: string, dto: ChangeTwinningStatusDto): Promise<TwinningView> {
    const current = await this.twinnings.findForUpdate(id);
    if (!current) throw TwinningsException.notFound();
    if (!this.isAdmin(actor))
      throw TwinningsException.forbidden('Only admins move a twinning along its life cycle');
    if (!twinningTransitionAllowed(current.status, dto.status)) {
      throw TwinningsException.transitionNotAllowed(current.status, dto.status);
    }
    const note = dto.note ?? '';
    await this.twinnings.updateStatus(id, dto.status);
    const change = await this.twinnings.insertHistory(id, current.status, dto.status, actor.id, note);
    await this.events.emit('twinning.changed', { twinningId: id });
    await this.openSpaceOnceSelected({ ...current, status: dto.status });
    await this.outbox.record(roomName('twinning', id), 'twinning.status_changed', {
      twinningId: id,
      change: toChangeView(change),
    });
    const memberIds = await this.members.activeIdsInOrganizations([
      current.offeringOrganizationId,
      ...current.receivingOrganizationIds,
    ]);
    for (const memberId of memberIds) {
      if (memberId === actor.id) continue;
      await this.notifications.notify({
        memberId,
        kind: 'twinning_status_changed',
        data: { twinningId: id, twinningTitle: current.title, status: dto.status, note },
        link: `/gemellaggi/${id}`,
      });
    }
    return this.get(actor, id);
  }

  /**
   * Dates, budget and outcomes, by a party's referent or an admin. Absent fields stay, null clears;
   * the merged dates must not end before they start. Announced as `twinning.updated`.
   */
  @Transactional()
  async update(actor: AuthMember, id: string, dto: UpdateTwinningDto): Promise<TwinningView> {
    const current = await this.twinnings.findForUpdate(id);
    if (!current) throw TwinningsException.notFound();
    if (!this.mayEdit(actor, current)) {
      throw TwinningsException.forbidden(
        'Only the referents of the twinning’s administrations and admins edit its dates, budget and outcomes',
      );
    }
    const plan = {
      plannedStart: dto.plannedStart !== undefined ? dto.plannedStart : current.plannedStart,
      plannedEnd: dto.plannedEnd !== undefined ? dto.plannedEnd : current.plannedEnd,
      budget: dto.budget !== undefined ? dto.budget : current.budget,
      outcomes: dto.outcomes ?? current.outcomes,
    };
    if (plan.plannedStart && plan.plannedEnd && plan.plannedEnd < plan.plannedStart) {
      throw TwinningsException.endsBeforeStart();
    }
    await this.twinnings.updatePlan(id, plan);
    const view = await this.get(actor, id);
    await this.outbox.record(roomName('twinning', id), 'twinning.updated', {
      twinningId: id,
      plannedStart: view.plannedStart,
      plannedEnd: view.plannedEnd,
      budget: view.budget,
      outcomes: view.outcomes,
      updatedBy: actor.id,
    });
    return view;
  }

  /** The administrations that adopted the practice: receiving parties of its twinnings in progress or concluded. */
  async adopters(actor: AuthMember, practiceId: string): Promise<PracticeAdopterView[]> {
    await this.practices.get(actor, practiceId);
    const rows = await this.twinnings.findAdopters(practiceId);
    const organizations = await this.organizations.findSummariesByIds([
      ...new Set(rows.map((row) => row.organizationId)),
    ]);
    return rows.flatMap((row) => {
      const organization = organizations.get(row.organizationId);
      return organization
        ? [{ organization, twinningId: row.twinningId, status: row.status, startedAt: iso(row.startedAt) }]
        : [];
    });
  }

  /** A party's referent or an admin. */
  private mayEdit(actor: AuthMember, twinning: TwinningRecord): boolean {
    if (this.isAdmin(actor)) return true;
    const parties = [twinning.offeringOrganizationId, ...twinning.receivingOrganizationIds];
    return actor.isReferent && actor.organizationId !== null && parties.includes(actor.organizationId);
  }

  /**
   * The private space opens when admins select the twinning (or create it past the request): a
   * request may still be withdrawn, and the parties have nothing to work on together before.
   */
  private async openSpaceOnceSelected(twinning: { id: string; title: string; status: TwinningStatus }) {
    if (twinning.status === 'candidatura' || twinning.status === 'ritirato') return;
    await this.spaces.ensureTwinningSpace(twinning);
  }

  /** An activity of the twinning, added by a party's member or an admin. */
  @Transactional()
  async addActivity(
    actor: AuthMember,
    id: string,
    dto: CreateTwinningActivityDto,
  ): Promise<TwinningActivityView> {
    await this.assertMayWork(actor, id);
    const row = await this.twinnings.insertActivity(
      id,
      dto.title,
      dto.dueAt ? new Date(dto.dueAt) : null,
      actor.id,
    );
    return toActivityView(row);
  }

  @Transactional()
  async setActivityDone(actor: AuthMember, activityId: string, done: boolean): Promise<TwinningActivityView> {
    const activity = await this.twinnings.findActivity(activityId);
    if (!activity) throw TwinningsException.activityNotFound();
    await this.assertMayWork(actor, activity.twinningId);
    await this.twinnings.updateActivityDone(activityId, done);
    return toActivityView({ ...activity, done });
  }

  /** The twinnings of a practice the asker may read (its page). */
  async listForPractice(actor: AuthMember, practiceId: string): Promise<TwinningView[]> {
    await this.practices.get(actor, practiceId);
    return this.toViews(actor, await this.twinnings.findByPractice(practiceId));
  }

  private isAdmin(actor: AuthMember): boolean {
    return this.abilities.for(actor).can('manage', TWINNING_SUBJECT);
  }

  private async assertMayWork(actor: AuthMember, twinningId: string): Promise<void> {
    if (!(await this.twinnings.exists(twinningId))) throw TwinningsException.notFound();
    if (this.isAdmin(actor) || (await this.isParty(actor, twinningId))) return;
    throw TwinningsException.forbidden(
      'Only the parties’ members and admins work on a twinning’s activities',
    );
  }

  @Transactional()
  async create(actor: AuthMember, dto: CreateTwinningDto): Promise<TwinningView> {
    this.abilities.assert(actor, 'create', TWINNING_SUBJECT);
    const offering = dto.offeringOrganizationId.toLowerCase();
    const receiving = dto.receivingOrganizationIds;
    if (receiving.includes(offering)) throw TwinningsException.offeringAlsoReceiving();
    const known = await this.organizations.findSummariesByIds([offering, ...receiving]);
    if (!known.has(offering)) throw TwinningsException.organizationNotFound('offeringOrganizationId');
    if (receiving.some((id) => !known.has(id))) {
      throw TwinningsException.organizationNotFound('receivingOrganizationIds');
    }
    const id = await this.twinnings.insert({
      title: dto.title,
      practiceTitle: dto.practiceTitle,
      practiceDescription: dto.practiceDescription ?? '',
      offeringOrganizationId: offering,
      receivingOrganizationIds: receiving,
      status: dto.status ?? 'candidatura',
      createdBy: actor.id,
      programmeId: dto.programmeId ? (await this.programmes.get(dto.programmeId)).id : null,
    });
    if (!id) throw TwinningsException.titleTaken();
    await this.twinnings.insertHistory(id, null, dto.status ?? 'candidatura', actor.id, '');
    await this.events.emit('twinning.changed', { twinningId: id });
    await this.openSpaceOnceSelected({ id, title: dto.title, status: dto.status ?? 'candidatura' });
    return this.get(actor, id);
  }

  async list(actor: AuthMember, query: TwinningListQueryDto): Promise<Page<TwinningView>> {
    this.abilities.assert(actor, 'read', TWINNING_SUBJECT);
    const after = query.cursor ? decodeKeyset(query.cursor, ['text', 'uuid']) : undefined;
    const rows = await this.twinnings.findPage({
      limit: query.limit + 1,
      after: after ? { title: after[0], id: after[1] } : undefined,
      status: query.status,
      // A member of no administration is a party of nothing.
      ...(query.mine === 'true' ? { partyOf: actor.organizationId } : {}),
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: await this.toViews(actor, page),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.title, last.id]) : null,
    };
  }

  async get(actor: AuthMember, id: string): Promise<TwinningView> {
    this.abilities.assert(actor, 'read', TWINNING_SUBJECT);
    const row = await this.twinnings.findById(id);
    if (!row) throw TwinningsException.notFound();
    return (await this.toViews(actor, [row]))[0];
  }

  /** The demo twinning and, when asked, its space; idempotent (found by title). Returns its id. */
  async ensureDemoTwinning({ privateSpace, ...demo }: DemoTwinning): Promise<string> {
    const id =
      (await this.twinnings.insert({ ...demo, createdBy: null })) ??
      (await this.twinnings.findIdByTitle(demo.title))!;
    if (privateSpace) await this.openSpaceOnceSelected({ id, title: demo.title, status: demo.status });
    return id;
  }

  private async toViews(actor: AuthMember, rows: readonly TwinningRecord[]): Promise<TwinningView[]> {
    const ids = rows.flatMap((row) => [row.offeringOrganizationId, ...row.receivingOrganizationIds]);
    const organizations = await this.organizations.findSummariesByIds([...new Set(ids)]);
    const twinningIds = rows.map((row) => row.id);
    const history = twinningIds.length ? await this.twinnings.findHistory(twinningIds) : [];
    const activities = twinningIds.length ? await this.twinnings.findActivities(twinningIds) : [];
    const admin = this.isAdmin(actor);
    const spaceIds = await this.spaces.twinningSpaceIdsOf(twinningIds);
    const summary = (id: string): OrganizationSummary =>
      organizations.get(id) ?? { id, name: '', kind: '', region: null, convergence: false };
    return rows.map((row) => {
      const receiving = row.receivingOrganizationIds
        .map(summary)
        .sort((a, b) => a.name.localeCompare(b.name, 'it'));
      const parties = new Set([row.offeringOrganizationId, ...row.receivingOrganizationIds]);
      const isParty = actor.organizationId !== null && parties.has(actor.organizationId);
      return {
        id: row.id,
        title: row.title,
        practiceTitle: row.practiceTitle,
        practiceDescription: row.practiceDescription,
        offeringOrganization: summary(row.offeringOrganizationId),
        receivingOrganizations: receiving,
        status: row.status,
        createdAt: new Date(row.createdAt).toISOString(),
        isParty,
        practiceId: row.practiceId,
        programmeId: row.programmeId,
        needs: row.needs,
        startedAt: iso(row.startedAt),
        concludedAt: iso(row.concludedAt),
        plannedStart: row.plannedStart,
        plannedEnd: row.plannedEnd,
        budget: row.budget,
        outcomes: row.outcomes,
        history: history.filter((h) => h.twinningId === row.id).map(toChangeView),
        activities: activities.filter((a) => a.twinningId === row.id).map(toActivityView),
        // Outsiders are not told the space exists (they would only meet a 403).
        spaceId: admin || isParty ? (spaceIds.get(row.id) ?? null) : null,
        canEdit: this.mayEdit(actor, row),
      };
    });
  }
}

function iso(date: Date | null): string | null {
  return date ? new Date(date).toISOString() : null;
}

function toChangeView(row: TwinningHistoryRecord): TwinningStatusChangeView {
  return {
    from: row.from,
    to: row.to,
    changedBy: row.changedBy,
    note: row.note,
    changedAt: new Date(row.changedAt).toISOString(),
  };
}

function toActivityView(row: TwinningActivityRecord): TwinningActivityView {
  return {
    id: row.id,
    twinningId: row.twinningId,
    title: row.title,
    dueAt: iso(row.dueAt),
    done: row.done,
    createdBy: row.createdBy,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}
