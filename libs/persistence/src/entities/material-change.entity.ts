import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import type { ArtifactRef } from '@aigov/domain/artifact-ref';
import type { MaterialChangeKind, MaterialChangeStatus } from '@aigov/domain/material-change';
import { AiSystemEntity } from './ai-system.entity';

/** A proposed material change, re-assessed and approved while the approved version keeps running. */
@Entity({ name: 'material_changes' })
@Check('ck_material_changes_status', "status IN ('assessment', 'approval', 'approved', 'deployed', 'rejected', 'returned')")
@Index('idx_material_changes_ai_system_id', ['aiSystemId'])
export class MaterialChangeEntity {
  @PrimaryColumn({ type: 'uuid', name: 'id', primaryKeyConstraintName: 'pk_material_changes' })
  id: string;

  @Column({ type: 'uuid', name: 'ai_system_id' })
  aiSystemId: string;

  @ManyToOne(() => AiSystemEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ai_system_id', foreignKeyConstraintName: 'fk_material_changes_ai_system' })
  aiSystem?: Relation<AiSystemEntity>;

  @Column({ type: 'jsonb', name: 'kinds' })
  kinds: MaterialChangeKind[];

  @Column({ type: 'text', name: 'description' })
  description: string;

  /** the version label the change will deploy as */
  @Column({ type: 'text', name: 'proposed_version' })
  proposedVersion: string;

  @Column({ type: 'jsonb', name: 'model_artifact', nullable: true })
  modelArtifact: ArtifactRef | null;

  @Column({ type: 'jsonb', name: 'data_artifacts', default: () => "'[]'" })
  dataArtifacts: ArtifactRef[];

  @Column({ type: 'text', name: 'new_purpose', nullable: true })
  newPurpose: string | null;

  @Column({ type: 'jsonb', name: 'new_affected_groups', default: () => "'[]'" })
  newAffectedGroups: string[];

  @Column({ type: 'text', name: 'status' })
  status: MaterialChangeStatus;

  /** the version running when the change was proposed, which keeps running until it deploys */
  @Column({ type: 'text', name: 'running_version', nullable: true })
  runningVersion: string | null;

  @Column({ type: 'integer', name: 'assessment_version', nullable: true })
  assessmentVersion: number | null;

  @Column({ type: 'integer', name: 'approval_round', nullable: true })
  approvalRound: number | null;

  @Column({ type: 'uuid', name: 'proposed_by_id' })
  proposedById: string;

  @Column({ type: 'timestamptz', name: 'proposed_at' })
  proposedAt: Date;

  @Column({ type: 'timestamptz', name: 'decided_at', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'deployed_at', nullable: true })
  deployedAt: Date | null;
}
