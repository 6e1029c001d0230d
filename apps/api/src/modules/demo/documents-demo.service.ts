import { Injectable, Logger } from '@nestjs/common';
import type { DocumentOwner } from '@convergo/contracts';
import { DeliverablesService } from '../deliverables/deliverables.service';
import { DemoDocumentsService } from '../documents/demo-documents.service';
import {
  DEMO_DELIVERABLE,
  DEMO_DOCUMENTS,
  type DemoDocumentOwnerRef,
} from '../documents/documents.demo-data';
import { SpacesService } from '../spaces/spaces.service';
import type { DemoMembers } from './community-demo.service';

/** Where the demo documents belong: the demo lab (and its working group) and the demo twinning. */
export interface DemoDocumentOwners {
  labId: string;
  groupId: string | undefined;
  twinningId: string | undefined;
}

/**
 * The demo world's shared documents, with versions and anchored comments, and a working group's
 * product submitted for the tutor's review. Each is loaded once (found again by its title).
 */
@Injectable()
export class DocumentsDemoService {
  private readonly logger = new Logger(DocumentsDemoService.name);

  constructor(
    private readonly documents: DemoDocumentsService,
    private readonly deliverables: DeliverablesService,
    private readonly spaces: SpacesService,
  ) {}

  async load(members: DemoMembers, owners: DemoDocumentOwners): Promise<void> {
    const member = (handle: Parameters<DemoMembers['get']>[0]) => members.get(handle)!;
    for (const demo of DEMO_DOCUMENTS) {
      const owner = await this.owner(demo.owner, owners);
      if (!owner) {
        this.logger.warn(`demo document "${demo.title}": its owner is missing`);
        continue;
      }
      await this.documents.ensure({
        title: demo.title,
        kind: demo.kind,
        owner,
        tags: demo.tags,
        regions: demo.regions,
        createdBy: member(demo.createdBy),
        stages: demo.stages.map((stage) => ({ ...stage, by: member(stage.by) })),
        comments: demo.comments.map((comment) => ({
          ...comment,
          by: member(comment.by),
          replies: comment.replies.map((reply) => ({ ...reply, by: member(reply.by) })),
        })),
      });
    }
    if (owners.groupId) await this.loadDeliverable(members, owners.labId, owners.groupId);
  }

  private async owner(
    ref: DemoDocumentOwnerRef,
    owners: DemoDocumentOwners,
  ): Promise<DocumentOwner | undefined> {
    if (ref === 'demo_lab') return { type: 'lab', id: owners.labId };
    if (ref === 'demo_twinning')
      return owners.twinningId ? { type: 'twinning', id: owners.twinningId } : undefined;
    const spaceId = await this.spaces.idByName(ref.space);
    return spaceId ? { type: 'space', id: spaceId } : undefined;
  }

  /** Set by the tutor, written and submitted by the group: it waits in the tutor's review queue. */
  private async loadDeliverable(members: DemoMembers, labId: string, groupId: string): Promise<void> {
    const tutor = members.get('tutor')!;
    const { items } = await this.deliverables.list(tutor, labId);
    if (items.some((d) => d.title === DEMO_DELIVERABLE.title)) return;
    const dueAt = new Date(Date.now() + DEMO_DELIVERABLE.dueInDays * 86_400_000);
    const deliverable = await this.deliverables.create(tutor, labId, {
      groupId,
      kind: DEMO_DELIVERABLE.kind,
      title: DEMO_DELIVERABLE.title,
      dueAt: dueAt.toISOString(),
    });
    const author = members.get(DEMO_DELIVERABLE.submittedBy)!;
    await this.documents.write(
      deliverable.documentId,
      [{ by: author, blocks: DEMO_DELIVERABLE.blocks, versionName: null }],
      () => this.deliverables.submit(author, deliverable.id),
    );
  }
}
