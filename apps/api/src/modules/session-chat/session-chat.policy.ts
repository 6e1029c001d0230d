import { subject as tagSubject } from '@casl/ability';
import { LAB_ROLES, type LabRole } from '@convergo/contracts';
import type { AbilityContributor } from '../auth/ability.factory';

export const SESSION_MESSAGE_SUBJECT = 'SessionMessage';

/**
 * The chat of a lab's sessions is the room's: the lab's participants and tutors read and write
 * it, as they may be in `session:<id>`; admins manage everything (base rules).
 */
export const sessionMessageRules: AbilityContributor = (_member, { can }) => {
  can(['read', 'create'], SESSION_MESSAGE_SUBJECT, { labRole: { $in: [...LAB_ROLES] } });
};

export function sessionMessageSubject(labRole: LabRole | null): Record<string, unknown> {
  const plain: Record<string, unknown> = { labRole };
  return tagSubject(SESSION_MESSAGE_SUBJECT, plain);
}
