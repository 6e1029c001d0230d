import { HttpStatus } from '@nestjs/common';
import { AppException } from '../../common/app.exception';

/** Coded errors of the sessions capability. */
export class SessionsException extends AppException {
  static notFound(): SessionsException {
    return new SessionsException(
      HttpStatus.NOT_FOUND,
      'session_not_found',
      'Session not found',
      'No lab session has this id',
    );
  }

  static forbidden(
    detail = 'Only the participants and tutors of this lab (and administrators) see its sessions',
  ): SessionsException {
    return new SessionsException(HttpStatus.FORBIDDEN, 'session_forbidden', 'Not in this lab', detail);
  }

  static manageForbidden(): SessionsException {
    return new SessionsException(
      HttpStatus.FORBIDDEN,
      'forbidden',
      'Forbidden',
      'Only administrators and the tutors of this lab schedule and change its sessions',
    );
  }

  static moduleNotInLab(): SessionsException {
    return new SessionsException(
      HttpStatus.BAD_REQUEST,
      'lab_module_not_in_lab',
      'Unknown module',
      'moduleId: this lab has no module with this id',
      [{ field: 'moduleId', message: 'this lab has no module with this id' }],
    );
  }

  static endsBeforeStart(): SessionsException {
    return new SessionsException(
      HttpStatus.BAD_REQUEST,
      'validation_failed',
      'Invalid fields',
      'endsAt: must be after startsAt, within the longest session allowed',
      [{ field: 'endsAt', message: 'must be after startsAt, within the longest session allowed' }],
    );
  }

  static invalidRange(): SessionsException {
    return new SessionsException(
      HttpStatus.BAD_REQUEST,
      'validation_failed',
      'Invalid query',
      'to: must be after from, within the longest range allowed',
      [{ field: 'to', message: 'must be after from, within the longest range allowed' }],
    );
  }

  static statusTransitionNotAllowed(from: string, to: string): SessionsException {
    return new SessionsException(
      HttpStatus.CONFLICT,
      'session_status_transition_not_allowed',
      'Status change not allowed',
      `A session in status ${from} cannot move to ${to} (see SESSION_STATUS_TRANSITIONS)`,
      [{ field: 'status', message: `cannot move from ${from} to ${to}` }],
    );
  }

  static ended(): SessionsException {
    return new SessionsException(
      HttpStatus.CONFLICT,
      'session_ended',
      'Session ended',
      'An ended session is part of the register and no longer changes',
    );
  }

  static stepOutOfRange(length: number): SessionsException {
    const message =
      length === 0 ? 'the session has no agenda' : `must be an index of the agenda, 0 to ${length - 1}`;
    return new SessionsException(
      HttpStatus.BAD_REQUEST,
      'validation_failed',
      'Invalid fields',
      `step: ${message}`,
      [{ field: 'step', message }],
    );
  }
}
