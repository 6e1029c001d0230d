import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The transactional outbox: written in the same transaction as the change it announces. */
@Entity('events')
export class EventEntity {
  @PrimaryColumn('text')
  room: string;

  /** Position in the room; a per-room counter row makes it follow commit order. */
  @PrimaryColumn({ type: 'bigint' })
  seq: string;

  @Column('text')
  type: string;

  @Column('jsonb')
  data: unknown;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}

@Entity('event_rooms')
export class EventRoomEntity {
  @PrimaryColumn('text')
  room: string;

  @Column({ name: 'last_seq', type: 'bigint' })
  lastSeq: string;
}
