import { io, type Socket } from 'socket.io-client';
import {
  CATCH_UP_MAX_LIMIT,
  CLIENT_EVENTS,
  type CatchUpResult,
  type ClientToServerEvents,
  type EventEnvelope,
  type RenewAck,
  type ServerToClientEvents,
  type SubscribeAck,
} from '@convergo/contracts';

/**
 * One socket.io connection per tab (docs/architecture.md, "Realtime").
 *
 * - Rooms are reference-counted: the first listener subscribes (`subscribe` with ack), the
 *   last one to leave unsubscribes.
 * - After every reconnect the rooms are subscribed again and each room catches up with
 *   `GET /events?room=&after=<last id>`; live events that arrive meanwhile are held back and
 *   replayed after the catch-up, so listeners see each room's events once and in order.
 * - socket.io's connection state recovery may hand over missed packets itself, right before
 *   `connect`: they are delivered like the catch-up's, flagged `replayed`.
 * - After a reconnect's catch-up, listeners get `onCaughtUp`: replayed events are older than
 *   anything loaded over REST while disconnected, so snapshot values (counts) are reloaded.
 * - A room that had seen no event yet has no position to catch up from: its listeners get
 *   `onResync` and reload what they show. That includes the first subscription, because a
 *   page loads its data over REST before (or while) the subscription takes effect, and an
 *   event committed in between would otherwise be lost until the next reload.
 */
export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'disconnected' | 'unauthorized';

export interface DeliveryInfo {
  /**
   * Missed while disconnected and handed over after the reconnect (catch-up or socket.io's
   * recovery): possibly older than data loaded over REST meanwhile.
   */
  replayed: boolean;
}

export interface RoomListener {
  onEvent(event: EventEnvelope, info: DeliveryInfo): void;
  /** Events may have been missed and cannot be replayed: reload the data from REST. */
  onResync?(): void;
  /**
   * The room is subscribed again after a reconnect and caught up (`replayed` events were
   * handed over). A listener that copies snapshot values from events (a count) reloads them:
   * replayed events can be older than what it loaded over REST while disconnected.
   */
  onCaughtUp?(replayed: number): void;
  /** The server refused the subscription (`forbidden`, `not_found`, `invalid`). */
  onError?(error: Extract<SubscribeAck, { ok: false }>['error']): void;
}

export interface RealtimeClientOptions {
  /** Server origin; defaults to the page's origin (the API serves the web app). */
  url?: string;
  getAccessToken(): string | null;
  /** Rotates the tokens after `connect_error: unauthorized`; null when the session is over. */
  refreshAccessToken(): Promise<string | null>;
  fetchEvents(room: string, after: string, limit: number): Promise<CatchUpResult>;
}

type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

interface RoomState {
  listeners: Set<RoomListener>;
  /** Id of the last event delivered to listeners (decimal string), null before the first. */
  lastId: string | null;
  /** Non-null while a catch-up runs: live events wait here. */
  pending: EventEnvelope[] | null;
}

const ACK_TIMEOUT_MS = 10_000;
const MAX_CATCH_UP_PAGES = 50;

function isEnvelope(value: unknown): value is EventEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === 'string' && typeof v.room === 'string' && typeof v.type === 'string';
}

/** Ids are decimal strings that grow within a room; compare them as big integers. */
/** The `exp` of a JWT in ms since the epoch, or null when it cannot be read (the server decides anyway). */
export function tokenExpiry(token: string | null): number | null {
  const payload = token?.split('.')[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown };
    return typeof claims.exp === 'number' ? claims.exp * 1000 : null;
  } catch {
    return null;
  }
}

/** Renew the socket's token this long before it expires (the server closes the connection at expiry). */
const RENEW_BEFORE_MS = 60_000;

export function compareIds(a: string, b: string): number {
  try {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  } catch {
    return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  }
}

export class RealtimeClient {
  private socket: AppSocket | null = null;
  private readonly rooms = new Map<string, RoomState>();
  private readonly statusListeners = new Set<() => void>();
  private readonly signalListeners = new Map<string, Set<(payload: unknown) => void>>();
  private status: ConnectionStatus = 'idle';
  private closed = false;
  private hasConnectedOnce = false;
  private refreshing = false;
  /** Between a drop and the next `connect`: packets then are socket.io's recovered ones. */
  private recovering = false;
  /** Events handed over by recovery since the last `connect`, per room, for `onCaughtUp`. */
  private readonly recovered = new Map<string, number>();
  /** Refreshes tried since the last successful connection: a server that keeps refusing fresh tokens is not hammered. */
  private unauthorizedAttempts = 0;
  /** The token the server holds for this connection, and the timer that renews it before it expires. */
  private socketToken: string | null = null;
  private renewTimer: number | undefined;

