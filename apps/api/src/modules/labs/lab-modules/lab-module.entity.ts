import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { DeliverableKind } from '@convergo/contracts';

/** A module of a lab's structure (dimension, position, planned days in presence, expected products). */
@Entity('lab_modules')
export class LabModuleEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'lab_id', type: 'uuid' })
  labId: string;

  @Column('text')
  title: string;

  @Column({ type: 'int', nullable: true })
  dimension: number | null;

  @Column('int')
  position: number;

  @Column({ name: 'planned_days', type: 'numeric', precision: 5, scale: 2, nullable: true })
  plannedDays: string | null;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ name: 'expected_deliverables', type: 'text', array: true, default: () => "'{}'" })
  expectedDeliverables: DeliverableKind[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
