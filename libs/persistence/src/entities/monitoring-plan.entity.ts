import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Relation, Unique } from 'typeorm';
import type { MonitoringPlanMetric } from '@aigov/domain/monitoring-plan';
import { AiSystemEntity } from './ai-system.entity';
import { UserEntity } from './user.entity';

/**
 * One version of an AI system's post-market monitoring plan (EU AI Act Art. 72). Versions are
 * never changed: an edit inserts the next version, so a review can say which version it checked
 * and the technical documentation which version was in force. Written by the API in one
 * transaction with its audit event (stream `monitoring-plan:<system id>`).
 */
@Entity({ name: 'monitoring_plans' })
// also the index for "the newest version of a system's plan"
@Unique('uq_monitoring_plans_ai_system_id_version', ['aiSystemId', 'version'])
@Check('ck_monitoring_plans_version', 'version >= 1')
export class MonitoringPlanEntity {
  @PrimaryColumn({ type: 'uuid', name: 'id', primaryKeyConstraintName: 'pk_monitoring_plans' })
  id: string;

  @Column({ type: 'uuid', name: 'ai_system_id' })
  aiSystemId: string;

  @ManyToOne(() => AiSystemEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ai_system_id', foreignKeyConstraintName: 'fk_monitoring_plans_ai_system' })
  aiSystem?: Relation<AiSystemEntity>;

  @Column({ type: 'integer', name: 'version' })
  version: number;

  /** the person who sees that the metrics are checked at their cadence */
  @Column({ type: 'uuid', name: 'responsible_id' })
  responsibleId: string;

  @ManyToOne(() => UserEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'responsible_id', foreignKeyConstraintName: 'fk_monitoring_plans_responsible' })
  responsible?: Relation<UserEntity>;

  @Column({ type: 'jsonb', name: 'metrics' })
  metrics: MonitoringPlanMetric[];

  /** how results feed back into incidents, material changes and the risk register */
  @Column({ type: 'text', name: 'feedback' })
  feedback: string;

  /** why this version was made (absent on the first) */
  @Column({ type: 'text', name: 'change_note', nullable: true })
  changeNote: string | null;

  @Column({ type: 'uuid', name: 'created_by_id' })
  createdById: string;

  @ManyToOne(() => UserEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_monitoring_plans_created_by' })
  createdBy?: Relation<UserEntity>;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
