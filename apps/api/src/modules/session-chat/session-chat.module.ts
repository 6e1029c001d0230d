import { Module, type OnModuleInit } from '@nestjs/common';
import { AbilityFactory } from '../auth/ability.factory';
import { LabsModule } from '../labs/labs.module';
import { LabSessionsModule } from '../sessions/sessions.module';
import { SessionChatController } from './session-chat.controller';
import { sessionMessageRules } from './session-chat.policy';
import { SessionChatRepository } from './session-chat.repository';
import { SessionChatService } from './session-chat.service';

/**
 * The chat of a live session (table session_messages): stored Markdown lines with their
 * sanitised HTML, announced to `session:<id>`. Uses SessionsService and LabsService.
 */
@Module({
  imports: [LabsModule, LabSessionsModule],
  controllers: [SessionChatController],
  providers: [SessionChatRepository, SessionChatService],
})
export class SessionChatModule implements OnModuleInit {
  constructor(private readonly abilities: AbilityFactory) {}

  onModuleInit(): void {
    this.abilities.register(sessionMessageRules);
  }
}
