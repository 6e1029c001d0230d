import {
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';

/** A connection not confirmed for this many beats is dead (its process crashed or hung). */
export const DEAD_AFTER_BEATS = 2.5;

/**
 * What a room keeping its sockets in PostgreSQL (one row per socket, with the process holding it
 * and its last heartbeat) lets the heartbeat do.
 */
export interface HeartbeatConnections {
  /** Confirms this process's connections (one statement); how many. */
  heartbeat(at: Date): Promise<number>;
  /** Removes the connections nobody confirmed since `before` (a dead process's); how many. */
  sweep(before: Date): Promise<number>;
  /** A graceful shutdown: this process's connections leave at `at`. */
  closeProcess(at: Date): Promise<void>;
}

/**
 * The clock of a room whose presence lives in PostgreSQL, on each process: every beat it
 * confirms the connections this process holds and sweeps those nobody confirmed for 2.5 beats;
 * it also sweeps once at start-up, so a process restarted after a crash clears what its previous
 * life left. On a graceful shutdown this process's connections leave. Subclasses are the Nest
 * providers (the live room's, the tutoring meeting room's) and name their connections.
 */
export abstract class ConnectionHeartbeat
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger: Logger;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private readonly beatMs: number;

  protected constructor(
    private readonly connections: HeartbeatConnections,
    beatSeconds: number,
    private readonly what: string,
  ) {
    this.beatMs = beatSeconds * 1000;
    this.logger = new Logger(new.target.name);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.sweep();
    this.timer = setInterval(() => {
      this.running = this.running.then(() => this.beat());
    }, this.beatMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
    try {
      await this.connections.closeProcess(new Date());
    } catch (error) {
      this.logger.error({ err: error }, `could not close this process’s ${this.what} connections`);
    }
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** One beat: confirm ours, then sweep the dead (a test hook too). */
  async beat(): Promise<void> {
    try {
      await this.connections.heartbeat(new Date());
    } catch (error) {
      this.logger.warn({ err: error }, `${this.what} heartbeat failed`);
    }
    await this.sweep();
  }

  private async sweep(): Promise<void> {
    try {
      const swept = await this.connections.sweep(new Date(Date.now() - DEAD_AFTER_BEATS * this.beatMs));
      if (swept > 0) this.logger.log({ swept }, `closed ${this.what} connections of a process that stopped`);
    } catch (error) {
      this.logger.warn({ err: error }, `${this.what} sweep failed`);
    }
  }
}
