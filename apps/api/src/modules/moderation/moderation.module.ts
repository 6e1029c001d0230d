import { Module, type OnModuleInit } from '@nestjs/common';
import { AbilityFactory } from '../auth/ability.factory';
import { NotificationsModule } from '../notifications/notifications.module';
import { SpacesModule } from '../spaces/spaces.module';
import { PostsService } from '../threads/posts.service';
import { ThreadsModule } from '../threads/threads.module';
import { ThreadsService } from '../threads/threads.service';
import { ModerationController } from './moderation.controller';
import { moderationRules } from './moderation.policy';
import { ModerationRepository } from './moderation.repository';
import { ModerationService } from './moderation.service';

/**
 * Moderation of the community threads: flag queue, bulk actions, move and merge, warnings,
 * suspensions (enforced by threads through member_suspensions) and the moderation log.
 */
@Module({
  imports: [ThreadsModule, SpacesModule, NotificationsModule],
  controllers: [ModerationController],
  providers: [ModerationRepository, ModerationService],
})
export class ModerationModule implements OnModuleInit {
  constructor(
    private readonly abilities: AbilityFactory,
    private readonly moderation: ModerationService,
    private readonly posts: PostsService,
    private readonly threads: ThreadsService,
  ) {}

  onModuleInit(): void {
    this.abilities.register(moderationRules);
    this.posts.onFlagCreated((tx, flag) => this.moderation.flagCreated(tx, flag));
    this.posts.onModerated((tx, event) => this.moderation.threadsModerated(tx, event));
    this.threads.onModerated((tx, event) => this.moderation.threadsModerated(tx, event));
  }
}
