import { Module, type OnModuleInit } from '@nestjs/common';
import { AbilityFactory } from '../auth/ability.factory';
import { NotificationsModule } from '../notifications/notifications.module';
import { RoomAuthorizer } from '../realtime/room-authorizer';
import { SpacesModule } from '../spaces/spaces.module';
import { PostViews } from './post-views';
import { MutedThreadsController } from './muted-threads.controller';
import { PostsController } from './posts.controller';
import { PostsRepository } from './posts.repository';
import { PostsService } from './posts.service';
import { SearchController } from './search.controller';
import { SearchRepository } from './search.repository';
import { SearchService } from './search.service';
import { SuspensionsRepository } from './suspensions.repository';
import { ThreadAccessService } from './thread-access.service';
import { ThreadNotifier } from './thread-notifier';
import { ThreadSignalsSocketHandlers } from './thread-signals.socket-handlers';
import { ThreadsController } from './threads.controller';
import { threadRules } from './threads.policy';
import { ThreadsRepository } from './threads.repository';
import { ThreadsService } from './threads.service';

/**
 * Threads and posts of the spaces: Markdown posts with mentions, reactions, read markers,
 * subscriptions and notifications, flags and hiding, full-text search, typing and presence.
 * Registers the thread rules and the `thread:<id>` room.
 */
@Module({
  imports: [SpacesModule, NotificationsModule],
  controllers: [ThreadsController, PostsController, SearchController, MutedThreadsController],
  providers: [
    ThreadsRepository,
    PostsRepository,
    SearchRepository,
    SuspensionsRepository,
    ThreadAccessService,
    PostViews,
    ThreadNotifier,
    ThreadsService,
    PostsService,
    SearchService,
    ThreadSignalsSocketHandlers,
  ],
  exports: [ThreadsService, PostsService, SearchService],
})
export class ThreadsModule implements OnModuleInit {
  constructor(
    private readonly abilities: AbilityFactory,
    private readonly rooms: RoomAuthorizer,
    private readonly access: ThreadAccessService,
  ) {}

  onModuleInit(): void {
    this.abilities.register(threadRules);
    this.rooms.register('thread', (member, id) => this.access.roomAccess(member, id));
  }
}
