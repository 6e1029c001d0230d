import { Module, type OnModuleInit } from '@nestjs/common';
import { AbilityFactory } from '../auth/ability.factory';
import { RoomAuthorizer } from '../realtime/room-authorizer';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { AccessRequestEntity } from './access-request.entity';
import { AccessRequestRepository } from './access-request.repository';
import { AccessRequestsController } from './access-requests.controller';
import { AccessRequestsService } from './access-requests.service';
import { InvitationEntity } from './invitation.entity';
import { InvitationRepository } from './invitation.repository';
import { InvitationsController } from './invitations.controller';
import { InvitationsService } from './invitations.service';
import { MemberEntity } from './member.entity';
import { MemberRepository } from './member.repository';
import { MembersController } from './members.controller';
import { MembersService } from './members.service';
import { PasswordHasher } from './password-hasher';

/** The admins' live queue of access requests (the bare `admin` room): admins only (they manage all). */
const ADMIN_QUEUE = 'AdminQueue';

/**
 * Members, their profiles and directory, and the two ways in: invitation and access request.
 * Registers the `admin` room, where access requests arrive.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([MemberEntity, InvitationEntity, AccessRequestEntity]),
    OrganizationsModule,
    NotificationsModule,
  ],
  controllers: [MembersController, InvitationsController, AccessRequestsController],
  providers: [
    MemberRepository,
    InvitationRepository,
    AccessRequestRepository,
    PasswordHasher,
    MembersService,
    InvitationsService,
    AccessRequestsService,
  ],
  exports: [MembersService, InvitationsService, AccessRequestsService],
})
export class MembersModule implements OnModuleInit {
  constructor(
    private readonly abilities: AbilityFactory,
    private readonly rooms: RoomAuthorizer,
  ) {}

  onModuleInit(): void {
    this.rooms.registerBare('admin', (member) =>
      this.abilities.for(member).can('read', ADMIN_QUEUE) ? 'ok' : 'forbidden',
    );
  }
}
