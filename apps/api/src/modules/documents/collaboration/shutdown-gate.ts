import { Injectable, Logger } from '@nestjs/common';

/*
 * Whether co-editing is closing, and the background work (compactions, unloads) shutdown has to
 * wait for while the database is still open. Every part that starts such work or accepts new
 * work asks here, so one flag stops them all; the order of shutdown itself is
 * CollaborationService's.
 */
@Injectable()
export class ShutdownGate {
  private readonly logger = new Logger(ShutdownGate.name);
  private closingNow = false;
  private readonly background = new Set<Promise<unknown>>();

  /** Once true, no new join, write or compaction starts. */
  get closing(): boolean {
    return this.closingNow;
  }

  /** Runs `task` in the background: its failure is logged, and shutdown waits for it. */
  track(task: Promise<unknown>): void {
    const settled = task.catch((error: unknown) =>
      this.logger.error({ err: error }, 'background task failed'),
    );
    this.background.add(settled);
    void settled.finally(() => this.background.delete(settled));
  }

  /**
   * Refuses new work, then waits for `pending` and the background work running now, for
   * `timeoutMs` at most.
   */
  async close(pending: Promise<unknown>[], timeoutMs = 5_000): Promise<void> {
    this.closingNow = true;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all([...pending, ...this.background]),
      new Promise((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      }),
    ]);
    clearTimeout(timer);
  }
}
