import type { AbilityContributor } from '../auth/ability.factory';

export const MODERATED_MEMBER = 'ModeratedMember';
/** The live flag queue of every space (the bare `moderation` room). */
export const MODERATION_QUEUE = 'ModerationQueue';

/**
 * Warnings and suspensions reach a member everywhere, so only global moderators give them
 * (admins manage all). A global moderator may not act on admins or other moderators.
 * Flag queue, bulk actions, move and merge follow the space rules (`moderate` on the Space):
 * global moderators and admins everywhere, space moderators in their spaces.
 */
export const moderationRules: AbilityContributor = (member, { can }) => {
  if (member.role === 'moderator') {
    can('moderate', MODERATED_MEMBER, { role: 'member' });
    can('read', MODERATION_QUEUE);
  }
};

/** Global moderators and admins moderate every space. */
export function moderatesEverySpace(role: string): boolean {
  return role === 'moderator' || role === 'admin';
}
