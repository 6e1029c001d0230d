import { Injectable } from '@nestjs/common';
import type { RaisedHand } from '@convergo/contracts';
import { afterCommit } from '../../database/after-commit';

/** Where the live signals go: the live room's socket handlers, which emit them to `session:<id>`. */
export interface LiveSignalSink {
  /** Someone came or went: the sink sends the room the whole list (coalesced). */
  presenceChanged(sessionId: string): void;
  hands(sessionId: string, hands: RaisedHand[]): void;
}

/**
 * The services' side of the ephemeral live signals (`session.presence`, `session.hands`): they
 * are sent after the change commits, through the sink the socket handlers attach (services never
 * import them). Before they attach (start-up sweep) there is nobody to tell.
 */
@Injectable()
export class LiveSignals {
  private sink: LiveSignalSink | undefined;

  attach(sink: LiveSignalSink): void {
    this.sink = sink;
  }

  presenceChanged(sessionId: string): void {
    afterCommit(() => this.sink?.presenceChanged(sessionId));
  }

  hands(sessionId: string, hands: RaisedHand[]): void {
    afterCommit(() => this.sink?.hands(sessionId, hands));
  }
}
