import { Module, type OnModuleInit } from '@nestjs/common';
import { AbilityFactory } from '../auth/ability.factory';
import { DeliverablesModule } from '../deliverables/deliverables.module';
import { EnrolmentModule } from '../enrolment/enrolment.module';
import { IndicatorsModule } from '../indicators/indicators.module';
import { LabsModule } from '../labs/labs.module';
import { MembersModule } from '../members/members.module';
import { ModerationModule } from '../moderation/moderation.module';
import { LabSessionsModule } from '../sessions/sessions.module';
import { ThreadsModule } from '../threads/threads.module';
import { CoachingModule } from '../tutoring/coaching/coaching.module';
import { TutoringModule } from '../tutoring/tutoring.module';
import { DeskController } from './desk.controller';
import { deskRules } from './desk.policy';
import { DeskService } from './desk.service';

/**
 * The member's desk (`GET /me/desk`), the home page: a read-only composition of the other
 * capabilities' exported services, no tables of its own.
 */
@Module({
  imports: [
    LabSessionsModule,
    LabsModule,
    DeliverablesModule,
    ThreadsModule,
    TutoringModule,
    CoachingModule,
    ModerationModule,
    MembersModule,
    EnrolmentModule,
    IndicatorsModule,
  ],
  controllers: [DeskController],
  providers: [DeskService],
})
export class DeskModule implements OnModuleInit {
  constructor(private readonly abilities: AbilityFactory) {}

  onModuleInit(): void {
    this.abilities.register(deskRules);
  }
}
