import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { DocAccess } from '@convergo/contracts';
import type { AccessNarrowedEvent } from '../../../common/domain-events/domain-event-map';
import { DocumentsService } from '../documents.service';
import { CollaborationService } from './collaboration.service';

/**
 * Rights are checked when a connection joins a document, but they can change while it stays
 * (a member leaves the space, a participant is removed from a lab, a document changes owner).
 * When a capability says a member's access narrowed (`access.narrowed`: removed from a space,
 * a lab, a group) this service asks the documents policy again at once; every ten seconds it
 * does so anyway for each member present on this process (a safety net for changes nobody
 * announced), without a policy query per keystroke.
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

  @OnEvent('access.narrowed')
  async memberNarrowed({ memberId }: AccessNarrowedEvent): Promise<void> {
    await this.reviewNow(memberId);
  }

  /** One pass over every open document of this process (only the member's connections, when given). */
  async reviewNow(memberId?: string): Promise<void> {
    for (const [docId, joined] of this.collaboration.joinedConnections()) {
      const connections = memberId ? joined.filter((c) => c.member.id === memberId) : joined;
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
