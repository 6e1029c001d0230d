import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { EventEnvelope } from '@convergo/contracts';
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

@Injectable()
export class EventRepository {
  constructor(private readonly db: TransactionHost<TypeOrmAfterCommitAdapter>) {}

  /**
   * Takes the room's next position by updating its counter row. The row stays locked until
   * the transaction ends, so a later writer in the same room gets a higher position and
   * commits after us: positions follow commit order and `after=<id>` never skips a commit.
   */
  async append(room: string, type: string, data: unknown): Promise<EventEnvelope> {
    const [counter] = (await this.db.tx.query(
      `INSERT INTO event_rooms (room, last_seq) VALUES ($1, 1)
       ON CONFLICT (room) DO UPDATE SET last_seq = event_rooms.last_seq + 1
       RETURNING last_seq`,
      [room],
    )) as { last_seq: string }[];
    const [row] = (await this.db.tx.query(
      `INSERT INTO events (room, seq, type, data) VALUES ($1, $2, $3, $4::jsonb) RETURNING room, seq, type, data, at`,
      [room, counter.last_seq, type, JSON.stringify(data)],
    )) as EventRow[];
    return toEnvelope(row);
  }

  async findAfter(room: string, after: string, limit: number): Promise<EventEnvelope[]> {
    const rows = (await this.db.tx.query(
      `SELECT room, seq, type, data, at FROM events WHERE room = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [room, after, limit],
    )) as EventRow[];
    return rows.map(toEnvelope);
  }
}
