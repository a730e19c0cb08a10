import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, Unique } from 'typeorm';
import type { LifecycleStage } from '@aigov/domain/lifecycle-stage';
import { AiSystemEntity } from './ai-system.entity';

/** Evidence of every stage change; (ai_system_id, seq) makes a replayed write a no-op. */
@Entity({ name: 'stage_transitions' })
@Unique('uq_stage_transitions_ai_system_seq', ['aiSystemId', 'seq'])
@Index('idx_stage_transitions_to_stage_occurred_at', ['toStage', 'occurredAt'])
export class StageTransitionEntity {
  /** bigint arrives as a string so ids beyond 2^53 stay exact */
  @PrimaryGeneratedColumn('increment', { type: 'bigint', name: 'id', primaryKeyConstraintName: 'pk_stage_transitions' })
  id: string;

  @Column({ type: 'uuid', name: 'ai_system_id' })
  aiSystemId: string;

  @ManyToOne(() => AiSystemEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ai_system_id', foreignKeyConstraintName: 'fk_stage_transitions_ai_system' })
  aiSystem?: Relation<AiSystemEntity>;

  @Column({ type: 'integer', name: 'seq' })
  seq: number;

  @Column({ type: 'text', name: 'from_stage', nullable: true })
  fromStage: LifecycleStage | null;

  @Column({ type: 'text', name: 'to_stage' })
  toStage: LifecycleStage;

  @Column({ type: 'text', name: 'action' })
  action: string;

  /** null when the system itself (a timer) moved the stage */
  @Column({ type: 'uuid', name: 'actor_id', nullable: true })
  actorId: string | null;

  @Column({ type: 'text', name: 'reason', nullable: true })
  reason: string | null;

  @Column({ type: 'timestamptz', name: 'occurred_at' })
  occurredAt: Date;
}
