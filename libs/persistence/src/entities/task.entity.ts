import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { AiSystemEntity } from './ai-system.entity';
import { UserEntity } from './user.entity';
import type { ApprovalSubjectKind } from '@aigov/domain/approval-subject';
import type { RecordedMonitoringChecks } from '@aigov/domain/monitoring-plan-checks';

export type TaskKind = 'approval' | 'review';
export type TaskStatus = 'open' | 'decided' | 'cancelled' | 'expired' | 'delegated';

@Entity({ name: 'tasks' })
@Check('ck_tasks_kind', "kind IN ('approval', 'review')")
@Check('ck_tasks_status', "status IN ('open', 'decided', 'cancelled', 'expired', 'delegated')")
@Index('idx_tasks_assignee_id_status', ['assigneeId', 'status'])
@Index('idx_tasks_ai_system_id_status', ['aiSystemId', 'status'])
@Index('idx_tasks_status_due_at', ['status', 'dueAt'])
@Check('ck_tasks_subject_kind', "subject_kind IN ('ai_system', 'soa', 'risk_acceptance', 'questionnaire')")
@Check('ck_tasks_ai_system_subject', "subject_kind <> 'ai_system' OR (ai_system_id IS NOT NULL AND subject_id = ai_system_id)")
@Index('idx_tasks_subject_kind_subject_id', ['subjectKind', 'subjectId'])
@Index('idx_tasks_kind_status_decided_at', ['kind', 'status', 'decidedAt'])
@Index('idx_tasks_delegated_from_id', ['delegatedFromId'])
export class TaskEntity {
  @PrimaryColumn({ type: 'uuid', name: 'id', primaryKeyConstraintName: 'pk_tasks' })
  id: string;

  /** what the task approves or reviews: an AI system, a Statement of Applicability version, a risk acceptance */
  @Column({ type: 'text', name: 'subject_kind', default: 'ai_system' })
  subjectKind: ApprovalSubjectKind;

  /** the subject's id (the AI system's id for an AI system's tasks) */
  @Column({ type: 'uuid', name: 'subject_id' })
  subjectId: string;

  /** set exactly when the subject is an AI system */
  @Column({ type: 'uuid', name: 'ai_system_id', nullable: true })
  aiSystemId: string | null;

  @ManyToOne(() => AiSystemEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ai_system_id', foreignKeyConstraintName: 'fk_tasks_ai_system' })
  aiSystem?: Relation<AiSystemEntity>;

  @Column({ type: 'text', name: 'kind' })
  kind: TaskKind;

  /** the workflow that is signalled with the decision */
  @Column({ type: 'text', name: 'workflow_id' })
  workflowId: string;

  @Column({ type: 'integer', name: 'round' })
  round: number;

  @Column({ type: 'text', name: 'step_name', nullable: true })
  stepName: string | null;

  @Column({ type: 'integer', name: 'step_index', nullable: true })
  stepIndex: number | null;

  @Column({ type: 'uuid', name: 'assignee_id' })
  assigneeId: string;

  @ManyToOne(() => UserEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assignee_id', foreignKeyConstraintName: 'fk_tasks_assignee' })
  assignee?: Relation<UserEntity>;

  @Column({ type: 'text', name: 'status', default: 'open' })
  status: TaskStatus;

  @Column({ type: 'text', name: 'title' })
  title: string;

  @Column({ type: 'text', name: 'decision', nullable: true })
  decision: string | null;

  @Column({ type: 'text', name: 'comment', nullable: true })
  comment: string | null;

  @Column({ type: 'uuid', name: 'decided_by_id', nullable: true })
  decidedById: string | null;

  @Column({ type: 'timestamptz', name: 'decided_at', nullable: true })
  decidedAt: Date | null;

  /** the person the task was meant for, when it reached the assignee by delegation or out-of-office routing */
  @Column({ type: 'uuid', name: 'delegated_from_id', nullable: true })
  delegatedFromId: string | null;

  /** on a task with status 'delegated': the task that replaced it */
  @Column({ type: 'uuid', name: 'delegated_to_task_id', nullable: true })
  delegatedToTaskId: string | null;

  @Column({ type: 'text', name: 'delegation_reason', nullable: true })
  delegationReason: string | null;

  /** review tasks: the answered review checklist (libs/domain review-checklist) */
  @Column({ type: 'jsonb', name: 'checklist', nullable: true })
  checklist: Record<string, { result: string; note: string | null }> | null;

  /** review tasks: each metric of the post-market monitoring plan as checked (libs/domain monitoring-plan-checks) */
  @Column({ type: 'jsonb', name: 'monitoring_checks', nullable: true })
  monitoringChecks: RecordedMonitoringChecks | null;

  /** references to the evidence a decision rests on (reports, dashboards, tickets) */
  @Column({ type: 'jsonb', name: 'evidence', default: () => "'[]'" })
  evidence: Array<{ label: string; uri: string }>;

  @Column({ type: 'timestamptz', name: 'due_at', nullable: true })
  dueAt: Date | null;

  @Column({ type: 'timestamptz', name: 'reminded_at', nullable: true })
  remindedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'escalated_at', nullable: true })
  escalatedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
