import { Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { SkipThrottle } from '@nestjs/throttler';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import { CLIENT_EVENTS, roomName, type RenewAck } from '@convergo/contracts';
import type { AuthSessionEndedEvent } from '../../common/domain-events/domain-event-map';
import { DomainEvents } from '../../common/domain-events/domain-events';
import { AccessTokenService } from '../auth/access-token.service';
import { REALTIME_GATEWAY_OPTIONS, type RealtimeServer, type RealtimeSocket } from './realtime.gateway';

/** Slack after the token's expiry before the connection is closed (clocks and a renewal in flight). */
const EXPIRY_GRACE_MS = 2_000;

function refused(message: string): RenewAck {
  return { ok: false, error: { code: 'unauthorized', message } };
}

/**
 * Binds each connection to its access token's life. At expiry the transport is closed, which the
 * client takes as a drop: it reconnects with the token it holds then (refreshing it when the
 * handshake refuses it), and socket.io's connection state recovery gives back its rooms. A client
 * that renews in time (`auth:renew`) is not interrupted. When a sign-in session ends (logout, a
 * stolen refresh token), its sockets on every process are disconnected for good.
 */
@SkipThrottle()
@WebSocketGateway(REALTIME_GATEWAY_OPTIONS)
export class SocketLifetimeGateway implements OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(SocketLifetimeGateway.name);
  private readonly timers = new WeakMap<RealtimeSocket, NodeJS.Timeout>();

  @WebSocketServer()
  private server: RealtimeServer;

  constructor(
    private readonly tokens: AccessTokenService,
    private readonly events: DomainEvents,
  ) {}

  handleConnection(socket: RealtimeSocket): void {
    this.schedule(socket);
  }

  handleDisconnect(socket: RealtimeSocket): void {
    clearTimeout(this.timers.get(socket));
    this.timers.delete(socket);
  }

  @SubscribeMessage(CLIENT_EVENTS.renew)
  async renew(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() body: unknown): Promise<RenewAck> {
    const token = typeof body === 'object' && body !== null ? (body as { token?: unknown }).token : undefined;
    const access = await this.tokens.verifyAccess(token);
    if (!access) return refused('the token is missing, expired or not valid');
    const before = socket.data.member;
    if (access.member.id !== before.id) return refused('the token belongs to another member');
    socket.data.member = access.member;
    socket.data.sessionId = access.sessionId;
    socket.data.tokenExpiresAt = access.expiresAt;
    this.schedule(socket);
    if (access.member.role !== before.role) {
      // A changed role may read less: the room policy checks this member's rooms again.
      this.events.emitAfterCommit('access.narrowed', { memberId: before.id });
    }
    return { ok: true, expiresAt: new Date(access.expiresAt).toISOString() };
  }

  @OnEvent('auth.session_ended')
  async sessionEnded({ memberId, sessionId }: AuthSessionEndedEvent): Promise<void> {
    try {
      const sockets = await this.server.in(roomName('member', memberId)).fetchSockets();
      for (const socket of sockets) {
        if (socket.data.sessionId === sessionId) socket.disconnect(true);
      }
    } catch (error) {
      this.logger.error({ err: error }, 'could not close the sockets of an ended session');
    }
  }

  private schedule(socket: RealtimeSocket): void {
    clearTimeout(this.timers.get(socket));
    const delay = Math.max(0, socket.data.tokenExpiresAt - Date.now()) + EXPIRY_GRACE_MS;
    const timer = setTimeout(() => {
      this.timers.delete(socket);
      if (socket.connected) socket.conn.close();
    }, delay);
    // The timer must not keep a closing process alive.
    timer.unref();
    this.timers.set(socket, timer);
  }
}
