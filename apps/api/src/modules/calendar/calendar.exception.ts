import { HttpStatus } from '@nestjs/common';
import { AppException } from '../../common/app.exception';

/** Coded errors of the calendar capability. */
export class CalendarException extends AppException {
  /** Unknown, revoked and forged tokens look the same. */
  static feedNotFound(): CalendarException {
    return new CalendarException(
      HttpStatus.NOT_FOUND,
      'calendar_feed_not_found',
      'Calendar not found',
      'No calendar has this address: it may have been revoked or replaced',
    );
  }
}
