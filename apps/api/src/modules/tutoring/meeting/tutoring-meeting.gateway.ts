import { HttpStatus, Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import { SkipThrottle } from '@nestjs/throttler';
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
import {
  REALTIME_GATEWAY_OPTIONS,
  type RealtimeSocket,
  type RealtimeSocketData,
} from '../../realtime/realtime.gateway';
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
 * The meeting room of a tutoring slot on the one socket.io server: `tutoring:join`,
 * `tutoring:leave` and disconnects. It checks each payload's shape, hands the rest to
 * TutoringMeetingService and sends `tutoring_slot:<id>` the ephemeral `tutoring.presence`
 * signal (the Redis adapter carries it to the other processes); chat lines come through the
 * outbox as `tutoring.message`.
 */
@SkipThrottle()
@WebSocketGateway(REALTIME_GATEWAY_OPTIONS)
export class TutoringMeetingGateway
  implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy
{
  private readonly logger = new Logger(TutoringMeetingGateway.name);
  private readonly rooms: PresenceRooms<AuthMember, TutoringMeetingState, Failure>;
  private stopped = false;

  @WebSocketServer()
  private server: MeetingServer;

  constructor(private readonly meeting: TutoringMeetingService) {
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
  }

  afterInit(): void {
    this.meeting.attach((slotId) => {
      this.sendPresence(slotId).catch((error: unknown) =>
        this.logger.warn({ err: error, slotId }, 'could not send tutoring presence'),
      );
    });
  }

  onModuleDestroy(): void {
    // Shutting down: the database closes soon, so no presence is read any more.
    this.stopped = true;
  }

  @SubscribeMessage(TUTORING_CLIENT_EVENTS.join)
  async join(
    @ConnectedSocket() socket: RealtimeSocket,
    @MessageBody() body: unknown,
  ): Promise<TutoringJoinAck> {
    const request = parseSlotRequest(body);
    if ('error' in request) return failure('invalid', request.error);
    return this.rooms.join(socket, request.slotId);
  }

  @SubscribeMessage(TUTORING_CLIENT_EVENTS.leave)
  async leave(
    @ConnectedSocket() socket: RealtimeSocket,
    @MessageBody() body: unknown,
  ): Promise<TutoringLeaveAck> {
    const request = parseSlotRequest(body);
    if ('error' in request) return failure('invalid', request.error);
    return this.rooms.leave(socket, request.slotId);
  }

  handleConnection(socket: RealtimeSocket): void {
    this.rooms.restore(socket);
  }

  handleDisconnect(socket: RealtimeSocket): void {
    this.rooms.disconnected(socket);
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
