import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation, Unique } from 'typeorm';
import { TaskEntity } from './task.entity';
import { UserEntity } from './user.entity';

/** One emailed action link; only the sha256 of its secret is stored, and it can be used once. */
@Entity({ name: 'action_tokens' })
@Unique('uq_action_tokens_token_hash', ['tokenHash'])
@Check('ck_action_tokens_token_hash_sha256', "token_hash ~ '^[0-9a-f]{64}$'")
@Index('idx_action_tokens_task_id', ['taskId'])
@Index('idx_action_tokens_user_id', ['userId'])
export class ActionTokenEntity {
  @PrimaryColumn({ type: 'uuid', name: 'id', primaryKeyConstraintName: 'pk_action_tokens' })
  id: string;

  @Column({ type: 'uuid', name: 'task_id' })
  taskId: string;

  @ManyToOne(() => TaskEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'task_id', foreignKeyConstraintName: 'fk_action_tokens_task' })
  task?: Relation<TaskEntity>;

  @Column({ type: 'uuid', name: 'user_id' })
  userId: string;

  @ManyToOne(() => UserEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_action_tokens_user' })
  user?: Relation<UserEntity>;

  @Column({ type: 'text', name: 'token_hash' })
  tokenHash: string;

  @Column({ type: 'timestamptz', name: 'expires_at' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', name: 'used_at', nullable: true })
  usedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