  constructor(private readonly options: RealtimeClientOptions) {}

  getStatus = (): ConnectionStatus => this.status;

  onStatusChange = (listener: () => void): (() => void) => {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  };

  /** Opens the connection (this module and socket.io-client load only once a member is signed in). */
  connect(): void {
    if (this.socket || this.closed) return;
    this.setStatus('connecting');
    const socket: AppSocket = io(this.options.url ?? window.location.origin, {
      // A function: every (re)connection sends the token current at that moment.
      auth: (send) => send({ token: this.options.getAccessToken() }),
    });
    this.socket = socket;

    socket.on('connect', () => {
      this.socketToken = this.options.getAccessToken();
      this.scheduleRenewal();
      this.recovering = false;
      this.setStatus('connected');
      this.unauthorizedAttempts = 0;
      const reconnect = this.hasConnectedOnce;
      this.hasConnectedOnce = true;
      for (const room of this.rooms.keys()) void this.subscribeRoom(room, reconnect);
    });
    socket.on('disconnect', () => {
      this.recovering = true;
      this.recovered.clear();
      if (!this.closed) this.setStatus('disconnected');
    });
    socket.on('connect_error', (error) => {
      if (error.message === 'unauthorized') void this.recoverFromUnauthorized();
      else this.setStatus('disconnected');
    });
    socket.onAny((eventName: string, payload: unknown) => {
      if (isEnvelope(payload)) this.receive(payload, this.recovering);
      else this.receiveSignal(eventName, payload);
    });
  }

  /** Listens to a room; returns the function that stops listening. */
  join(room: string, listener: RoomListener): () => void {
    let state = this.rooms.get(room);
    if (!state) {
      state = { listeners: new Set(), lastId: null, pending: null };
      this.rooms.set(room, state);
      state.listeners.add(listener);
      if (this.socket?.connected) void this.subscribeRoom(room, false);
    } else {
      state.listeners.add(listener);
    }
    return () => this.leave(room, listener);
  }

