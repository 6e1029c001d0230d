import { Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AbilityFactory } from '../auth/ability.factory';
import { DocumentOwnerPolicies } from '../documents/document-owner-policies';
import { DocumentsModule } from '../documents/documents.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { RoomAuthorizer } from '../realtime/room-authorizer';
import { SpacesModule } from '../spaces/spaces.module';
import { TwinningSpaceAudiences } from '../spaces/twinning-space-audience';
import { TwinningEntity, TwinningReceivingOrganizationEntity } from './twinning.entity';
import { twinningDocumentsPolicy } from './twinning-documents.policy';
import {
  PracticeTwinningsController,
  TwinningActivitiesController,
  TwinningsController,
} from './twinnings.controller';
import { MembersModule } from '../members/members.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PracticesModule } from '../practices/practices.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { twinningRules } from './twinnings.policy';
import { TwinningsRepository } from './twinnings.repository';
import { TwinningsService } from './twinnings.service';

/**
 * Twinnings (Gemellaggi): the catalogue, its parties and their life cycle. Registers the `twinning:<id>` room,
 * the `twinning` document owner and who reads a twinning's private space. Others use TwinningsService.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([TwinningEntity, TwinningReceivingOrganizationEntity]),
    OrganizationsModule,
    DocumentsModule,
    PracticesModule,
    MembersModule,
    NotificationsModule,
    ProgrammesModule,
    SpacesModule,
  ],
  controllers: [TwinningsController, TwinningActivitiesController, PracticeTwinningsController],
  providers: [TwinningsRepository, TwinningsService],
  exports: [TwinningsService],
})
export class TwinningsModule implements OnModuleInit {
  constructor(
    private readonly abilities: AbilityFactory,
    private readonly rooms: RoomAuthorizer,
    private readonly twinnings: TwinningsService,
    private readonly documentOwners: DocumentOwnerPolicies,
    private readonly spaceAudiences: TwinningSpaceAudiences,
  ) {}

  onModuleInit(): void {
    this.abilities.register(twinningRules);
    this.rooms.register('twinning', (member, id) => this.twinnings.roomAccess(member, id));
    this.documentOwners.register('twinning', twinningDocumentsPolicy(this.twinnings));
    this.spaceAudiences.register({
      isParty: (member, id) => this.twinnings.isParty(member, id),
      twinningIdsOf: (member) => this.twinnings.idsOfParty(member),
      filterParties: (id, memberIds) => this.twinnings.filterPartyMembers(id, memberIds),
    });
  }
}
