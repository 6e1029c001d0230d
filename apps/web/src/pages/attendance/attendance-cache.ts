import type { AttendanceRow, AttendanceUpdatedEvent, SessionAttendanceView } from '@convergo/contracts';

/** One member's row changed (or went away): the register as the page shows it. */
export function foldAttendanceRow(
  view: SessionAttendanceView,
  memberId: string,
  row: AttendanceRow | null,
): SessionAttendanceView {
  const items = view.items.filter((item) => item.member.id !== memberId);
  return {
    ...view,
    items: row
      ? [...items, row].sort((a, b) => a.member.displayName.localeCompare(b.member.displayName))
      : items,
    absentees: row ? view.absentees.filter((member) => member.id !== memberId) : view.absentees,
  };
}

/** An `attendance.updated` event folded into the register. */
export function foldAttendanceEvent(
  view: SessionAttendanceView,
  event: AttendanceUpdatedEvent,
): SessionAttendanceView {
  return { ...foldAttendanceRow(view, event.memberId, event.row), confirmed: event.confirmed };
}
