import { Injectable } from '@nestjs/common';
import { Transactional } from '../../database/transactional';
import { toDeskBlock } from '../../common/desk/desk-block';
import {
  canMoveDeliverable,
  roomName,
  type DeliverableKind,
  type DeskBlock,
  type DeliverableReviewDecision,
  type DeliverableStatus,
  type DeliverableView,
  type DocumentKind,
  type LabRole,
} from '@convergo/contracts';
import { AbilityFactory } from '../auth/ability.factory';
import type { AuthMember } from '../auth/auth-member';
import { DocumentsService } from '../documents/documents.service';
import { VersionsService } from '../documents/versions/versions.service';
import { LabsService } from '../labs/labs.service';
import { NotificationsService } from '../notifications/notifications.service';
import { EventOutbox } from '../realtime/event-outbox';
import {
  DeliverablesRepository,
  type Deliverable,
  type DeliverableReview,
  type DeliverableSubmission,
} from './deliverables.repository';
import { DeliverablesException } from './deliverables.exception';
import {
  DELIVERABLE_REVIEW_SUBJECT,
  DELIVERABLE_SUBJECT,
  deliverableSubject,
  type DeliverableSubject,
} from './deliverables.policy';
import type { CreateDeliverableDto } from './dto/create-deliverable.dto';
import type { ReviewDeliverableDto } from './dto/review-deliverable.dto';

/** The document kind that fits each kind of product (the library filters on it). */
const DOCUMENT_KIND: Record<DeliverableKind, DocumentKind> = {
  logical_framework: 'quadro_logico',
  internationalisation_plan: 'piano_strategico',
  project_proposal: 'proposta_progettuale',
  organisational_analysis: 'analisi_organizzativa',
  improvement_actions: 'note',
};

const ROME_DATE = new Intl.DateTimeFormat('it-IT', {
  timeZone: 'Europe/Rome',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});

/** The name of the version frozen by a submission: "Consegna 2 – 04/12/2026". */
export function submissionVersionName(round: number, at: Date): string {
  return `Consegna ${round} – ${ROME_DATE.format(at)}`;
}

interface Access extends DeliverableSubject {
  admin: boolean;
}

/**
 * Lab products (prodotti): a working group writes one shared document per product, submits it
 * for review (the document's version at that moment is frozen), and a tutor reviews each
 * submitted version once: changes requested or approved. The workflow is
 * DELIVERABLE_TRANSITIONS; every move reaches `lab:<labId>` and `lab_group:<groupId>`.
 */
@Injectable()
export class DeliverablesService {
  constructor(
    private readonly deliverables: DeliverablesRepository,
    private readonly labs: LabsService,
    private readonly documents: DocumentsService,
    private readonly versions: VersionsService,
    private readonly notifications: NotificationsService,
    private readonly outbox: EventOutbox,
    private readonly abilities: AbilityFactory,
  ) {}

  @Transactional()
  async create(actor: AuthMember, labId: string, dto: CreateDeliverableDto): Promise<DeliverableView> {
    if (!(await this.labs.exists(labId))) throw DeliverablesException.labNotFound();
    const access = await this.access(actor, labId, null);
    if (!this.can(actor, 'create', access)) {
      throw DeliverablesException.forbidden(
        'Only the tutors of this lab (and administrators) set its products',
      );
    }
    const groupId = dto.groupId.toLowerCase();
    const group = await this.labs.groupOf(groupId);
    if (!group || group.labId !== labId) throw DeliverablesException.groupNotInLab();
    const moduleId = dto.moduleId?.toLowerCase() ?? null;
    if (moduleId && !(await this.labs.moduleBelongsToLab(labId, moduleId))) {
      throw DeliverablesException.moduleNotInLab();
    }
    const document = await this.documents.create(actor, {
      title: dto.title,
      kind: DOCUMENT_KIND[dto.kind],
      owner: { type: 'lab_group', id: groupId },
    });
    const deliverable = await this.deliverables.insert({
      labId,
      groupId,
      moduleId,
      kind: dto.kind,
      title: dto.title,
      documentId: document.id,
      dueAt: dto.dueAt ? new Date(dto.dueAt) : null,
      createdBy: actor.id,
    });
    // The foreign key settles a module deleted meanwhile; refused, nothing is kept.
    if (!deliverable) throw DeliverablesException.moduleNotInLab();
    const view = this.toView(deliverable, group.name, [], [], true);
    await this.announce(view);
    return view;
  }

