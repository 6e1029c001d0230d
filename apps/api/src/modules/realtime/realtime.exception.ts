import { HttpStatus } from '@nestjs/common';
import { AppException } from '../../common/app.exception';

/** Coded errors of the realtime capability (the catch-up endpoint); the socket side answers with acks. */
export class RealtimeException extends AppException {
  static invalidRoom(room: string): RealtimeException {
    const message = `${room} is not a room this server serves: use <kind>:<id>, moderation or admin`;
    return new RealtimeException(HttpStatus.BAD_REQUEST, 'invalid_room', 'Invalid room', `room: ${message}`, [
      { field: 'room', message },
    ]);
  }

  static roomForbidden(room: string): RealtimeException {
    return new RealtimeException(
      HttpStatus.FORBIDDEN,
      'room_forbidden',
      'Forbidden',
      `You may not read the events of ${room}`,
    );
  }

  static roomNotFound(room: string): RealtimeException {
    return new RealtimeException(
      HttpStatus.NOT_FOUND,
      'room_not_found',
      'Room not found',
      `${room} does not exist`,
    );
  }
}
