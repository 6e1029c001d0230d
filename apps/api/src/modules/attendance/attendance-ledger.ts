import { Injectable } from '@nestjs/common';
import {
  roomName,
  type AttendanceMode,
  type AttendanceRow,
  type MemberRef,
  type MyAttendanceRow,
  type SessionMode,
} from '@convergo/contracts';
import { AbilityFactory } from '../auth/ability.factory';
import type { AuthMember } from '../auth/auth-member';
import { LabsService, type LabRosterRecord } from '../labs/labs.service';
import { EventOutbox } from '../realtime/event-outbox';
import { SessionsService, type CalendarEntry } from '../sessions/sessions.service';
import {
  computedFigures,
  mergedIntervals,
  toAttendanceRow,
  type EntryRecord,
  type IntervalRecord,
  type SessionSpan,
} from './attendance-register';
import type { ExportLine } from './attendance-export';
import { AttendanceException } from './attendance.exception';
import { ATTENDANCE_REGISTER_SUBJECT, attendanceSubject } from './attendance.policy';
import { AttendanceRepository, type ChangeFigures, type ConfirmationRecord } from './attendance.repository';

/** A session's register as computed now: its rows, its absentees, its confirmation. */
export interface Register {
  session: CalendarEntry;
  span: SessionSpan;
  rows: { member: LabRosterRecord; row: AttendanceRow; stored: boolean }[];
  absentees: LabRosterRecord[];
  confirmation: ConfirmationRecord | undefined;
}

export const OPEN_FOR_CHECK_IN = ['scheduled', 'live'];

export function spanOf(entry: CalendarEntry): SessionSpan {
  return { startsAt: new Date(entry.session.startsAt), endsAt: new Date(entry.session.endsAt) };
}

function groupBy<T extends { memberId: string }>(items: readonly T[]): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const item of items) {
    const list = grouped.get(item.memberId) ?? [];
    list.push(item);
    grouped.set(item.memberId, list);
  }
  return grouped;
}

/** Where a member the tutor marks present without any stay most likely was. */
export function defaultMode(mode: SessionMode): AttendanceMode {
  return mode === 'online' ? 'remote' : 'in_presence';
}

export function toMemberRef(member: LabRosterRecord): MemberRef {
  return { id: member.memberId, displayName: member.displayName, organizationName: member.organizationName };
}

export function figuresOf(row: Pick<AttendanceRow, 'status' | 'mode' | 'minutes'>): ChangeFigures {
  return { status: row.status, mode: row.mode, minutes: row.minutes };
}

/**
 * What every part of the register reads and writes the same way: the session and who may manage
 * it, the register as computed now, a member's own row, and the `attendance.updated` announcement.
 * Internal to the module: other modules go through AttendanceService.
 */
@Injectable()
export class AttendanceLedger {
  constructor(
    private readonly attendance: AttendanceRepository,
    private readonly sessions: SessionsService,
    private readonly labs: LabsService,
    private readonly outbox: EventOutbox,
    private readonly abilities: AbilityFactory,
  ) {}

  async findSession(sessionId: string): Promise<CalendarEntry> {
    const entry = await this.sessions.entryOf(sessionId);
    if (!entry) throw AttendanceException.sessionNotFound();
    return entry;
  }

  async canManage(actor: AuthMember, labId: string): Promise<boolean> {
    const role = await this.labs.roleOf(actor.id, labId);
    return this.abilities
      .for(actor)
      .can('update', attendanceSubject(ATTENDANCE_REGISTER_SUBJECT, labId, role));
  }

  async assertManager(actor: AuthMember, entry: CalendarEntry): Promise<void> {
    if (!(await this.canManage(actor, entry.session.labId))) throw AttendanceException.registerForbidden();
  }

  personOf(
    member: LabRosterRecord,
  ): Pick<ExportLine, 'memberId' | 'name' | 'organizationId' | 'organization' | 'region'> {
    return {
      memberId: member.memberId,
      name: member.displayName,
      organizationId: member.organizationId,
      organization: member.organizationName,
      region: member.region,
    };
  }

