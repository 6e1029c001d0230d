import { Injectable, Logger } from '@nestjs/common';
import {
  THREAD_CLIENT_EVENTS,
  type MemberRef,
  type PresenceSignal,
  type SubscribeAck,
  type ThreadSignalEvents,
  type TypingSignal,
  roomName,
} from '@convergo/contracts';
import type { DefaultEventsMap, Socket } from 'socket.io';
import type { RealtimeSocket, RealtimeSocketData } from '../realtime/realtime-socket';
import { UUID_PATTERN } from '../realtime/room-authorizer';
import { SocketDispatcher } from '../realtime/socket-dispatcher';
import { ThreadAccessService } from './thread-access.service';

type SignalSocket = Socket<DefaultEventsMap, ThreadSignalEvents, DefaultEventsMap, RealtimeSocketData>;

/** A member typing sends at most one signal a second per thread; the rest are dropped. */
const TYPING_INTERVAL_MS = 1_000;
const NAME_CACHE_MS = 60_000;

function failure(code: 'forbidden' | 'invalid', message: string): SubscribeAck {
  return { ok: false, error: { code, message } };
}

function parse(
  body: unknown,
  flag: 'typing' | 'reading',
): { threadId: string; on: boolean } | { error: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { error: 'payload must be an object' };
  const { threadId, [flag]: on } = body as Record<string, unknown>;
  if (typeof threadId !== 'string' || !UUID_PATTERN.test(threadId))
    return { error: 'threadId must be a UUID' };
  if (on !== undefined && typeof on !== 'boolean') return { error: `${flag} must be a boolean` };
  return { threadId, on: on !== false };
}

/**
 * Ephemeral thread signals, served on the one socket.io server: who is typing, who is reading. They are
 * relayed to the other sockets of `thread:<id>` and never stored. Only a socket that joined the
 * room (which the room policy checked) may signal in it.
 */
@Injectable()
export class ThreadSignalsSocketHandlers {
  private readonly logger = new Logger(ThreadSignalsSocketHandlers.name);
  private readonly lastTyping = new WeakMap<RealtimeSocket, Map<string, number>>();
  private readonly reading = new WeakMap<RealtimeSocket, Set<string>>();
  private readonly names = new Map<string, { ref: MemberRef; until: number }>();

  constructor(
    private readonly access: ThreadAccessService,
    sockets: SocketDispatcher,
  ) {
    sockets.handle(THREAD_CLIENT_EVENTS.typing, (socket, body) => this.typing(socket, body));
    sockets.handle(THREAD_CLIENT_EVENTS.reading, (socket, body) => this.readingSignal(socket, body));
    sockets.on({ disconnecting: (socket) => this.leftAll(socket) });
  }

  /** A reader who goes (closed tab, dropped connection) leaves every thread they were reading. */
  private leftAll(socket: RealtimeSocket): void {
    const threads = this.reading.get(socket);
    if (!threads) return;
    for (const threadId of threads) {
      if (socket.rooms.has(roomName('thread', threadId))) {
        this.presence(socket, threadId, 'left').catch((error: unknown) =>
          this.logger.warn({ err: error }, 'could not relay presence'),
        );
      }
    }
  }

  async typing(socket: RealtimeSocket, body: unknown): Promise<SubscribeAck> {
    const request = parse(body, 'typing');
    if ('error' in request) return failure('invalid', request.error);
    const room = roomName('thread', request.threadId);
    if (!socket.rooms.has(room)) return failure('forbidden', `subscribe to ${room} first`);
    const now = Date.now();
    const last = this.lastTyping.get(socket) ?? new Map<string, number>();
    this.lastTyping.set(socket, last);
    if (request.on && now - (last.get(request.threadId) ?? 0) < TYPING_INTERVAL_MS) return { ok: true };
    last.set(request.threadId, request.on ? now : 0);
    const signal: TypingSignal = {
      type: 'typing',
      room,
      at: new Date(now).toISOString(),
      data: { threadId: request.threadId, member: await this.memberRef(socket), typing: request.on },
    };
    // Volatile: a typing signal is stale within seconds, so it is neither kept for replay nor retried.
    (socket as unknown as SignalSocket).to(room).volatile.emit('typing', signal);
    return { ok: true };
  }

  async readingSignal(socket: RealtimeSocket, body: unknown): Promise<SubscribeAck> {
    const request = parse(body, 'reading');
    if ('error' in request) return failure('invalid', request.error);
    const room = roomName('thread', request.threadId);
    if (!socket.rooms.has(room)) return failure('forbidden', `subscribe to ${room} first`);
    const threads = this.reading.get(socket) ?? new Set<string>();
    this.reading.set(socket, threads);
    if (request.on) threads.add(request.threadId);
    else threads.delete(request.threadId);
    await this.presence(socket, request.threadId, request.on ? 'reading' : 'left');
    return { ok: true };
  }

  private async presence(socket: RealtimeSocket, threadId: string, state: 'reading' | 'left'): Promise<void> {
    const room = roomName('thread', threadId);
    const signal: PresenceSignal = {
      type: 'presence',
      room,
      at: new Date().toISOString(),
      data: { threadId, member: await this.memberRef(socket), state },
    };
    (socket as unknown as SignalSocket).to(room).emit('presence', signal);
  }

  /** The member's name, cached briefly: typing signals come often. */
  private async memberRef(socket: RealtimeSocket): Promise<MemberRef> {
    const id = socket.data.member.id;
    const cached = this.names.get(id);
    if (cached && cached.until > Date.now()) return cached.ref;
    const ref = (await this.access.memberRef(id)) ?? { id, displayName: '', organizationName: null };
    if (this.names.size > 10_000) this.names.clear();
    this.names.set(id, { ref, until: Date.now() + NAME_CACHE_MS });
    return ref;
  }
}
