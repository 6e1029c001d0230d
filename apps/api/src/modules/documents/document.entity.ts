import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { DocumentKind } from '@convergo/contracts';

/** A shared document's metadata; its content lives in document_updates and document_snapshots. */
@Entity('documents')
export class DocumentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  title: string;

  @Column('text')
  kind: DocumentKind;

  /** `member`, `space`, `lab`, `twinning`: the registered DocumentOwnerPolicy decides access. */
  @Column({ name: 'owner_type', type: 'text' })
  ownerType: string;

  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId: string;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  regions: string[];

  @Column({ name: 'province_codes', type: 'text', array: true, default: () => "'{}'" })
  provinceCodes: string[];

  /** Last sequence number given to an update of this document (see the documents migration). */
  @Column({ name: 'update_seq', type: 'bigint', default: 0, select: false })
  updateSeq: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** One Yjs update, stored before anyone is told about it. */
@Entity('document_updates')
export class DocumentUpdateEntity {
  @Column({ name: 'doc_id', type: 'uuid', primary: true })
  docId: string;

  @Column({ type: 'bigint', primary: true })
  seq: string;

  @Column({ type: 'bytea' })
  update: Buffer;

  @Column({ name: 'member_id', type: 'uuid', nullable: true })
  memberId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** The document's state merged from every update up to `upToSeq` (those rows are then deleted). */
@Entity('document_snapshots')
export class DocumentSnapshotEntity {
  @Column({ name: 'doc_id', type: 'uuid', primary: true })
  docId: string;

  @Column({ name: 'up_to_seq', type: 'bigint' })
  upToSeq: string;

  @Column({ type: 'bytea' })
  state: Buffer;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
