import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation, Unique } from 'typeorm';
import type { RiskAcceptanceState, RiskSource, RiskStatus, RiskTreatment } from '@aigov/domain/risk-register';
import { UserEntity } from './user.entity';

/** A control that treats a risk, named by framework and ref (a ref alone is ambiguous: A.5.2 is in both Annexes). */
export interface RiskControlRef {
  framework: string;
  ref: string;
}

/** What proposed a draft risk: the impact assessment's trigger it cites. */
export interface RiskOrigin {
  kind: 'impact_assessment';
  aiSystemId: string;
  assessmentVersion: number;
  reasonCode: string;
  reference: string;
  text: string;
}

/**
 * One risk of the unified register (information security and AI). Written by the API in one
 * transaction with its audit event (stream `risk:<id>`). Ratings keep the level names of the
 * matrix they were made on, with the computed score and rating beside them.
 */
@Entity({ name: 'risks' })
@Check('ck_risks_source', "source IN ('information_security', 'ai', 'both')")
@Check('ck_risks_treatment', "treatment IN ('mitigate', 'accept', 'avoid', 'transfer')")
@Check('ck_risks_status', "status IN ('draft', 'open', 'accepted', 'closed')")
@Check('ck_risks_acceptance', "acceptance IN ('needs_approval', 'in_approval', 'approved', 'rejected')")
@Unique('uq_risks_draft_key', ['draftKey'])
@Index('idx_risks_status', ['status'])
@Index('idx_risks_owner_id', ['ownerId'])
@Index('idx_risks_next_review_at', ['nextReviewAt'])
export class RiskEntity {
  @PrimaryColumn({ type: 'uuid', name: 'id', primaryKeyConstraintName: 'pk_risks' })
  id: string;

  @Column({ type: 'text', name: 'title' })
  title: string;

  @Column({ type: 'text', name: 'description' })
  description: string;

  @Column({ type: 'text', name: 'source' })
  source: RiskSource;

  /** free text: the information assets or AI assets concerned */
  @Column({ type: 'jsonb', name: 'assets', default: () => "'[]'" })
  assets: string[];

  /** the threat (information security) or harm (AI) */
  @Column({ type: 'text', name: 'threat' })
  threat: string;

  @Column({ type: 'jsonb', name: 'affected_parties', default: () => "'[]'" })
  affectedParties: string[];

  @Column({ type: 'text', name: 'inherent_likelihood', nullable: true })
  inherentLikelihood: string | null;

  @Column({ type: 'text', name: 'inherent_impact', nullable: true })
  inherentImpact: string | null;

  @Column({ type: 'integer', name: 'inherent_score', nullable: true })
  inherentScore: number | null;

  @Column({ type: 'text', name: 'inherent_rating', nullable: true })
  inherentRating: string | null;

  @Column({ type: 'text', name: 'residual_likelihood', nullable: true })
  residualLikelihood: string | null;

  @Column({ type: 'text', name: 'residual_impact', nullable: true })
  residualImpact: string | null;

  @Column({ type: 'integer', name: 'residual_score', nullable: true })
  residualScore: number | null;

  @Column({ type: 'text', name: 'residual_rating', nullable: true })
  residualRating: string | null;

  @Column({ type: 'text', name: 'treatment', nullable: true })
  treatment: RiskTreatment | null;

  @Column({ type: 'jsonb', name: 'controls', default: () => "'[]'" })
  controls: RiskControlRef[];

  @Column({ type: 'jsonb', name: 'pdca_item_ids', default: () => "'[]'" })
  pdcaItemIds: string[];

  @Column({ type: 'uuid', name: 'owner_id' })
  ownerId: string;

  @ManyToOne(() => UserEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'fk_risks_owner' })
  owner?: Relation<UserEntity>;

  /** who last rated it (inherent or residual); never its acceptor */
  @Column({ type: 'uuid', name: 'rated_by_id', nullable: true })
  ratedById: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'rated_by_id', foreignKeyConstraintName: 'fk_risks_rated_by' })
  ratedBy?: Relation<UserEntity>;

  @Column({ type: 'timestamptz', name: 'rated_at', nullable: true })
  ratedAt: Date | null;

  /** an acceptance above the appetite waiting for (or decided by) an approval round */
  @Column({ type: 'text', name: 'acceptance', nullable: true })
  acceptance: RiskAcceptanceState | null;

  @Column({ type: 'uuid', name: 'accepted_by_id', nullable: true })
  acceptedById: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'accepted_by_id', foreignKeyConstraintName: 'fk_risks_accepted_by' })
  acceptedBy?: Relation<UserEntity>;

  @Column({ type: 'timestamptz', name: 'accepted_at', nullable: true })
  acceptedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'next_review_at', nullable: true })
  nextReviewAt: Date | null;

  /** the review date the owner was last reminded of (the daily scan reminds once per date) */
  @Column({ type: 'timestamptz', name: 'review_reminded_for', nullable: true })
  reviewRemindedFor: Date | null;

  @Column({ type: 'text', name: 'status' })
  status: RiskStatus;

  @Column({ type: 'jsonb', name: 'origin', nullable: true })
  origin: RiskOrigin | null;

  /** system:assessment version:reason code for drafts an impact assessment proposed (no duplicates on retry) */
  @Column({ type: 'text', name: 'draft_key', nullable: true })
  draftKey: string | null;

  @Column({ type: 'uuid', name: 'created_by_id', nullable: true })
  createdById: string | null;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
