import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { TwinningStatus } from '@convergo/contracts';

/** A twinning (gemellaggio): an offering administration hands a practice to receiving ones. */
@Entity('twinnings')
export class TwinningEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  title: string;

  @Column({ name: 'practice_title', type: 'text' })
  practiceTitle: string;

  @Column({ name: 'practice_description', type: 'text', default: '' })
  practiceDescription: string;

  @Column({ name: 'offering_organization_id', type: 'uuid' })
  offeringOrganizationId: string;

  @Column({ type: 'text', default: 'candidatura' })
  status: TwinningStatus;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** One receiving administration (amministrazione ricevente) of a twinning. */
@Entity('twinning_receiving_organizations')
export class TwinningReceivingOrganizationEntity {
  @PrimaryColumn({ name: 'twinning_id', type: 'uuid' })
  twinningId: string;

  @PrimaryColumn({ name: 'organization_id', type: 'uuid' })
  organizationId: string;
}
