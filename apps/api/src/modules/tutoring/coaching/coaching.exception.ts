import { HttpStatus } from '@nestjs/common';
import { AppException } from '../../../common/app.exception';

/** Coded errors of coaching threads. */
export class CoachingException extends AppException {
  static groupNotFound(): CoachingException {
    return new CoachingException(
      HttpStatus.NOT_FOUND,
      'lab_group_not_found',
      'Group not found',
      'No working group has this id',
    );
  }

  static forbidden(): CoachingException {
    return new CoachingException(
      HttpStatus.FORBIDDEN,
      'coaching_forbidden',
      'Not your coaching thread',
      "A group's coaching thread is read by the group's members, its lab's tutors and administrators",
    );
  }
}
