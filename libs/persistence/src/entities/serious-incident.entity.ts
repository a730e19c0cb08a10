import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation, Unique } from 'typeorm';
import type { SeriousIncidentCategory } from '@aigov/domain/serious-incident';
import { AiSystemEntity } from './ai-system.entity';
import { MonitoringEventEntity } from './monitoring-event.entity';
import { UserEntity } from './user.entity';

/**
 * Read model of a serious incident (EU AI Act Art. 73): a monitoring event marked serious, its
 * category and reporting deadline, the clock's reminders and escalation, and the report's
 * submission with the report frozen as submitted. Its workflow `serious-incident:<event id>`
 * is the source of truth and writes this row, keyed by projection_seq.
 */
@Entity({ name: 'serious_incidents' })
@Unique('uq_serious_incidents_monitoring_event_id', ['monitoringEventId'])
@Check('ck_serious_incidents_category', "category IN ('general', 'death', 'widespread_or_critical_infrastructure')")
@Check('ck_serious_incidents_status', "status IN ('open', 'submitted')")
@Index('idx_serious_incidents_status_deadline_at', ['status', 'deadlineAt'])
@Index('idx_serious_incidents_ai_system_id', ['aiSystemId'])
export class SeriousIncidentEntity {
  @PrimaryColumn({ type: 'uuid', name: 'id', primaryKeyConstraintName: 'pk_serious_incidents' })
  id: string;

  @Column({ type: 'uuid', name: 'monitoring_event_id' })
  monitoringEventId: string;

  @ManyToOne(() => MonitoringEventEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'monitoring_event_id', foreignKeyConstraintName: 'fk_serious_incidents_monitoring_event' })
  monitoringEvent?: Relation<MonitoringEventEntity>;

  @Column({ type: 'uuid', name: 'ai_system_id' })
  aiSystemId: string;

  @ManyToOne(() => AiSystemEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ai_system_id', foreignKeyConstraintName: 'fk_serious_incidents_ai_system' })
  aiSystem?: Relation<AiSystemEntity>;

  @Column({ type: 'text', name: 'category' })
  category: SeriousIncidentCategory;

  @Column({ type: 'text', name: 'status' })
  status: 'open' | 'submitted';

  @Column({ type: 'text', name: 'summary' })
  summary: string;

  /** when the organisation became aware: the clock runs from here */
  @Column({ type: 'timestamptz', name: 'aware_at' })
  awareAt: Date;

  @Column({ type: 'timestamptz', name: 'deadline_at' })
  deadlineAt: Date;

  @Column({ type: 'uuid', name: 'declared_by_id' })
  declaredById: string;

  @ManyToOne(() => UserEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'declared_by_id', foreignKeyConstraintName: 'fk_serious_incidents_declared_by' })
  declaredBy?: Relation<UserEntity>;

  @Column({ type: 'timestamptz', name: 'declared_at' })
  declaredAt: Date;

  /** the version the system was running when the event was recorded (from its deployments) */
  @Column({ type: 'text', name: 'version_in_operation', nullable: true })
  versionInOperation: string | null;

  @Column({ type: 'integer', name: 'reminders_sent', default: 0 })
  remindersSent: number;

  @Column({ type: 'timestamptz', name: 'last_reminded_at', nullable: true })
  lastRemindedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'escalated_at', nullable: true })
  escalatedAt: Date | null;

  /** when the clock marked the deadline missed (stays set: a missed deadline is a fact) */
  @Column({ type: 'timestamptz', name: 'overdue_at', nullable: true })
  overdueAt: Date | null;

  /** when the report reached the authority, as the person recording it said */
  @Column({ type: 'timestamptz', name: 'submitted_at', nullable: true })
  submittedAt: Date | null;

  /** when the submission was recorded here */
  @Column({ type: 'timestamptz', name: 'submission_recorded_at', nullable: true })
  submissionRecordedAt: Date | null;

  @Column({ type: 'uuid', name: 'submitted_by_id', nullable: true })
  submittedById: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'submitted_by_id', foreignKeyConstraintName: 'fk_serious_incidents_submitted_by' })
  submittedBy?: Relation<UserEntity>;

  /** the market surveillance authority the report went to */
  @Column({ type: 'text', name: 'authority', nullable: true })
  authority: string | null;

  @Column({ type: 'text', name: 'authority_reference', nullable: true })
  authorityReference: string | null;

  @Column({ type: 'text', name: 'submission_note', nullable: true })
  submissionNote: string | null;

  @Column({ type: 'boolean', name: 'submitted_late', nullable: true })
  submittedLate: boolean | null;

  /** the report as submitted (the draft is compiled on request until then) */
  @Column({ type: 'jsonb', name: 'report', nullable: true })
  report: Record<string, unknown> | null;

  /** SHA-256 of the canonical JSON of `report` */
  @Column({ type: 'text', name: 'report_sha256', nullable: true })
  reportSha256: string | null;

  @Column({ type: 'text', name: 'workflow_id' })
  workflowId: string;

  @Column({ type: 'integer', name: 'projection_seq', default: 0 })
  projectionSeq: number;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
