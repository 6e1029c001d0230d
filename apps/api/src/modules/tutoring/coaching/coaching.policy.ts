import { subject as tagSubject } from '@casl/ability';
import type { AbilityContributor } from '../../auth/ability.factory';
import type { CoachingRole } from '../../spaces/spaces.policy';

export const COACHING_SUBJECT = 'CoachingThread';

/** A working group's coaching thread: its members and its lab's tutors (admins: base rules). */
export const coachingRules: AbilityContributor = (_member, { can }) => {
  can('read', COACHING_SUBJECT, { coachingRole: { $in: ['member', 'tutor'] } });
};

export function coachingSubject(coachingRole: CoachingRole | null): Record<string, unknown> {
  const attributes: Record<string, unknown> = { coachingRole };
  return tagSubject(COACHING_SUBJECT, attributes);
}
