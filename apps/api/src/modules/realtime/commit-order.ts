import type { EventEnvelope } from '@convergo/contracts';

interface RoomQueue {
  /** Positions taken by transactions of this process that have neither committed nor rolled back. */
  open: Set<number>;
  /** Committed events waiting for a lower open position. */
  ready: Map<number, EventEnvelope>;
}

/**
 * Releases a room's committed events in position order. Positions follow commit order in the
 * database, but two commits finishing together may be seen by this process the other way round
 * (the next writer's COMMIT can answer before ours is read): without this, subscribers would get
 * post 9 before post 8. Only this process's own transactions are waited for; a rollback frees its
 * positions (the room's counter rolls back with it, so no later position depends on it).
 */
export class CommitOrder {
  private readonly rooms = new Map<string, RoomQueue>();

  /** The transaction has stored `event` and not finished yet. */
  taken(event: EventEnvelope): void {
    let queue = this.rooms.get(event.room);
    if (!queue) {
      queue = { open: new Set(), ready: new Map() };
      this.rooms.set(event.room, queue);
    }
    queue.open.add(Number(event.id));
  }

  /** `event` has committed: returns the events of its room now deliverable, in order. */
  committed(event: EventEnvelope): EventEnvelope[] {
    const queue = this.rooms.get(event.room);
    if (!queue) return [event];
    const position = Number(event.id);
    queue.open.delete(position);
    if (queue.open.size === 0 && queue.ready.size === 0) {
      // The common case: nothing else in flight in the room.
      this.rooms.delete(event.room);
      return [event];
    }
    queue.ready.set(position, event);
    return this.release(event.room, queue);
  }

  /** `event` was rolled back: returns the committed events it was holding back. */
  undone(event: EventEnvelope): EventEnvelope[] {
    const queue = this.rooms.get(event.room);
    if (!queue) return [];
    queue.open.delete(Number(event.id));
    return this.release(event.room, queue);
  }

  private release(room: string, queue: RoomQueue): EventEnvelope[] {
    const lowestOpen = Math.min(...queue.open);
    const due = [...queue.ready.keys()].filter((p) => p < lowestOpen).sort((a, b) => a - b);
    const events = due.map((p) => queue.ready.get(p)!);
    for (const p of due) queue.ready.delete(p);
    if (queue.open.size === 0 && queue.ready.size === 0) this.rooms.delete(room);
    return events;
  }
}
