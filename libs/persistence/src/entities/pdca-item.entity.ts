import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import type { EvidenceRef } from '@aigov/domain/review-checklist';
import type { PdcaKind, PdcaPhase, PdcaSourceType } from '@aigov/domain/pdca-item';
import { AiSystemEntity } from './ai-system.entity';
import { UserEntity } from './user.entity';

/**
 * Read model of a PDCA item (nonconformity, corrective action, improvement); its workflow
 * `pdca-item:<id>` is the source of truth and writes this row, keyed by projection_seq.
 */
@Entity({ name: 'pdca_items' })
@Check('ck_pdca_items_kind', "kind IN ('nonconformity', 'corrective_action', 'improvement')")
@Check('ck_pdca_items_phase', "phase IN ('plan', 'do', 'check', 'closed')")
@Check('ck_pdca_items_source_type', "source_type IN ('ai_system', 'review', 'incident', 'audit_finding', 'management_review', 'other')")
@Index('idx_pdca_items_phase_due_at', ['phase', 'dueAt'])
@Index('idx_pdca_items_owner_id_phase', ['ownerId', 'phase'])
@Index('idx_pdca_items_ai_system_id', ['aiSystemId'])
export class PdcaItemEntity {
  @PrimaryColumn({ type: 'uuid', name: 'id', primaryKeyConstraintName: 'pk_pdca_items' })
  id: string;

  @Column({ type: 'text', name: 'kind' })
  kind: PdcaKind;

  @Column({ type: 'text', name: 'title' })
  title: string;

  @Column({ type: 'text', name: 'description' })
  description: string;

  @Column({ type: 'text', name: 'phase' })
  phase: PdcaPhase;

  @Column({ type: 'uuid', name: 'ai_system_id', nullable: true })
  aiSystemId: string | null;

  @ManyToOne(() => AiSystemEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ai_system_id', foreignKeyConstraintName: 'fk_pdca_items_ai_system' })
  aiSystem?: Relation<AiSystemEntity>;

  @Column({ type: 'text', name: 'source_type' })
  sourceType: PdcaSourceType;

  /** the review task, monitoring event, audit, or management review the item came from */
  @Column({ type: 'text', name: 'source_id', nullable: true })
  sourceId: string | null;

  @Column({ type: 'uuid', name: 'owner_id', nullable: true })
  ownerId: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'fk_pdca_items_owner' })
  owner?: Relation<UserEntity>;

  @Column({ type: 'text', name: 'root_cause', nullable: true })
  rootCause: string | null;

  @Column({ type: 'text', name: 'planned_action', nullable: true })
  plannedAction: string | null;

  @Column({ type: 'timestamptz', name: 'due_at', nullable: true })
  dueAt: Date | null;

  @Column({ type: 'text', name: 'completion_note', nullable: true })
  completionNote: string | null;

  @Column({ type: 'uuid', name: 'completed_by_id', nullable: true })
  completedById: string | null;

  @Column({ type: 'timestamptz', name: 'completed_at', nullable: true })
  completedAt: Date | null;

  @Column({ type: 'jsonb', name: 'evidence', default: () => "'[]'" })
  evidence: EvidenceRef[];

  @Column({ type: 'uuid', name: 'verified_by_id', nullable: true })
  verifiedById: string | null;

  @Column({ type: 'boolean', name: 'effective', nullable: true })
  effective: boolean | null;

  @Column({ type: 'text', name: 'verification_note', nullable: true })
  verificationNote: string | null;

  @Column({ type: 'timestamptz', name: 'verified_at', nullable: true })
  verifiedAt: Date | null;

  /** how often a failed effectiveness check sent it back to planning */
  @Column({ type: 'integer', name: 'reopen_count', default: 0 })
  reopenCount: number;

  @Column({ type: 'timestamptz', name: 'reminded_at', nullable: true })
  remindedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'escalated_at', nullable: true })
  escalatedAt: Date | null;

  @Column({ type: 'text', name: 'workflow_id' })
  workflowId: string;

  @Column({ type: 'integer', name: 'projection_seq', default: 0 })
  projectionSeq: number;

  @Column({ type: 'uuid', name: 'created_by_id', nullable: true })
  createdById: string | null;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;

  @Column({ type: 'timestamptz', name: 'closed_at', nullable: true })
  closedAt: Date | null;
}
