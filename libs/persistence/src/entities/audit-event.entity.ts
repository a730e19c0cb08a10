import { Check, Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * One link of a hash-chained, append-only audit stream. Rows are written only through
 * audit-chain.ts, and a trigger refuses UPDATE and DELETE. ai_system_id has no foreign key on
 * purpose: the trail must outlive anything it describes.
 */
@Entity({ name: 'audit_events' })
@Unique('uq_audit_events_stream_id_seq', ['streamId', 'seq'])
@Check('ck_audit_events_seq_positive', 'seq >= 1')
@Check('ck_audit_events_hash_sha256', "hash ~ '^[0-9a-f]{64}$'")
@Check('ck_audit_events_prev_hash_sha256', "prev_hash ~ '^[0-9a-f]{64}$'")
@Check('ck_audit_events_genesis', "(seq = 1) = (prev_hash = repeat('0', 64))")
@Index('idx_audit_events_ai_system_id_seq', ['aiSystemId', 'seq'])
export class AuditEventEntity {
  /** bigint arrives as a string so ids beyond 2^53 stay exact */
  @PrimaryGeneratedColumn('increment', { type: 'bigint', name: 'id', primaryKeyConstraintName: 'pk_audit_events' })
  id: string;

  /** e.g. 'ai-system:<uuid>' or 'user:<uuid>' */
  @Column({ type: 'text', name: 'stream_id' })
  streamId: string;

  @Column({ type: 'integer', name: 'seq' })
  seq: number;

  @Column({ type: 'uuid', name: 'ai_system_id', nullable: true })
  aiSystemId: string | null;

  @Column({ type: 'text', name: 'event_type' })
  eventType: string;

  @Column({ type: 'uuid', name: 'actor_id', nullable: true })
  actorId: string | null;

  @Column({ type: 'text', name: 'actor_label', nullable: true })
  actorLabel: string | null;

  @Column({ type: 'jsonb', name: 'payload' })
  payload: unknown;

  @Column({ type: 'timestamptz', name: 'occurred_at' })
  occurredAt: Date;

  /** 64 zeros for seq 1 */
  @Column({ type: 'text', name: 'prev_hash' })
  prevHash: string;

  @Column({ type: 'text', name: 'hash' })
  hash: string;
}
