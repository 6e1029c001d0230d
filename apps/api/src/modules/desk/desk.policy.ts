import type { AuthMember } from '../auth/auth-member';
import type { AbilityContributor } from '../auth/ability.factory';

export const DESK_SUBJECT = 'Desk';

/** Every member has a desk; what it holds follows deskSectionsOf. */
export const deskRules: AbilityContributor = (_member, { can }) => {
  can('read', DESK_SUBJECT);
};

export interface DeskSections {
  /** The member's own work in labs, threads and tutoring. */
  official: boolean;
  /** Sessions to lead, reviews, bookings on their slots, coaching. */
  tutor: boolean;
}

/**
 * Which personal sections a member's desk has, by global role: officials (`member`) their own
 * work, tutors their tutoring. The moderation and admin sections follow those capabilities' own
 * rules (the `moderation` and `admin` rooms' subjects), checked by the desk service.
 */
export function deskSectionsOf(member: Pick<AuthMember, 'role'>): DeskSections {
  return { official: member.role === 'member', tutor: member.role === 'tutor' };
}
