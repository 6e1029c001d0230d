import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventPublisher } from './event-publisher';
import { EventEntity, EventRoomEntity } from './event.entity';
import { EventRepository } from './event.repository';
import { UnitOfWork } from './unit-of-work';

/** The outbox, the catch-up endpoint and the socket.io gateway. Global: every capability emits events. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([EventEntity, EventRoomEntity])],
  providers: [EventRepository, EventPublisher, UnitOfWork],
  exports: [UnitOfWork, EventPublisher],
})
export class RealtimeModule {}
