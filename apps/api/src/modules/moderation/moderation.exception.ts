import { HttpStatus } from '@nestjs/common';
import { AppException, type FieldError } from '../../common/app.exception';

/** Coded errors of moderation. */
export class ModerationException extends AppException {
  static forbidden(detail = 'Only moderators may do this'): ModerationException {
    return new ModerationException(HttpStatus.FORBIDDEN, 'forbidden', 'Forbidden', detail);
  }

  static itemsForbidden(errors: FieldError[]): ModerationException {
    return new ModerationException(
      HttpStatus.FORBIDDEN,
      'forbidden',
      'Forbidden',
      'You may not moderate some of these items: nothing was changed',
      errors,
    );
  }

  static itemsNotFound(errors: FieldError[]): ModerationException {
    return new ModerationException(
      HttpStatus.NOT_FOUND,
      'moderation_target_not_found',
      'Not found',
      'Some of these items do not exist: nothing was changed',
      errors,
    );
  }

  static memberNotFound(): ModerationException {
    return new ModerationException(
      HttpStatus.NOT_FOUND,
      'member_not_found',
      'Member not found',
      'No member has this id',
    );
  }

  static threadNotFound(field: string): ModerationException {
    return new ModerationException(
      HttpStatus.NOT_FOUND,
      'thread_not_found',
      'Thread not found',
      `${field}: no thread has this id`,
      [{ field, message: 'no thread has this id' }],
    );
  }

  static invalid(field: string, message: string): ModerationException {
    return new ModerationException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'moderation_invalid',
      'Invalid moderation request',
      `${field}: ${message}`,
      [{ field, message }],
    );
  }

  static notMerged(): ModerationException {
    return new ModerationException(
      HttpStatus.NOT_FOUND,
      'thread_not_merged',
      'Thread not merged',
      'This thread was not merged into another',
    );
  }

  static notSuspended(): ModerationException {
    return new ModerationException(
      HttpStatus.CONFLICT,
      'member_not_suspended',
      'Not suspended',
      'This member has no suspension in force',
    );
  }
}
