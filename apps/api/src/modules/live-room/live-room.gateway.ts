import { Logger, type OnModuleDestroy } from '@nestjs/common';
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
  LIVE_CLIENT_EVENTS,
  type LiveErrorCode,
  type LiveFailure,
  type LiveSignalEvents,
  type RaisedHand,
  type SessionHandAck,
  type SessionHandsSignal,
  type SessionJoinAck,
  type SessionLeaveAck,
  type SessionPresenceSignal,
  roomName,
} from '@convergo/contracts';
import type { DefaultEventsMap, Server } from 'socket.io';
import { SerialQueues } from '../../common/realtime/serial-queues';
import {
  REALTIME_GATEWAY_OPTIONS,
  type RealtimeSocket,
  type RealtimeSocketData,
} from '../realtime/realtime.gateway';
import { parseHandRequest, parseRoomRequest } from './live-room-payloads';
import { LiveRoomException } from './live-room.exception';
import { LiveRoomService } from './live-room.service';
import { LiveSignals, type LiveSignalSink } from './live-signals';

type LiveServer = Server<DefaultEventsMap, LiveSignalEvents, DefaultEventsMap, RealtimeSocketData>;

/**
 * The sessions a socket joined, kept in its data: a disconnect leaves them (socket.rooms is empty
 * by then) and connection state recovery restores them with the socket. A plain array, because
 * the Redis adapter serialises the data.
 */
type LiveSocketData = RealtimeSocketData & { liveSessions?: string[] };

function joinedSessions(socket: RealtimeSocket): string[] {
  const data = socket.data as LiveSocketData;
  data.liveSessions ??= [];
  return data.liveSessions;
}

function forget(socket: RealtimeSocket, sessionId: string): void {
  const data = socket.data as LiveSocketData;
  data.liveSessions = (data.liveSessions ?? []).filter((id) => id !== sessionId);
}

/**
 * A join storm of N members would otherwise send N whole lists to N sockets: each process sends
 * a room's presence at most this often, trailing (the list read when the timer fires).
 */
export const PRESENCE_COALESCE_MS = 250;

function failure(code: LiveErrorCode, message: string): LiveFailure {
  return { ok: false, error: { code, message } };
}

/**
 * The live session room on the one socket.io server (docs/architecture.md, "Live session room"):
 * `session:join`, `session:leave`, `session:hand` and disconnects. It checks each payload's shape,
 * hands the rest to LiveRoomService and sends the room the ephemeral `session.presence` and
 * `session.hands` signals (the Redis adapter carries them to the other processes).
 */
@SkipThrottle()
@WebSocketGateway(REALTIME_GATEWAY_OPTIONS)
export class LiveRoomGateway
  implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy, LiveSignalSink
{
  private readonly logger = new Logger(LiveRoomGateway.name);
  private readonly presenceTimers = new Map<string, NodeJS.Timeout>();
  private readonly queues = new SerialQueues();
  private stopped = false;

  @WebSocketServer()
  private server: LiveServer;

  constructor(
    private readonly live: LiveRoomService,
    private readonly signals: LiveSignals,
  ) {}

  afterInit(): void {
    this.signals.attach(this);
  }

  onModuleDestroy(): void {
    // Shutting down: the database closes soon, so no presence is read any more.
    this.stopped = true;
    for (const timer of this.presenceTimers.values()) clearTimeout(timer);
    this.presenceTimers.clear();
  }

  @SubscribeMessage(LIVE_CLIENT_EVENTS.join)
  join(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() body: unknown): Promise<SessionJoinAck> {
    const request = parseRoomRequest(body);
    if ('error' in request) return Promise.resolve(failure('invalid', request.error));
    const { sessionId } = request;
    return this.serial(socket.id, async () => {
      try {
        const state = await this.live.join(socket.data.member, socket.id, sessionId);
        // It may have gone while we stored it: its disconnect found nothing to remove yet.
        if (!socket.connected) {
          await this.live.leave(socket.id, sessionId);
          return failure('invalid', 'the connection closed');
        }
        const sessions = joinedSessions(socket);
        if (!sessions.includes(sessionId)) sessions.push(sessionId);
        await socket.join(roomName('session', sessionId));
        return { ok: true, state };
      } catch (error) {
        return this.failed(error, 'join');
      }
    });
  }