  async list(actor: AuthMember, labId: string): Promise<{ items: DeliverableView[] }> {
    if (!(await this.labs.exists(labId))) throw DeliverablesException.labNotFound();
    const access = await this.access(actor, labId, null);
    if (!this.can(actor, 'read', access)) {
      throw DeliverablesException.forbidden('Only the people of this lab see its products');
    }
    const rows = await this.deliverables.findByLab(labId);
    const ids = rows.map((row) => row.id);
    // One after another: inside a transaction they share one connection.
    const names = await this.labs.groupNamesOf(labId);
    const submissions = await this.deliverables.findSubmissions(ids);
    const reviews = await this.deliverables.findReviews(ids);
    const myGroups = await this.myGroups(actor, rows);
    return {
      items: rows.map((row) =>
        this.toView(
          row,
          names.get(row.groupId) ?? '',
          submissions,
          reviews,
          this.can(
            actor,
            'read',
            { ...access, inGroup: myGroups.has(row.groupId) },
            DELIVERABLE_REVIEW_SUBJECT,
          ),
        ),
      ),
    };
  }

  /**
   * The desk's deliverables: `due`, what the member's groups still have to hand in; `review`,
   * what waits for the member's review in the labs they tutor.
   */
  async desk(actor: AuthMember, which: 'due' | 'review', limit: number): Promise<DeskBlock> {
    const rows =
      which === 'due'
        ? await this.deliverables.findDesk({ groupIds: await this.labs.ownGroupIdsOf(actor.id) }, limit)
        : await this.deliverables.findDesk({ labIds: await this.labs.tutoredLabIdsOf(actor.id) }, limit);
    return toDeskBlock(rows, '/laboratori', (row) => `/laboratori/${row.labId}/prodotti/${row.id}`);
  }

  async get(actor: AuthMember, id: string): Promise<DeliverableView> {
    const deliverable = await this.deliverables.findById(id);
    if (!deliverable) throw DeliverablesException.notFound();
    const access = await this.access(actor, deliverable.labId, deliverable.groupId);
    // Existence is private to the lab's people.
    if (!this.can(actor, 'read', access)) throw DeliverablesException.notFound();
    return this.fullView(deliverable, access);
  }

  /** A member of the group says "ready for review": the document's current state is frozen. */
  @Transactional()
  async submit(actor: AuthMember, id: string): Promise<DeliverableView> {
    const deliverable = await this.deliverables.findForUpdate(id);
    if (!deliverable) throw DeliverablesException.notFound();
    const access = await this.access(actor, deliverable.labId, deliverable.groupId);
    if (!this.can(actor, 'read', access)) throw DeliverablesException.notFound();
    if (!this.can(actor, 'update', access)) {
      throw DeliverablesException.forbidden('Only the members of the working group submit its product');
    }
    this.assertMove(deliverable.status, 'submitted');
    const round = (await this.deliverables.lastRound(id)) + 1;
    const version = await this.versions.createAutomaticVersion(
      deliverable.documentId,
      submissionVersionName(round, new Date()),
    );
    await this.deliverables.insertSubmission(id, round, version.id, actor.id);
    const updated = await this.deliverables.updateStatus(id, 'submitted', version.id);
    const view = await this.fullView(updated, access);
    await this.announce(view);
    const labTitle = (await this.labs.titleOf(updated.labId)) ?? '';
    for (const tutorId of await this.labs.tutorIdsOf(updated.labId)) {
      if (tutorId === actor.id) continue;
      await this.notifications.notify({
        memberId: tutorId,
        kind: 'deliverable_submitted',
        data: this.notificationData(view, labTitle, round, null),
        link: `/laboratori/${updated.labId}/prodotti/${updated.id}`,
      });
    }
    return view;
  }

  /** A tutor reviews the submitted version: one review per submission, kept with its version. */
  @Transactional()
  async review(actor: AuthMember, id: string, dto: ReviewDeliverableDto): Promise<DeliverableView> {
    const deliverable = await this.deliverables.findForUpdate(id);
    if (!deliverable) throw DeliverablesException.notFound();
    const access = await this.access(actor, deliverable.labId, deliverable.groupId);
    if (!this.can(actor, 'read', access)) throw DeliverablesException.notFound();
    if (!this.can(actor, 'approve', access)) {
      throw DeliverablesException.forbidden(
        'Only the tutors of this lab (and administrators) review its products',
      );
    }
    this.assertMove(deliverable.status, dto.decision);
    const round = await this.deliverables.lastRound(id);
    await this.deliverables.insertReview({
      deliverableId: id,
      round,
      versionId: deliverable.submittedVersionId,
      decision: dto.decision,
      comment: dto.comment,
      reviewerId: actor.id,
    });
    const updated = await this.deliverables.updateStatus(id, dto.decision);
    const view = await this.fullView(updated, access);
    await this.announce(view);
    const labTitle = (await this.labs.titleOf(updated.labId)) ?? '';
    for (const memberId of await this.labs.groupMemberIdsOf(updated.groupId)) {
      if (memberId === actor.id) continue;
      await this.notifications.notify({
        memberId,
        kind: 'deliverable_reviewed',
        data: this.notificationData(view, labTitle, round, dto.decision),
        link: `/laboratori/${updated.labId}/prodotti/${updated.id}`,
      });
    }
    return view;
  }

