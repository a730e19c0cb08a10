import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import type { ImplementationStatus, SoaFramework } from '@aigov/domain/soa';
import { SoaVersionEntity } from './soa-version.entity';
import { UserEntity } from './user.entity';

/** One control's line in a Statement of Applicability version. */
@Entity({ name: 'soa_entries' })
@Check('ck_soa_entries_framework', "framework IN ('iso42001', 'iso27001')")
@Check('ck_soa_entries_implementation_status', "implementation_status IN ('not_started', 'planned', 'partial', 'implemented')")
@Check('ck_soa_entries_justification', "length(btrim(justification)) > 0")
@Index('idx_soa_entries_owner_id', ['ownerId'])
export class SoaEntryEntity {
  @PrimaryColumn({ type: 'uuid', name: 'version_id', primaryKeyConstraintName: 'pk_soa_entries' })
  versionId: string;

  @ManyToOne(() => SoaVersionEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id', foreignKeyConstraintName: 'fk_soa_entries_version' })
  version?: Relation<SoaVersionEntity>;

  @PrimaryColumn({ type: 'text', name: 'framework', primaryKeyConstraintName: 'pk_soa_entries' })
  framework: SoaFramework;

  /** the catalog's ref, as the catalog spells it (A.6.2.6) */
  @PrimaryColumn({ type: 'text', name: 'ref', primaryKeyConstraintName: 'pk_soa_entries' })
  ref: string;

  @Column({ type: 'boolean', name: 'applicable' })
  applicable: boolean;

  @Column({ type: 'text', name: 'justification' })
  justification: string;

  @Column({ type: 'text', name: 'implementation_status' })
  implementationStatus: ImplementationStatus;

  @Column({ type: 'uuid', name: 'owner_id', nullable: true })
  ownerId: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'fk_soa_entries_owner' })
  owner?: Relation<UserEntity>;

  @Column({ type: 'jsonb', name: 'risk_ids', default: () => "'[]'" })
  riskIds: string[];

  @Column({ type: 'text', name: 'evidence_notes', nullable: true })
  evidenceNotes: string | null;

  @Column({ type: 'uuid', name: 'updated_by_id', nullable: true })
  updatedById: string | null;

  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}
