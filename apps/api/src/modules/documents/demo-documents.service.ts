import { Injectable, Logger } from '@nestjs/common';
import type { DocumentKind, DocumentOwner } from '@convergo/contracts';
import type { AuthMember } from '../auth/auth-member';
import { CollaborationService } from './collaboration/collaboration.service';
import { CommentsService } from './comments/comments.service';
import { anchorOn, appendBlocksUpdate, type DemoBlock } from './demo-content';
import { DocumentRepository } from './document.repository';
import { DocumentsService } from './documents.service';
import { VersionsService } from './versions/versions.service';

/** One stage of writing: blocks appended by `by`, then saved as a named version (unless null). */
export interface DemoDocumentStage {
  by: AuthMember;
  blocks: readonly DemoBlock[];
  versionName: string | null;
}

/** A comment anchored on the first occurrence of `on`, with plain replies. */
export interface DemoDocumentComment {
  by: AuthMember;
  on: string;
  body: string;
  replies: readonly { by: AuthMember; body: string }[];
}

export interface DemoDocument {
  title: string;
  kind: DocumentKind;
  owner: DocumentOwner;
  tags?: string[];
  regions?: string[];
  createdBy: AuthMember;
  stages: readonly DemoDocumentStage[];
  comments: readonly DemoDocumentComment[];
}

/**
 * Loads demo documents through the same paths members use: the document is created by its
 * author, its content goes through the collaboration write path (stored, then applied), versions
 * and comments through their services. Idempotent: a document of that owner and title is kept.
 */
@Injectable()
export class DemoDocumentsService {
  private readonly logger = new Logger(DemoDocumentsService.name);

  constructor(
    private readonly documents: DocumentsService,
    private readonly repository: DocumentRepository,
    private readonly collaboration: CollaborationService,
    private readonly versions: VersionsService,
    private readonly comments: CommentsService,
  ) {}

  /** The document's id, and whether it was written now (false: loaded before). */
  async ensure(demo: DemoDocument): Promise<{ id: string; created: boolean }> {
    const existing = await this.repository.findIdByOwnerAndTitle(demo.owner.type, demo.owner.id, demo.title);
    if (existing) return { id: existing, created: false };
    const { id } = await this.documents.create(demo.createdBy, {
      title: demo.title,
      kind: demo.kind,
      owner: demo.owner,
      tags: demo.tags,
      regions: demo.regions,
    });
    await this.write(id, demo.stages, async () => {
      for (const comment of demo.comments) {
        const anchor = await this.collaboration.read(id, (doc) => anchorOn(doc, comment.on));
        if (!anchor) {
          this.logger.warn(`demo document "${demo.title}": no text "${comment.on}" to comment on`);
          continue;
        }
        const thread = await this.comments.create(comment.by, id, { body: comment.body, anchor });
        for (const reply of comment.replies) {
          await this.comments.create(reply.by, id, { body: reply.body, parentId: thread.id });
        }
      }
    });
    return { id, created: true };
  }

  /**
   * Appends content to a document (e.g. a deliverable's, created by its capability), then runs
   * `then`, all in one editing session: the document stays open throughout, so it closes (and
   * leaves its automatic end-of-session version) once, as after a member's sitting.
   */
  async write(
    id: string,
    stages: readonly DemoDocumentStage[],
    then?: () => Promise<unknown>,
  ): Promise<void> {
    await this.collaboration.read(id, async () => {
      for (const stage of stages) {
        const ack = await this.collaboration.applyServerChange(id, stage.by.id, (live) =>
          appendBlocksUpdate(live, stage.blocks),
        );
        if (!ack.ok) throw new Error(`demo document ${id} not written: ${ack.error.message}`);
        if (stage.versionName) await this.versions.create(stage.by, id, stage.versionName);
      }
      await then?.();
    });
  }
}
