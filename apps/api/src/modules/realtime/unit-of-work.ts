import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EventEnvelope, ServerEventMap, ServerEventType } from '@convergo/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { runInTransactionContext } from '../../database/transaction-context';
import { EventPublisher } from './event-publisher';
import { EventRepository } from './event.repository';

export interface Transaction {
  readonly manager: EntityManager;
  /** Records an event in the outbox, in this transaction; it is broadcast after commit. */
  emit<K extends ServerEventType>(room: string, type: K, data: ServerEventMap[K]): Promise<EventEnvelope>;
}

/** A database transaction whose recorded events are published only once it has committed. */
@Injectable()
export class UnitOfWork {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventRepository,
    private readonly publisher: EventPublisher,
  ) {}

  async run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    const recorded: EventEnvelope[] = [];
    const result = await this.dataSource.transaction(async (manager) =>
      runInTransactionContext(manager, () =>
        work({
          manager,
          emit: async (room, type, data) => {
            const envelope = await this.events.append(manager, room, type, data);
            recorded.push(envelope);
            return envelope;
          },
        }),
      ),
    );
    this.publisher.publish(recorded);
    return result;
  }
}
