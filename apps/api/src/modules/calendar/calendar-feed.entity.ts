import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A member's private calendar-feed token: only its SHA-256 is stored; rotating replaces it. */
@Entity('calendar_feeds')
export class CalendarFeedEntity {
  @PrimaryColumn({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @Column({ name: 'token_hash', type: 'text' })
  tokenHash: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
