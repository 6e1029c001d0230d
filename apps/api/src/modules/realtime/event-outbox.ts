import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { EventEnvelope, ServerEventMap, ServerEventType } from '@convergo/contracts';
import { afterCommit, afterRollback } from '../../database/after-commit';
import type { TypeOrmAfterCommitAdapter } from '../../database/transactional-adapter';
import { CommitOrder } from './commit-order';
import { EventPublisher } from './event-publisher';
import { EventRepository } from './event.repository';

/** One event for `recordAll`: its type's data, as `record` takes it. */
export type OutboxEvent = {
  [K in ServerEventType]: { room: string; type: K; data: ServerEventMap[K] };
}[ServerEventType];

/**
 * The transactional outbox: a service records what other users must see inside its
 * `@Transactional()` method; the event is stored in that transaction and published to
 * socket.io only after the commit (a rollback publishes nothing), in the room's order.
 */
@Injectable()
export class EventOutbox {
  private readonly order = new CommitOrder();

  constructor(
    private readonly db: TransactionHost<TypeOrmAfterCommitAdapter>,
    private readonly events: EventRepository,
    private readonly publisher: EventPublisher,
  ) {}

  async record<K extends ServerEventType>(
    room: string,
    type: K,
    data: ServerEventMap[K],
  ): Promise<EventEnvelope> {
    this.assertInTransaction(type);
    const envelope = await this.events.append(room, type, data);
    this.publishOnCommit(envelope);
    return envelope;
  }

  /** `record` for several events written together, in one statement; published in this order. */
  async recordAll(events: readonly OutboxEvent[]): Promise<EventEnvelope[]> {
    for (const event of events) this.assertInTransaction(event.type);
    const envelopes = await this.events.appendAll(events);
    for (const envelope of envelopes) this.publishOnCommit(envelope);
    return envelopes;
  }

  private assertInTransaction(type: string): void {
    if (!this.db.isTransactionActive()) {
      // Without a transaction the event could be published for a write that is later undone.
      throw new Error(`EventOutbox.record('${type}') outside a @Transactional() call`);
    }
  }

  private publishOnCommit(envelope: EventEnvelope): void {
    this.order.taken(envelope);
    afterCommit(() => this.publisher.publish(this.order.committed(envelope)));
    afterRollback(() => this.publisher.publish(this.order.undone(envelope)));
  }
}
