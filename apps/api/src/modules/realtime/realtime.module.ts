import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Environment } from '../../config/environment';
import { EventPublisher } from './event-publisher';
import { EventEntity, EventRoomEntity } from './event.entity';
import { EventRepository } from './event.repository';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';
import { RealtimeRedis } from './realtime-redis';
import { RealtimeGateway } from './realtime.gateway';
import { RoomAuthorizer } from './room-authorizer';
import { RoomRevalidator } from './room-revalidator';
import { SocketDispatcher } from './socket-dispatcher';
import { SocketLifetime } from './socket-lifetime';
import { EventOutbox } from './event-outbox';

/**
 * The outbox (EventOutbox), the catch-up endpoint, the room policy and the socket.io gateway.
 * Global: every capability emits events, registers its room kinds with RoomAuthorizer and its
 * client events with SocketDispatcher.
 * The socket.io adapter is chosen by configureRealtime() in bootstrap.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([EventEntity, EventRoomEntity])],
  controllers: [EventsController],
  providers: [
    EventRepository,
    EventPublisher,
    EventOutbox,
    RoomAuthorizer,
    EventsService,
    SocketDispatcher,
    RealtimeGateway,
    RoomRevalidator,
    SocketLifetime,
    {
      provide: RealtimeRedis,
      inject: [Environment],
      useFactory: (env: Environment) => RealtimeRedis.connect(env.REDIS_URL),
    },
  ],
  exports: [EventOutbox, EventPublisher, RoomAuthorizer, SocketDispatcher, RealtimeRedis],
})
export class RealtimeModule {}
