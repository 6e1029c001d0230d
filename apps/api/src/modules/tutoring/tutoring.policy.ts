import { subject as tagSubject } from '@casl/ability';
import { LAB_ROLES, type LabRole, type TutoringSlotStatus } from '@convergo/contracts';
import type { AbilityContributor } from '../auth/ability.factory';

export const TUTORING_SLOT = 'TutoringSlot';
export const TUTORING_BOOKING = 'TutoringBooking';
/** The slot's room (`tutoring_slot:<id>`) and meeting: its tutor, its active bookers, admins. */
export const TUTORING_SLOT_ROOM = 'TutoringSlotRoom';
/** The bare `tutoring` room: slots open to everyone, so every member. */
export const TUTORING_BOARD = 'TutoringBoard';
/** Nobody has a rule on it but admins (`manage all`): lists show them every slot, cancelled ones too. */
export const TUTORING_ALL_SLOTS = 'TutoringAllSlots';

/** What the rules look at: the slot, and who the asker is to it and to its lab. */
export interface SlotFacts {
  tutorId: string;
  labId: string | null;
  status: TutoringSlotStatus;
  /** The asker's role in the slot's lab (null without lab or role). */
  labRole: LabRole | null;
  /** The asker holds (or held) a booking of it: a cancelled slot stays visible to them. */
  isBooker: boolean;
  /** The asker holds an active booking of it. */
  activeBooker: boolean;
}

/**
 * Tutoring office hours. A slot without lab is open to every member; a lab's slot to its
 * participants and tutors. Members with the global tutor role publish open slots, a lab's tutors
 * publish that lab's; a slot's tutor manages it (edit, cancel, see who booked). Cancelled slots
 * stay visible to their tutor and to those who had booked. Admins manage everything (base rules).
 */
export const tutoringRules: AbilityContributor = (member, { can }) => {
  can('read', TUTORING_SLOT, { labId: null, status: 'open' });
  can('read', TUTORING_SLOT, { labRole: { $in: [...LAB_ROLES] }, status: 'open' });
  can('read', TUTORING_SLOT, { tutorId: member.id });
  can('read', TUTORING_SLOT, { isBooker: true });
  can('update', TUTORING_SLOT, { tutorId: member.id });
  if (member.role === 'tutor') can('create', TUTORING_SLOT, { labId: null });
  can('create', TUTORING_SLOT, { labRole: 'tutor' });

  can('create', TUTORING_BOOKING, { labId: null });
  can('create', TUTORING_BOOKING, { labRole: { $in: [...LAB_ROLES] } });
  can('delete', TUTORING_BOOKING, { memberId: member.id });
  can('delete', TUTORING_BOOKING, { tutorId: member.id });

  can('read', TUTORING_SLOT_ROOM, { tutorId: member.id });
  can('read', TUTORING_SLOT_ROOM, { activeBooker: true });
  can('read', TUTORING_BOARD);
};

export function slotSubject(facts: SlotFacts): Record<string, unknown> {
  const plain: Record<string, unknown> = { ...facts };
  return tagSubject(TUTORING_SLOT, plain);
}

export function slotRoomSubject(facts: SlotFacts): Record<string, unknown> {
  const plain: Record<string, unknown> = { ...facts };
  return tagSubject(TUTORING_SLOT_ROOM, plain);
}

export function bookingSubject(
  facts: Pick<SlotFacts, 'tutorId' | 'labId' | 'labRole'> & { memberId?: string },
): Record<string, unknown> {
  const plain: Record<string, unknown> = { ...facts };
  return tagSubject(TUTORING_BOOKING, plain);
}
