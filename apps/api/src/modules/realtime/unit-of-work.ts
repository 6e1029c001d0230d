import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { EventEnvelope, ServerEventMap, ServerEventType } from '@convergo/contracts';
import type { EntityManager } from 'typeorm';
import { runInTransactionContext } from '../../database/transaction-context';
import type { TypeOrmAfterCommitAdapter } from '../../database/transactional-adapter';
import { EventOutbox } from './event-outbox';

export interface Transaction {
  readonly manager: EntityManager;
  /** Records an event in the outbox, in this transaction; it is broadcast after commit. */
  emit<K extends ServerEventType>(room: string, type: K, data: ServerEventMap[K]): Promise<EventEnvelope>;
}

/** Transitional: the old callback style on top of `@Transactional()` and EventOutbox, until every service uses those. */
@Injectable()
export class UnitOfWork {
  constructor(
    private readonly db: TransactionHost<TypeOrmAfterCommitAdapter>,
    private readonly outbox: EventOutbox,
  ) {}

  run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.db.withTransaction(() =>
      runInTransactionContext(this.db.tx, () =>
        work({ manager: this.db.tx, emit: (room, type, data) => this.outbox.record(room, type, data) }),
      ),
    );
  }
}
