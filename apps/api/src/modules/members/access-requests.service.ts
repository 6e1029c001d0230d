import { Injectable } from '@nestjs/common';
import { Transactional } from '../../database/transactional';
import type { AccessRequestView, DeskBlock, OrganizationSummary, Page } from '@convergo/contracts';
import { decodeKeyset, encodeCursor } from '../../common/cursor';
import { toDeskBlock } from '../../common/desk/desk-block';
import type { AuthMember } from '../auth/auth-member';
import { OrganizationsService } from '../organizations/organizations.service';
import { EventOutbox } from '../realtime/event-outbox';
import { AccessRequestEntity } from './access-request.entity';
import { AccessRequestRepository } from './access-request.repository';
import type { AccessRequestQueryDto } from './dto/access-request-query.dto';
import type { CreateAccessRequestDto } from './dto/create-access-request.dto';
import { MembersException } from './members.exception';
import { MembersService } from './members.service';

function toView(request: AccessRequestEntity, organization: OrganizationSummary | null): AccessRequestView {
  return {
    id: request.id,
    email: request.email,
    displayName: request.displayName,
    organization,
    jobTitle: request.jobTitle,
    motivation: request.motivation,
    status: request.status,
    createdAt: request.createdAt.toISOString(),
    decidedAt: request.decidedAt?.toISOString() ?? null,
    decisionNote: request.decisionNote,
  };
}

/** Registration by request: the applicant asks, an admin approves or rejects. */
@Injectable()
export class AccessRequestsService {
  constructor(
    private readonly requests: AccessRequestRepository,
    private readonly members: MembersService,
    private readonly organizations: OrganizationsService,
    private readonly outbox: EventOutbox,
  ) {}

  @Transactional()
  async submit(dto: CreateAccessRequestDto): Promise<AccessRequestView> {
    if (await this.members.emailExists(dto.email)) throw MembersException.emailTaken();
    if (await this.requests.hasPending(dto.email)) throw MembersException.requestPending();
    await this.members.assertOrganizationExists(dto.organizationId);
    const passwordHash = await this.members.hashPassword(dto.password);
    const organization = await this.organizations.findSummaryById(dto.organizationId);
    const request = await this.requests.insert({
      email: dto.email,
      displayName: dto.displayName,
      organizationId: dto.organizationId,
      jobTitle: dto.jobTitle ?? null,
      motivation: dto.motivation ?? null,
      passwordHash,
    });
    // A twin submission committed between hasPending and the insert: the same answer as a sequential one.
    if (!request) throw MembersException.requestPending();
    const view = toView(request, organization);
    await this.outbox.record('admin', 'access_request.created', view);
    return view;
  }

  /** The desk's access requests waiting for a decision (admins; the caller checks). */
  async deskPending(limit: number): Promise<DeskBlock> {
    return toDeskBlock(
      await this.requests.findPendingForDesk(limit),
      '/amministrazione',
      () => '/amministrazione',
    );
  }

  async list(query: AccessRequestQueryDto): Promise<Page<AccessRequestView>> {
    const after = query.cursor ? decodeKeyset(query.cursor, ['timestamp', 'uuid'] as const) : undefined;
    const rows = await this.requests.findPage(
      query.status,
      query.limit + 1,
      after ? { createdAt: after[0], id: after[1] } : undefined,
    );
    const page = rows.slice(0, query.limit);
    const organizations = await this.organizations.findSummariesByIds([
      ...new Set(page.map((r) => r.organizationId)),
    ]);
    const last = page.at(-1);
    return {
      items: page.map((r) => toView(r, organizations.get(r.organizationId) ?? null)),
      nextCursor:
        rows.length > query.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
    };
  }

  approve(actor: AuthMember, id: string, note?: string): Promise<AccessRequestView> {
    return this.decide(actor, id, 'approved', note);
  }

  reject(actor: AuthMember, id: string, note?: string): Promise<AccessRequestView> {
    return this.decide(actor, id, 'rejected', note);
  }

  @Transactional()
  private async decide(
    actor: AuthMember,
    id: string,
    status: 'approved' | 'rejected',
    note: string | undefined,
  ): Promise<AccessRequestView> {
    const request = await this.requests.findForDecision(id);
    if (!request) throw MembersException.requestNotFound();
    if (request.status !== 'pending') throw MembersException.requestAlreadyDecided();
    if (status === 'approved') {
      const member = await this.members.createMember({
        email: request.email,
        passwordHash: request.passwordHash,
        displayName: request.displayName,
        role: 'member',
        organizationId: request.organizationId,
        jobTitle: request.jobTitle,
      });
      request.memberId = member.id;
    }
    Object.assign(request, {
      status,
      decidedBy: actor.id,
      decidedAt: new Date(),
      decisionNote: note ?? null,
    });
    await this.requests.saveDecision(request);
    const view = toView(request, await this.organizations.findSummaryById(request.organizationId));
    await this.outbox.record('admin', 'access_request.decided', view);
    return view;
  }
}
