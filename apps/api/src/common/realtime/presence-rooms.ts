import type { Logger } from '@nestjs/common';
import { SerialQueues } from './serial-queues';

/** The part of a socket.io socket a presence room uses (kept structural: `common/` knows no gateway). */
export interface PresenceSocket<M> {
  id: string;
  connected: boolean;
  recovered: boolean;
  data: { member: M };
  join(room: string): unknown;
  leave(room: string): unknown;
}

export interface PresenceRoomOptions<M, S, F> {
  /** Where in `socket.data` the joined ids live, e.g. "liveSessions". */
  dataKey: string;
  /** The socket.io room of an id, e.g. `session:<id>`. */
  room(id: string): string;
  /** Stores the socket's presence and answers the state a joiner needs; throws when it may not. */
  enter(member: M, socketId: string, id: string): Promise<S>;
  /** Removes the socket's presence (at the disconnect's time when given). */
  exit(socketId: string, id: string, at?: Date): Promise<void>;
  /** Whether a leave also takes the socket out of the room (else the page may keep following it). */
  leaveRoomOnExit: boolean;
  /** The service's own refusals: a restore that meets one drops the id quietly. */
  isRefusal(error: unknown): boolean;
  /** The ack of a failed join or leave; `error` is undefined when the socket closed while joining. */
  failure(error: unknown, action: 'join' | 'leave'): F;
}

/**
 * The join/leave/disconnect life cycle of a room whose members' presence is stored (the live
 * session room, a tutoring slot's meeting room). The joined ids are kept in the socket's data,
 * a plain array because the Redis adapter serialises it: a disconnect leaves them (socket.rooms
 * is empty by then) and connection state recovery brings them back with the socket. Every
 * operation of a socket runs in its arrival order: a recovered connection keeps its id, so its
 * re-join must not overtake the leave of its drop.
 */
export class PresenceRooms<M, S, F> {
  private readonly queues = new SerialQueues();

  constructor(
    private readonly options: PresenceRoomOptions<M, S, F>,
    private readonly logger: Logger,
  ) {}

  /** Runs `work` after the socket's earlier operations. */
  serial<T>(socketId: string, work: () => Promise<T>): Promise<T> {
    return this.queues.run(socketId, work);
  }

  /** Enters the room: the ack of a join. */
  async join(socket: PresenceSocket<M>, id: string): Promise<{ ok: true; state: S } | F> {
    try {
      const state = await this.enter(socket, id);
      return state === undefined ? this.options.failure(undefined, 'join') : { ok: true, state };
    } catch (error) {
      return this.options.failure(error, 'join');
    }
  }

  /** Leaves the room: the ack of a leave. */
  async leave(socket: PresenceSocket<M>, id: string): Promise<{ ok: true } | F> {
    try {
      await this.exit(socket, id);
      return { ok: true };
    } catch (error) {
      return this.options.failure(error, 'leave');
    }
  }

  private enter(socket: PresenceSocket<M>, id: string): Promise<S | undefined> {
    return this.serial(socket.id, async () => {
      const state = await this.options.enter(socket.data.member, socket.id, id);
      // It may have gone while we stored it: its disconnect found nothing to remove yet.
      if (!socket.connected) {
        await this.options.exit(socket.id, id);
        return undefined;
      }
      const joined = this.joined(socket);
      if (!joined.includes(id)) joined.push(id);
      await socket.join(this.options.room(id));
      return state;
    });
  }

  private exit(socket: PresenceSocket<M>, id: string): Promise<void> {
    return this.serial(socket.id, async () => {
      this.forget(socket, id);
      if (this.options.leaveRoomOnExit) await socket.leave(this.options.room(id));
      await this.options.exit(socket.id, id);
    });
  }

  /**
   * A connection recovered after a short drop is back in its rooms with its data, but its
   * presence ended at the drop: enter again, or leave the rooms it may no longer be in.
   */
  restore(socket: PresenceSocket<M>): void {
    if (!socket.recovered) return;
    for (const id of [...this.joined(socket)]) {
      void this.serial(socket.id, async () => {
        try {
          await this.options.enter(socket.data.member, socket.id, id);
          if (!socket.connected) await this.options.exit(socket.id, id);
        } catch (error) {
          if (!this.options.isRefusal(error)) {
            this.logger.warn({ err: error, id }, 'could not restore a recovered presence');
          }
          this.forget(socket, id);
          await socket.leave(this.options.room(id));
        }
      });
    }
  }

  disconnected(socket: PresenceSocket<M>): void {
    const at = new Date();
    for (const id of this.joined(socket)) {
      void this.serial(socket.id, () =>
        this.options
          .exit(socket.id, id, at)
          .catch((error: unknown) =>
            this.logger.error({ err: error, id }, 'could not leave a presence room'),
          ),
      );
    }
  }

  private joined(socket: PresenceSocket<M>): string[] {
    const data = socket.data as Record<string, unknown>;
    const ids = Array.isArray(data[this.options.dataKey]) ? (data[this.options.dataKey] as string[]) : [];
    data[this.options.dataKey] = ids;
    return ids;
  }

  private forget(socket: PresenceSocket<M>, id: string): void {
    const data = socket.data as Record<string, unknown>;
    data[this.options.dataKey] = this.joined(socket).filter((joined) => joined !== id);
  }
}
