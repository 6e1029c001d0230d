import { subject as tagSubject } from '@casl/ability';
import {
  LAB_ROLES,
  SPACE_ROLES,
  type LabRole,
  type SpaceRole,
  type SpaceVisibility,
} from '@convergo/contracts';
import type { AbilityContributor } from '../auth/ability.factory';

export const SPACE_SUBJECT = 'Space';

/** What the space rules look at: the space, and the asking member's scoped role in it. */
export interface SpaceSubject {
  id: string;
  visibility: SpaceVisibility;
  /** The asker's role in this space (space_members), null when they have none. */
  role: SpaceRole | null;
  /** For a lab space: the asker's role in its lab, null when they have none. */
  labRole?: LabRole | null;
  /** For a coaching space: `member` of its working group, `tutor` of its lab, null otherwise. */
  coachingRole?: CoachingRole | null;
  /** For a twinning space: whether the asker's administration is a party of its twinning. */
  twinningParty?: boolean;
}

export type CoachingRole = 'member' | 'tutor';

/**
 * Who may do what with a space. Public spaces are read by every member; private ones by their
 * invited members and moderators; lab spaces also by the participants and tutors of their lab;
 * coaching spaces only by their working group, its lab's tutors and admins; twinning spaces only
 * by the members of the twinning's administrations and admins. Space moderators (a scoped role,
 * appointed by admins) update, invite and moderate in their space; global moderators do it everywhere; admins manage all
 * (base rules), which alone lets them appoint space moderators.
 */
export const spaceRules: AbilityContributor = (member, { can, cannot }) => {
  can('read', SPACE_SUBJECT, { visibility: 'public' });
  can('read', SPACE_SUBJECT, { role: { $in: [...SPACE_ROLES] } });
  can('read', SPACE_SUBJECT, { visibility: 'lab', labRole: { $in: [...LAB_ROLES] } });
  can('read', SPACE_SUBJECT, { visibility: 'coaching', coachingRole: { $in: ['member', 'tutor'] } });
  can('read', SPACE_SUBJECT, { visibility: 'twinning', twinningParty: true });
  can(['update', 'invite', 'moderate'], SPACE_SUBJECT, { role: 'moderator' });
  if (member.role === 'moderator') {
    can(['create', 'read', 'update', 'invite', 'moderate'], SPACE_SUBJECT);
    // A working group's coaching with its tutors is theirs (and admins'), not every moderator's.
    cannot(['read', 'update', 'invite', 'moderate'], SPACE_SUBJECT, {
      visibility: 'coaching',
      coachingRole: null,
    });
    // A twinning's space is its administrations' (and admins'), not every moderator's.
    cannot(['read', 'update', 'invite', 'moderate'], SPACE_SUBJECT, {
      visibility: 'twinning',
      twinningParty: { $ne: true },
    });
  }
  // The roster of a coaching space is the working group's: nobody invites into it, admins included.
  cannot('invite', SPACE_SUBJECT, { visibility: 'coaching' });
  // Likewise the roster of a twinning space is the twinning's administrations.
  cannot('invite', SPACE_SUBJECT, { visibility: 'twinning' });
};

/**
 * The spaces global moderators do not read unless they belong there (the rules above): what is
 * flagged in them is told to admins, not to every moderator.
 */
export function closedToGlobalModerators(visibility: string): boolean {
  return visibility === 'coaching' || visibility === 'twinning';
}

/** Global moderators and admins read and moderate every space but coaching ones: list queries use this shortcut. */
export function readsEverySpace(role: string): boolean {
  return role === 'moderator' || role === 'admin';
}

/** A space as a CASL subject, for `ability.can(action, spaceSubject(...))`. */
export function spaceSubject(attributes: SpaceSubject): Record<string, unknown> {
  const plain: Record<string, unknown> = { ...attributes };
  return tagSubject(SPACE_SUBJECT, plain);
}
