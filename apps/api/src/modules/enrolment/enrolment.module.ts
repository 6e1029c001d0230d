import { Module, type OnModuleInit } from '@nestjs/common';
import { AbilityFactory } from '../auth/ability.factory';
import { LabsModule } from '../labs/labs.module';
import { MembersModule } from '../members/members.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { EnrolmentController } from './enrolment.controller';
import { labApplicationRules } from './enrolment.policy';
import { EnrolmentRepository } from './enrolment.repository';
import { EnrolmentService } from './enrolment.service';

/**
 * Enrolment in labs: applications of an administration for its officials, decided by the lab's
 * tutors. Accepting enrols through LabsService.addParticipants in the same transaction.
 */
@Module({
  imports: [LabsModule, MembersModule, OrganizationsModule, NotificationsModule],
  controllers: [EnrolmentController],
  providers: [EnrolmentRepository, EnrolmentService],
  exports: [EnrolmentService],
})
export class EnrolmentModule implements OnModuleInit {
  constructor(private readonly abilities: AbilityFactory) {}

  onModuleInit(): void {
    this.abilities.register(labApplicationRules);
  }
}
