import { HttpStatus } from '@nestjs/common';
import type { LiveErrorCode } from '@convergo/contracts';
import { AppException } from '../../common/app.exception';

/** Coded errors of the live room: HTTP problems for REST, acknowledgement codes for sockets. */
export class LiveRoomException extends AppException {
  constructor(
    status: HttpStatus,
    code: string,
    title: string,
    detail: string,
    /** The code of a socket acknowledgement failing for this reason. */
    readonly ackCode: LiveErrorCode,
    errors?: { field: string; message: string }[],
  ) {
    super(status, code, title, detail, errors);
  }

  static sessionNotFound(): LiveRoomException {
    return new LiveRoomException(
      HttpStatus.NOT_FOUND,
      'session_not_found',
      'Session not found',
      'No lab session has this id',
      'not_found',
    );
  }

  static notInLab(): LiveRoomException {
    return new LiveRoomException(
      HttpStatus.FORBIDDEN,
      'session_forbidden',
      'Not in this lab',
      'Only the participants and tutors of this lab (and administrators) enter its live room',
      'forbidden',
    );
  }

  static leadForbidden(
    detail = 'Only the tutors of this lab (and administrators) lead its live room',
  ): LiveRoomException {
    return new LiveRoomException(
      HttpStatus.FORBIDDEN,
      'live_lead_forbidden',
      'Forbidden',
      detail,
      'forbidden',
    );
  }

  static notJoined(): LiveRoomException {
    return new LiveRoomException(
      HttpStatus.FORBIDDEN,
      'live_not_joined',
      'Not in the room',
      'join the session room (session:join) first',
      'forbidden',
    );
  }

  static closed(status: string): LiveRoomException {
    return new LiveRoomException(
      HttpStatus.CONFLICT,
      'session_closed',
      'Session closed',
      `The session is ${status}: its live room is closed`,
      'session_closed',
    );
  }

  static rateLimited(retryAfterSeconds: number): LiveRoomException {
    return new LiveRoomException(
      HttpStatus.TOO_MANY_REQUESTS,
      'rate_limited',
      'Too many requests',
      `session_hand: too many in a short time, try again in ${retryAfterSeconds} s`,
      'rate_limited',
    );
  }
}
