import { HttpStatus } from '@nestjs/common';
import { AppException } from '../../../common/app.exception';

/** Coded errors of a tutoring slot's meeting room (403/404 come from TutoringService.meetingAccess). */
export class TutoringMeetingException extends AppException {
  /** Only slots held in Convergo (`meeting: "convergo"`) have a room. */
  static noMeetingRoom(): TutoringMeetingException {
    return new TutoringMeetingException(
      HttpStatus.CONFLICT,
      'no_meeting_room',
      'No meeting room',
      'This slot meets elsewhere (a video-call link or a place): it has no meeting room in Convergo',
    );
  }

  static shuttingDown(): TutoringMeetingException {
    return new TutoringMeetingException(
      HttpStatus.SERVICE_UNAVAILABLE,
      'shutting_down',
      'Shutting down',
      'This server is shutting down: join again in a moment',
    );
  }
}
