import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { CLIENT_EVENTS, roomName, type RenewAck } from '@convergo/contracts';
import type { AuthSessionEndedEvent } from '../../common/domain-events/domain-event-map';
import { DomainEvents } from '../../common/domain-events/domain-events';
import { AccessTokenService } from '../auth/access-token.service';
import type { RealtimeSocket } from './realtime-socket';
import { SocketDispatcher } from './socket-dispatcher';

/** Slack after the token's expiry before the connection is closed (clocks and a renewal in flight). */
const EXPIRY_GRACE_MS = 2_000;

function refused(message: string): RenewAck {
  return { ok: false, error: { code: 'unauthorized', message } };
}

function closeExpired(socket: RealtimeSocket, timers: WeakMap<RealtimeSocket, NodeJS.Timeout>): void {
  timers.delete(socket);
  if (socket.connected) socket.conn.close();
}

/**
 * Binds each connection to its access token's life. At expiry the transport is closed, which the
 * client takes as a drop: it reconnects with the token it holds then (refreshing it when the
 * handshake refuses it), and socket.io's connection state recovery gives back its rooms. A client
 * that renews in time (`auth:renew`) is not interrupted. When a sign-in session ends (logout, a
 * stolen refresh token), its sockets on every process are disconnected for good.
 */
@Injectable()
export class SocketLifetime {
  private readonly logger = new Logger(SocketLifetime.name);
  private readonly timers = new WeakMap<RealtimeSocket, NodeJS.Timeout>();

  constructor(
    private readonly tokens: AccessTokenService,
    private readonly events: DomainEvents,
    private readonly sockets: SocketDispatcher,
  ) {
    sockets.handle(CLIENT_EVENTS.renew, (socket, body) => this.renew(socket, body));
    sockets.on({
      connected: (socket) => this.schedule(socket),
      disconnected: (socket) => {
        clearTimeout(this.timers.get(socket));
        this.timers.delete(socket);
      },
    });
  }

  async renew(socket: RealtimeSocket, body: unknown): Promise<RenewAck> {
    const token = typeof body === 'object' && body !== null ? (body as { token?: unknown }).token : undefined;
    const access = this.tokens.verifyAccess(token);
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
      const sockets = await this.sockets.server.in(roomName('member', memberId)).fetchSockets();
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
    // A module-level callback, not a closure: one less object per connected socket.
    const timer = setTimeout(closeExpired, delay, socket, this.timers);
    // The timer must not keep a closing process alive.
    timer.unref();
    this.timers.set(socket, timer);
  }
}
