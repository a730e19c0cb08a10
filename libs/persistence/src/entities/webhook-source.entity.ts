import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { AiSystemEntity } from './ai-system.entity';
import { UserEntity } from './user.entity';

export type WebhookSourceKind = 'standard' | 'mlflow';

/**
 * A sender of monitoring events (a drift monitor, an incident tool). It signs each delivery
 * with its own secret in the Standard Webhooks scheme; the API needs that secret in clear to
 * check an HMAC, so it is stored encrypted (AES-256-GCM under WEBHOOK_SECRET_KEY, bound to the
 * row's id) and never returned after it was shown once. While a rotation's overlap lasts the
 * previous secret is accepted too. A source acts only on the systems it lists, or on all.
 */
@Entity({ name: 'webhook_sources' })
@Index('uq_webhook_sources_name', { synchronize: false })
@Check('ck_webhook_sources_previous_secret', '(previous_secret_ciphertext IS NULL) = (previous_secret_expires_at IS NULL)')
@Check('ck_webhook_sources_disabled', '(active AND disabled_at IS NULL) OR (NOT active AND disabled_at IS NOT NULL)')
@Check('ck_webhook_sources_kind', "kind IN ('standard', 'mlflow')")
export class WebhookSourceEntity {
  @PrimaryColumn({ type: 'uuid', name: 'id', primaryKeyConstraintName: 'pk_webhook_sources' })
  id: string;

  @Column({ type: 'varchar', length: 100, name: 'name' })
  name: string;

  /** how it signs and what it sends: monitoring events (Standard Webhooks) or MLflow's registry webhooks */
  @Column({ type: 'varchar', length: 20, name: 'kind', default: 'standard' })
  kind: WebhookSourceKind;

  /** `v1.<iv>.<tag>.<ciphertext>` (base64url), see the API's webhook-secret-box.ts */
  @Column({ type: 'text', name: 'secret_ciphertext' })
  secretCiphertext: string;

  @Column({ type: 'text', name: 'previous_secret_ciphertext', nullable: true })
  previousSecretCiphertext: string | null;

  /** the previous secret is accepted until then */
  @Column({ type: 'timestamptz', name: 'previous_secret_expires_at', nullable: true })
  previousSecretExpiresAt: Date | null;

  @Column({ type: 'timestamptz', name: 'secret_created_at' })
  secretCreatedAt: Date;

  /** true: may act on every AI system; false: only those in webhook_source_ai_systems */
  @Column({ type: 'boolean', name: 'all_systems' })
  allSystems: boolean;

  @Column({ type: 'boolean', name: 'active' })
  active: boolean;

  @Column({ type: 'timestamptz', name: 'disabled_at', nullable: true })
  disabledAt: Date | null;

  @Column({ type: 'uuid', name: 'created_by_id', nullable: true })
  createdById: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_webhook_sources_created_by' })
  createdBy?: Relation<UserEntity> | null;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}

/** The AI systems a source may act on (when it is not allowed all). */
@Entity({ name: 'webhook_source_ai_systems' })
@Index('idx_webhook_source_ai_systems_ai_system_id', ['aiSystemId'])
export class WebhookSourceAiSystemEntity {
  @PrimaryColumn({ type: 'uuid', name: 'source_id', primaryKeyConstraintName: 'pk_webhook_source_ai_systems' })
  sourceId: string;

  @PrimaryColumn({ type: 'uuid', name: 'ai_system_id', primaryKeyConstraintName: 'pk_webhook_source_ai_systems' })
  aiSystemId: string;

  @ManyToOne(() => WebhookSourceEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'source_id', foreignKeyConstraintName: 'fk_webhook_source_ai_systems_source' })
  source?: Relation<WebhookSourceEntity>;

  @ManyToOne(() => AiSystemEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ai_system_id', foreignKeyConstraintName: 'fk_webhook_source_ai_systems_ai_system' })
  aiSystem?: Relation<AiSystemEntity>;
}

/**
 * A delivery a source made, by its webhook-id: the unique key refuses the same id twice, so a
 * replayed rollback event does not roll back twice. Kept only while the delivery's timestamp is
 * inside the tolerance window; after that the timestamp check refuses a replay by itself.
 */
@Entity({ name: 'webhook_receipts' })
@Index('idx_webhook_receipts_webhook_timestamp', ['webhookTimestamp'])
export class WebhookReceiptEntity {
  @PrimaryColumn({ type: 'uuid', name: 'source_id', primaryKeyConstraintName: 'pk_webhook_receipts' })
  sourceId: string;

  @PrimaryColumn({ type: 'varchar', length: 255, name: 'webhook_id', primaryKeyConstraintName: 'pk_webhook_receipts' })
  webhookId: string;

  @ManyToOne(() => WebhookSourceEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'source_id', foreignKeyConstraintName: 'fk_webhook_receipts_source' })
  source?: Relation<WebhookSourceEntity>;

  @Column({ type: 'timestamptz', name: 'webhook_timestamp' })
  webhookTimestamp: Date;

  @Column({ type: 'timestamptz', name: 'received_at' })
  receivedAt: Date;

  /** the monitoring event it recorded */
  @Column({ type: 'uuid', name: 'monitoring_event_id', nullable: true })
  monitoringEventId: string | null;
}
