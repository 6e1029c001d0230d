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

  async findAfter(room: string, after: string, limit: number): Promise<EventEnvelope[]> {
    const rows = (await this.db.tx.query(
      `SELECT room, seq, type, data, at FROM events WHERE room = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [room, after, limit],
    )) as EventRow[];
    return rows.map(toEnvelope);
  }
}
