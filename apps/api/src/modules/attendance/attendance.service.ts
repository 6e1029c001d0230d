import { Injectable } from '@nestjs/common';
import { DomainEvents } from '../../common/domain-events/domain-events';
import {
  type AttendanceChangeView,
  type AttendanceConfirmation,
  type AttendanceRow,
  type SessionAttendanceView,
} from '@convergo/contracts';
import { Transactional } from '../../database/transactional';
import type { AuthMember } from '../auth/auth-member';
import { LabsService } from '../labs/labs.service';
import type { RoomAccess } from '../realtime/room-authorizer';
import { SessionsService } from '../sessions/sessions.service';
import { computedFigures, toAttendanceRow } from './attendance-register';
import { AttendanceException } from './attendance.exception';
import { AttendanceRepository } from './attendance.repository';
import type { UpdateAttendanceDto } from './dto/update-attendance.dto';
import { AttendanceLedger, defaultMode, figuresOf, spanOf, toMemberRef } from './attendance-ledger';

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
    private readonly ledger: AttendanceLedger,
    private readonly events: DomainEvents,
  ) {}

  // --- For other modules -------------------------------------------------------------------

  /** The member's first connection to the live room: opens a remote interval (source live) unless one is open. Idempotent. */
  @Transactional()
  async liveStayBegan(sessionId: string, memberId: string, at: Date): Promise<void> {
    const entry = await this.sessions.entryOf(sessionId);
    if (!entry) return; // deleted meanwhile: nothing to attend
    if (await this.attendance.openInterval(sessionId, memberId, 'live', at)) {
      await this.ledger.announce(sessionId, memberId, entry);
    }
  }

  /** Their last connection left, or was found dead (`at` = its last heartbeat): closes the open remote interval at `at` (never before its start). Idempotent. */
  @Transactional()
  async liveStayEnded(sessionId: string, memberId: string, at: Date): Promise<void> {
    if (await this.attendance.closeInterval(sessionId, memberId, 'live', at)) {
      await this.ledger.announce(sessionId, memberId);
    }
  }

  /** A session ended (or was cancelled): every stay still open, in the room or at the venue, closes now. */
  @Transactional()
  async closeOpenStays(sessionId: string, at: Date): Promise<void> {
    for (const memberId of await this.attendance.closeAllOpen(sessionId, at)) {
      await this.ledger.announce(sessionId, memberId);
    }
  }

  /** The room policy of `attendance:<sessionId>`: the lab's tutors and admins. */
  async roomAccess(actor: AuthMember, sessionId: string): Promise<RoomAccess> {
    const entry = await this.sessions.entryOf(sessionId);
    if (!entry) return 'not_found';
    return (await this.ledger.canManage(actor, entry.session.labId)) ? 'ok' : 'forbidden';
  }

  // --- The register --------------------------------------------------------------------------

  async get(actor: AuthMember, sessionId: string): Promise<SessionAttendanceView> {
    const entry = await this.ledger.findSession(sessionId);
    await this.ledger.assertManager(actor, entry);
    const register = await this.ledger.register(entry, new Date());
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
    const entry = await this.ledger.findSession(sessionId);
    await this.ledger.assertManager(actor, entry);
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
    await this.ledger.record(sessionId, memberId, row, confirmed);
    return row;
  }

  /**
   * The tutor's signature: who and when, and the rows frozen as they are now (a tutor's rows
   * stay as set). A register is confirmed once: a second confirmation is a 409, later changes go
   * through `PUT` with a note.
   */
  @Transactional()
  async confirm(actor: AuthMember, sessionId: string): Promise<AttendanceConfirmation> {
    const entry = await this.ledger.findSession(sessionId);
    await this.ledger.assertManager(actor, entry);
    const now = new Date();
    if (entry.session.status === 'cancelled' || new Date(entry.session.startsAt) > now) {
      throw AttendanceException.notStarted();
    }
    await this.attendance.lockSession(sessionId);
    if (await this.attendance.findConfirmation(sessionId)) throw AttendanceException.alreadyConfirmed();
    const register = await this.ledger.register(entry, now);
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
    await this.events.emit('attendance.confirmed', { sessionId, byId: actor.id });
    const confirmation = (await this.attendance.findConfirmation(sessionId))!;
    for (const { member, row } of register.rows)
      await this.ledger.record(sessionId, member.memberId, row, true);
    if (register.rows.length === 0) await this.ledger.record(sessionId, actor.id, null, true);
    return {
      sessionId,
      confirmed: true,
      confirmedBy: confirmation.confirmedBy ?? { id: actor.id, displayName: '', organizationName: null },
      confirmedAt: new Date(confirmation.confirmedAt).toISOString(),
    };
  }

  /** The changes made after confirmation, oldest first. */
  async log(actor: AuthMember, sessionId: string): Promise<{ items: AttendanceChangeView[] }> {
    const entry = await this.ledger.findSession(sessionId);
    await this.ledger.assertManager(actor, entry);
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
}
