import { Module, type OnModuleInit } from '@nestjs/common';
import { MODERATION_SPACE_ROOM_KIND } from '@convergo/contracts';
import { AbilityFactory } from '../auth/ability.factory';
import { NotificationsModule } from '../notifications/notifications.module';
import { RoomAuthorizer } from '../realtime/room-authorizer';
import { SpacesModule } from '../spaces/spaces.module';
import { ThreadsModule } from '../threads/threads.module';
import { ModerationController } from './moderation.controller';
import { MODERATION_QUEUE, moderationRules } from './moderation.policy';
import { ModerationRepository } from './moderation.repository';
import { ModerationService } from './moderation.service';
import { ThreadMergeController } from './thread-merge.controller';

/**
 * Moderation of the community threads: flag queue, bulk actions, move and merge, warnings,
 * suspensions (enforced by threads through member_suspensions) and the moderation log.
 * Registers the `moderation_space:<spaceId>` room (flag.created / flag.resolved of one space).
 */
@Module({
  imports: [ThreadsModule, SpacesModule, NotificationsModule],
  controllers: [ModerationController, ThreadMergeController],
  providers: [ModerationRepository, ModerationService],
  exports: [ModerationService],
})
export class ModerationModule implements OnModuleInit {
  constructor(
    private readonly abilities: AbilityFactory,
    private readonly moderation: ModerationService,
    private readonly rooms: RoomAuthorizer,
  ) {}

  onModuleInit(): void {
    this.abilities.register(moderationRules);
    this.rooms.registerBare('moderation', (member) =>
      this.abilities.for(member).can('read', MODERATION_QUEUE) ? 'ok' : 'forbidden',
    );
    // The flag queue of one space, live for its moderators (`moderation` is for global ones).
    this.rooms.register(MODERATION_SPACE_ROOM_KIND, (member, id) =>
      this.moderation.spaceRoomAccess(member, id),
    );
  }
}
