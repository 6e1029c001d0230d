import { subject as tagSubject } from '@casl/ability';
import { LAB_ROLES, type LabRole } from '@convergo/contracts';
import type { AbilityContributor } from '../auth/ability.factory';

export const POLL_SUBJECT = 'Poll';
/** A member's vote on a poll. */
export const POLL_VOTE_SUBJECT = 'PollVote';

/**
 * Who may do what with the quick polls of a lab's sessions, from the asker's role in that lab:
 * its participants and tutors see them (counts only); its tutors ask and close them; admins manage
 * everything (base rules). Only the lab's participants vote: a poll measures the participants'
 * opinion, so the tutor who asks (or an admin looking in) never tilts the counts.
 */
export const pollRules: AbilityContributor = (_member, { can, cannot }) => {
  can('read', POLL_SUBJECT, { labRole: { $in: [...LAB_ROLES] } });
  can(['create', 'update'], POLL_SUBJECT, { labRole: 'tutor' });
  can('create', POLL_VOTE_SUBJECT, { labRole: 'participant' });
  // Overrides the admins' `manage all` too.
  cannot('create', POLL_VOTE_SUBJECT, { labRole: { $ne: 'participant' } });
};

export function pollSubject(
  labRole: LabRole | null,
  type: typeof POLL_SUBJECT | typeof POLL_VOTE_SUBJECT = POLL_SUBJECT,
): Record<string, unknown> {
  const plain: Record<string, unknown> = { labRole };
  return tagSubject(type, plain);
}
