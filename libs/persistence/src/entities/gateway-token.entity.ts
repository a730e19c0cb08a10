import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation, Unique } from 'typeorm';
import { UserEntity } from './user.entity';

/** What kind of runtime holds the token: an AI gateway (LLM proxy) or an agent runtime. */
export type GatewayKind = 'ai_gateway' | 'agent_runtime';

/**
 * A machine token of a named gateway (`Authorization: Bearer aigw_...`). It may call POST
 * /api/v1/authorize and nothing else. Only the SHA-256 of the secret is stored; every token
 * expires; rotation issues a new row (`rotated_from_id`) and shortens the old one's life to the
 * overlap; revocation ends it at once. It belongs to the organisation, not to the admin who
 * issued it, so deactivating that admin leaves it working.
 */
@Entity({ name: 'gateway_tokens' })
@Unique('uq_gateway_tokens_token_hash', ['tokenHash'])
@Check('ck_gateway_tokens_token_hash_sha256', "token_hash ~ '^[0-9a-f]{64}$'")
@Check('ck_gateway_tokens_gateway_name', 'char_length(gateway_name) BETWEEN 1 AND 100')
@Check('ck_gateway_tokens_gateway_kind', "gateway_kind IN ('ai_gateway', 'agent_runtime')")
@Check('ck_gateway_tokens_revoked', '(revoked_at IS NULL) = (revoked_by_id IS NULL)')
@Index('idx_gateway_tokens_created_at', ['createdAt'])
export class GatewayTokenEntity {
  @PrimaryColumn({ type: 'uuid', name: 'id', primaryKeyConstraintName: 'pk_gateway_tokens' })
  id: string;

  /** the gateway it authenticates ("payments-llm-gateway"), in audit events and metrics */
  @Column({ type: 'varchar', length: 100, name: 'gateway_name' })
  gatewayName: string;

  @Column({ type: 'varchar', length: 32, name: 'gateway_kind' })
  gatewayKind: GatewayKind;

  /** sha256 hex of the secret; the secret itself is shown once and never stored */
  @Column({ type: 'text', name: 'token_hash' })
  tokenHash: string;

  /** the first characters of the secret ("aigw_Ab3d"), to tell which token a gateway holds */
  @Column({ type: 'varchar', length: 16, name: 'prefix' })
  prefix: string;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @Column({ type: 'uuid', name: 'created_by_id' })
  createdById: string;

  @ManyToOne(() => UserEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_gateway_tokens_created_by' })
  createdBy?: Relation<UserEntity>;

  @Column({ type: 'timestamptz', name: 'expires_at' })
  expiresAt: Date;

  /** the last authorize call made with it, written at most once a minute */
  @Column({ type: 'timestamptz', name: 'last_used_at', nullable: true })
  lastUsedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'uuid', name: 'revoked_by_id', nullable: true })
  revokedById: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'revoked_by_id', foreignKeyConstraintName: 'fk_gateway_tokens_revoked_by' })
  revokedBy?: Relation<UserEntity> | null;

  /** the token this one replaced by rotation */
  @Column({ type: 'uuid', name: 'rotated_from_id', nullable: true })
  rotatedFromId: string | null;

  @ManyToOne(() => GatewayTokenEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'rotated_from_id', foreignKeyConstraintName: 'fk_gateway_tokens_rotated_from' })
  rotatedFrom?: Relation<GatewayTokenEntity> | null;
}
