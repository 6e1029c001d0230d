import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Environment } from '../../config/environment';
import { LiveRoomService } from './live-room.service';

/** A connection not confirmed for this many beats is dead (its process crashed or hung). */
export const DEAD_AFTER_BEATS = 2.5;

/**
 * The live room's clock on each process: every LIVE_HEARTBEAT_SECONDS it confirms the
 * connections this process holds (one UPDATE) and sweeps those nobody confirmed for 2.5 beats;
 * it also sweeps once at start-up, so a process restarted after a crash closes the stays of its
 * previous life at their last heartbeat. On a graceful shutdown this process's members leave.
 */
@Injectable()
export class LiveHeartbeat
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger(LiveHeartbeat.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private readonly beatMs: number;

  constructor(
    private readonly live: LiveRoomService,
    env: Environment,
  ) {
    this.beatMs = env.LIVE_HEARTBEAT_SECONDS * 1000;
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
      await this.live.closeProcess(new Date());
    } catch (error) {
      this.logger.error({ err: error }, 'could not close this process’s live connections');
    }
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** One beat: confirm ours, then sweep the dead (a test hook too). */
  async beat(): Promise<void> {
    try {
      await this.live.heartbeat(new Date());
    } catch (error) {
      this.logger.warn({ err: error }, 'live heartbeat failed');
    }
    await this.sweep();
  }

  private async sweep(): Promise<void> {
    try {
      const swept = await this.live.sweep(new Date(Date.now() - DEAD_AFTER_BEATS * this.beatMs));
      if (swept > 0) this.logger.log({ swept }, 'closed live connections of a process that stopped');
    } catch (error) {
      this.logger.warn({ err: error }, 'live sweep failed');
    }
  }
}
