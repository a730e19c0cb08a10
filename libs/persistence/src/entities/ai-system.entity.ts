import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation, Unique } from 'typeorm';
import type { LifecycleStage } from '@aigov/domain/lifecycle-stage';
import type { RiskReason, RiskTier } from '@aigov/domain/risk-tier';
import { UserEntity } from './user.entity';

export type VendorType = 'in_house' | 'third_party';

/**
 * The read model of one AI system. The lifecycle workflow is the source of truth; this row is
 * its projection, so writers compare projection_seq before applying a change.
 */
@Entity({ name: 'ai_systems' })
@Unique('uq_ai_systems_workflow_id', ['workflowId'])
@Check('ck_ai_systems_vendor_type', "vendor_type IN ('in_house', 'third_party')")
@Check('ck_ai_systems_external_id', 'external_id IS NULL OR (char_length(external_id) BETWEEN 1 AND 200 AND external_id = btrim(external_id))')
@Index('idx_ai_systems_stage', ['stage'])
@Index('idx_ai_systems_risk_tier', ['riskTier'])
@Index('idx_ai_systems_accountable_owner_id', ['accountableOwnerId'])
// also the stage report's index-only scan (migration 1764501010000)
@Index('idx_ai_systems_stage_risk_tier_entered_at', ['stage', 'riskTier', 'stageEnteredAt'])
@Index('idx_ai_systems_stage_next_review_at', ['stage', 'nextReviewAt'])
// trigram GIN indexes for the list's substring search (migration 1764501000000); TypeORM cannot describe them
@Index('idx_ai_systems_name_trgm', { synchronize: false })
@Index('idx_ai_systems_purpose_trgm', { synchronize: false })
// one live system per registered model name: a partial unique index (migration 1764503100000)
@Index('uq_ai_systems_registered_model_name', { synchronize: false })
// unique on the effective external id, coalesce(external_id, id::text) (migration 1764503000000); an expression TypeORM cannot describe
@Index('uq_ai_systems_external_id', { synchronize: false })
export class AiSystemEntity {
  @PrimaryColumn({ type: 'uuid', name: 'id', primaryKeyConstraintName: 'pk_ai_systems' })
  id: string;

  /**
   * The id an inventory import names the system by (its CMDB or spreadsheet key); null for systems
   * registered through the API, whose effective external id is their own id.
   */
  @Column({ type: 'text', name: 'external_id', nullable: true })
  externalId: string | null;

  @Column({ type: 'text', name: 'name' })
  name: string;

  @Column({ type: 'text', name: 'purpose' })
  purpose: string;

  @Column({ type: 'text', name: 'intended_use' })
  intendedUse: string;

  @Column({ type: 'uuid', name: 'accountable_owner_id' })
  accountableOwnerId: string;

  @ManyToOne(() => UserEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'accountable_owner_id', foreignKeyConstraintName: 'fk_ai_systems_accountable_owner' })
  accountableOwner?: Relation<UserEntity>;

  @Column({ type: 'text', name: 'business_unit' })
  businessUnit: string;

  @Column({ type: 'jsonb', name: 'data_sources' })
  dataSources: string[];

  @Column({ type: 'jsonb', name: 'data_categories' })
  dataCategories: string[];

  @Column({ type: 'boolean', name: 'personal_data' })
  personalData: boolean;

  @Column({ type: 'boolean', name: 'special_category_data' })
  specialCategoryData: boolean;

  @Column({ type: 'text', name: 'model_type' })
  modelType: string;

  @Column({ type: 'text', name: 'vendor_type' })
  vendorType: VendorType;

  @Column({ type: 'text', name: 'vendor_name', nullable: true })
  vendorName: string | null;

  @Column({ type: 'text', name: 'deployment_context' })
  deploymentContext: string;

  @Column({ type: 'jsonb', name: 'affected_stakeholders' })
  affectedStakeholders: string[];

  @Column({ type: 'text', name: 'autonomy_level' })
  autonomyLevel: string;

  @Column({ type: 'text', name: 'stage' })
  stage: LifecycleStage;

  @Column({ type: 'text', name: 'risk_tier', nullable: true })
  riskTier: RiskTier | null;

  @Column({ type: 'jsonb', name: 'risk_reasons', nullable: true })
  riskReasons: RiskReason[] | null;

  @Column({ type: 'text', name: 'current_version', nullable: true })
  currentVersion: string | null;

  @Column({ type: 'text', name: 'last_approved_version', nullable: true })
  lastApprovedVersion: string | null;

  /** the model registry's (MLflow's) registered model this system runs, exactly as the registry names it */
  @Column({ type: 'varchar', length: 256, name: 'registered_model_name', nullable: true })
  registeredModelName: string | null;

  @Column({ type: 'integer', name: 'approval_round', default: 0 })
  approvalRound: number;

  /** decommission checklist while the system is in retirement (migration 1763856100000) */
  @Column({ type: 'jsonb', name: 'retirement_checklist', nullable: true })
  retirementChecklist: Record<string, { done: boolean; doneById: string | null; note: string | null }> | null;

  @Column({ type: 'timestamptz', name: 'stage_entered_at' })
  stageEnteredAt: Date;

  @Column({ type: 'timestamptz', name: 'next_review_at', nullable: true })
  nextReviewAt: Date | null;

  @Column({ type: 'uuid', name: 'submitted_by_id', nullable: true })
  submittedById: string | null;

  @Column({ type: 'uuid', name: 'created_by_id' })
  createdById: string;

  @Column({ type: 'text', name: 'workflow_id' })
  workflowId: string;

  /** the workflow's sequence number of the last change applied here; older or repeated changes are ignored */
  @Column({ type: 'integer', name: 'projection_seq', default: 0 })
  projectionSeq: number;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}
