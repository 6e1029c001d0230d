import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { AgendaItem, SessionMode, SessionStatus } from '@convergo/contracts';

/** A session of a lab: when, where (place or online link), its agenda and its iCalendar sequence. */
@Entity('lab_sessions')
export class LabSessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'lab_id', type: 'uuid' })
  labId: string;

  @Column({ name: 'module_id', type: 'uuid', nullable: true })
  moduleId: string | null;

  @Column('text')
  title: string;

  @Column('text')
  mode: SessionMode;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  @Column({ type: 'text', nullable: true })
  place: string | null;

  @Column({ name: 'online_url', type: 'text', nullable: true })
  onlineUrl: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  agenda: AgendaItem[];

  @Column({ name: 'current_step', type: 'int', nullable: true })
  currentStep: number | null;

  @Column({ type: 'text', default: 'scheduled' })
  status: SessionStatus;

  @Column({ name: 'notes_document_id', type: 'uuid', nullable: true })
  notesDocumentId: string | null;

  @Column({ name: 'ical_sequence', type: 'int', default: 0 })
  icalSequence: number;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
