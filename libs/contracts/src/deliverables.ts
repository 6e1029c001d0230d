/** Lab products (prodotti): what a module expects its working groups to produce. */

/**
 * The kinds of product of the Formez labs: quadro logico per macro-area, proposta di piano
 * strategico di apertura internazionale, proposta progettuale con budget, analisi dell'assetto
 * organizzativo, azioni di miglioramento.
 */
export const DELIVERABLE_KINDS = [
  'logical_framework',
  'internationalisation_plan',
  'project_proposal',
  'organisational_analysis',
  'improvement_actions',
] as const;
export type DeliverableKind = (typeof DELIVERABLE_KINDS)[number];

export const DELIVERABLE_STATUSES = ['draft', 'submitted', 'changes_requested', 'approved'] as const;
export type DeliverableStatus = (typeof DELIVERABLE_STATUSES)[number];

export const DELIVERABLE_REVIEW_DECISIONS = ['changes_requested', 'approved'] as const;
export type DeliverableReviewDecision = (typeof DELIVERABLE_REVIEW_DECISIONS)[number];

/** Who moves a deliverable: `submit` is a member of the group, `review` a tutor of the lab. */
export type DeliverableAction = 'submit' | 'review';

/**
 * The review workflow as data: the only allowed moves, each with the action that makes it.
 * Read by the service (anything else is a 409) and by the web app to show its buttons.
 * "Ready for re-review" is an explicit submit: editing the text never moves the status.
 */
export const DELIVERABLE_TRANSITIONS: readonly {
  from: DeliverableStatus;
  to: DeliverableStatus;
  action: DeliverableAction;
}[] = [
  { from: 'draft', to: 'submitted', action: 'submit' },
  { from: 'submitted', to: 'changes_requested', action: 'review' },
  { from: 'submitted', to: 'approved', action: 'review' },
  { from: 'changes_requested', to: 'submitted', action: 'submit' },
];

export function canMoveDeliverable(from: DeliverableStatus, to: DeliverableStatus): boolean {
  return DELIVERABLE_TRANSITIONS.some((t) => t.from === from && t.to === to);
}

export const DELIVERABLE_LIMITS = {
  title: 200,
  /** A review's comment (the round's overall feedback; anchored remarks live on the document). */
  comment: 10000,
} as const;

/** One submission: the version of the document frozen when the group said "ready for review". */
export interface DeliverableSubmissionView {
  round: number;
  versionId: string | null;
  submittedBy: string | null;
  submittedAt: string;
}

/** One review round: the decision and comment on exactly one submitted version. */
export interface DeliverableReviewView {
  round: number;
  versionId: string | null;
  decision: DeliverableReviewDecision;
  comment: string;
  reviewer: { id: string; displayName: string } | null;
  at: string;
}

export interface DeliverableView {
  id: string;
  labId: string;
  groupId: string;
  groupName: string;
  moduleId: string | null;
  kind: DeliverableKind;
  title: string;
  status: DeliverableStatus;
  /** The shared document owned by the group (owner `lab_group`). */
  documentId: string;
  dueAt: string | null;
  /** The version frozen by the latest submission, null before the first one. */
  submittedVersionId: string | null;
  submissions: DeliverableSubmissionView[];
  /**
   * Every round's review with its frozen version, oldest first. Only the group's members, the
   * lab's tutors and admins see them; other participants of the lab get `[]`.
   */
  reviews: DeliverableReviewView[];
  createdAt: string;
  updatedAt: string;
}

/** `POST /api/v1/labs/:id/deliverables`. */
export interface CreateDeliverableInput {
  groupId: string;
  kind: DeliverableKind;
  title: string;
  moduleId?: string;
  dueAt?: string;
}

/** `POST /api/v1/deliverables/:id/review`. */
export interface ReviewDeliverableInput {
  decision: DeliverableReviewDecision;
  comment: string;
}
