import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { UserEntity } from './user.entity';
import type { CatalogFramework } from '@aigov/domain/catalog/control-catalog.types';
import type { ManualEvidenceForm, ManualEvidenceStatus } from '@aigov/domain/evidence/manual-evidence';

export interface ManualEvidenceControlRef {
  framework: CatalogFramework;
  ref: string;
}

/**
 * A document or link kept as evidence of the controls it names, for the AI systems it names
 * (none: organisation-wide), owned by one person and valid until `expiresAt`. The document's
 * bytes are in ManualEvidenceContentEntity, one row per version.
 */
@Entity({ name: 'manual_evidence' })
@Check(
  'ck_manual_evidence_form',
  `("form" = 'document' AND "sha256" IS NOT NULL AND "size_bytes" BETWEEN 0 AND 10485760 AND "media_type" IS NOT NULL AND "url" IS NULL)
          OR ("form" = 'link' AND "url" IS NOT NULL AND "sha256" IS NULL AND "size_bytes" IS NULL)`,
)
@Check('ck_manual_evidence_status', `"status" IN ('current', 'withdrawn')`)
// GIN and partial indexes TypeORM cannot describe: created by the migration, left alone by the schema comparison
@Index('ix_manual_evidence_controls', { synchronize: false })
@Index('ix_manual_evidence_systems', { synchronize: false })
@Index('ix_manual_evidence_expiry', { synchronize: false })
export class ManualEvidenceEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_manual_evidence' }) id: string;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ type: 'text', nullable: true }) description: string | null;
  @Column({ type: 'varchar', length: 16 }) form: ManualEvidenceForm;
  @Column({ type: 'text', nullable: true }) url: string | null;
  @Column({ type: 'varchar', length: 200, name: 'media_type', nullable: true }) mediaType: string | null;
  @Column({ type: 'varchar', length: 200, name: 'file_name', nullable: true }) fileName: string | null;
  @Column({ type: 'integer', name: 'size_bytes', nullable: true }) sizeBytes: number | null;
  @Column({ type: 'char', length: 64, nullable: true }) sha256: string | null;
  @Column({ type: 'jsonb' }) controls: ManualEvidenceControlRef[];
  @Column({ type: 'uuid', array: true, name: 'ai_system_ids', default: () => "'{}'" }) aiSystemIds: string[];
  @Column({ type: 'uuid', name: 'owner_id' }) ownerId: string;
  @ManyToOne(() => UserEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'fk_manual_evidence_owner' })
  owner?: Relation<UserEntity>;
  @Column({ type: 'timestamptz', name: 'expires_at' }) expiresAt: Date;
  @Column({ type: 'varchar', length: 16 }) status: ManualEvidenceStatus;
  @Column({ type: 'integer' }) version: number;
  /** the expiry date the owner's reminder was about (a new expiry date reminds again) */
  @Column({ type: 'timestamptz', name: 'reminded_for', nullable: true }) remindedFor: Date | null;
  /** the expiry date the governance office was told had passed */
  @Column({ type: 'timestamptz', name: 'escalated_for', nullable: true }) escalatedFor: Date | null;
  @Column({ type: 'uuid', name: 'created_by_id' }) createdById: string;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
  @Column({ type: 'uuid', name: 'withdrawn_by_id', nullable: true }) withdrawnById: string | null;
  @Column({ type: 'timestamptz', name: 'withdrawn_at', nullable: true }) withdrawnAt: Date | null;
  @Column({ type: 'text', name: 'withdrawal_reason', nullable: true }) withdrawalReason: string | null;
}

/** The bytes of one version of a manual evidence document (at most 10 MiB). */
@Entity({ name: 'manual_evidence_contents' })
@Check('ck_manual_evidence_contents_size', `octet_length("content") <= 10485760`)
export class ManualEvidenceContentEntity {
  @PrimaryColumn({ type: 'uuid', name: 'evidence_id', primaryKeyConstraintName: 'pk_manual_evidence_contents' }) evidenceId: string;
  @ManyToOne(() => ManualEvidenceEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'evidence_id', foreignKeyConstraintName: 'fk_manual_evidence_contents_evidence' })
  evidence?: Relation<ManualEvidenceEntity>;
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'pk_manual_evidence_contents' }) version: number;
  @Column({ type: 'char', length: 64 }) sha256: string;
  @Column({ type: 'bytea' }) content: Buffer;
  @Column({ type: 'timestamptz', name: 'stored_at' }) storedAt: Date;
}
