import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import type { QuestionnaireDefinition, QuestionnaireVersionStatus } from '@aigov/domain/questionnaire/questionnaire.types';
import { UserEntity } from './user.entity';

/**
 * A version of the impact assessment questionnaire: the draft being prepared (at most one, in
 * 'draft' or 'in_approval'), the published (current) one, frozen with the SHA-256 of its
 * canonical JSON, or an earlier one. A version recorded by the migration before the API loaded
 * its file has no definition until then.
 */
@Entity({ name: 'questionnaire_versions' })
@Check('ck_questionnaire_versions_status', "status IN ('draft', 'in_approval', 'published', 'superseded')")
@Check('ck_questionnaire_versions_source', "source IN ('file', 'api')")
@Check('ck_questionnaire_versions_open', "is_open = (status IN ('draft', 'in_approval'))")
@Check('ck_questionnaire_versions_frozen', "status NOT IN ('published') OR (definition IS NOT NULL AND sha256 IS NOT NULL)")
@Index('uq_questionnaire_versions_version', ['version'], { unique: true })
@Index('uq_questionnaire_versions_submission_key', ['submissionKey'], { unique: true })
// One draft at a time (edits never race a submission), one version in force.
@Index('uq_questionnaire_versions_one_open', ['isOpen'], { unique: true, where: 'is_open' })
@Index('uq_questionnaire_versions_one_published', ['status'], { unique: true, where: "status = 'published'" })
export class QuestionnaireVersionEntity {
  @PrimaryColumn({ type: 'uuid', name: 'id', primaryKeyConstraintName: 'pk_questionnaire_versions' })
  id: string;

  /** the label answers are recorded under, e.g. '2026-11.1' */
  @Column({ type: 'text', name: 'version' })
  version: string;

  @Column({ type: 'text', name: 'title', default: 'Impact assessment questionnaire' })
  title: string;

  /** why the version exists (the law or standard that changed) */
  @Column({ type: 'text', name: 'note', nullable: true })
  note: string | null;

  @Column({ type: 'text', name: 'status' })
  status: QuestionnaireVersionStatus;

  /** true while the version is the draft (editable or in its publication round): one at a time */
  @Column({ type: 'boolean', name: 'is_open', default: false })
  isOpen: boolean;

  @Column({ type: 'jsonb', name: 'definition', nullable: true })
  definition: QuestionnaireDefinition | null;

  /** SHA-256 of the canonical JSON of `definition`, set when the version is frozen */
  @Column({ type: 'text', name: 'sha256', nullable: true })
  sha256: string | null;

  /** the version the draft started from */
  @Column({ type: 'text', name: 'based_on', nullable: true })
  basedOn: string | null;

  /** 'file': the questionnaire file shipped in the repository; 'api': drafted and published through the API */
  @Column({ type: 'text', name: 'source' })
  source: 'file' | 'api';

  /** everyone who saved the draft: none of them may approve its publication */
  @Column({ type: 'jsonb', name: 'editor_ids', default: () => "'[]'" })
  editorIds: string[];

  @Column({ type: 'integer', name: 'approval_round', default: 0 })
  approvalRound: number;

  /** the publication workflow of the latest round */
  @Column({ type: 'text', name: 'workflow_id', nullable: true })
  workflowId: string | null;

  /** derived from the Idempotency-Key of the latest submission, so a resent submission answers like the first */
  @Column({ type: 'text', name: 'submission_key', nullable: true })
  submissionKey: string | null;

  @Column({ type: 'uuid', name: 'submitted_by_id', nullable: true })
  submittedById: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'submitted_by_id', foreignKeyConstraintName: 'fk_questionnaire_versions_submitted_by' })
  submittedBy?: Relation<UserEntity> | null;

  @Column({ type: 'timestamptz', name: 'submitted_at', nullable: true })
  submittedAt: Date | null;

  /** the re-assessment due date the submission asked for (null: the policy's dueWithin after publication) */
  @Column({ type: 'timestamptz', name: 'requested_due_at', nullable: true })
  requestedDueAt: Date | null;

  /** the last publication round that did not publish: { round, outcome, reason } */
  @Column({ type: 'jsonb', name: 'last_outcome', nullable: true })
  lastOutcome: { round: number; outcome: string; reason: string | null } | null;

  @Column({ type: 'timestamptz', name: 'published_at', nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}
