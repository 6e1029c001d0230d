/** Enrolment in a lab: an administration's referent applies for some of its officials; a tutor decides. */
import type { OrganizationSummary } from './members';
import type { MemberRef } from './spaces';

export const LAB_APPLICATION_STATUSES = ['pending', 'accepted', 'rejected'] as const;
export type LabApplicationStatus = (typeof LAB_APPLICATION_STATUSES)[number];

export const LAB_APPLICATION_DECISIONS = ['accepted', 'rejected'] as const;
export type LabApplicationDecision = (typeof LAB_APPLICATION_DECISIONS)[number];

/**
 * The application workflow as data: the only allowed moves. The service answers 409 for any
 * other, and the web app shows a decision button only where a move exists.
 */
export const LAB_APPLICATION_TRANSITIONS: readonly {
  from: LabApplicationStatus;
  to: LabApplicationStatus;
}[] = [
  { from: 'pending', to: 'accepted' },
  { from: 'pending', to: 'rejected' },
];

export function canMoveLabApplication(from: LabApplicationStatus, to: LabApplicationStatus): boolean {
  return LAB_APPLICATION_TRANSITIONS.some((t) => t.from === from && t.to === to);
}

export const LAB_APPLICATION_LIMITS = {
  /** Officials named in one application, at most. */
  members: 100,
  motivation: 4000,
  note: 2000,
} as const;

export interface LabApplicationView {
  id: string;
  labId: string;
  organization: OrganizationSummary;
  /** The officials the administration applies for. */
  members: MemberRef[];
  motivation: string | null;
  status: LabApplicationStatus;
  /** Who applied (the referent, or an admin). */
  appliedBy: MemberRef | null;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: MemberRef | null;
  note: string | null;
}

/** `POST /api/v1/labs/:id/applications`. */
export interface CreateLabApplicationInput {
  organizationId: string;
  memberIds: string[];
  motivation?: string;
}

/** `POST /api/v1/lab-applications/:id/decision`. */
export interface DecideLabApplicationInput {
  decision: LabApplicationDecision;
  note?: string;
}
