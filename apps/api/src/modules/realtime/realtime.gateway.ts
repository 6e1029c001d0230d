import { Logger } from '@nestjs/common';
import {
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import { SkipThrottle } from '@nestjs/throttler';
import {
  CLIENT_EVENTS,
  type EventEnvelope,
  type RealtimeErrorCode,
  type ServerEnvelope,
  type SubscribeAck,
  type UnsubscribeAck,
  roomName,
  SOCKET_EVENTS_PER_SECOND,
  SUBSCRIBES_PER_MINUTE,
} from '@convergo/contracts';
import type { ExtendedError } from 'socket.io';
import { MemberRateLimits } from '../../common/rate-limit/member-rate-limits';
import { AccessTokenService } from '../auth/access-token.service';
import type { EventSink } from './event-publisher';
import { EventPublisher } from './event-publisher';
import type { RealtimeServer, RealtimeSocket } from './realtime-socket';
import { MAX_ROOM_LENGTH, parseRoom, RoomAuthorizer } from './room-authorizer';
import { SocketDispatcher } from './socket-dispatcher';

/**
 * The largest message a client may send (a Yjs update of a long pasted document fits); a bigger
 * one closes that connection before it is buffered, so a client cannot make the server hold
 * megabytes per socket.
 */
export const REALTIME_MAX_MESSAGE_BYTES = 1_000_000;

/** A transport that has not joined the namespace (its handshake with the token) by then is closed. */
export const REALTIME_CONNECT_TIMEOUT_MS = 5_000;

/**
 * The socket.io server options. Every gateway on this server (e.g. the Yjs one) must declare
 * the same options: the first gateway Nest meets creates the server for the path.
 */
export const REALTIME_GATEWAY_OPTIONS = {
  path: '/socket.io',
  serveClient: false,
  maxHttpBufferSize: REALTIME_MAX_MESSAGE_BYTES,
  connectTimeout: REALTIME_CONNECT_TIMEOUT_MS,
  connectionStateRecovery: {
    maxDisconnectionDuration: 2 * 60_000,
    // Recovered sessions go through the handshake again: a token that expired meanwhile is refused.
    skipMiddlewares: false,
  },
};

/** A socket may follow this many rooms at once (its own id room and member room included). */
export const MAX_ROOMS_PER_SOCKET = 256;

function failure(code: RealtimeErrorCode, message: string): SubscribeAck {
  return { ok: false, error: { code, message } };
}

/** The room named by a `subscribe`/`unsubscribe` payload, or why the payload is refused. */
function roomFrom(body: unknown): { room: string } | { error: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { error: 'payload must be an object { room }' };
  const room = (body as { room?: unknown }).room;
  if (typeof room !== 'string' || room.length === 0)
    return { error: 'room is required and must be a string' };
  if (room.length > MAX_ROOM_LENGTH) return { error: `room must be at most ${MAX_ROOM_LENGTH} characters` };
  return { room };
}

function unauthorized(): ExtendedError {
  const error: ExtendedError = new Error('unauthorized');
  error.data = { code: 'unauthorized' };
  return error;
}

/**
 * The socket.io side of the realtime contract, and the one Nest gateway. It authenticates in the
 * handshake, lets a member follow the rooms the room policy allows, relays committed outbox
 * events, and runs every other client event through SocketDispatcher, where the capabilities
 * registered theirs. It never decides what happened, services do (EventOutbox, inside their
 * @Transactional() methods), and it never queries the database itself.
 */
@SkipThrottle()
@WebSocketGateway(REALTIME_GATEWAY_OPTIONS)
export class RealtimeGateway
  implements OnGatewayInit<RealtimeServer>, OnGatewayConnection, OnGatewayDisconnect, EventSink
{
  private readonly logger = new Logger(RealtimeGateway.name);

  @WebSocketServer()
  private server: RealtimeServer;

  constructor(
    private readonly tokens: AccessTokenService,
    private readonly rooms: RoomAuthorizer,
    private readonly publisher: EventPublisher,
    private readonly rateLimits: MemberRateLimits,
    private readonly dispatcher: SocketDispatcher,
  ) {
    dispatcher.handle(CLIENT_EVENTS.subscribe, (socket, body) => this.subscribe(socket, body));
    dispatcher.handle(CLIENT_EVENTS.unsubscribe, (socket, body) => this.unsubscribe(socket, body));
  }

  afterInit(server: RealtimeServer): void {
    server.use((socket, next) => {
      void this.authenticate(socket).then(next, (error: unknown) => {
        this.logger.error({ err: error }, 'handshake failed');
        next(unauthorized());
      });
    });
    this.publisher.attach(this);
    this.dispatcher.serve(server);
  }

  handleConnection(socket: RealtimeSocket): void {
    this.dispatcher.connected(socket);
  }

  handleDisconnect(socket: RealtimeSocket): void {
    this.dispatcher.disconnected(socket);
  }

  /** Resolves to the error to refuse the connection with, or undefined to let it in. */
  private async authenticate(socket: RealtimeSocket): Promise<ExtendedError | undefined> {
    const auth: unknown = socket.handshake.auth;
    const token = typeof auth === 'object' && auth !== null ? (auth as { token?: unknown }).token : undefined;
    const access = this.tokens.verifyAccess(token);
    if (!access) return unauthorized();
    const { member } = access;
    socket.data.member = member;
    socket.data.sessionId = access.sessionId;
    socket.data.tokenExpiresAt = access.expiresAt;
    socket.use((packet, next) => this.withinBudget(socket, packet, next));
    // Joined before the client sees `connect`, so nothing addressed to the member is missed.
    await socket.join(roomName('member', member.id));
    return undefined;
  }

  /**
   * Every connection may send SOCKET_EVENTS_PER_SECOND events a second (typing in a document sends
   * ~20); past that an acknowledged event is answered `rate_limited` and the rest are dropped, so
   * one client cannot keep the process busy for everyone. Within it, the event's handler runs.
   */
  private withinBudget(socket: RealtimeSocket, packet: unknown[], next: (error?: Error) => void): void {
    const run = () => {
      // As socket.io does before its listeners: nothing runs for a socket that has gone.
      if (socket.connected && !this.dispatcher.dispatch(socket, packet)) next();
    };
    this.rateLimits.spendLocally('socket_events', socket.id, SOCKET_EVENTS_PER_SECOND, 1).then((wait) => {
      if (wait === null) return run();
      const ack = packet[packet.length - 1];
      if (typeof ack === 'function') {
        (ack as (answer: SubscribeAck) => void)(
          failure('rate_limited', 'too many events on this connection: slow down'),
        );
      }
    }, run);
  }

  deliver(envelope: EventEnvelope): void {
    // The outbox only stores types of ServerEventMap (Transaction.emit is typed by it).
    const typed = envelope as ServerEnvelope;
    this.server.to(typed.room).emit(typed.type, typed as never);
  }

  async subscribe(socket: RealtimeSocket, body: unknown): Promise<SubscribeAck> {
    const request = roomFrom(body);
    if ('error' in request) return failure('invalid', request.error);
    const { room } = request;
    const wait = await this.rateLimits.spend('room_subscribe', socket.data.member.id, SUBSCRIBES_PER_MINUTE);
    if (wait !== null) return failure('rate_limited', `too many subscriptions: try again in ${wait} s`);
    let verdict;
    try {
      verdict = await this.rooms.check(socket.data.member, room);
    } catch (error) {
      this.logger.error({ err: error, room }, 'room check failed');
      return failure('forbidden', 'access to this room could not be checked: try again');
    }
    switch (verdict) {
      case 'invalid':
        return failure('invalid', `${room} is not a room: use <kind>:<id>, moderation or admin`);
      case 'forbidden':
        return failure('forbidden', `you may not follow ${room}`);
      case 'not_found':
        return failure('not_found', `${room} does not exist`);
      case 'ok':
        break;
    }
    if (socket.rooms.has(room)) return { ok: true };
    if (socket.rooms.size >= MAX_ROOMS_PER_SOCKET) {
      return failure(
        'invalid',
        `a connection may follow at most ${MAX_ROOMS_PER_SOCKET} rooms: unsubscribe first`,
      );
    }
    // The client may have left while we checked: joining now would leave a room entry for a dead socket.
    if (!socket.connected) return failure('invalid', 'the connection closed');
    try {
      await socket.join(room);
    } catch (error) {
      this.logger.error({ err: error, room }, 'could not join room');
      return failure('invalid', 'could not follow the room: try again');
    }
    return { ok: true };
  }

  async unsubscribe(socket: RealtimeSocket, body: unknown): Promise<UnsubscribeAck> {
    const request = roomFrom(body);
    if ('error' in request) return failure('invalid', request.error);
    // Only contract rooms: the socket's own id room is socket.io's and is never left.
    if (!parseRoom(request.room)) return failure('invalid', `${request.room} is not a room`);
    try {
      await socket.leave(request.room);
    } catch (error) {
      this.logger.error({ err: error, room: request.room }, 'could not leave room');
    }
    return { ok: true };
  }
}
