import { subject as tagSubject } from '@casl/ability';
import { LAB_ROLES, LAB_TUTOR_EDITABLE_FIELDS, type LabRole } from '@convergo/contracts';
import type { AbilityContributor } from '../auth/ability.factory';

export const LAB_SUBJECT = 'Lab';
/** The roster and working groups of one lab, which only its own people (and admins) see. */
export const LAB_ROSTER_SUBJECT = 'LabRoster';
/** A lab's structure (its modules): everyone who reads the lab reads it; its tutors shape it. */
export const LAB_MODULE_SUBJECT = 'LabModule';
/** A lab's life cycle (LAB_STATUS_TRANSITIONS): moved by admins only (the base `manage all`). */
export const LAB_STATUS_SUBJECT = 'LabStatus';

/** What the lab rules look at: the lab and the asking member's scoped role in it. */
export interface LabSubject {
  id: string;
  /** The asker's role in this lab (lab_participants), null when they have none. */
  role: LabRole | null;
}

/**
 * Who may do what with a lab. Every member reads the catalogue; participants and tutors read the
 * roster and the working groups; tutors of the lab enrol participants and form groups (`invite`)
 * and change its descriptive fields (`update` on LAB_TUTOR_EDITABLE_FIELDS); admins manage
 * everything (base rules), which alone lets them create labs, change any field, move the lab's
 * status and appoint tutors.
 */
export const labRules: AbilityContributor = (_member, { can }) => {
  can('read', LAB_SUBJECT);
  can('read', LAB_ROSTER_SUBJECT, { role: { $in: [...LAB_ROLES] } });
  can('invite', LAB_SUBJECT, { role: 'tutor' });
  can('update', LAB_SUBJECT, [...LAB_TUTOR_EDITABLE_FIELDS], { role: 'tutor' });
  can('read', LAB_MODULE_SUBJECT);
  can(['create', 'update', 'delete'], LAB_MODULE_SUBJECT, { role: 'tutor' });
};

/** A lab as a CASL subject, for `ability.can(action, labSubject(...))`. */
export function labSubject(
  attributes: LabSubject,
  type: typeof LAB_SUBJECT | typeof LAB_ROSTER_SUBJECT | typeof LAB_MODULE_SUBJECT = LAB_SUBJECT,
): Record<string, unknown> {
  const plain: Record<string, unknown> = { ...attributes };
  return tagSubject(type, plain);
}
