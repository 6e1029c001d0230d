import { subject as tagSubject } from '@casl/ability';
import type { LabRole } from '@convergo/contracts';
import type { AbilityContributor } from '../auth/ability.factory';

/** A lab's attendance register: its rows, corrections, confirmation, log and exports. */
export const ATTENDANCE_REGISTER_SUBJECT = 'AttendanceRegister';
/** Checking in and out of a session at the venue. */
export const ATTENDANCE_CHECK_IN_SUBJECT = 'AttendanceCheckIn';

/**
 * Who may do what with attendance, from the asker's scoped role in the session's lab: the lab's
 * tutors read, correct (`update`) and confirm the register and export it; its participants check
 * in and out (and read only their own rows, which needs no rule). Admins manage everything (base
 * rules). A participant never reads the others' register: it holds personal data.
 */
export const attendanceRules: AbilityContributor = (_member, { can }) => {
  can(['read', 'update'], ATTENDANCE_REGISTER_SUBJECT, { labRole: 'tutor' });
  can('create', ATTENDANCE_CHECK_IN_SUBJECT, { labRole: 'participant' });
};

export function attendanceSubject(
  type: typeof ATTENDANCE_REGISTER_SUBJECT | typeof ATTENDANCE_CHECK_IN_SUBJECT,
  labId: string,
  labRole: LabRole | null,
): Record<string, unknown> {
  const plain: Record<string, unknown> = { labId, labRole };
  return tagSubject(type, plain);
}
