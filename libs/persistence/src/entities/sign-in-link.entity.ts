import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation, Unique } from 'typeorm';
import { UserEntity } from './user.entity';

/**
 * One emailed sign-in link: the same token form and rules as an action link (signed, only the
 * SHA-256 of its secret stored, single use, expiring), but bound to a person rather than to a
 * task. Its own table rather than action_tokens with a nullable task: action_tokens.task_id is
 * NOT NULL so the database itself guarantees every decision link names its task, and sign-in
 * links live minutes, not days, and are counted per person for the rate limit.
 */
@Entity({ name: 'sign_in_links' })
@Unique('uq_sign_in_links_token_hash', ['tokenHash'])
@Check('ck_sign_in_links_token_hash_sha256', "token_hash ~ '^[0-9a-f]{64}$'")
@Index('idx_sign_in_links_user_id_created_at', ['userId', 'createdAt'])
export class SignInLinkEntity {
  @PrimaryColumn({ type: 'uuid', name: 'id', primaryKeyConstraintName: 'pk_sign_in_links' })
  id: string;

  @Column({ type: 'uuid', name: 'user_id' })
  userId: string;

  @ManyToOne(() => UserEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_sign_in_links_user' })
  user?: Relation<UserEntity>;

  @Column({ type: 'text', name: 'token_hash' })
  tokenHash: string;

  @Column({ type: 'timestamptz', name: 'expires_at' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', name: 'used_at', nullable: true })
  usedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
