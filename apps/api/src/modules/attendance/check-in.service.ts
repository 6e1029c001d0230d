import { Injectable } from '@nestjs/common';
import { ATTENDANCE_LIMITS, type CheckInCodeView, type MyAttendanceRow } from '@convergo/contracts';
import { MemberRateLimits } from '../../common/rate-limit/member-rate-limits';
import { Transactional } from '../../database/transactional';
import { AbilityFactory } from '../auth/ability.factory';
import type { AuthMember } from '../auth/auth-member';
import { LabsService } from '../labs/labs.service';
import type { CalendarEntry } from '../sessions/sessions.service';
import { AttendanceException } from './attendance.exception';
import { ATTENDANCE_CHECK_IN_SUBJECT, attendanceSubject } from './attendance.policy';
import { AttendanceRepository } from './attendance.repository';
import { newCheckInCode, normaliseCheckInCode } from './check-in-code';
import { AttendanceLedger, OPEN_FOR_CHECK_IN } from './attendance-ledger';

/**
 * Check-in at the venue: the tutor shows a rotating short code (as a QR code), participants in the
 * room enter it and their in-presence stay begins; checking out ends it.
 */
@Injectable()
export class CheckInService {
  constructor(
    private readonly attendance: AttendanceRepository,
    private readonly labs: LabsService,
    private readonly abilities: AbilityFactory,
    private readonly rateLimits: MemberRateLimits,
    private readonly ledger: AttendanceLedger,
  ) {}

  /** A new short code for the QR shown in the room; earlier ones stay valid until they expire. */
  @Transactional()
  async issueCheckInCode(actor: AuthMember, sessionId: string): Promise<CheckInCodeView> {
    const entry = await this.ledger.findSession(sessionId);
    await this.ledger.assertManager(actor, entry);
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
    const entry = await this.ledger.findSession(sessionId);
    await this.assertMayCheckIn(actor, entry);
    if (!OPEN_FOR_CHECK_IN.includes(entry.session.status)) {
      throw AttendanceException.sessionNotOpen(entry.session.status);
    }
    const now = new Date();
    if (!(await this.attendance.isCodeValid(sessionId, normaliseCheckInCode(code), now))) {
      throw AttendanceException.codeInvalid();
    }
    const created = await this.attendance.openInterval(sessionId, actor.id, 'check_in', now);
    if (created) await this.ledger.announce(sessionId, actor.id);
    return { row: await this.ledger.myRow(entry, actor.id), created };
  }

  /** Closes the asker's in-presence stay (409 when they are not checked in). */
  @Transactional()
  async checkOut(actor: AuthMember, sessionId: string): Promise<MyAttendanceRow> {
    const entry = await this.ledger.findSession(sessionId);
    // Not even "not checked in" for outsiders: that would tell them about the session.
    await this.assertMayCheckIn(actor, entry);
    if (!(await this.attendance.closeInterval(sessionId, actor.id, 'check_in', new Date()))) {
      throw AttendanceException.notCheckedIn();
    }
    await this.ledger.announce(sessionId, actor.id);
    return this.ledger.myRow(entry, actor.id);
  }

  private async assertMayCheckIn(actor: AuthMember, entry: CalendarEntry): Promise<void> {
    const role = await this.labs.roleOf(actor.id, entry.session.labId);
    const subject = attendanceSubject(ATTENDANCE_CHECK_IN_SUBJECT, entry.session.labId, role);
    if (!this.abilities.for(actor).can('create', subject)) throw AttendanceException.checkInForbidden();
  }
}
