import { Module, type OnModuleInit } from '@nestjs/common';
import { AbilityFactory } from '../auth/ability.factory';
import { DeliverablesModule } from '../deliverables/deliverables.module';
import { DocumentOwnerPolicies } from '../documents/document-owner-policies';
import { DocumentsModule } from '../documents/documents.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PracticeThemesModule } from '../practice-themes/practice-themes.module';
import { RoomAuthorizer } from '../realtime/room-authorizer';
import { practiceDocumentsPolicy } from './practice-documents.policy';
import { PracticesController } from './practices.controller';
import { practiceRules } from './practices.policy';
import { PracticesRepository } from './practices.repository';
import { PracticesService } from './practices.service';

/**
 * Good practices (buone pratiche): the catalogue with its editorial review and the open-data
 * export. Registers the `practice:<id>` room and the `practice` document owner. Others (twinning
 * requests, matching) use PracticesService.
 */
@Module({
  imports: [
    PracticeThemesModule,
    OrganizationsModule,
    DocumentsModule,
    DeliverablesModule,
    NotificationsModule,
  ],
  controllers: [PracticesController],
  providers: [PracticesRepository, PracticesService],
  exports: [PracticesService],
})
export class PracticesModule implements OnModuleInit {
  constructor(
    private readonly abilities: AbilityFactory,
    private readonly rooms: RoomAuthorizer,
    private readonly practices: PracticesService,
    private readonly documentOwners: DocumentOwnerPolicies,
  ) {}

  onModuleInit(): void {
    this.abilities.register(practiceRules);
    this.rooms.register('practice', (member, id) => this.practices.roomAccess(member, id));
    this.documentOwners.register('practice', practiceDocumentsPolicy(this.practices));
  }
}
