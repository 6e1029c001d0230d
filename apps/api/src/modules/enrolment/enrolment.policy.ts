import { subject as tagSubject } from '@casl/ability';
import type { LabRole } from '@convergo/contracts';
import type { AbilityContributor } from '../auth/ability.factory';

export const LAB_APPLICATION_SUBJECT = 'LabApplication';

/** What the rules look at: the applying administration and the asker's role in the lab. */
export interface LabApplicationSubject {
  organizationId: string;
  labRole: LabRole | null;
}

/**
 * Who may do what with applications: an administration's referent applies for its officials
 * (`create`); the lab's tutors read and decide (`approve`) every application to their lab; an
 * administration's people (referent and officials) read their own administration's applications.
 * Admins manage everything (base rules).
 */
export const labApplicationRules: AbilityContributor = (member, { can }) => {
  if (member.organizationId) {
    if (member.isReferent) can('create', LAB_APPLICATION_SUBJECT, { organizationId: member.organizationId });
    can('read', LAB_APPLICATION_SUBJECT, { organizationId: member.organizationId });
  }
  can('read', LAB_APPLICATION_SUBJECT, { labRole: 'tutor' });
  can('approve', LAB_APPLICATION_SUBJECT, { labRole: 'tutor' });
};

export function labApplicationSubject(attributes: LabApplicationSubject): Record<string, unknown> {
  const plain: Record<string, unknown> = { ...attributes };
  return tagSubject(LAB_APPLICATION_SUBJECT, plain);
}
