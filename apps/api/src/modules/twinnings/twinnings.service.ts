import { Injectable } from '@nestjs/common';
import type { OrganizationSummary, Page, TwinningView } from '@convergo/contracts';
import { decodeKeyset, encodeCursor } from '../../common/cursor';
import type { PageQueryDto } from '../../common/pagination.dto';
import { AbilityFactory } from '../auth/ability.factory';
import type { AuthMember } from '../auth/auth-member';
import { OrganizationsService } from '../organizations/organizations.service';
import type { RoomAccess } from '../realtime/room-authorizer';
import type { CreateTwinningDto } from './dto/create-twinning.dto';
import { TwinningsException } from './twinnings.exception';
import { TWINNING_SUBJECT } from './twinnings.policy';
import { TwinningsRepository, type TwinningRecord } from './twinnings.repository';

export interface DemoTwinning {
  title: string;
  practiceTitle: string;
  practiceDescription: string;
  offeringOrganizationId: string;
  receivingOrganizationIds: string[];
  status: TwinningRecord['status'];
}

/**
 * Twinnings between an offering administration and receiving ones: the catalogue and who is a
 * party. The lifecycle (activities, outcomes, status changes) comes later.
 */
@Injectable()
export class TwinningsService {
  constructor(
    private readonly twinnings: TwinningsRepository,
    private readonly organizations: OrganizationsService,
    private readonly abilities: AbilityFactory,
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
    });
    if (!id) throw TwinningsException.titleTaken();
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
      };
    });
  }
}
