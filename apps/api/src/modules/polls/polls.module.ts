import { Module, type OnModuleInit } from '@nestjs/common';
import { AbilityFactory } from '../auth/ability.factory';
import { LabsModule } from '../labs/labs.module';
import { LabSessionsModule } from '../sessions/sessions.module';
import { PollsController } from './polls.controller';
import { pollRules } from './polls.policy';
import { PollsRepository } from './polls.repository';
import { PollsService } from './polls.service';

/**
 * Quick polls of a live session (tables polls and poll_votes). Uses SessionsService and
 * LabsService; the live room reads PollsService.forRoom for its join acknowledgement. Events go to
 * the session's room (`session:<id>`), whose readers SessionsService.roomAccess decides.
 */
@Module({
  imports: [LabsModule, LabSessionsModule],
  controllers: [PollsController],
  providers: [PollsRepository, PollsService],
  exports: [PollsService],
})
export class PollsModule implements OnModuleInit {
  constructor(private readonly abilities: AbilityFactory) {}

  onModuleInit(): void {
    this.abilities.register(pollRules);
  }
}
