import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  LIVE_CLIENT_EVENTS,
  type LiveErrorCode,
  type LiveFailure,
  type LiveRoomState,
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
import { PresenceRooms } from '../../common/realtime/presence-rooms';
import type { AuthMember } from '../auth/auth-member';
import type { RealtimeSocket, RealtimeSocketData } from '../realtime/realtime-socket';
import { SocketDispatcher } from '../realtime/socket-dispatcher';
import { parseHandRequest, parseRoomRequest } from './live-room-payloads';
import { LiveRoomException } from './live-room.exception';
import { LiveRoomService } from './live-room.service';
import { LiveSignals, type LiveSignalSink } from './live-signals';

type LiveServer = Server<DefaultEventsMap, LiveSignalEvents, DefaultEventsMap, RealtimeSocketData>;

/**
 * A join storm of N members would otherwise send N whole lists to N sockets: each process sends
 * a room's presence at most this often, trailing (the list read when the timer fires).
 */
export const PRESENCE_COALESCE_MS = 250;

function failure(code: LiveErrorCode, message: string): LiveFailure {
  return { ok: false, error: { code, message } };
}

/**
 * The live session room's events on the one socket.io server (docs/architecture.md, "Live session room"):
 * `session:join`, `session:leave`, `session:hand` and disconnects. It checks each payload's shape,
 * hands the rest to LiveRoomService and sends the room the ephemeral `session.presence` and
 * `session.hands` signals (the Redis adapter carries them to the other processes).
 */
@Injectable()
export class LiveRoomSocketHandlers implements OnModuleDestroy, LiveSignalSink {
  private readonly logger = new Logger(LiveRoomSocketHandlers.name);
  private readonly presenceTimers = new Map<string, NodeJS.Timeout>();
  private readonly rooms: PresenceRooms<AuthMember, LiveRoomState, LiveFailure>;
  private stopped = false;

  constructor(
    private readonly live: LiveRoomService,
    private readonly signals: LiveSignals,
    private readonly sockets: SocketDispatcher,
  ) {
    this.rooms = new PresenceRooms(
      {
        dataKey: 'liveSessions',
        room: (sessionId) => roomName('session', sessionId),
        enter: (member, socketId, sessionId) => this.live.join(member, socketId, sessionId),
        exit: (socketId, sessionId, at) => this.live.leave(socketId, sessionId, at),
        leaveRoomOnExit: true,
        failure: (error, action) => this.failed(error, action),
        isRefusal: (error) => error instanceof LiveRoomException,
      },
      this.logger,
    );
    sockets.handle(LIVE_CLIENT_EVENTS.join, (socket, body) => this.join(socket, body));
    sockets.handle(LIVE_CLIENT_EVENTS.leave, (socket, body) => this.leave(socket, body));
    sockets.handle(LIVE_CLIENT_EVENTS.hand, (socket, body) => this.hand(socket, body));
    sockets.on({
      connected: (socket) => this.rooms.restore(socket),
      disconnected: (socket) => this.rooms.disconnected(socket),
    });
    sockets.withServer(() => this.signals.attach(this));
  }

  private get server(): LiveServer {
    return this.sockets.server as unknown as LiveServer;
  }

  onModuleDestroy(): void {
    // Shutting down: the database closes soon, so no presence is read any more.
    this.stopped = true;
    for (const timer of this.presenceTimers.values()) clearTimeout(timer);
    this.presenceTimers.clear();
  }

  async join(socket: RealtimeSocket, body: unknown): Promise<SessionJoinAck> {
    const request = parseRoomRequest(body);
    if ('error' in request) return failure('invalid', request.error);
    return this.rooms.join(socket, request.sessionId);
  }

  async leave(socket: RealtimeSocket, body: unknown): Promise<SessionLeaveAck> {
    const request = parseRoomRequest(body);
    if ('error' in request) return failure('invalid', request.error);
    return this.rooms.leave(socket, request.sessionId);
  }

  hand(socket: RealtimeSocket, body: unknown): Promise<SessionHandAck> {
    const request = parseHandRequest(body);
    if ('error' in request) return Promise.resolve(failure('invalid', request.error));
    // After the socket's join: a hand must not overtake it.
    return this.rooms.serial(socket.id, async (): Promise<SessionHandAck> => {
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
    if (error === undefined) return failure('invalid', 'the connection closed');
    if (error instanceof LiveRoomException) return failure(error.ackCode, error.detail);
    this.logger.error({ err: error }, `live room ${action} failed`);
    return failure('invalid', `could not ${action}: try again`);
  }
}
