import { Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AbilityFactory } from '../auth/ability.factory';
import { DocumentOwnerPolicies } from '../documents/document-owner-policies';
import { DocumentsModule } from '../documents/documents.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { RoomAuthorizer } from '../realtime/room-authorizer';
import { TwinningEntity, TwinningReceivingOrganizationEntity } from './twinning.entity';
import { twinningDocumentsPolicy } from './twinning-documents.policy';
import { TwinningsController } from './twinnings.controller';
import { twinningRules } from './twinnings.policy';
import { TwinningsRepository } from './twinnings.repository';
import { TwinningsService } from './twinnings.service';

/**
 * Twinnings (Gemellaggi): the catalogue and its parties. Registers the `twinning:<id>` room and
 * the `twinning` document owner. Others use TwinningsService.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([TwinningEntity, TwinningReceivingOrganizationEntity]),
    OrganizationsModule,
    DocumentsModule,
  ],
  controllers: [TwinningsController],
  providers: [TwinningsRepository, TwinningsService],
  exports: [TwinningsService],
})
export class TwinningsModule implements OnModuleInit {
  constructor(
    private readonly abilities: AbilityFactory,
    private readonly rooms: RoomAuthorizer,
    private readonly twinnings: TwinningsService,
    private readonly documentOwners: DocumentOwnerPolicies,
  ) {}

  onModuleInit(): void {
    this.abilities.register(twinningRules);
    this.rooms.register('twinning', (member, id) => this.twinnings.roomAccess(member, id));
    this.documentOwners.register('twinning', twinningDocumentsPolicy(this.twinnings));
  }
}
