import { Injectable, Logger } from '@nestjs/common';
import type { EventEnvelope } from '@convergo/contracts';

export interface EventSink {
  deliver(envelope: EventEnvelope): void;
}

/**
 * Hands committed events to the socket.io gateway. Services never touch sockets: they record
 * events in a unit of work, and this publisher relays them once the transaction has committed.
 */
@Injectable()
export class EventPublisher {
  private readonly logger = new Logger(EventPublisher.name);
  private sink?: EventSink;

  attach(sink: EventSink): void {
    this.sink = sink;
  }

  publish(envelopes: readonly EventEnvelope[]): void {
    for (const envelope of envelopes) {
      try {
        this.sink?.deliver(envelope);
      } catch (error) {
        // The event is stored: clients catch up through GET /events on their next reconnect.
        this.logger.error({ err: error, room: envelope.room, id: envelope.id }, 'could not publish event');
      }
    }
  }
}
