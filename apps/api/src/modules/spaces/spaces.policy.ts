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
}

/**
 * Who may do what with a space. Public spaces are read by every member; private ones by their
 * invited members and moderators; lab spaces also by the participants and tutors of their lab. Space moderators (a scoped role, appointed by admins) update,
 * invite and moderate in their space; global moderators do it everywhere; admins manage all
 * (base rules), which alone lets them appoint space moderators.
 */
export const spaceRules: AbilityContributor = (member, { can }) => {
  can('read', SPACE_SUBJECT, { visibility: 'public' });
  can('read', SPACE_SUBJECT, { role: { $in: [...SPACE_ROLES] } });
  can('read', SPACE_SUBJECT, { visibility: 'lab', labRole: { $in: [...LAB_ROLES] } });
  can(['update', 'invite', 'moderate'], SPACE_SUBJECT, { role: 'moderator' });
  if (member.role === 'moderator') {
    can(['create', 'read', 'update', 'invite', 'moderate'], SPACE_SUBJECT);
  }
};

/** Global moderators and admins read and moderate every space: list queries use this shortcut. */
export function readsEverySpace(role: string): boolean {
  return role === 'moderator' || role === 'admin';
}

/** A space as a CASL subject, for `ability.can(action, spaceSubject(...))`. */
export function spaceSubject(attributes: SpaceSubject): Record<string, unknown> {
  const plain: Record<string, unknown> = { ...attributes };
  return tagSubject(SPACE_SUBJECT, plain);
}