  @SubscribeMessage(LIVE_CLIENT_EVENTS.leave)
  leave(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() body: unknown): Promise<SessionLeaveAck> {
    const request = parseRoomRequest(body);
    if ('error' in request) return Promise.resolve(failure('invalid', request.error));
    const { sessionId } = request;
    return this.serial(socket.id, async () => {
      forget(socket, sessionId);
      try {
        await socket.leave(roomName('session', sessionId));
        await this.live.leave(socket.id, sessionId);
        return { ok: true };
      } catch (error) {
        return this.failed(error, 'leave');
      }
    });
  }

  @SubscribeMessage(LIVE_CLIENT_EVENTS.hand)
  hand(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() body: unknown): Promise<SessionHandAck> {
    const request = parseHandRequest(body);
    if ('error' in request) return Promise.resolve(failure('invalid', request.error));
    return this.serial(socket.id, async (): Promise<SessionHandAck> => {
      if (!socket.rooms.has(roomName('session', request.sessionId))) {
        return failure('forbidden', 'join the session room (session:join) first');
      }
      try {
        return { ok: true, hands: await this.live.hand(socket.data.member, socket.id, request) };
      } catch (error) {
        return this.failed(error, 'hand');
      }
    });
  }

  /**
   * A connection recovered after a short drop (connection state recovery) is back in its rooms
   * with its data: its stays ended at the drop, so it enters those sessions again (or leaves
   * their rooms when it may no longer be there).
   */
  handleConnection(socket: RealtimeSocket): void {
    if (!socket.recovered) return;
    for (const sessionId of [...joinedSessions(socket)]) {
      void this.serial(socket.id, async () => {
        try {
          await this.live.join(socket.data.member, socket.id, sessionId);
          if (!socket.connected) await this.live.leave(socket.id, sessionId);
        } catch (error) {
          if (!(error instanceof LiveRoomException)) {
            this.logger.warn({ err: error, sessionId }, 'could not restore a recovered live connection');
          }
          forget(socket, sessionId);
          await socket.leave(roomName('session', sessionId));
        }
      });
    }
  }

  handleDisconnect(socket: RealtimeSocket): void {
    const at = new Date();
    for (const sessionId of joinedSessions(socket)) {
      void this.serial(socket.id, () =>
        this.live
          .leave(socket.id, sessionId, at)
          .catch((error: unknown) =>
            this.logger.error({ err: error, sessionId }, 'could not leave the live room'),
          ),
      );
    }
  }

  /**
   * One live operation at a time per socket id, in arrival order: a recovered connection keeps
   * its id, so its re-join must not overtake the leave of its drop, nor a hand its re-join.
   */
  private serial<T>(socketId: string, work: () => Promise<T>): Promise<T> {
    return this.queues.run(socketId, work);
  }

  // --- Signals ---------------------------------------------------------------------------------

  presenceChanged(sessionId: string): void {
    if (this.stopped || this.presenceTimers.has(sessionId)) return;
    const timer = setTimeout(() => {
      this.presenceTimers.delete(sessionId);
      this.sendPresence(sessionId).catch((error: unknown) =>
        this.logger.warn({ err: error, sessionId }, 'could not send presence'),
      );
    }, PRESENCE_COALESCE_MS);
    timer.unref();
    this.presenceTimers.set(sessionId, timer);
  }

  hands(sessionId: string, hands: RaisedHand[]): void {
    const room = roomName('session', sessionId);
    const signal: SessionHandsSignal = {
      type: 'session.hands',
      room,
      at: new Date().toISOString(),
      data: { sessionId, hands },
    };
    this.server.to(room).emit('session.hands', signal);
  }

  private async sendPresence(sessionId: string): Promise<void> {
    const room = roomName('session', sessionId);
    const signal: SessionPresenceSignal = {
      type: 'session.presence',
      room,
      at: new Date().toISOString(),
      data: { sessionId, present: await this.live.present(sessionId) },
    };
    this.server.to(room).emit('session.presence', signal);
  }

  private failed(error: unknown, action: string): LiveFailure {
    if (error instanceof LiveRoomException) return failure(error.ackCode, error.detail);
    this.logger.error({ err: error }, `live room ${action} failed`);
    return failure('invalid', `could not ${action}: try again`);
  }
}
