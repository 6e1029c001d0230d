import { describe, expect, it } from '@jest/globals';
import type { AttendanceRow, MemberRef, SessionAttendanceView } from '@convergo/contracts';
import { foldAttendanceEvent } from './attendance-cache';

const member = (id: string, displayName: string): MemberRef => ({ id, displayName, organizationName: null });
const row = (m: MemberRef, minutes: number): AttendanceRow => ({
  member: m,
  organization: null,
  mode: 'remote',
  intervals: [{ from: '2026-12-04T09:00:00.000Z', to: null }],
  minutes,
  seconds: minutes * 60,
  source: 'live',
  status: 'present',
  note: null,
});
const alice = member('a', 'Alice Bianchi');
const bruno = member('b', 'Bruno Verdi');
const register: SessionAttendanceView = {
  sessionId: 's1',
  confirmed: false,
  confirmedBy: null,
  confirmedAt: null,
  items: [row(bruno, 5)],
  absentees: [alice],
};

describe('the register’s live updates', () => {
  it('moves an absentee who arrives into the rows, in name order', () => {
    const next = foldAttendanceEvent(register, {
      sessionId: 's1',
      memberId: 'a',
      row: row(alice, 0),
      confirmed: false,
    });
    expect(next.items.map((r) => r.member.displayName)).toEqual(['Alice Bianchi', 'Bruno Verdi']);
    expect(next.absentees).toEqual([]);
  });

  it('replaces a member’s row and carries the confirmation', () => {
    const next = foldAttendanceEvent(register, {
      sessionId: 's1',
      memberId: 'b',
      row: row(bruno, 42),
      confirmed: true,
    });
    expect(next.items).toHaveLength(1);
    expect(next.items[0].minutes).toBe(42);
    expect(next.confirmed).toBe(true);
  });

  it('drops a row that went away', () => {
    const next = foldAttendanceEvent(register, {
      sessionId: 's1',
      memberId: 'b',
      row: null,
      confirmed: false,
    });
    expect(next.items).toEqual([]);
  });
});
