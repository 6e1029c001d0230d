import { Module, type OnModuleInit } from '@nestjs/common';
import { AbilityFactory } from '../../auth/ability.factory';
import { LabsModule } from '../../labs/labs.module';
import { SpacesModule } from '../../spaces/spaces.module';
import { ThreadsModule } from '../../threads/threads.module';
import { CoachingController } from './coaching.controller';
import { coachingRules } from './coaching.policy';
import { CoachingService } from './coaching.service';

/**
 * Private coaching threads between a lab's tutors and one working group, built on the community:
 * a coaching space per group (spaces module) holding one thread (threads module).
 */
@Module({
  imports: [LabsModule, SpacesModule, ThreadsModule],
  controllers: [CoachingController],
  providers: [CoachingService],
  exports: [CoachingService],
})
export class CoachingModule implements OnModuleInit {
  constructor(private readonly abilities: AbilityFactory) {}

  onModuleInit(): void {
    this.abilities.register(coachingRules);
  }
}
