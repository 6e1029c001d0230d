import type {
  ClientToServerEvents,
  EventEnvelope,
  RealtimeErrorCode,
  ServerToClientEvents,
  SubscribeAck,
} from '@convergo/contracts';
import { io, type Socket } from 'socket.io-client';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface ConnectOptions {
  /** Omit `auth` entirely (as opposed to an empty token). */
  noAuth?: boolean;
  /** Reconnect quickly after a drop (connection state recovery tests). Default: no reconnection. */
  reconnection?: boolean;
  timeoutMs?: number;
}

/**
 * A real socket.io client on the websocket transport (fast and deterministic) that records every
 * server event it receives, so a test can wait for one and then assert nothing else came.
 */
export class TestSocket {
  readonly received: EventEnvelope[] = [];
  private waiters: { match: (e: EventEnvelope) => boolean; resolve: (e: EventEnvelope) => void }[] = [];

  constructor(readonly socket: ClientSocket) {
    socket.onAny((_event: string, envelope: EventEnvelope) => {
      this.received.push(envelope);
      this.waiters = this.waiters.filter((waiter) => {
        if (!waiter.match(envelope)) return true;
        waiter.resolve(envelope);
        return false;
      });
    });
  }

  /** Received envelopes of a room, in arrival order. */
  inRoom(room: string): EventEnvelope[] {
    return this.received.filter((e) => e.room === room);
  }

  /** Resolves with the first envelope (already received or arriving) that matches. */
  waitFor(match: (e: EventEnvelope) => boolean, timeoutMs = 5_000): Promise<EventEnvelope> {
    const seen = this.received.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.resolve !== done);
        reject(
          new Error(`no matching event within ${timeoutMs} ms; received ${JSON.stringify(this.received)}`),
        );
      }, timeoutMs);
      const done = (envelope: EventEnvelope) => {
        clearTimeout(timer);
        resolve(envelope);
      };
      this.waiters.push({ match, resolve: done });
    });
  }

  /** Resolves with the envelope of the given event id in a room. */
  waitForEvent(room: string, id: string, timeoutMs?: number): Promise<EventEnvelope> {
    return this.waitFor((e) => e.room === room && e.id === id, timeoutMs);
  }

  subscribe(room: unknown): Promise<SubscribeAck> {
    return this.socket.timeout(5_000).emitWithAck('subscribe', room as { room: string });
  }

  unsubscribe(room: unknown): Promise<SubscribeAck> {
    return this.socket.timeout(5_000).emitWithAck('unsubscribe', room as { room: string });
  }

  /** Sends a raw event (any name, any arguments) and resolves with the acknowledgement. */
  rawWithAck(event: string, ...args: unknown[]): Promise<unknown> {
    const untyped = this.socket as unknown as Socket;
    return untyped.timeout(5_000).emitWithAck(event, ...args) as Promise<unknown>;
  }

  /** Resolves on the next `connect` (e.g. after a drop). */
  nextConnect(timeoutMs = 5_000): Promise<void> {
    const next = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no reconnect')), timeoutMs);
      this.socket.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    // Marked handled so a test that fails earlier does not crash the worker; awaiting it still rejects.
    next.catch(() => undefined);
    return next;
  }

  close(): void {
    this.socket.disconnect();
  }
}

function open(baseUrl: string, token: unknown, options: ConnectOptions): ClientSocket {
  return io(baseUrl, {
    path: '/socket.io',
    transports: ['websocket'],
    forceNew: true,
    reconnection: options.reconnection ?? false,
    reconnectionDelay: 50,
    reconnectionDelayMax: 100,
    randomizationFactor: 0,
    ...(options.noAuth ? {} : { auth: { token } }),
  });
}

/** Connects with an access token; rejects with the connect_error if the server refuses. */
export function connectSocket(
  baseUrl: string,
  token: unknown,
  options: ConnectOptions = {},
): Promise<TestSocket> {
  const socket = open(baseUrl, token, options);
  const client = new TestSocket(socket);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.disconnect();
      reject(new Error('no connect nor connect_error'));
    }, options.timeoutMs ?? 5_000);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(client);
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      socket.disconnect();
      reject(error);
    });
  });
}

/** Expects the server to refuse the handshake; resolves with the connect_error. */
export async function expectConnectError(
  baseUrl: string,
  token: unknown,
  options: ConnectOptions = {},
): Promise<Error & { data?: unknown }> {
  try {
    const client = await connectSocket(baseUrl, token, options);
    client.close();
  } catch (error) {
    return error as Error & { data?: unknown };
  }
  throw new Error('the server accepted the connection');
}

export function errorCode(ack: SubscribeAck): RealtimeErrorCode | undefined {
  return ack.ok ? undefined : ack.error.code;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
