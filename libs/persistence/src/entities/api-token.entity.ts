import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation, Unique } from 'typeorm';
import { UserEntity } from './user.entity';

/** Why a token stopped working before its expiry: revoked by a person, or its owner was deactivated. */
export type ApiTokenRevokedReason = 'revoked' | 'deactivated';

/**
 * A personal API token (for scripts: `Authorization: Bearer aigov_...`). Only the SHA-256 of
 * the secret is stored, so a leaked table authenticates nobody. Every token expires; a revoked
 * or expired row is kept as a record of access (who had which token, when it was last used).
 * Rotation issues a new row (`rotated_from_id` names the old one) and shortens the old one's
 * life to the overlap.
 */
@Entity({ name: 'api_tokens' })
@Unique('uq_api_tokens_token_hash', ['tokenHash'])
@Check('ck_api_tokens_token_hash_sha256', "token_hash ~ '^[0-9a-f]{64}$'")
@Check('ck_api_tokens_revoked', "(revoked_at IS NULL) = (revoked_reason IS NULL) AND (revoked_reason IS NULL OR revoked_reason IN ('revoked', 'deactivated'))")
@Check('ck_api_tokens_name', 'char_length(name) BETWEEN 1 AND 100')
@Index('idx_api_tokens_user_id_created_at', ['userId', 'createdAt'])
export class ApiTokenEntity {
  @PrimaryColumn({ type: 'uuid', name: 'id', primaryKeyConstraintName: 'pk_api_tokens' })
  id: string;

  @Column({ type: 'uuid', name: 'user_id' })
  userId: string;

  @ManyToOne(() => UserEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_api_tokens_user' })
  user?: Relation<UserEntity>;

  /** what the person calls it ("CI pipeline"), to tell their tokens apart */
  @Column({ type: 'text', name: 'name' })
  name: string;

  /** sha256 hex of the secret; the secret itself is shown once and never stored */
  @Column({ type: 'text', name: 'token_hash' })
  tokenHash: string;

  /**
   * the first characters of the secret ("aigov_Ab3d"), so a person can tell which token a script
   * holds; null for tokens issued before this table (only their hash was ever kept)
   */
  @Column({ type: 'varchar', length: 16, name: 'prefix', nullable: true })
  prefix: string | null;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @Column({ type: 'uuid', name: 'created_by_id', nullable: true })
  createdById: string | null;

  @Column({ type: 'timestamptz', name: 'expires_at' })
  expiresAt: Date;

  /** the last request made with it, written at most once a minute */
  @Column({ type: 'timestamptz', name: 'last_used_at', nullable: true })
  lastUsedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'varchar', length: 16, name: 'revoked_reason', nullable: true })
  revokedReason: ApiTokenRevokedReason | null;

  /** the token this one replaced by rotation */
  @Column({ type: 'uuid', name: 'rotated_from_id', nullable: true })
  rotatedFromId: string | null;

  @ManyToOne(() => ApiTokenEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'rotated_from_id', foreignKeyConstraintName: 'fk_api_tokens_rotated_from' })
  rotatedFrom?: Relation<ApiTokenEntity> | null;
}
