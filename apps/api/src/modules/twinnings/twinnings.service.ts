import { Injectable } from '@nestjs/common';
import { DomainEvents } from '../../common/domain-events/domain-events';
import {
  roomName,
  twinningTransitionAllowed,
  type OrganizationSummary,
  type Page,
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
import type { PageQueryDto } from '../../common/pagination.dto';
import { AbilityFactory } from '../auth/ability.factory';
import type { AuthMember } from '../auth/auth-member';
import { OrganizationsService } from '../organizations/organizations.service';
import type { RoomAccess } from '../realtime/room-authorizer';
import type { CreateTwinningDto } from './dto/create-twinning.dto';
import type {
  ChangeTwinningStatusDto,
  CreateTwinningActivityDto,
  CreateTwinningRequestDto,
} from './dto/twinning-lifecycle.dto';
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
  ) {}

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
        // The web app has no twinning page yet: the practice's page lists its twinnings.
        ...(current.practiceId ? { link: `/buone-pratiche/${current.practiceId}` } : {}),
      });
    }
    return this.get(actor, id);
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
    return this.get(actor, id);
  }

  async list(actor: AuthMember, query: PageQueryDto): Promise<Page<TwinningView>> {
    this.abilities.assert(actor, 'read', TWINNING_SUBJECT);
    const after = query.cursor ? decodeKeyset(query.cursor, ['text', 'uuid']) : undefined;
    const rows = await this.twinnings.findPage(
      query.limit + 1,
      after ? { title: after[0], id: after[1] } : undefined,
    );
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

  /** The demo twinning; idempotent (found by title). Returns its id. */
  async ensureDemoTwinning(demo: DemoTwinning): Promise<string> {
    return (
      (await this.twinnings.insert({ ...demo, createdBy: null })) ??
      (await this.twinnings.findIdByTitle(demo.title))!
    );
  }

  private async toViews(actor: AuthMember, rows: readonly TwinningRecord[]): Promise<TwinningView[]> {
    const ids = rows.flatMap((row) => [row.offeringOrganizationId, ...row.receivingOrganizationIds]);
    const organizations = await this.organizations.findSummariesByIds([...new Set(ids)]);
    const twinningIds = rows.map((row) => row.id);
    const history = twinningIds.length ? await this.twinnings.findHistory(twinningIds) : [];
    const activities = twinningIds.length ? await this.twinnings.findActivities(twinningIds) : [];
    const summary = (id: string): OrganizationSummary =>
      organizations.get(id) ?? { id, name: '', kind: '', region: null, convergence: false };
    return rows.map((row) => {
      const receiving = row.receivingOrganizationIds
        .map(summary)
        .sort((a, b) => a.name.localeCompare(b.name, 'it'));
      const parties = new Set([row.offeringOrganizationId, ...row.receivingOrganizationIds]);
      return {
        id: row.id,
        title: row.title,
        practiceTitle: row.practiceTitle,
        practiceDescription: row.practiceDescription,
        offeringOrganization: summary(row.offeringOrganizationId),
        receivingOrganizations: receiving,
        status: row.status,
        createdAt: new Date(row.createdAt).toISOString(),
        isParty: actor.organizationId !== null && parties.has(actor.organizationId),
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