  // --- Rules -----------------------------------------------------------------------------------

  private assertMove(from: DeliverableStatus, to: DeliverableStatus): void {
    if (!canMoveDeliverable(from, to)) throw DeliverablesException.transitionNotAllowed(from, to);
  }

  private async access(actor: AuthMember, labId: string, groupId: string | null): Promise<Access> {
    const labRole: LabRole | null = await this.labs.roleOf(actor.id, labId);
    const inGroup =
      groupId !== null && labRole !== null && (await this.labs.isGroupMember(actor.id, groupId));
    return { labRole, inGroup, admin: this.abilities.for(actor).can('manage', DELIVERABLE_SUBJECT) };
  }

  private can(
    actor: AuthMember,
    action: 'read' | 'create' | 'update' | 'approve',
    access: Access,
    type: typeof DELIVERABLE_SUBJECT | typeof DELIVERABLE_REVIEW_SUBJECT = DELIVERABLE_SUBJECT,
  ): boolean {
    return this.abilities
      .for(actor)
      .can(action, deliverableSubject({ labRole: access.labRole, inGroup: access.inGroup }, type));
  }

  private async myGroups(actor: AuthMember, rows: readonly Deliverable[]): Promise<Set<string>> {
    const groups = new Set<string>();
    for (const groupId of new Set(rows.map((row) => row.groupId))) {
      if (await this.labs.isGroupMember(actor.id, groupId)) groups.add(groupId);
    }
    return groups;
  }

  private async fullView(deliverable: Deliverable, access: Access): Promise<DeliverableView> {
    const group = await this.labs.groupOf(deliverable.groupId);
    const submissions = await this.deliverables.findSubmissions([deliverable.id]);
    const reviews = await this.deliverables.findReviews([deliverable.id]);
    return this.toView(deliverable, group?.name ?? '', submissions, reviews, true, access);
  }

  /** The view for the asker: reviews only when they may read them. */
  private forActor(view: DeliverableView, access: Access): DeliverableView {
    const seesReviews = access.admin || access.labRole === 'tutor' || access.inGroup;
    return seesReviews ? view : { ...view, reviews: [] };
  }

  private toView(
    row: Deliverable,
    groupName: string,
    submissions: readonly DeliverableSubmission[],
    reviews: readonly DeliverableReview[],
    withReviews: boolean,
    access?: Access,
  ): DeliverableView {
    const view: DeliverableView = {
      id: row.id,
      labId: row.labId,
      groupId: row.groupId,
      groupName,
      moduleId: row.moduleId,
      kind: row.kind,
      title: row.title,
      status: row.status,
      documentId: row.documentId,
      dueAt: row.dueAt?.toISOString() ?? null,
      submittedVersionId: row.submittedVersionId,
      submissions: submissions
        .filter((s) => s.deliverableId === row.id)
        .map((s) => ({
          round: s.round,
          versionId: s.versionId,
          submittedBy: s.submittedBy,
          submittedAt: s.submittedAt.toISOString(),
        })),
      reviews: withReviews
        ? reviews
            .filter((r) => r.deliverableId === row.id)
            .map((r) => ({
              round: r.round,
              versionId: r.versionId,
              decision: r.decision,
              comment: r.comment,
              reviewer: r.reviewer,
              at: r.createdAt.toISOString(),
            }))
        : [],
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
    return access ? this.forActor(view, access) : view;
  }

  /**
   * The change, to the lab's room and the group's room. Every participant of the lab may be in
   * either room, so the live payload carries no review text: the group learns of the feedback
   * through its notification and reads it with `GET /deliverables/:id`.
   */
  private async announce(view: DeliverableView): Promise<void> {
    const data = { ...view, reviews: [] };
    // Group room first: `create` has already locked it (its document's event) before announcing, so
    // every transaction takes the two rooms' sequence rows in the same order and none deadlocks.
    await this.outbox.record(roomName('lab_group', view.groupId), 'deliverable.status_changed', data);
    await this.outbox.record(roomName('lab', view.labId), 'deliverable.status_changed', data);
  }

  private notificationData(
    view: DeliverableView,
    labTitle: string,
    round: number,
    decision: DeliverableReviewDecision | null,
  ): Record<string, string | number | null> {
    return {
      labId: view.labId,
      labTitle,
      deliverableId: view.id,
      deliverableTitle: view.title,
      groupName: view.groupName,
      round,
      decision,
    };
  }
}
