import { Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AbilityFactory } from '../auth/ability.factory';
import { DocumentsModule } from '../documents/documents.module';
import { LabModuleSessions } from '../labs/lab-modules/lab-module-sessions';
import { LabsModule } from '../labs/labs.module';
import { MembersModule } from '../members/members.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { RoomAuthorizer } from '../realtime/room-authorizer';
import { LabSessionEntity } from './lab-session.entity';
import { SessionsController } from './sessions.controller';
import { sessionRules } from './sessions.policy';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';

/**
 * Lab sessions (SessionsModule in the design; named apart from auth's login SessionsModule): scheduling, changes, cancellation and the lists calendars are made of. Registers
 * the session rules, the `session:<id>` room and the sessions of each lab module. Others use
 * SessionsService.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([LabSessionEntity]),
    LabsModule,
    DocumentsModule,
    NotificationsModule,
    MembersModule,
  ],
  controllers: [SessionsController],
  providers: [SessionsRepository, SessionsService],
  exports: [SessionsService],
})
export class LabSessionsModule implements OnModuleInit {
  constructor(
    private readonly abilities: AbilityFactory,
    private readonly rooms: RoomAuthorizer,
    private readonly sessions: SessionsService,
    private readonly moduleSessions: LabModuleSessions,
  ) {}

  onModuleInit(): void {
    this.abilities.register(sessionRules);
    this.rooms.register('session', (member, id) => this.sessions.roomAccess(member, id));
    this.moduleSessions.register((labId, viewer) => this.sessions.byModule(labId, viewer));
  }
}
