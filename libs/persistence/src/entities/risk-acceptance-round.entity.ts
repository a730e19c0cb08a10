import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Relation, Unique } from 'typeorm';
import type { ApprovalRoundOutcome } from '@aigov/domain/approval-quorum';
import { RiskEntity } from './risk.entity';
import { UserEntity } from './user.entity';

/**
 * One approval round asked for to accept a risk above the appetite (workflow
 * `risk-acceptance:<riskId>:<round>`): who asked, why, the rating put to the approvers, and
 * the outcome once the round has ended. Written by the API when asked and by the worker's
 * activity when decided, each in one transaction with the audit event on `risk:<id>`.
 */
@Entity({ name: 'risk_acceptance_rounds' })
@Unique('uq_risk_acceptance_rounds_request_key', ['requestKey'])
export class RiskAcceptanceRoundEntity {
  @PrimaryColumn({ type: 'uuid', name: 'risk_id', primaryKeyConstraintName: 'pk_risk_acceptance_rounds' })
  riskId: string;

  @PrimaryColumn({ type: 'integer', name: 'round', primaryKeyConstraintName: 'pk_risk_acceptance_rounds' })
  round: number;

  @ManyToOne(() => RiskEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'risk_id', foreignKeyConstraintName: 'fk_risk_acceptance_rounds_risk' })
  risk?: Relation<RiskEntity>;

  @Column({ type: 'text', name: 'workflow_id' })
  workflowId: string;

  @Column({ type: 'uuid', name: 'requested_by_id' })
  requestedById: string;

  @ManyToOne(() => UserEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requested_by_id', foreignKeyConstraintName: 'fk_risk_acceptance_rounds_requested_by' })
  requestedBy?: Relation<UserEntity>;

  @Column({ type: 'timestamptz', name: 'requested_at' })
  requestedAt: Date;

  @Column({ type: 'text', name: 'justification' })
  justification: string;

  /** who had rated the risk when the round was asked for: not asked, refused by the validators */
  @Column({ type: 'uuid', name: 'rated_by_id', nullable: true })
  ratedById: string | null;

  /** the residual rating put to the approvers */
  @Column({ type: 'text', name: 'residual_rating' })
  residualRating: string;

  /** the caller's Idempotency-Key (scoped to the caller), so a resent request starts nothing twice */
  @Column({ type: 'text', name: 'request_key', nullable: true })
  requestKey: string | null;

  @Column({ type: 'text', name: 'outcome', nullable: true })
  outcome: ApprovalRoundOutcome | null;

  @Column({ type: 'text', name: 'reason', nullable: true })
  reason: string | null;

  @Column({ type: 'timestamptz', name: 'decided_at', nullable: true })
  decidedAt: Date | null;
}
