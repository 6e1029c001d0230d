import { subject as tagSubject } from '@casl/ability';
import type { LabRole } from '@convergo/contracts';
import type { AbilityContributor } from '../auth/ability.factory';

export const DELIVERABLE_SUBJECT = 'Deliverable';
/** The review rounds (decisions and comments) of a deliverable. */
export const DELIVERABLE_REVIEW_SUBJECT = 'DeliverableReview';

/** What the deliverable rules look at: the asker's role in the lab and whether they are in the group. */
export interface DeliverableSubject {
  labRole: LabRole | null;
  inGroup: boolean;
}

/**
 * Who may do what with a lab's products. The lab's people read every group's products (status,
 * due date, the document: colleagues learn from each other's work, as lab-documents.policy says);
 * the feedback of a round is for the group and the tutors only, as in Moodle's assignments where a
 * student never sees another's grading. Tutors of the lab create and review (`approve`); a member
 * of the group submits (`update`). Admins manage everything (base rules).
 */
export const deliverableRules: AbilityContributor = (_member, { can }) => {
  can('read', DELIVERABLE_SUBJECT, { labRole: { $in: ['participant', 'tutor'] } });
  can('create', DELIVERABLE_SUBJECT, { labRole: 'tutor' });
  can('approve', DELIVERABLE_SUBJECT, { labRole: 'tutor' });
  can('update', DELIVERABLE_SUBJECT, { labRole: { $in: ['participant', 'tutor'] }, inGroup: true });
  can('read', DELIVERABLE_REVIEW_SUBJECT, { labRole: 'tutor' });
  can('read', DELIVERABLE_REVIEW_SUBJECT, { labRole: 'participant', inGroup: true });
};

export function deliverableSubject(
  attributes: DeliverableSubject,
  type: typeof DELIVERABLE_SUBJECT | typeof DELIVERABLE_REVIEW_SUBJECT = DELIVERABLE_SUBJECT,
): Record<string, unknown> {
  const plain: Record<string, unknown> = { ...attributes };
  return tagSubject(type, plain);
}
