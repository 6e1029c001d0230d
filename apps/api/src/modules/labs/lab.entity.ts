import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { LabAmbito, LabRole, LabStatus } from '@convergo/contracts';

/** A capacity-building lab (Laboratorio) of a programme, in one ambito. */
@Entity('labs')
export class LabEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'programme_id', type: 'uuid', nullable: true })
  programmeId: string | null;

  @Column('text')
  title: string;

  @Column('text')
  ambito: LabAmbito;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'text', default: '' })
  objectives: string;

  @Column({ name: 'expected_results', type: 'text', default: '' })
  expectedResults: string;

  @Column({ name: 'target_administrations', type: 'text', default: '' })
  targetAdministrations: string;

  /** Places for participants; null: unlimited. */
  @Column({ type: 'int', nullable: true })
  capacity: number | null;

  @Column({ type: 'text', default: 'draft' })
  status: LabStatus;

  /** Italian regions (names as in the organisation directory) the lab targets. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  regions: string[];

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A member's scoped role in a lab: participant (an official) or tutor. */
@Entity('lab_participants')
export class LabParticipantEntity {
  @PrimaryColumn({ name: 'lab_id', type: 'uuid' })
  labId: string;

  @PrimaryColumn({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @Column('text')
  role: LabRole;

  @Column({ name: 'added_by', type: 'uuid', nullable: true })
  addedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A working group of a lab (gruppo di lavoro): some of its participants working together. */
@Entity('lab_groups')
export class LabGroupEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'lab_id', type: 'uuid' })
  labId: string;

  @Column('text')
  name: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A participant of the lab in one of its working groups. */
@Entity('lab_group_members')
export class LabGroupMemberEntity {
  @PrimaryColumn({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @PrimaryColumn({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @Column({ name: 'lab_id', type: 'uuid' })
  labId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
