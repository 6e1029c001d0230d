import { Module, type OnModuleInit } from '@nestjs/common';
import { AbilityFactory } from '../auth/ability.factory';
import { DocumentsModule } from '../documents/documents.module';
import { LabsModule } from '../labs/labs.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { DeliverablesController } from './deliverables.controller';
import { deliverableRules } from './deliverables.policy';
import { DeliverablesRepository } from './deliverables.repository';
import { DeliverablesService } from './deliverables.service';

/**
 * Lab products (prodotti): one shared document per product, owned by the working group, with the
 * submit / review workflow of DELIVERABLE_TRANSITIONS. Uses LabsService, DocumentsService and
 * VersionsService; anchored comments on the text are the documents' own comments API.
 */
@Module({
  imports: [LabsModule, DocumentsModule, NotificationsModule],
  controllers: [DeliverablesController],
  providers: [DeliverablesRepository, DeliverablesService],
  exports: [DeliverablesService],
})
export class DeliverablesModule implements OnModuleInit {
  constructor(private readonly abilities: AbilityFactory) {}

  onModuleInit(): void {
    this.abilities.register(deliverableRules);
  }
}
