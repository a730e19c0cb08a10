import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation, Unique } from 'typeorm';
import { UserEntity } from './user.entity';

/** Why a subscription stopped: an admin disabled it, or its endpoint answered 410 Gone. */
export type WebhookDisabledReason = 'manual' | 'gone';

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed' | 'gone' | 'cancelled';

/** An outbound webhook subscription (migration 1764502300000). The secret is sealed (webhook-secret-box.ts), never stored in clear. */
@Entity({ name: 'webhook_subscriptions' })
@Check('ck_webhook_subscriptions_disabled', "(active = (disabled_at IS NULL)) AND (active = (disabled_reason IS NULL)) AND (disabled_reason IS NULL OR disabled_reason IN ('manual', 'gone'))")
@Check('ck_webhook_subscriptions_events', 'cardinality(events) > 0')
export class WebhookSubscriptionEntity {
  @PrimaryColumn({ type: 'uuid', name: 'id', primaryKeyConstraintName: 'pk_webhook_subscriptions' })
  id: string;

  @Column({ type: 'text', name: 'url' })
  url: string;

  @Column({ type: 'text', name: 'description', default: '' })
  description: string;

  @Column({ type: 'text', name: 'events', array: true })
  events: string[];

  @Column({ type: 'text', name: 'secret_sealed' })
  secretSealed: string;

  /** the secret before the last rotation, still signing beside the new one until previous_secret_expires_at */
  @Column({ type: 'text', name: 'previous_secret_sealed', nullable: true })
  previousSecretSealed: string | null;

  @Column({ type: 'timestamptz', name: 'previous_secret_expires_at', nullable: true })
  previousSecretExpiresAt: Date | null;

  @Column({ type: 'boolean', name: 'active', default: true })
  active: boolean;

  @Column({ type: 'varchar', length: 16, name: 'disabled_reason', nullable: true })
  disabledReason: WebhookDisabledReason | null;

  @Column({ type: 'timestamptz', name: 'disabled_at', nullable: true })
  disabledAt: Date | null;

  @Column({ type: 'uuid', name: 'created_by_id', nullable: true })
  createdById: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_webhook_subscriptions_created_by' })
  createdBy?: Relation<UserEntity> | null;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}

/** The outbox: one row per event, written in the transaction of the fact it reports. */
@Entity({ name: 'webhook_events' })
@Unique('uq_webhook_events_dedupe_key', ['dedupeKey'])
@Index('idx_webhook_events_undispatched', ['occurredAt'], { where: 'dispatched_at IS NULL' })
@Index('idx_webhook_events_dispatched_age', ['occurredAt'], { where: 'dispatched_at IS NOT NULL' })
export class WebhookEventEntity {
  /** the stable id receivers deduplicate by (webhook-id) */
  @PrimaryColumn({ type: 'uuid', name: 'id', primaryKeyConstraintName: 'pk_webhook_events' })
  id: string;

  @Column({ type: 'varchar', length: 64, name: 'type' })
  type: string;

  /** what the event reports (audit stream and seq, or the snapshot's day), so a retried activity writes it once */
  @Column({ type: 'text', name: 'dedupe_key' })
  dedupeKey: string;

  @Column({ type: 'uuid', name: 'ai_system_id', nullable: true })
  aiSystemId: string | null;

  /** the JSON body every delivery of it sends, byte for byte the same on each attempt */
  @Column({ type: 'jsonb', name: 'body' })
  body: Record<string, unknown>;

  @Column({ type: 'timestamptz', name: 'occurred_at' })
  occurredAt: Date;

  @Column({ type: 'timestamptz', name: 'dispatched_at', nullable: true })
  dispatchedAt: Date | null;
}

@Entity({ name: 'webhook_deliveries' })
@Unique('uq_webhook_deliveries_subscription_event', ['subscriptionId', 'eventId'])
@Check('ck_webhook_deliveries_status', "status IN ('pending', 'delivered', 'failed', 'gone', 'cancelled')")
@Index('idx_webhook_deliveries_subscription_created', ['subscriptionId', 'createdAt'])
@Index('idx_webhook_deliveries_unstarted', ['createdAt'], { where: 'workflow_started_at IS NULL' })
@Index('idx_webhook_deliveries_event', ['eventId'])
export class WebhookDeliveryEntity {
  /** also the delivery workflow's id (webhook-delivery:<id>), so a second start is refused */
  @PrimaryColumn({ type: 'uuid', name: 'id', primaryKeyConstraintName: 'pk_webhook_deliveries' })
  id: string;

  @Column({ type: 'uuid', name: 'subscription_id' })
  subscriptionId: string;

  @ManyToOne(() => WebhookSubscriptionEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'subscription_id', foreignKeyConstraintName: 'fk_webhook_deliveries_subscription' })
  subscription?: Relation<WebhookSubscriptionEntity>;

  @Column({ type: 'uuid', name: 'event_id' })
  eventId: string;

  @ManyToOne(() => WebhookEventEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'fk_webhook_deliveries_event' })
  event?: Relation<WebhookEventEntity>;

  @Column({ type: 'varchar', length: 16, name: 'status', default: 'pending' })
  status: WebhookDeliveryStatus;

  @Column({ type: 'integer', name: 'attempts', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz', name: 'workflow_started_at', nullable: true })
  workflowStartedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'settled_at', nullable: true })
  settledAt: Date | null;
}

@Entity({ name: 'webhook_delivery_attempts' })
@Unique('uq_webhook_delivery_attempts_delivery_attempt', ['deliveryId', 'attempt'])
export class WebhookDeliveryAttemptEntity {
  @PrimaryColumn({ type: 'uuid', name: 'id', primaryKeyConstraintName: 'pk_webhook_delivery_attempts' })
  id: string;

  @Column({ type: 'uuid', name: 'delivery_id' })
  deliveryId: string;

  @ManyToOne(() => WebhookDeliveryEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delivery_id', foreignKeyConstraintName: 'fk_webhook_delivery_attempts_delivery' })
  delivery?: Relation<WebhookDeliveryEntity>;

  @Column({ type: 'integer', name: 'attempt' })
  attempt: number;

  @Column({ type: 'timestamptz', name: 'started_at' })
  startedAt: Date;

  @Column({ type: 'integer', name: 'duration_ms' })
  durationMs: number;

  /** the HTTP status answered, or null when no answer came (error says why) */
  @Column({ type: 'integer', name: 'status_code', nullable: true })
  statusCode: number | null;

  @Column({ type: 'text', name: 'error', nullable: true })
  error: string | null;
}
