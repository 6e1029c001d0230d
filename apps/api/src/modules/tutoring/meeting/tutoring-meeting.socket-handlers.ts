import { HttpStatus, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  roomName,
  TUTORING_CLIENT_EVENTS,
  type TutoringJoinAck,
  type TutoringLeaveAck,
  type TutoringPresenceSignal,
  type TutoringSignalEvents,
} from '@convergo/contracts';
import type { DefaultEventsMap, Server } from 'socket.io';
import { AppException } from '../../../common/app.exception';
import { PresenceRooms } from '../../../common/realtime/presence-rooms';
import type { AuthMember } from '../../auth/auth-member';
import type { RealtimeSocket, RealtimeSocketData } from '../../realtime/realtime-socket';
import { SocketDispatcher } from '../../realtime/socket-dispatcher';
import { parseSlotRequest } from './tutoring-meeting-payloads';
import { type TutoringMeetingState, TutoringMeetingService } from './tutoring-meeting.service';

type MeetingServer = Server<DefaultEventsMap, TutoringSignalEvents, DefaultEventsMap, RealtimeSocketData>;
type Failure = Extract<TutoringJoinAck, { ok: false }>;

function failure(code: Failure['error']['code'], message: string): Failure {
  return { ok: false, error: { code, message } };
}

const ACK_CODES: Partial<Record<HttpStatus, Failure['error']['code']>> = {
  [HttpStatus.NOT_FOUND]: 'not_found',
  [HttpStatus.FORBIDDEN]: 'forbidden',
  [HttpStatus.TOO_MANY_REQUESTS]: 'rate_limited',
};

/**
 * The meeting room of a tutoring slot, its events on the one socket.io server: `tutoring:join`,
 * `tutoring:leave` and disconnects. It checks each payload's shape, hands the rest to
 * TutoringMeetingService and sends `tutoring_slot:<id>` the ephemeral `tutoring.presence`
 * signal (the Redis adapter carries it to the other processes); chat lines come through the
 * outbox as `tutoring.message`.
 */
@Injectable()
export class TutoringMeetingSocketHandlers implements OnModuleDestroy {
  private readonly logger = new Logger(TutoringMeetingSocketHandlers.name);
  private readonly rooms: PresenceRooms<AuthMember, TutoringMeetingState, Failure>;
  private stopped = false;

  constructor(
    private readonly meeting: TutoringMeetingService,
    private readonly sockets: SocketDispatcher,
  ) {
    this.rooms = new PresenceRooms(
      {
        dataKey: 'tutoringSlots',
        room: (slotId) => roomName('tutoring_slot', slotId),
        enter: (member, socketId, slotId) => this.meeting.join(member, socketId, slotId),
        exit: (socketId, slotId) => this.meeting.leave(socketId, slotId),
        // The socket stays in `tutoring_slot:<id>`: the page may still follow the slot's changes
        // there (it was allowed in by the same rule); `unsubscribe` takes it out.
        leaveRoomOnExit: false,
        failure: (error, action) => this.failed(error, action),
        isRefusal: (error) => error instanceof AppException,
      },
      this.logger,
    );
    sockets.handle(TUTORING_CLIENT_EVENTS.join, (socket, body) => this.join(socket, body));
    sockets.handle(TUTORING_CLIENT_EVENTS.leave, (socket, body) => this.leave(socket, body));
    sockets.on({
      connected: (socket) => this.rooms.restore(socket),
      disconnected: (socket) => this.rooms.disconnected(socket),
    });
    sockets.withServer(() =>
      this.meeting.attach((slotId) => {
        this.sendPresence(slotId).catch((error: unknown) =>
          this.logger.warn({ err: error, slotId }, 'could not send tutoring presence'),
        );
      }),
    );
  }

  private get server(): MeetingServer {
    return this.sockets.server as unknown as MeetingServer;
  }

  onModuleDestroy(): void {
    // Shutting down: the database closes soon, so no presence is read any more.
    this.stopped = true;
  }

  async join(socket: RealtimeSocket, body: unknown): Promise<TutoringJoinAck> {
    const request = parseSlotRequest(body);
    if ('error' in request) return failure('invalid', request.error);
    return this.rooms.join(socket, request.slotId);
  }

  async leave(socket: RealtimeSocket, body: unknown): Promise<TutoringLeaveAck> {
    const request = parseSlotRequest(body);
    if ('error' in request) return failure('invalid', request.error);
    return this.rooms.leave(socket, request.slotId);
  }

  private async sendPresence(slotId: string): Promise<void> {
    if (this.stopped) return;
    const room = roomName('tutoring_slot', slotId);
    const signal: TutoringPresenceSignal = {
      type: 'tutoring.presence',
      room,
      at: new Date().toISOString(),
      data: { slotId, present: await this.meeting.present(slotId) },
    };
    this.server.to(room).emit('tutoring.presence', signal);
  }

  private failed(error: unknown, action: string): Failure {
    if (error === undefined) return failure('invalid', 'the connection closed');
    if (error instanceof AppException) return failure(ACK_CODES[error.status] ?? 'invalid', error.detail);
    this.logger.error({ err: error }, `tutoring meeting ${action} failed`);
    return failure('invalid', `could not ${action}: try again`);
  }
}
