import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { EventEnvelope } from '@convergo/contracts';
import { preparedQuery, preparedStatement } from '../../database/prepared-query';
import type { TypeOrmAfterCommitAdapter } from '../../database/transactional-adapter';

interface EventRow {
  room: string;
  seq: string;
  type: string;
  data: unknown;
  at: Date;
}

function toEnvelope(row: EventRow): EventEnvelope {
  return {
    id: String(row.seq),
    type: row.type,
    room: row.room,
    at: new Date(row.at).toISOString(),
    data: row.data,
  };
}

const APPEND = preparedStatement(
  'events.append',
  `
  WITH counter AS (
    INSERT INTO event_rooms (room, last_seq) VALUES ($1, 1)
    ON CONFLICT (room) DO UPDATE SET last_seq = event_rooms.last_seq + 1
    RETURNING last_seq)
  INSERT INTO events (room, seq, type, data) SELECT $1, last_seq, $2, $3::jsonb FROM counter
  RETURNING seq, at`,
);

/**
 * Several events in one statement ($1 rooms, $2 types, $3 data, in the caller's order): each room's
 * counter moves once by its number of events, rooms locked in the order they first appear (as
 * one-by-one appends would lock them), and a room's events take its positions in the caller's order.
 */
const APPEND_ALL = preparedStatement(
  'events.append_all',
  `
  WITH input AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[]) WITH ORDINALITY AS i(room, type, data, ord)
  ), counters AS (
    INSERT INTO event_rooms (room, last_seq)
    SELECT room, count(*) FROM input GROUP BY room ORDER BY min(ord)
    ON CONFLICT (room) DO UPDATE SET last_seq = event_rooms.last_seq + EXCLUDED.last_seq
    RETURNING room, last_seq
  )
  INSERT INTO events (room, seq, type, data)
  SELECT i.room, c.last_seq - count(*) OVER (PARTITION BY i.room) + row_number() OVER (PARTITION BY i.room ORDER BY i.ord),
         i.type, i.data
    FROM input i JOIN counters c ON c.room = i.room
  RETURNING room, seq, at`,
);

/** An event a service records: its room, type and data. */
export interface NewEvent {
  room: string;
  type: string;
  data: unknown;
}

@Injectable()
export class EventRepository {
  constructor(private readonly db: TransactionHost<TypeOrmAfterCommitAdapter>) {}

  /**
   * Takes the room's next position by updating its counter row and stores the event, in one
   * statement. The counter row stays locked until the transaction ends, so a later writer in the
   * same room gets a higher position and commits after us: positions follow commit order and
   * `after=<id>` never skips a commit.
   */
  async append(room: string, type: string, data: unknown): Promise<EventEnvelope> {
    const json = JSON.stringify(data);
    // Prepared: every change a member sees is one of these.
    const [row] = await preparedQuery<Pick<EventRow, 'seq' | 'at'>>(this.db.tx, APPEND, [room, type, json]);
    // The data as it was stored (JSON, not the caller's objects), without reading it back.
    return toEnvelope({ room, type, data: JSON.parse(json) as unknown, seq: row.seq, at: row.at });
  }

  /** `append` for several events in one round trip; the envelopes in the events' order. */
  async appendAll(events: readonly NewEvent[]): Promise<EventEnvelope[]> {
    const json = events.map((event) => JSON.stringify(event.data));
    const rows = await preparedQuery<Pick<EventRow, 'room' | 'seq' | 'at'>>(this.db.tx, APPEND_ALL, [
      events.map((event) => event.room),
      events.map((event) => event.type),
      json,
    ]);
    // A room's positions, lowest first, go to its events in the caller's order.
    const positions = new Map<string, Array<Pick<EventRow, 'seq' | 'at'>>>();
    for (const row of rows.sort((a, b) => Number(a.seq) - Number(b.seq))) {
      const list = positions.get(row.room) ?? [];
      list.push(row);
      positions.set(row.room, list);
    }
    return events.map((event, i) => {
      const row = positions.get(event.room)!.shift()!;
      return toEnvelope({ ...event, data: JSON.parse(json[i]) as unknown, seq: row.seq, at: row.at });
    });
  }

  async findAfter(room: string, after: string, limit: number): Promise<EventEnvelope[]> {
    const rows = (await this.db.tx.query(
      `SELECT room, seq, type, data, at FROM events WHERE room = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [room, after, limit],
    )) as EventRow[];
    return rows.map(toEnvelope);
  }
}
