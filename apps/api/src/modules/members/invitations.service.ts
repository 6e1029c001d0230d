import { Injectable } from '@nestjs/common';
import { Transactional } from '../../database/transactional';
import type { InvitationView } from '@convergo/contracts';
import { hashToken, newSecretToken } from '../../common/secret-token';
import { Environment } from '../../config/environment';
import { AbilityFactory } from '../auth/ability.factory';
import { NotificationsService } from '../notifications/notifications.service';
import type { AuthMember } from '../auth/auth-member';
import { EventOutbox } from '../realtime/event-outbox';
import type { AcceptInvitationDto } from './dto/accept-invitation.dto';
import type { CreateInvitationDto } from './dto/create-invitation.dto';
import { InvitationEntity } from './invitation.entity';
import { InvitationRepository } from './invitation.repository';
import { MembersException } from './members.exception';
import { MembersService, toAuthMember, type MemberAccount } from './members.service';

const INVITATION_TTL_DAYS = 14;

function toView(invitation: InvitationEntity, acceptUrl?: string): InvitationView {
  return {
    id: invitation.id,
    email: invitation.email,
    organizationId: invitation.organizationId,
    role: invitation.role,
    expiresAt: invitation.expiresAt.toISOString(),
    ...(acceptUrl ? { acceptUrl } : {}),
  };
}

/** Invitations by an admin (any role) or by an administration's referent (colleagues, as officials). */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly invitations: InvitationRepository,
    private readonly members: MembersService,
    private readonly abilities: AbilityFactory,
    private readonly outbox: EventOutbox,
    private readonly env: Environment,
    private readonly notifications: NotificationsService,
  ) {}

  async invite(actor: AuthMember, dto: CreateInvitationDto): Promise<InvitationView> {
    this.abilities.assert(actor, 'invite', 'Invitation', {
      organizationId: dto.organizationId,
      role: dto.role,
    });
    if (await this.members.emailExists(dto.email)) throw MembersException.emailTaken();
    await this.members.assertOrganizationExists(dto.organizationId);
    const token = newSecretToken();
    const invitation = await this.invitations.insert({
      email: dto.email,
      organizationId: dto.organizationId,
      role: dto.role,
      tokenHash: hashToken(token),
      invitedBy: actor.id,
      expiresAt: new Date(Date.now() + INVITATION_TTL_DAYS * 86_400_000),
    });
    return toView(invitation, this.acceptUrl(token));
  }

  /** Creates the member and consumes the invitation in one transaction. */
  @Transactional()
  async accept(dto: AcceptInvitationDto): Promise<MemberAccount> {
    const passwordHash = await this.members.hashPassword(dto.password);
    const invitation = await this.invitations.findUsableByTokenHash(hashToken(dto.token));
    if (!invitation) throw MembersException.invitationInvalid();
    const member = await this.members.createMember({
      email: invitation.email,
      passwordHash,
      displayName: dto.displayName,
      role: invitation.role,
      organizationId: invitation.organizationId,
    });
    await this.invitations.markAccepted(invitation.id, member.id);
    await this.notifications.notify({
      memberId: invitation.invitedBy,
      kind: 'invitation_accepted',
      data: { memberId: member.id, displayName: member.displayName, email: member.email },
      link: `/membri?q=${encodeURIComponent(member.displayName)}`,
    });
    return toAuthMember(member);
  }

  async listPending(actor: AuthMember): Promise<InvitationView[]> {
    const everything = this.abilities.for(actor).can('manage', 'Invitation');
    if (!everything && !(actor.isReferent && actor.organizationId)) return [];
    const rows = await this.invitations.findPending(
      everything ? undefined : (actor.organizationId ?? undefined),
    );
    return rows.map((row) => toView(row));
  }

  async revoke(actor: AuthMember, id: string): Promise<void> {
    const invitation = await this.invitations.findById(id);
    if (!invitation) throw MembersException.invitationNotFound();
    this.abilities.assert(actor, 'invite', 'Invitation', {
      organizationId: invitation.organizationId,
      role: invitation.role,
    });
    await this.invitations.revoke(id);
  }

  private acceptUrl(token: string): string {
    const base = this.env.PUBLIC_URL ?? `http://localhost:${this.env.PORT}`;
    return `${base.replace(/\/$/, '')}/invito?token=${token}`;
  }
}
