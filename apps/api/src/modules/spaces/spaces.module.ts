import { Module, type OnModuleInit } from '@nestjs/common';
import { AbilityFactory } from '../auth/ability.factory';
import { DocumentOwnerPolicies } from '../documents/document-owner-policies';
import { DocumentsModule } from '../documents/documents.module';
import { LabsModule } from '../labs/labs.module';
import { MembersModule } from '../members/members.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { RoomAuthorizer } from '../realtime/room-authorizer';
import { spaceDocumentsPolicy } from './space-documents.policy';
import { SpacesController } from './spaces.controller';
import { spaceRules } from './spaces.policy';
import { SpacesRepository } from './spaces.repository';
import { SpacesService } from './spaces.service';
import { TwinningSpaceAudiences } from './twinning-space-audience';

/**
 * Community spaces: public, private, restricted to a lab's participants, a working group's
 * coaching or a twinning's administrations (TwinningSpaceAudiences, registered by the twinnings
 * module), with invited members, space moderators and followers.
 * Registers the space rules and the `space:<id>` room. Others use SpacesService.
 */
@Module({
  imports: [MembersModule, NotificationsModule, DocumentsModule, LabsModule],
  controllers: [SpacesController],
  providers: [SpacesRepository, SpacesService, TwinningSpaceAudiences],
  exports: [SpacesService, TwinningSpaceAudiences],
})
export class SpacesModule implements OnModuleInit {
  constructor(
    private readonly abilities: AbilityFactory,
    private readonly rooms: RoomAuthorizer,
    private readonly spaces: SpacesService,
    private readonly documentOwners: DocumentOwnerPolicies,
  ) {}

  onModuleInit(): void {
    this.abilities.register(spaceRules);
    this.rooms.register('space', (member, id) => this.spaces.roomAccess(member, id));
    this.documentOwners.register('space', spaceDocumentsPolicy(this.spaces));
  }
}
