import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { afterCommit } from '../../database/after-commit';
import type { DomainEventMap, DomainEventName } from './domain-event-map';

/**
 * How one module tells others that something happened, without knowing who listens: listeners
 * are `@OnEvent(name)` methods, so "who reacts to X" is a search for its name.
 * - `emit` awaits the listeners inside the caller's transaction (they write in the same unit of
 *   work, e.g. moderation records for a flag);
 * - `emitAfterCommit` runs them once the transaction has committed (side effects on sockets).
 */
@Injectable()
export class DomainEvents {
  constructor(private readonly emitter: EventEmitter2) {}

  async emit<K extends DomainEventName>(name: K, payload: DomainEventMap[K]): Promise<void> {
    await this.emitter.emitAsync(name, payload);
  }

  emitAfterCommit<K extends DomainEventName>(name: K, payload: DomainEventMap[K]): void {
    afterCommit(async () => {
      await this.emitter.emitAsync(name, payload);
    });
  }
}
