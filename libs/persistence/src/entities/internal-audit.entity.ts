import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/** An internal audit (ISO/IEC 42001 9.2) opened by its schedule; findings become PDCA items. */
@Entity({ name: 'internal_audits' })
@Unique('uq_internal_audits_workflow_id', ['workflowId'])
@Check('ck_internal_audits_status', "status IN ('open', 'completed')")
@Index('idx_internal_audits_due_at', ['dueAt'])
export class InternalAuditEntity {
  @PrimaryColumn({ type: 'uuid', name: 'id', primaryKeyConstraintName: 'pk_internal_audits' })
  id: string;

  @Column({ type: 'text', name: 'workflow_id' })
  workflowId: string;

  @Column({ type: 'text', name: 'status', default: 'open' })
  status: 'open' | 'completed';

  @Column({ type: 'timestamptz', name: 'opened_at' })
  openedAt: Date;

  @Column({ type: 'timestamptz', name: 'due_at' })
  dueAt: Date;

  /** the AI systems in scope when the audit opened (ids and names), a snapshot */
  @Column({ type: 'jsonb', name: 'scope' })
  scope: Array<{ id: string; name: string; stage: string; riskTier: string | null }>;

  @Column({ type: 'jsonb', name: 'auditors', default: () => "'[]'" })
  auditors: Array<{ id: string; email: string; name: string }>;

  @Column({ type: 'text', name: 'summary', nullable: true })
  summary: string | null;

  /** findings as recorded, each with the PDCA item it became */
  @Column({ type: 'jsonb', name: 'findings', default: () => "'[]'" })
  findings: Array<Record<string, unknown>>;

  @Column({ type: 'uuid', name: 'completed_by_id', nullable: true })
  completedById: string | null;

  @Column({ type: 'timestamptz', name: 'completed_at', nullable: true })
  completedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'reminded_at', nullable: true })
  remindedAt: Date | null;
}
