import { subject as tagSubject } from '@casl/ability';
import { LAB_ROLES, type LabRole } from '@convergo/contracts';
import type { AbilityContributor } from '../auth/ability.factory';

export const SESSION_SUBJECT = 'LabSession';

/**
 * Who may do what with a lab's sessions, from the asker's scoped role in that lab: its
 * participants and tutors read them (and join `session:<id>`); its tutors schedule, change and
 * cancel them; admins manage everything (base rules).
 */
export const sessionRules: AbilityContributor = (_member, { can }) => {
  can('read', SESSION_SUBJECT, { labRole: { $in: [...LAB_ROLES] } });
  can(['create', 'update'], SESSION_SUBJECT, { labRole: 'tutor' });
};

export function sessionSubject(labId: string, labRole: LabRole | null): Record<string, unknown> {
  const plain: Record<string, unknown> = { labId, labRole };
  return tagSubject(SESSION_SUBJECT, plain);
}
