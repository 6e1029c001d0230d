import { HttpStatus } from '@nestjs/common';
import type { SessionStatus } from '@convergo/contracts';
import { AppException } from '../../common/app.exception';

/** Coded errors of the polls capability. */
export class PollsException extends AppException {
  static notFound(): PollsException {
    return new PollsException(
      HttpStatus.NOT_FOUND,
      'poll_not_found',
      'Poll not found',
      'No poll has this id',
    );
  }

  static sessionNotFound(): PollsException {
    return new PollsException(
      HttpStatus.NOT_FOUND,
      'session_not_found',
      'Session not found',
      'No lab session has this id',
    );
  }

  static forbidden(detail: string): PollsException {
    return new PollsException(HttpStatus.FORBIDDEN, 'poll_forbidden', 'Forbidden', detail);
  }

  static closed(): PollsException {
    return new PollsException(
      HttpStatus.CONFLICT,
      'poll_closed',
      'Poll closed',
      'This poll is closed: its counts are final',
    );
  }

  static sessionClosed(status: SessionStatus): PollsException {
    return new PollsException(
      HttpStatus.CONFLICT,
      'session_closed',
      'Session closed',
      `The session is ${status}: its polls no longer change`,
    );
  }

  static tooMany(max: number): PollsException {
    return new PollsException(
      HttpStatus.CONFLICT,
      'poll_limit_reached',
      'Too many polls',
      `A session has at most ${max} polls`,
    );
  }

  static optionOutOfRange(count: number): PollsException {
    const message = `must be the index of one of this poll's options, 0 to ${count - 1}`;
    return new PollsException(
      HttpStatus.BAD_REQUEST,
      'validation_failed',
      'Invalid fields',
      `option: ${message}`,
      [{ field: 'option', message }],
    );
  }

  static duplicateOptions(): PollsException {
    const message = 'each option must differ from the others (case and spacing aside)';
    return new PollsException(
      HttpStatus.BAD_REQUEST,
      'validation_failed',
      'Invalid fields',
      `options: ${message}`,
      [{ field: 'options', message }],
    );
  }
}
