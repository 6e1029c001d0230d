import { Injectable } from '@nestjs/common';
import {
  ATTENDANCE_LIMITS,
  roomName,
  type AttendanceChangeView,
  type AttendanceConfirmation,
  type AttendanceMode,
  type AttendanceRow,
  type CheckInCodeView,
  type MemberRef,
  type MyAttendanceRow,
  type MyAttendanceView,
  type SessionAttendanceView,
  type SessionMode,
} from '@convergo/contracts';
import { MemberRateLimits } from '../../common/rate-limit/member-rate-limits';
import { Transactional } from '../../database/transactional';
import { AbilityFactory } from '../auth/ability.factory';
import type { AuthMember } from '../auth/auth-member';
import { LabsException } from '../labs/labs.exception';
import { LabsService, type LabRosterRecord } from '../labs/labs.service';
import type { RoomAccess } from '../realtime/room-authorizer';
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
import {
  ATTENDANCE_CHECK_IN_SUBJECT,
  ATTENDANCE_REGISTER_SUBJECT,
  attendanceSubject,
} from './attendance.policy';
import { AttendanceRepository, type ChangeFigures, type ConfirmationRecord } from './attendance.repository';
import { newCheckInCode, normaliseCheckInCode } from './check-in-code';
import type { UpdateAttendanceDto } from './dto/update-attendance.dto';

/** A session's register as computed now: its rows, its absentees, its confirmation. */
interface Register {
  session: CalendarEntry;
  span: SessionSpan;
  rows: { member: LabRosterRecord; row: AttendanceRow; stored: boolean }[];
  absentees: LabRosterRecord[];
  confirmation: ConfirmationRecord | undefined;
}

const OPEN_FOR_CHECK_IN = ['scheduled', 'live'];

