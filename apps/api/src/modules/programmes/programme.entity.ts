import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ProgrammeIndicator } from '@convergo/contracts';

@Entity('programmes')
export class ProgrammeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stable slug, e.g. "agire-por-2007-2013". */
  @Column({ type: 'text', unique: true })
  code: string;

  @Column('text')
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** E.g. "PON GAT 2007-2013". */
  @Column({ name: 'operational_programme', type: 'text', nullable: true })
  operationalProgramme: string | null;

  /** E.g. "FESR". */
  @Column({ type: 'text', nullable: true })
  fund: string | null;

  @Column({ type: 'text', nullable: true })
  beneficiary: string | null;

  /** Euro, as a decimal string to keep cents exact. */
  @Column({ name: 'total_budget', type: 'numeric', precision: 14, scale: 2, nullable: true })
  totalBudget: string | null;

  @Column({ name: 'eu_cofinancing', type: 'numeric', precision: 14, scale: 2, nullable: true })
  euCofinancing: string | null;

  @Column({ name: 'start_date', type: 'date', nullable: true })
  startDate: string | null;

  @Column({ name: 'end_date', type: 'date', nullable: true })
  endDate: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  themes: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  partners: string[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  indicators: ProgrammeIndicator[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
