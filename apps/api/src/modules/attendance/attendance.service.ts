import { Injectable } from '@nestjs/common';
import { roomName, type AttendanceRow } from '@convergo/contracts';
import { Transactional } from '../../database/transactional';
import { AbilityFactory } from '../auth/ability.factory';
import type { AuthMember } from '../auth/auth-member';
import { LabsService } from '../labs/labs.service';
import type { RoomAccess } from '../realtime/room-authorizer';
import { EventOutbox } from '../realtime/event-outbox';
import { SessionsService } from '../sessions/sessions.service';
import { toAttendanceRow } from './attendance-register';
import { ATTENDANCE_REGISTER_SUBJECT, attendanceSubject } from './attendance.policy';
import { AttendanceRepository } from './attendance.repository';

/**
 * The attendance register of lab sessions. It fills itself from the live room (remote stays,
 * through liveStayBegan/liveStayEnded) and from check-in at the venue; what is credited is the
 * union of a member's stays clipped to the session's times, in seconds. The tutor corrects and
 * confirms it (the signature); after that every change needs a note and is logged. Every change
 * reaches `attendance:<sessionId>` as `attendance.updated`.
 */
@Injectable()
export class AttendanceService {
  constructor(
    private readonly attendance: AttendanceRepository,
    private readonly sessions: SessionsService,
    private readonly labs: LabsService,
    private readonly outbox: EventOutbox,
    private readonly abilities: AbilityFactory,
  ) {}

  // --- For other modules -------------------------------------------------------------------

  /** The member's first connection to the live room: opens a remote interval (source live) unless one is open. Idempotent. */
  @Transactional()
  async liveStayBegan(sessionId: string, memberId: string, at: Date): Promise<void> {
    if (await this.attendance.openInterval(sessionId, memberId, 'live', at)) {
      await this.announce(sessionId, memberId);
    }
  }

  /** Their last connection left, or was found dead (`at` = its last heartbeat): closes the open remote interval at `at` (never before its start). Idempotent. */
  @Transactional()
  async liveStayEnded(sessionId: string, memberId: string, at: Date): Promise<void> {
    if (await this.attendance.closeInterval(sessionId, memberId, 'live', at)) {
      await this.announce(sessionId, memberId);
    }
  }

  /** A session ended: every stay still open (in the room or at the venue) closes now. */
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

  // --- Rules ---------------------------------------------------------------------------------

  private async canManage(actor: AuthMember, labId: string): Promise<boolean> {
    const role = await this.labs.roleOf(actor.id, labId);
    return this.abilities
      .for(actor)
      .can('update', attendanceSubject(ATTENDANCE_REGISTER_SUBJECT, labId, role));
  }

  /** `attendance.updated` with the member's row as the register shows it now (null when not a participant). */
  private async announce(sessionId: string, memberId: string): Promise<void> {
    const entry = await this.sessions.entryOf(sessionId);
    if (!entry) return;
    const session = { startsAt: new Date(entry.session.startsAt), endsAt: new Date(entry.session.endsAt) };
    const [member] = await this.labs.rosterOf(entry.session.labId, [memberId]);
    const confirmed = (await this.attendance.findConfirmation(sessionId)) !== undefined;
    let row: AttendanceRow | null = null;
    if (member) {
      const [stored] = await this.attendance.findEntries(sessionId, memberId);
      const intervals = await this.attendance.findIntervals(sessionId, memberId);
      if (stored || (!confirmed && intervals.length > 0)) {
        row = toAttendanceRow(member, intervals, stored, session, new Date());
      }
    }
    await this.outbox.record(roomName('attendance', sessionId), 'attendance.updated', {
      sessionId,
      row,
      memberId,
      confirmed,
    });
  }
}
