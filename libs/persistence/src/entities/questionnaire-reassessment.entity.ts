import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation, Unique } from 'typeorm';
import type { RiskTier } from '@aigov/domain/risk-tier';
import type { ReassessmentOutcome, ReassessmentStatus } from '@aigov/domain/questionnaire/reassessment';
import { AiSystemEntity } from './ai-system.entity';
import { QuestionnaireVersionEntity } from './questionnaire-version.entity';
import { UserEntity } from './user.entity';

/**
 * A published questionnaire version asking the owner of one system to re-assess it, because
 * the version could change its tier: open until answered (or until the system leaves service
 * or a newer version asks again), overdue once `due_at` has passed while open.
 */
@Entity({ name: 'questionnaire_reassessments' })
@Unique('uq_questionnaire_reassessments_version_system', ['versionId', 'aiSystemId'])
@Check('ck_questionnaire_reassessments_status', "status IN ('open', 'completed', 'superseded', 'cancelled')")
@Check('ck_questionnaire_reassessments_outcome', "outcome IS NULL OR outcome IN ('unchanged', 'change_proposed', 'prohibited', 'assessed_otherwise')")
@Check('ck_questionnaire_reassessments_closed', "(status = 'open') = (closed_at IS NULL)")
@Index('idx_questionnaire_reassessments_owner_status', ['ownerId', 'status'])
@Index('idx_questionnaire_reassessments_system_status', ['aiSystemId', 'status'])
@Index('idx_questionnaire_reassessments_status_due', ['status', 'dueAt'])
@Index('idx_questionnaire_reassessments_version_status', ['versionId', 'status'])
export class QuestionnaireReassessmentEntity {
  @PrimaryColumn({ type: 'uuid', name: 'id', primaryKeyConstraintName: 'pk_questionnaire_reassessments' })
  id: string;

  @Column({ type: 'uuid', name: 'version_id' })
  versionId: string;

  @ManyToOne(() => QuestionnaireVersionEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'version_id', foreignKeyConstraintName: 'fk_questionnaire_reassessments_version' })
  questionnaire?: Relation<QuestionnaireVersionEntity>;

  /** the version to answer, e.g. '2026-12.1' */
  @Column({ type: 'text', name: 'questionnaire_version' })
  questionnaireVersion: string;

  @Column({ type: 'uuid', name: 'ai_system_id' })
  aiSystemId: string;

  @ManyToOne(() => AiSystemEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ai_system_id', foreignKeyConstraintName: 'fk_questionnaire_reassessments_ai_system' })
  aiSystem?: Relation<AiSystemEntity>;

  /** the system's accountable owner when asked */
  @Column({ type: 'uuid', name: 'owner_id' })
  ownerId: string;

  @ManyToOne(() => UserEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'fk_questionnaire_reassessments_owner' })
  owner?: Relation<UserEntity>;

  /** the version the stored answers were given to */
  @Column({ type: 'text', name: 'answered_version', nullable: true })
  answeredVersion: string | null;

  /** the system's tier when asked (what it keeps running under meanwhile) */
  @Column({ type: 'text', name: 'from_tier', nullable: true })
  fromTier: RiskTier | null;

  /** the tier range the stored answers give under the new version */
  @Column({ type: 'text', name: 'lowest_tier' })
  lowestTier: RiskTier;

  @Column({ type: 'text', name: 'highest_tier' })
  highestTier: RiskTier;

  /** the unanswered questions whose answer could raise the tier */
  @Column({ type: 'jsonb', name: 'deciding_questions', default: () => "'[]'" })
  decidingQuestions: string[];

  @Column({ type: 'text', name: 'status', default: 'open' })
  status: ReassessmentStatus;

  @Column({ type: 'text', name: 'outcome', nullable: true })
  outcome: ReassessmentOutcome | null;

  @Column({ type: 'timestamptz', name: 'due_at' })
  dueAt: Date;

  @Column({ type: 'timestamptz', name: 'requested_at' })
  requestedAt: Date;

  /** when the owner was told (the request email), reminded, told it is overdue, and when it was escalated */
  @Column({ type: 'timestamptz', name: 'notified_at', nullable: true })
  notifiedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'reminded_at', nullable: true })
  remindedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'overdue_at', nullable: true })
  overdueAt: Date | null;

  @Column({ type: 'timestamptz', name: 'escalated_at', nullable: true })
  escalatedAt: Date | null;

  /** the tier the re-assessment gave */
  @Column({ type: 'text', name: 'result_tier', nullable: true })
  resultTier: RiskTier | null;

  /** the system's impact assessment (its version number) that answered the request */
  @Column({ type: 'integer', name: 'assessment_version', nullable: true })
  assessmentVersion: number | null;

  /** the reclassification change a changed tier went into */
  @Column({ type: 'uuid', name: 'material_change_id', nullable: true })
  materialChangeId: string | null;

  @Column({ type: 'uuid', name: 'closed_by_id', nullable: true })
  closedById: string | null;

  @Column({ type: 'timestamptz', name: 'closed_at', nullable: true })
  closedAt: Date | null;

  /** why a request closed without an answer (the system retired, a newer version asked again) */
  @Column({ type: 'text', name: 'close_reason', nullable: true })
  closeReason: string | null;
}