  /**
   * Rows for the participants who attended (or whom the tutor marked), absentees for those
   * enrolled before the session began with neither. Once confirmed, only the frozen rows count.
   */
  async register(entry: CalendarEntry, now: Date): Promise<Register> {
    const sessionId = entry.session.id;
    const span = spanOf(entry);
    const roster = await this.labs.rosterOf(entry.session.labId);
    const intervals = groupBy(await this.attendance.findIntervals(sessionId));
    const entries = new Map(
      (await this.attendance.findEntries(sessionId)).map((stored) => [stored.memberId, stored]),
    );
    const confirmation = await this.attendance.findConfirmation(sessionId);
    const started = span.startsAt <= now && entry.session.status !== 'cancelled';
    const register: Register = { session: entry, span, rows: [], absentees: [], confirmation };
    for (const member of roster) {
      const stays = intervals.get(member.memberId) ?? [];
      const stored = entries.get(member.memberId);
      if (stored || (!confirmation && stays.length > 0)) {
        register.rows.push({
          member,
          row: toAttendanceRow(member, stays, stored, span, now),
          stored: stored !== undefined,
        });
      } else if (started && new Date(member.enrolledAt) <= span.startsAt) {
        register.absentees.push(member);
      }
    }
    return register;
  }

  async myRow(entry: CalendarEntry, memberId: string): Promise<MyAttendanceRow> {
    const sessionId = entry.session.id;
    const intervals = await this.attendance.findIntervals(sessionId, memberId);
    const [stored] = await this.attendance.findEntries(sessionId, memberId);
    const confirmed = (await this.attendance.findConfirmation(sessionId)) !== undefined;
    return this.toMyRow(entry, intervals, stored, confirmed, new Date()).view;
  }

  toMyRow(
    entry: CalendarEntry,
    intervals: readonly IntervalRecord[],
    stored: EntryRecord | undefined,
    confirmed: boolean,
    now: Date,
  ): { view: MyAttendanceRow; seconds: number } {
    const span = spanOf(entry);
    const figures =
      stored ??
      (confirmed || intervals.length === 0
        ? { status: 'absent' as const, mode: defaultMode(entry.session.mode), seconds: 0 }
        : computedFigures(intervals, span, now));
    return {
      seconds: figures.seconds,
      view: {
        sessionId: entry.session.id,
        labId: entry.session.labId,
        labTitle: entry.labTitle,
        sessionTitle: entry.session.title,
        startsAt: entry.session.startsAt,
        endsAt: entry.session.endsAt,
        mode: figures.mode,
        intervals: mergedIntervals(intervals),
        minutes: Math.floor(figures.seconds / 60),
        status: figures.status,
        confirmed,
      },
    };
  }

  /** `attendance.updated` with the member's row as the register shows it now (null when not in it). */
  async announce(sessionId: string, memberId: string, known?: CalendarEntry): Promise<void> {
    const entry = known ?? (await this.sessions.entryOf(sessionId));
    if (!entry) return;
    const [member] = await this.labs.rosterOf(entry.session.labId, [memberId]);
    const confirmed = (await this.attendance.findConfirmation(sessionId)) !== undefined;
    let row: AttendanceRow | null = null;
    if (member) {
      const [stored] = await this.attendance.findEntries(sessionId, memberId);
      const intervals = await this.attendance.findIntervals(sessionId, memberId);
      if (stored || (!confirmed && intervals.length > 0)) {
        row = toAttendanceRow(member, intervals, stored, spanOf(entry), new Date());
      }
    }
    await this.record(sessionId, memberId, row, confirmed);
  }

  async record(
    sessionId: string,
    memberId: string,
    row: AttendanceRow | null,
    confirmed: boolean,
  ): Promise<void> {
    await this.outbox.record(roomName('attendance', sessionId), 'attendance.updated', {
      sessionId,
      row,
      memberId,
      confirmed,
    });
  }
}
