import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import type { MonitoringEventKind, MonitoringSeverity } from '@aigov/domain/monitoring-event';
import { AiSystemEntity } from './ai-system.entity';

@Entity({ name: 'monitoring_events' })
@Check('ck_monitoring_events_kind', "kind IN ('drift', 'bias', 'performance', 'incident')")
@Check('ck_monitoring_events_severity', "severity IN ('low', 'medium', 'high', 'critical')")
@Index('idx_monitoring_events_ai_system_id_occurred_at', ['aiSystemId', 'occurredAt'])
export class MonitoringEventEntity {
  @PrimaryColumn({ type: 'uuid', name: 'id', primaryKeyConstraintName: 'pk_monitoring_events' })
  id: string;

  @Column({ type: 'uuid', name: 'ai_system_id' })
  aiSystemId: string;

  @ManyToOne(() => AiSystemEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ai_system_id', foreignKeyConstraintName: 'fk_monitoring_events_ai_system' })
  aiSystem?: Relation<AiSystemEntity>;

  @Column({ type: 'text', name: 'kind' })
  kind: MonitoringEventKind;

  @Column({ type: 'text', name: 'severity' })
  severity: MonitoringSeverity;

  @Column({ type: 'text', name: 'metric', nullable: true })
  metric: string | null;

  @Column({ type: 'double precision', name: 'observed_value', nullable: true })
  observedValue: number | null;

  @Column({ type: 'double precision', name: 'threshold', nullable: true })
  threshold: number | null;

  @Column({ type: 'text', name: 'source', nullable: true })
  source: string | null;

  @Column({ type: 'text', name: 'description', nullable: true })
  description: string | null;

  /** when the monitor saw it, as reported by the sender */
  @Column({ type: 'timestamptz', name: 'occurred_at' })
  occurredAt: Date;

  @Column({ type: 'timestamptz', name: 'received_at', default: () => 'now()' })
  receivedAt: Date;
}
