import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { DocAccess } from '@convergo/contracts';
import { DocumentsService } from '../documents.service';
import { CollaborationService } from './collaboration.service';

/**
 * Rights are checked when a connection joins a document, but they can change while it stays
 * (a member leaves the space, a participant is removed from a lab, a document changes owner).
 * Every ten seconds this service asks the documents policy again for each member present on
 * this process and applies what changed, so a lost right stops working within one interval
 * without a policy query per keystroke.
 */
@Injectable()
export class DocumentAccessReview implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(DocumentAccessReview.name);
  private timer?: NodeJS.Timeout;
  private stopped = false;

  private intervalMs = 10_000;

  constructor(
    private readonly collaboration: CollaborationService,
    private readonly documents: DocumentsService,
  ) {}

  onModuleInit(): void {
    this.schedule();
  }

  /** Tests shorten it to see a revocation take effect quickly; the next pass follows the new interval. */
  setInterval(intervalMs: number): void {
    this.intervalMs = intervalMs;
    this.schedule();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** Keeps exactly one pending pass, whoever calls it (a finished pass or `setInterval`). */
  private schedule(): void {
    clearTimeout(this.timer);
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.reviewNow().finally(() => this.schedule());
    }, this.intervalMs);
    this.timer.unref();
  }

  /** One pass over every open document of this process. */
  async reviewNow(): Promise<void> {
    for (const [docId, connections] of this.collaboration.joinedConnections()) {
      const byMember = new Map<string, typeof connections>();
      for (const connection of connections) {
        const same = byMember.get(connection.member.id);
        if (same) same.push(connection);
        else byMember.set(connection.member.id, [connection]);
      }
      for (const same of byMember.values()) {
        let access: DocAccess | 'none';
        try {
          access = (await this.documents.accessById(same[0].member, docId)) ?? 'none';
        } catch (error) {
          // Keep the rights as they were: a database hiccup must not throw everyone out.
          this.logger.warn({ err: error, docId }, 'could not review document access');
          continue;
        }
        for (const connection of same) this.collaboration.changeAccess(connection.socketId, docId, access);
      }
    }
  }
}