  /**
   * Ephemeral signals (`typing`, `presence`): not stored, no id, no catch-up. Returns the
   * function that stops listening.
   */
  onSignal(type: string, listener: (payload: unknown) => void): () => void {
    let set = this.signalListeners.get(type);
    if (!set) {
      set = new Set();
      this.signalListeners.set(type, set);
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  /**
   * The tab's socket, for protocols with their own events (the documents' Yjs sync): they
   * share this one connection instead of opening a second. Null before `connect()` and after
   * `close()`; the same object across reconnects.
   */
  getSocket(): Socket | null {
    return this.socket as unknown as Socket | null;
  }

  /** Sends an ephemeral signal (e.g. `thread:typing`); dropped while disconnected. */
  signal(event: string, payload: unknown): void {
    const socket = this.socket as unknown as Socket | null;
    if (!socket?.connected) return;
    socket.timeout(ACK_TIMEOUT_MS).emit(event, payload, () => undefined);
  }

  private receiveSignal(type: string, payload: unknown): void {
    for (const listener of this.signalListeners.get(type) ?? []) {
      try {
        listener(payload);
      } catch (error) {
        console.error('realtime signal listener failed', error);
      }
    }
  }

  /**
   * Hands the current access token to the server when it differs from the connection's (after a
   * refresh in this tab or another), so the connection outlives the token it was opened with.
   */
  renew(): void {
    const socket = this.socket;
    const token = this.options.getAccessToken();
    if (!socket?.connected || !token || token === this.socketToken) return;
    socket.timeout(ACK_TIMEOUT_MS).emit('auth:renew', { token }, (error: Error | null, answer?: RenewAck) => {
      if (error || !answer?.ok) return; // the server closes the connection at expiry: the reconnect refreshes
      this.socketToken = token;
      this.scheduleRenewal();
    });
  }

  private scheduleRenewal(): void {
    window.clearTimeout(this.renewTimer);
    const expiresAt = tokenExpiry(this.socketToken);
    if (expiresAt === null || this.closed) return;
    this.renewTimer = window.setTimeout(
      () => {
        const current = this.options.getAccessToken();
        if (current !== this.socketToken) return this.renew();
        // Still the same token: rotate it (once for every tab), then hand it over.
        void this.options.refreshAccessToken().then(
          () => this.renew(),
          () => undefined,
        );
      },
      Math.max(0, expiresAt - Date.now() - RENEW_BEFORE_MS),
    );
  }

  close(): void {
    window.clearTimeout(this.renewTimer);
    this.closed = true;
    this.signalListeners.clear();
    this.rooms.clear();
    this.socket?.removeAllListeners();
    this.socket?.offAny();
    this.socket?.disconnect();
    this.socket = null;
    this.setStatus('idle');
  }

  private leave(room: string, listener: RoomListener): void {
    const state = this.rooms.get(room);
    if (!state) return;
    state.listeners.delete(listener);
    if (state.listeners.size > 0) return;
    this.rooms.delete(room);
    if (this.socket?.connected) {
      this.socket.timeout(ACK_TIMEOUT_MS).emit(CLIENT_EVENTS.unsubscribe, { room }, () => undefined);
    }
  }

  private async subscribeRoom(room: string, afterReconnect: boolean): Promise<void> {
    const socket = this.socket;
    const state = this.rooms.get(room);
    if (!socket || !state) return;
    // Hold live events back until the catch-up below has been delivered.
    const catchUp = afterReconnect && state.lastId !== null;
    if (catchUp) state.pending ??= [];

    let ack: SubscribeAck;
    try {
      ack = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(CLIENT_EVENTS.subscribe, { room });
    } catch {
      // No answer in time: the next reconnect subscribes again.
      this.flushPending(room);
      return;
    }
    if (this.rooms.get(room) !== state) return;
    if (!ack.ok) {
      this.flushPending(room);
      for (const listener of state.listeners) listener.onError?.(ack.error);
      return;
    }
    if (catchUp) {
      await this.catchUp(room, state);
    } else {
      // No position to catch up from: what listeners loaded over REST before this
      // subscription took effect (or before the drop) may miss events, so they reload.
      for (const listener of state.listeners) listener.onResync?.();
    }
  }

  private async catchUp(room: string, state: RoomState): Promise<void> {
    let replayed = this.recovered.get(room) ?? 0;
    this.recovered.delete(room);
    try {
      for (let page = 0; page < MAX_CATCH_UP_PAGES && state.lastId !== null; page++) {
        const { items } = await this.options.fetchEvents(room, state.lastId, CATCH_UP_MAX_LIMIT);
        if (this.rooms.get(room) !== state) return;
        for (const event of items) if (this.deliver(state, event, true)) replayed += 1;
        if (items.length < CATCH_UP_MAX_LIMIT) break;
      }
    } catch {
      // The history could not be read: tell listeners to reload instead of guessing.
      for (const listener of state.listeners) listener.onResync?.();
    } finally {
      replayed += this.flushPending(room, true);
    }
    if (this.rooms.get(room) === state) {
      for (const listener of state.listeners) listener.onCaughtUp?.(replayed);
    }
  }

  /** Delivers the events held during a catch-up; returns how many were new. */
  private flushPending(room: string, replayed = false): number {
    const state = this.rooms.get(room);
    if (!state?.pending) return 0;
    const held = state.pending.sort((a, b) => compareIds(a.id, b.id));
    state.pending = null;
    let delivered = 0;
    for (const event of held) if (this.deliver(state, event, replayed)) delivered += 1;
    return delivered;
  }

  private receive(event: EventEnvelope, recovered: boolean): void {
    const state = this.rooms.get(event.room);
    if (!state) return;
    if (state.pending) {
      state.pending.push(event);
    } else if (this.deliver(state, event, recovered) && recovered) {
      this.recovered.set(event.room, (this.recovered.get(event.room) ?? 0) + 1);
    }
  }

  /** Delivers an event once: anything at or below the room's last id was seen already. */
  private deliver(state: RoomState, event: EventEnvelope, replayed = false): boolean {
    if (state.lastId !== null && compareIds(event.id, state.lastId) <= 0) return false;
    state.lastId = event.id;
    for (const listener of state.listeners) {
      try {
        listener.onEvent(event, { replayed });
      } catch (error) {
        console.error('realtime listener failed', error);
      }
    }
    return true;
  }

  private async recoverFromUnauthorized(): Promise<void> {
    if (this.refreshing || this.closed) return;
    if (++this.unauthorizedAttempts > 3) {
      this.setStatus('unauthorized');
      return;
    }
    this.refreshing = true;
    try {
      const token = await this.options.refreshAccessToken();
      // A refused token is not retried by socket.io itself: reconnect by hand once refreshed.
      if (token && !this.closed) this.socket?.connect();
      else this.setStatus('unauthorized');
    } catch {
      this.setStatus('disconnected');
      // The API was unreachable: try again a little later.
      window.setTimeout(() => {
        if (!this.closed && !this.socket?.connected) this.socket?.connect();
      }, 5_000);
    } finally {
      this.refreshing = false;
    }
  }

  private setStatus(status: ConnectionStatus): void {
    if (this.status === status) return;
    this.status = status;
    for (const listener of this.statusListeners) listener();
  }
}
