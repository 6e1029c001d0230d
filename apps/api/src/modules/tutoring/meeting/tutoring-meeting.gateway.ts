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
import { SerialQueues } from '../../../common/realtime/serial-queues';
import {
  REALTIME_GATEWAY_OPTIONS,
  type RealtimeSocket,
  type RealtimeSocketData,
} from '../../realtime/realtime.gateway';
import { parseSlotRequest } from './tutoring-meeting-payloads';
import { TutoringMeetingService } from './tutoring-meeting.service';

type MeetingServer = Server<DefaultEventsMap, TutoringSignalEvents, DefaultEventsMap, RealtimeSocketData>;
type Failure = Extract<TutoringJoinAck, { ok: false }>;

/**
 * The slots whose room a socket joined, kept in its data: a disconnect leaves them (socket.rooms
 * is empty by then) and connection state recovery restores them with the socket. A plain array,
 * because the Redis adapter serialises the data.
 */
type MeetingSocketData = RealtimeSocketData & { tutoringSlots?: string[] };

function joinedSlots(socket: RealtimeSocket): string[] {
  const data = socket.data as MeetingSocketData;
  data.tutoringSlots ??= [];
  return data.tutoringSlots;
}

function forget(socket: RealtimeSocket, slotId: string): void {
  const data = socket.data as MeetingSocketData;
  data.tutoringSlots = (data.tutoringSlots ?? []).filter((id) => id !== slotId);
}

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
  private readonly queues = new SerialQueues();
  private stopped = false;

  @WebSocketServer()
  private server: MeetingServer;

  constructor(private readonly meeting: TutoringMeetingService) {}

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
  join(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() body: unknown): Promise<TutoringJoinAck> {
    const request = parseSlotRequest(body);
    if ('error' in request) return Promise.resolve(failure('invalid', request.error));
    const { slotId } = request;
    return this.queues.run(socket.id, async (): Promise<TutoringJoinAck> => {
      try {
        const state = await this.meeting.join(socket.data.member, socket.id, slotId);
        // It may have gone while we stored it: its disconnect found nothing to remove yet.
        if (!socket.connected) {
          await this.meeting.leave(socket.id, slotId);
          return failure('invalid', 'the connection closed');
        }
        const slots = joinedSlots(socket);
        if (!slots.includes(slotId)) slots.push(slotId);
        await socket.join(roomName('tutoring_slot', slotId));
        return { ok: true, state };
      } catch (error) {
        return this.failed(error, 'join');
      }
    });
  }

  @SubscribeMessage(TUTORING_CLIENT_EVENTS.leave)
  leave(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() body: unknown): Promise<TutoringLeaveAck> {
    const request = parseSlotRequest(body);
    if ('error' in request) return Promise.resolve(failure('invalid', request.error));
    const { slotId } = request;
    return this.queues.run(socket.id, async (): Promise<TutoringLeaveAck> => {
      forget(socket, slotId);
      try {
        // The socket stays in `tutoring_slot:<id>`: the page may still follow the slot's changes
        // there (it was allowed in by the same rule); `unsubscribe` takes it out.
        await this.meeting.leave(socket.id, slotId);
        return { ok: true };
      } catch (error) {
        this.logger.error({ err: error }, 'tutoring meeting leave failed');
        return failure('invalid', 'could not leave: try again');
      }
    });
  }

  /**
   * A connection recovered after a short drop (connection state recovery) is back in its rooms
   * with its data; its connection rows went with the drop, so it enters those rooms again (or
   * leaves them when it may no longer be there).
   */
  handleConnection(socket: RealtimeSocket): void {
    if (!socket.recovered) return;
    for (const slotId of [...joinedSlots(socket)]) {
      void this.queues.run(socket.id, async () => {
        try {
          await this.meeting.join(socket.data.member, socket.id, slotId);
          if (!socket.connected) await this.meeting.leave(socket.id, slotId);
        } catch (error) {
          if (!(error instanceof AppException)) {
            this.logger.warn({ err: error, slotId }, 'could not restore a recovered meeting connection');
          }
          forget(socket, slotId);
          await socket.leave(roomName('tutoring_slot', slotId));
        }
      });
    }
  }

  handleDisconnect(socket: RealtimeSocket): void {
    for (const slotId of joinedSlots(socket)) {
      void this.queues.run(socket.id, () =>
        this.meeting
          .leave(socket.id, slotId)
          .catch((error: unknown) =>
            this.logger.error({ err: error, slotId }, 'could not leave the tutoring meeting room'),
          ),
      );
    }
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
    if (error instanceof AppException) return failure(ACK_CODES[error.status] ?? 'invalid', error.detail);
    this.logger.error({ err: error }, `tutoring meeting ${action} failed`);
    return failure('invalid', `could not ${action}: try again`);
  }
}
