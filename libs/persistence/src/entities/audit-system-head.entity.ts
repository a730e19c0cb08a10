import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Per AI system: how many hash-chained audit events name it and the newest, the audit-chain
 * evidence of its controls. Advanced by a statement-level trigger in the statement that appends
 * the events (migration 1764500700000), so no writer can skip it and no reader counts the trail.
 */
@Entity({ name: 'audit_system_heads' })
export class AuditSystemHeadEntity {
  @PrimaryColumn({ type: 'uuid', name: 'ai_system_id', primaryKeyConstraintName: 'pk_audit_system_heads' })
  aiSystemId: string;

  /** bigint arrives as a string */
  @Column({ type: 'bigint', name: 'events' })
  events: string;

  @Column({ type: 'timestamptz', name: 'latest_at' })
  latestAt: Date;
}