function spanOf(entry: CalendarEntry): SessionSpan {
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
function defaultMode(mode: SessionMode): AttendanceMode {
  return mode === 'online' ? 'remote' : 'in_presence';
}

function toMemberRef(member: LabRosterRecord): MemberRef {
  return { id: member.memberId, displayName: member.displayName, organizationName: member.organizationName };
}

function figuresOf(row: Pick<AttendanceRow, 'status' | 'mode' | 'minutes'>): ChangeFigures {
  return { status: row.status, mode: row.mode, minutes: row.minutes };
}

/**
 * The attendance register of lab sessions. It fills itself from the live room (remote stays,
 * through liveStayBegan/liveStayEnded) and from check-in at the venue; what is credited is the
 * union of a member's stays clipped to the session's times, in seconds. The tutor corrects and
 * confirms it (the signature): confirmation freezes the rows as they are, so later stays do not
 * silently change a signed register, and every later change needs a note and is logged. Every
 * change reaches `attendance:<sessionId>` as `attendance.updated`.
 */
@Injectable()
export class AttendanceService {
  constructor(
    private readonly attendance: AttendanceRepository,
    private readonly sessions: SessionsService,
    private readonly labs: LabsService,
    private readonly outbox: EventOutbox,
    private readonly abilities: AbilityFactory,
    private readonly rateLimits: MemberRateLimits,
  ) {}

  // --- For other modules -------------------------------------------------------------------

  /** The member's first connection to the live room: opens a remote interval (source live) unless one is open. Idempotent. */
  @Transactional()
  async liveStayBegan(sessionId: string, memberId: string, at: Date): Promise<void> {
    const entry = await this.sessions.entryOf(sessionId);
    if (!entry) return; // deleted meanwhile: nothing to attend
    if (await this.attendance.openInterval(sessionId, memberId, 'live', at)) {
      await this.announce(sessionId, memberId, entry);
    }
  }

  /** Their last connection left, or was found dead (`at` = its last heartbeat): closes the open remote interval at `at` (never before its start). Idempotent. */
  @Transactional()
  async liveStayEnded(sessionId: string, memberId: string, at: Date): Promise<void> {
    if (await this.attendance.closeInterval(sessionId, memberId, 'live', at)) {
      await this.announce(sessionId, memberId);
    }
  }

  /** A session ended (or was cancelled): every stay still open, in the room or at the venue, closes now. */
  @Transactional()
  async closeOpenStays(sessionId: string, at: Date): Promise<void> {
    for (const memberId of await this.attendance.closeAllOpen(sessionId, at)) {
      await this.announce(sessionId, memberId);
    }
  }

  /** The room policy of `attendance:<sessionId>`: the lab's tutors and admins. */
  async roomAccess(actor: AuthMember, sessionId: string): Promise<RoomAccess> {
    const entry = await this.sessions.entryOf(sessionId);
    if (!entry) return 'not_found';
    return (await this.canManage(actor, entry.session.labId)) ? 'ok' : 'forbidden';
  }

  // --- Check-in at the venue -----------------------------------------------------------------

  /** A new short code for the QR shown in the room; earlier ones stay valid until they expire. */
  @Transactional()
  async issueCheckInCode(actor: AuthMember, sessionId: string): Promise<CheckInCodeView> {
    const entry = await this.findSession(sessionId);
    await this.assertManager(actor, entry);
    if (!OPEN_FOR_CHECK_IN.includes(entry.session.status)) {
      throw AttendanceException.sessionNotOpen(entry.session.status);
    }
    const expiresAt = new Date(Date.now() + ATTENDANCE_LIMITS.codeValiditySeconds * 1000);
    let code = newCheckInCode();
    while (!(await this.attendance.insertCode(sessionId, code, expiresAt, actor.id))) code = newCheckInCode();
    return {
      sessionId,
      code,
      expiresAt: expiresAt.toISOString(),
      checkInPath: `/sessioni/${sessionId}/check-in?code=${code}`,
    };
  }

  /**
   * Checks a participant in with the code shown in the room: opens their in-presence stay.
   * Answers `created: false` when they were checked in already. Attempts are budgeted per
   * member (the code is short: guessing must not pay).
   */
  @Transactional()
  async checkIn(
    actor: AuthMember,
    sessionId: string,
    code: string,
  ): Promise<{ row: MyAttendanceRow; created: boolean }> {
    await this.rateLimits.consume('check_in', actor.id, ATTENDANCE_LIMITS.checkInsPerMinute);
    const entry = await this.findSession(sessionId);
    const role = await this.labs.roleOf(actor.id, entry.session.labId);
    const subject = attendanceSubject(ATTENDANCE_CHECK_IN_SUBJECT, entry.session.labId, role);
    if (!this.abilities.for(actor).can('create', subject)) throw AttendanceException.checkInForbidden();
    if (!OPEN_FOR_CHECK_IN.includes(entry.session.status)) {
      throw AttendanceException.sessionNotOpen(entry.session.status);
    }
    const now = new Date();
    if (!(await this.attendance.isCodeValid(sessionId, normaliseCheckInCode(code), now))) {
      throw AttendanceException.codeInvalid();
    }
    const created = await this.attendance.openInterval(sessionId, actor.id, 'check_in', now);
    if (created) await this.announce(sessionId, actor.id);
    return { row: await this.myRow(entry, actor.id), created };
  }

  /** Closes the asker's in-presence stay (409 when they are not checked in). */
  @Transactional()
  async checkOut(actor: AuthMember, sessionId: string): Promise<MyAttendanceRow> {
    const entry = await this.findSession(sessionId);
    const role = await this.labs.roleOf(actor.id, entry.session.labId);
    const subject = attendanceSubject(ATTENDANCE_CHECK_IN_SUBJECT, entry.session.labId, role);
    if (!this.abilities.for(actor).can('create', subject)) throw AttendanceException.checkInForbidden();
    if (!(await this.attendance.closeInterval(sessionId, actor.id, 'check_in', new Date()))) {
      throw AttendanceException.notCheckedIn();
    }
    await this.announce(sessionId, actor.id);
    return this.myRow(entry, actor.id);
  }

  // --- The register --------------------------------------------------------------------------

  async get(actor: AuthMember, sessionId: string): Promise<SessionAttendanceView> {
    const entry = await this.findSession(sessionId);
    await this.assertManager(actor, entry);
    const register = await this.register(entry, new Date());
    return {
      sessionId,
      confirmed: register.confirmation !== undefined,
      confirmedBy: register.confirmation?.confirmedBy ?? null,
      confirmedAt: register.confirmation ? new Date(register.confirmation.confirmedAt).toISOString() : null,
      items: register.rows.map((item) => item.row),
      absentees: register.absentees.map(toMemberRef),
    };
  }

  /**
   * The tutor's figure for a participant: it overrides what the stays say. After confirmation a
   * note is required and the change is logged with the figures before and after.
   */
  @Transactional()
  async update(
    actor: AuthMember,
    sessionId: string,
    memberId: string,
    dto: UpdateAttendanceDto,
  ): Promise<AttendanceRow> {
    const entry = await this.findSession(sessionId);
    await this.assertManager(actor, entry);
    const [member] = await this.labs.rosterOf(entry.session.labId, [memberId]);
    if (!member) throw AttendanceException.notParticipant();
    await this.attendance.lockSession(sessionId);
    const confirmed = (await this.attendance.findConfirmation(sessionId)) !== undefined;
    if (confirmed && !dto.note) throw AttendanceException.noteRequired();
    const span = spanOf(entry);
    const lengthMinutes = Math.floor((span.endsAt.getTime() - span.startsAt.getTime()) / 60_000);
    if (dto.status !== 'present' && dto.minutes !== undefined && dto.minutes > 0) {
      throw AttendanceException.minutesOnlyWhenPresent();
    }
    if (dto.minutes !== undefined && dto.minutes > lengthMinutes) {
      throw AttendanceException.minutesTooMany(lengthMinutes);
    }

    const now = new Date();
    const intervals = await this.attendance.findIntervals(sessionId, memberId);
    const [stored] = await this.attendance.findEntries(sessionId, memberId);
    const shown = stored || (!confirmed && intervals.length > 0);
    const before = shown ? toAttendanceRow(member, intervals, stored, span, now) : null;
    const computed = computedFigures(intervals, span, now);
    const seconds =
      dto.status !== 'present'
        ? 0
        : dto.minutes !== undefined
          ? dto.minutes * 60
          : before?.status === 'present'
            ? before.seconds
            : computed.seconds;
    await this.attendance.upsertEntry({
      sessionId,
      memberId,
      status: dto.status,
      mode:
        dto.mode ?? before?.mode ?? (intervals.length > 0 ? computed.mode : defaultMode(entry.session.mode)),
      seconds,
      source: 'tutor',
      note: dto.note ?? stored?.note ?? null,
      setBy: actor.id,
    });
    const [saved] = await this.attendance.findEntries(sessionId, memberId);
    const row = toAttendanceRow(member, intervals, saved, span, now);
    if (confirmed) {
      await this.attendance.insertChange({
        sessionId,
        memberId,
        changedBy: actor.id,
        before: before && figuresOf(before),
        after: figuresOf(row),
        note: dto.note!,
      });
    }
    await this.record(sessionId, memberId, row, confirmed);
    return row;
  }

  /**
   * The tutor's signature: who and when, and the rows frozen as they are now (a tutor's rows
   * stay as set). A register is confirmed once: a second confirmation is a 409, later changes go
   * through `PUT` with a note.
   */
  @Transactional()
  async confirm(actor: AuthMember, sessionId: string): Promise<AttendanceConfirmation> {
    const entry = await this.findSession(sessionId);
    await this.assertManager(actor, entry);
    const now = new Date();
    if (entry.session.status === 'cancelled' || new Date(entry.session.startsAt) > now) {
      throw AttendanceException.notStarted();
    }
    await this.attendance.lockSession(sessionId);
    if (await this.attendance.findConfirmation(sessionId)) throw AttendanceException.alreadyConfirmed();
    const register = await this.register(entry, now);
    await this.attendance.insertEntriesIfAbsent(
      register.rows
        .filter((item) => !item.stored)
        .map(({ member, row }) => ({
          sessionId,
          memberId: member.memberId,
          status: row.status,
          mode: row.mode,
          seconds: row.seconds,
          source: row.source,
          note: null,
          setBy: actor.id,
        })),
    );
    await this.attendance.insertConfirmation(sessionId, actor.id);
    const confirmation = (await this.attendance.findConfirmation(sessionId))!;
    for (const { member, row } of register.rows) await this.record(sessionId, member.memberId, row, true);
    if (register.rows.length === 0) await this.record(sessionId, actor.id, null, true);
    return {
      sessionId,
      confirmed: true,
      confirmedBy: confirmation.confirmedBy ?? { id: actor.id, displayName: '', organizationName: null },
      confirmedAt: new Date(confirmation.confirmedAt).toISOString(),
    };
  }

  /** The changes made after confirmation, oldest first. */
  async log(actor: AuthMember, sessionId: string): Promise<{ items: AttendanceChangeView[] }> {
    const entry = await this.findSession(sessionId);
    await this.assertManager(actor, entry);
    const changes = await this.attendance.findChanges(sessionId);
    return {
      items: changes.map((change) => ({
        id: change.id,
        sessionId: change.sessionId,
        member: change.member,
        changedBy: change.changedBy ?? { id: '', displayName: '', organizationName: null },
        changedAt: new Date(change.changedAt).toISOString(),
        before: change.before,
        after: change.after,
        note: change.note,
      })),
    };
  }

  // --- Exports and the member's own register -------------------------------------------------

  /**
   * The lab's register as lines (a participant and a session each) for the CSV and XLSX exports:
   * sessions already started and not cancelled; absentees are lines too.
   */
  async exportLines(actor: AuthMember, labId: string): Promise<{ labTitle: string; lines: ExportLine[] }> {
    const labTitle = await this.labs.titleOf(labId);
    if (labTitle === undefined) throw LabsException.labNotFound();
    if (!(await this.canManage(actor, labId))) throw AttendanceException.registerForbidden();
    const now = new Date();
    const lines: ExportLine[] = [];
    for (const entry of await this.sessions.calendarForLab(actor, labId)) {
      if (entry.session.status === 'cancelled' || new Date(entry.session.startsAt) > now) continue;
      const register = await this.register(entry, now);
      const base = { sessionTitle: entry.session.title, startsAt: new Date(entry.session.startsAt) };
      for (const { member, row } of register.rows) {
        const last = row.intervals[row.intervals.length - 1];
        lines.push({
          ...base,
          ...this.personOf(member),
          mode: row.mode,
          firstIn: row.intervals[0] ? new Date(row.intervals[0].from) : null,
          lastOut: last?.to ? new Date(last.to) : null,
          seconds: row.seconds,
          status: row.status,
        });
      }
      for (const member of register.absentees) {
        lines.push({
          ...base,
          ...this.personOf(member),
          mode: null,
          firstIn: null,
          lastOut: null,
          seconds: 0,
          status: 'absent',
        });
      }
    }
    return { labTitle, lines };
  }

  /** The asker's rows in the labs they take part in (sessions started, not cancelled), with hours per lab. */
  async mine(actor: AuthMember): Promise<MyAttendanceView> {
    const now = new Date();
    const byLab = new Map<string, CalendarEntry[]>();
    for (const entry of await this.sessions.calendarForMember(actor.id)) {
      if (entry.session.status === 'cancelled' || new Date(entry.session.startsAt) > now) continue;
      const list = byLab.get(entry.session.labId) ?? [];
      list.push(entry);
      byLab.set(entry.session.labId, list);
    }
    const labs: MyAttendanceView['labs'] = [];
    for (const [labId, entries] of byLab) {
      const [me] = await this.labs.rosterOf(labId, [actor.id]);
      if (!me) continue;
      const ids = entries.map((entry) => entry.session.id);
      const intervals = await this.attendance.findMemberIntervals(actor.id, ids);
      const stored = await this.attendance.findMemberEntries(actor.id, ids);
      const confirmed = await this.attendance.findConfirmedSessionIds(ids);
      const sessions: MyAttendanceRow[] = [];
      let seconds = 0;
      for (const entry of entries) {
        const id = entry.session.id;
        const stays = intervals.filter((interval) => interval.sessionId === id);
        const own = stored.find((item) => item.sessionId === id);
        // Someone enrolled after a session began was not absent from it.
        if (!own && stays.length === 0 && new Date(me.enrolledAt) > new Date(entry.session.startsAt))
          continue;
        const row = this.toMyRow(entry, stays, own, confirmed.has(id), now);
        seconds += row.seconds;
        sessions.push(row.view);
      }
      labs.push({
        labId,
        labTitle: entries[0].labTitle,
        hours: Math.round((seconds / 3600) * 100) / 100,
        sessions,
      });
    }
    return { labs };
  }

  // --- Rules ---------------------------------------------------------------------------------

  private async findSession(sessionId: string): Promise<CalendarEntry> {
    const entry = await this.sessions.entryOf(sessionId);
    if (!entry) throw AttendanceException.sessionNotFound();
    return entry;
  }

  private async canManage(actor: AuthMember, labId: string): Promise<boolean> {
    const role = await this.labs.roleOf(actor.id, labId);
    return this.abilities
      .for(actor)
      .can('update', attendanceSubject(ATTENDANCE_REGISTER_SUBJECT, labId, role));
  }

  private async assertManager(actor: AuthMember, entry: CalendarEntry): Promise<void> {
    if (!(await this.canManage(actor, entry.session.labId))) throw AttendanceException.registerForbidden();
  }

  private personOf(
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
  private async register(entry: CalendarEntry, now: Date): Promise<Register> {
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

  private async myRow(entry: CalendarEntry, memberId: string): Promise<MyAttendanceRow> {
    const sessionId = entry.session.id;
    const intervals = await this.attendance.findIntervals(sessionId, memberId);
    const [stored] = await this.attendance.findEntries(sessionId, memberId);
    const confirmed = (await this.attendance.findConfirmation(sessionId)) !== undefined;
    return this.toMyRow(entry, intervals, stored, confirmed, new Date()).view;
  }

  private toMyRow(
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
  private async announce(sessionId: string, memberId: string, known?: CalendarEntry): Promise<void> {
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

  private async record(
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
