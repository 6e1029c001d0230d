import { HttpStatus } from '@nestjs/common';
import { AppException } from '../../common/app.exception';

/** Coded errors of the attendance register. */
export class AttendanceException extends AppException {
  static sessionNotFound(): AttendanceException {
    return new AttendanceException(
      HttpStatus.NOT_FOUND,
      'session_not_found',
      'Session not found',
      'No lab session has this id',
    );
  }

  static registerForbidden(): AttendanceException {
    return new AttendanceException(
      HttpStatus.FORBIDDEN,
      'attendance_forbidden',
      'Not allowed',
      'Only the tutors of this lab and administrators see and change its attendance register',
    );
  }

  static checkInForbidden(): AttendanceException {
    return new AttendanceException(
      HttpStatus.FORBIDDEN,
      'attendance_check_in_forbidden',
      'Not a participant',
      'Only the participants of this lab check in to its sessions',
    );
  }

  static codeInvalid(): AttendanceException {
    return new AttendanceException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'check_in_code_invalid',
      'Codice non valido',
      'Il codice non è valido o è scaduto: inquadra di nuovo il QR code mostrato in sala',
      [{ field: 'code', message: 'wrong or expired code' }],
    );
  }

  static sessionNotOpen(status: string): AttendanceException {
    return new AttendanceException(
      HttpStatus.CONFLICT,
      'attendance_session_not_open',
      'Session not open',
      `Check-in is possible only for a scheduled or live session; this one is ${status}`,
    );
  }

  static notCheckedIn(): AttendanceException {
    return new AttendanceException(
      HttpStatus.CONFLICT,
      'attendance_not_checked_in',
      'Not checked in',
      'There is no open check-in of yours in this session',
    );
  }

  static notParticipant(): AttendanceException {
    return new AttendanceException(
      HttpStatus.NOT_FOUND,
      'attendance_member_not_participant',
      'Not a participant',
      'memberId: no participant of this lab has this id',
      [{ field: 'memberId', message: 'not a participant of this lab' }],
    );
  }

  static minutesTooMany(max: number): AttendanceException {
    return new AttendanceException(
      HttpStatus.BAD_REQUEST,
      'validation_failed',
      'Invalid fields',
      `minutes: at most the session's length (${max})`,
      [{ field: 'minutes', message: `must not exceed the session's length (${max} minutes)` }],
    );
  }

  static minutesOnlyWhenPresent(): AttendanceException {
    return new AttendanceException(
      HttpStatus.BAD_REQUEST,
      'validation_failed',
      'Invalid fields',
      'minutes: only a present row is credited minutes (absent and excused count 0)',
      [{ field: 'minutes', message: 'only for status present' }],
    );
  }

  static noteRequired(): AttendanceException {
    return new AttendanceException(
      HttpStatus.BAD_REQUEST,
      'attendance_note_required',
      'Note required',
      'note: the register is confirmed; a change needs a note saying why',
      [{ field: 'note', message: 'required once the register is confirmed' }],
    );
  }

  static alreadyConfirmed(): AttendanceException {
    return new AttendanceException(
      HttpStatus.CONFLICT,
      'attendance_already_confirmed',
      'Already confirmed',
      'The register of this session is confirmed already; change rows with a note instead',
    );
  }

  static notStarted(): AttendanceException {
    return new AttendanceException(
      HttpStatus.CONFLICT,
      'attendance_session_not_started',
      'Session not started',
      'A register is confirmed once its session has started (and it is not cancelled)',
    );
  }
}
