import { HttpStatus } from '@nestjs/common';
import { AppException } from '../../common/app.exception';

/** Coded errors of the session chat. */
export class SessionChatException extends AppException {
  static sessionNotFound(): SessionChatException {
    return new SessionChatException(
      HttpStatus.NOT_FOUND,
      'session_not_found',
      'Session not found',
      'No lab session has this id',
    );
  }

  static forbidden(): SessionChatException {
    return new SessionChatException(
      HttpStatus.FORBIDDEN,
      'session_chat_forbidden',
      'Not in this lab',
      'Only the participants and tutors of this lab (and administrators) read and write its sessions’ chat',
    );
  }

  static sessionCancelled(): SessionChatException {
    return new SessionChatException(
      HttpStatus.CONFLICT,
      'session_closed',
      'Session cancelled',
      'The session is cancelled: its chat takes no more messages',
    );
  }
}
