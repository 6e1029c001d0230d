import { subject as tagSubject } from '@casl/ability';
import { LAB_ROLES, type LabRole, type PresentMember } from '@convergo/contracts';
import type { AbilityContributor } from '../auth/ability.factory';

export const LIVE_ROOM_SUBJECT = 'LiveRoom';

/**
 * Who may do what in a session's live room, from the asker's role in the session's lab: its
 * participants and tutors are in the room (`read`: raise and lower their own hand); its tutors
 * lead it (`update`: lower anyone's hand, push the agenda step, run the countdown). Admins manage
 * everything (base rules) and look in as observers.
 */
export const liveRoomRules: AbilityContributor = (_member, { can }) => {
  can('read', LIVE_ROOM_SUBJECT, { labRole: { $in: [...LAB_ROLES] } });
  can('update', LIVE_ROOM_SUBJECT, { labRole: 'tutor' });
};

export function liveRoomSubject(labRole: LabRole | null): Record<string, unknown> {
  const plain: Record<string, unknown> = { labRole };
  return tagSubject(LIVE_ROOM_SUBJECT, plain);
}

/** How a member shows in the room: their lab role, or an observer (an admin looking in). */
export function roomRole(labRole: LabRole | null): PresentMember['role'] {
  return labRole ?? 'observer';
}
