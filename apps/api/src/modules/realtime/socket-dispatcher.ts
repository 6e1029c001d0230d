import { Injectable, Logger } from '@nestjs/common';
import type { RealtimeServer, RealtimeSocket } from './realtime-socket';

export type SocketAck = (answer: unknown) => void;

/**
 * A client event's handler, called with the socket. What it returns (or resolves to) is the
 * acknowledgement; `undefined` or `null` sends none. A handler that must answer before it is done (and
 * then send more) takes `ack` and returns nothing.
 */
export type SocketHandler = (socket: RealtimeSocket, payload: unknown, ack: SocketAck | undefined) => unknown;

/** What a capability does as its sockets come and go. */
export interface SocketHooks {
  /** After the handshake, also for a connection restored by state recovery. */
  connected?(socket: RealtimeSocket): void;
  /** While the socket still has its rooms. */
  disconnecting?(socket: RealtimeSocket): void;
  disconnected?(socket: RealtimeSocket): void;
}

/**
 * The one table of client events of the one socket.io server (docs/architecture.md, "Realtime").
 * Each capability registers its events and hooks when its module starts; RealtimeGateway runs
 * every packet that passed the socket's budget through `dispatch`, with the socket as an argument.
 * Why not a Nest gateway per capability: Nest binds every handler of every gateway to every
 * connection (a bound function, a listener, a disconnect hook per gateway), which was most of
 * what a socket costs beyond bare socket.io (bench/connections, issue 14).
 */
@Injectable()
export class SocketDispatcher {
  private readonly logger = new Logger(SocketDispatcher.name);
  private readonly handlers = new Map<string, SocketHandler>();
  private readonly hooks: SocketHooks[] = [];
  private readonly serverReady: ((server: RealtimeServer) => void)[] = [];
  private current?: RealtimeServer;
  /** One listener for every socket: socket.io calls it with the socket as `this`. */
  private readonly onDisconnecting: (this: RealtimeSocket) => void;

  constructor() {
    const hooks = this.hooks;
    const run = (hook: () => void) => this.run(hook, 'disconnecting');
    this.onDisconnecting = function (this: RealtimeSocket) {
      for (const each of hooks) run(() => each.disconnecting?.(this));
    };
  }

  /** Serves `event` with `handler`; an event has one handler. */
  handle(event: string, handler: SocketHandler): void {
    if (this.handlers.has(event)) throw new Error(`socket event ${event} already has a handler`);
    this.handlers.set(event, handler);
  }

  /** The client events served, sorted (the hostile-input sweep sends every one of them). */
  events(): string[] {
    return [...this.handlers.keys()].sort();
  }

  on(hooks: SocketHooks): void {
    this.hooks.push(hooks);
  }

  /** Runs `use` with the server once the gateway has made it (at once if it has). */
  withServer(use: (server: RealtimeServer) => void): void {
    if (this.current) use(this.current);
    else this.serverReady.push(use);
  }

  /** The socket.io server; only after start-up (`withServer` before). */
  get server(): RealtimeServer {
    if (!this.current) throw new Error('the socket.io server is not up yet');
    return this.current;
  }

  // --- The gateway's side ----------------------------------------------------------------------

  serve(server: RealtimeServer): void {
    this.current = server;
    for (const use of this.serverReady.splice(0)) use(server);
  }

  connected(socket: RealtimeSocket): void {
    for (const hooks of this.hooks) this.run(() => hooks.connected?.(socket), 'connection');
    if (this.hooks.some((hooks) => hooks.disconnecting)) socket.on('disconnecting', this.onDisconnecting);
  }

  disconnected(socket: RealtimeSocket): void {
    for (const hooks of this.hooks) this.run(() => hooks.disconnected?.(socket), 'disconnect');
  }

  /**
   * Runs the handler of `packet` (`[event, ...args, ack?]`); false when no handler serves the
   * event. As socket.io's listeners receive them: one argument as itself, several as an array.
   * A throw or a rejection is logged; the client's acknowledgement then times out.
   */
  dispatch(socket: RealtimeSocket, packet: unknown[]): boolean {
    const handler = this.handlers.get(packet[0] as string);
    if (!handler) return false;
    const last = packet[packet.length - 1];
    const ack = packet.length > 1 && typeof last === 'function' ? (last as SocketAck) : undefined;
    const end = ack ? packet.length - 1 : packet.length;
    const payload = end === 1 ? undefined : end === 2 ? packet[1] : packet.slice(1, end);
    let result: unknown;
    try {
      result = handler(socket, payload, ack);
    } catch (error) {
      this.logger.error({ err: error, event: packet[0] }, 'socket handler failed');
      return true;
    }
    if (result instanceof Promise) {
      result.then(
        (answer: unknown) => reply(ack, answer),
        (error: unknown) => this.logger.error({ err: error, event: packet[0] }, 'socket handler failed'),
      );
    } else reply(ack, result);
    return true;
  }

  private run(hook: () => void, moment: string): void {
    try {
      hook();
    } catch (error) {
      this.logger.error({ err: error }, `a socket ${moment} hook failed`);
    }
  }
}

function reply(ack: SocketAck | undefined, answer: unknown): void {
  if (answer !== undefined && answer !== null && ack) ack(answer);
}
