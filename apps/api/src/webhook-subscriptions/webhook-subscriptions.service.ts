import { Inject, Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { AppConfig } from '@aigov/config/app-config';
import { APP_CONFIG } from '@aigov/config/config.module';
import { Clock } from '@aigov/config/clock';
import { WEBHOOK_EVENT_DESCRIPTIONS, WEBHOOK_EVENT_TYPES, WebhookEventType } from '@aigov/domain/webhooks/webhook-event-types';
import { appendNextAuditEvent } from '@aigov/persistence/audit-chain';
import { WebhookSubscriptionEntity } from '@aigov/persistence/entities';
import { formatSecret } from '@aigov/notifications/standard-webhook-signature';
import { sealWebhookSecret } from '@aigov/notifications/webhook-secret-box';
import type { UserPrincipal } from '../auth/principal';
import { badRequest, notFound } from '../common/api-error';
import type { Page } from '../common/pagination';
import {
  CreatedWebhookSubscriptionView,
  CreateWebhookSubscriptionDto,
  UpdateWebhookSubscriptionDto,
  WebhookDeliveryView,
  WebhookEventTypeView,
  WebhookSubscriptionView,
} from './dto/webhook-subscription.dto';
import { requireWebhookDestination } from './webhook-destination.check';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function toWebhookSubscriptionView(s: WebhookSubscriptionEntity): WebhookSubscriptionView {
  return {
    id: s.id,
    url: s.url,
    description: s.description,
    events: s.events as WebhookEventType[],
    active: s.active,
    disabledReason: s.disabledReason,
    disabledAt: iso(s.disabledAt),
    previousSecretExpiresAt: iso(s.previousSecretExpiresAt),
    createdAt: iso(s.createdAt)!,
    updatedAt: iso(s.updatedAt)!,
  };
}

/** Which fields of a subscription the audit trail records: never the secret, sealed or not. */
const audited = (s: Pick<WebhookSubscriptionEntity, 'url' | 'events' | 'description' | 'active'>) => ({
  url: s.url,
  events: s.events,
  description: s.description,
  active: s.active,
});

/**
 * Outbound webhook subscriptions: each change one transaction with its audit event in the
 * subscription's own stream (`webhook-subscription:<id>`). Secrets are drawn here (32 random
 * bytes, whsec_ format), returned once and stored only sealed (webhook-secret-box.ts).
 */
@Injectable()
export class WebhookSubscriptionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  eventTypes(): WebhookEventTypeView[] {
    return WEBHOOK_EVENT_TYPES.map((type) => ({ type, description: WEBHOOK_EVENT_DESCRIPTIONS[type] }));
  }

  async create(dto: CreateWebhookSubscriptionDto, me: UserPrincipal): Promise<CreatedWebhookSubscriptionView> {
    // checked before the transaction: a DNS lookup holds no connection
    const url = await requireWebhookDestination(dto.url, this.config.webhooks.allowPrivateDestinations);
    const id = randomUUID();
    const secret = formatSecret(randomBytes(32));
    const now = this.clock.now();
    const entity = await this.dataSource.transaction(async (tx) => {
      const created = tx.getRepository(WebhookSubscriptionEntity).create({
        id,
        url,
        description: dto.description?.trim() ?? '',
        events: dto.events,
        secretSealed: sealWebhookSecret(this.config.webhooks.secretKeys, id, secret),
        previousSecretSealed: null,
        previousSecretExpiresAt: null,
        active: true,
        disabledReason: null,
        disabledAt: null,
        createdById: me.id,
        createdAt: now,
        updatedAt: now,
      });
      await tx.getRepository(WebhookSubscriptionEntity).insert(created);
      await this.audit(tx, id, 'webhook_subscription.created', me, audited(created), now);
      return created;
    });
    return { subscription: toWebhookSubscriptionView(entity), secret };
  }

  async list(page: number, pageSize: number): Promise<Page<WebhookSubscriptionView>> {
    const [rows, total] = await this.dataSource.getRepository(WebhookSubscriptionEntity).findAndCount({
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items: rows.map(toWebhookSubscriptionView), page, pageSize, total };
  }

  async get(id: string): Promise<WebhookSubscriptionView> {
    return toWebhookSubscriptionView(await this.find(this.dataSource.manager, id));
  }

  async update(id: string, dto: UpdateWebhookSubscriptionDto, me: UserPrincipal): Promise<WebhookSubscriptionView> {
    const changes: Partial<WebhookSubscriptionEntity> = {};
    if (dto.url !== undefined) changes.url = await requireWebhookDestination(dto.url, this.config.webhooks.allowPrivateDestinations);
    if (dto.events !== undefined) changes.events = dto.events;
    if (dto.description !== undefined) changes.description = dto.description.trim();
    if (Object.keys(changes).length === 0 && dto.active === undefined) throw badRequest('nothing to change', 'body');
    return this.dataSource.transaction(async (tx) => {
      const current = await this.find(tx, id, true);
      const now = this.clock.now();
      if (dto.active !== undefined && dto.active !== current.active) {
        changes.active = dto.active;
        changes.disabledReason = dto.active ? null : 'manual';
        changes.disabledAt = dto.active ? null : now;
      }
      if (Object.keys(changes).length === 0) return toWebhookSubscriptionView(current);
      await tx.getRepository(WebhookSubscriptionEntity).update({ id }, { ...changes, updatedAt: now });
      // Deliveries waiting for their next attempt stop with the subscription (each workflow ends at its next attempt).
      if (changes.active === false) {
        await tx.query(`UPDATE webhook_deliveries SET status = 'cancelled', settled_at = $2 WHERE subscription_id = $1 AND status = 'pending'`, [id, now]);
      }
      const eventType = changes.active === false ? 'webhook_subscription.disabled' : changes.active === true ? 'webhook_subscription.enabled' : 'webhook_subscription.updated';
      const { url, events, description, active } = changes;
      await this.audit(tx, id, eventType, me, { ...{ url, events, description, active }, ...(changes.active === false ? { reason: 'manual' } : {}) }, now);
      return toWebhookSubscriptionView({ ...current, ...changes, updatedAt: now });
    });
  }

  /** A new secret; the old one keeps signing beside it for `previousSecretHours` (default 24). */
  async rotateSecret(id: string, previousSecretHours: number | undefined, me: UserPrincipal): Promise<CreatedWebhookSubscriptionView> {
    const secret = formatSecret(randomBytes(32));
    const hours = previousSecretHours ?? 24;
    return this.dataSource.transaction(async (tx) => {
      const current = await this.find(tx, id, true);
      const now = this.clock.now();
      const changes: Partial<WebhookSubscriptionEntity> = {
        secretSealed: sealWebhookSecret(this.config.webhooks.secretKeys, id, secret),
        previousSecretSealed: hours > 0 ? current.secretSealed : null,
        previousSecretExpiresAt: hours > 0 ? new Date(now.getTime() + hours * 3_600_000) : null,
        updatedAt: now,
      };
      await tx.getRepository(WebhookSubscriptionEntity).update({ id }, changes);
      await this.audit(tx, id, 'webhook_subscription.secret_rotated', me, { previousSecretHours: hours }, now);
      return { subscription: toWebhookSubscriptionView({ ...current, ...changes }), secret };
    });
  }

  /** Deletes the subscription with its deliveries and their attempts; the audit trail keeps that it existed. */
  async remove(id: string, me: UserPrincipal): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const current = await this.find(tx, id, true);
      const [{ n }] = await tx.query(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE subscription_id = $1`, [id]);
      await tx.getRepository(WebhookSubscriptionEntity).delete({ id });
      await this.audit(tx, id, 'webhook_subscription.deleted', me, { ...audited(current), deliveries: n }, this.clock.now());
    });
  }

  async deliveries(id: string, page: number, pageSize: number): Promise<Page<WebhookDeliveryView>> {
    await this.find(this.dataSource.manager, id);
    const rows: Array<{ id: string; event_id: string; type: WebhookEventType; occurred_at: Date; status: WebhookDeliveryView['status']; created_at: Date; settled_at: Date | null }> =
      await this.dataSource.query(
        `SELECT d.id, d.event_id, e.type, e.occurred_at, d.status, d.created_at, d.settled_at
           FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
          WHERE d.subscription_id = $1 ORDER BY d.created_at DESC, d.id LIMIT $2 OFFSET $3`,
        [id, pageSize, (page - 1) * pageSize],
      );
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM webhook_deliveries WHERE subscription_id = $1`, [id]);
    const attempts: Array<{ delivery_id: string; attempt: number; started_at: Date; duration_ms: number; status_code: number | null; error: string | null }> = rows.length
      ? await this.dataSource.query(
          `SELECT delivery_id, attempt, started_at, duration_ms, status_code, error FROM webhook_delivery_attempts WHERE delivery_id = ANY($1::uuid[]) ORDER BY delivery_id, attempt`,
          [rows.map((r) => r.id)],
        )
      : [];
    return {
      items: rows.map((r) => ({
        id: r.id,
        eventId: r.event_id,
        eventType: r.type,
        occurredAt: iso(r.occurred_at)!,
        status: r.status,
        createdAt: iso(r.created_at)!,
        settledAt: iso(r.settled_at),
        attempts: attempts
          .filter((a) => a.delivery_id === r.id)
          .map((a) => ({ attempt: a.attempt, startedAt: iso(a.started_at)!, durationMs: a.duration_ms, statusCode: a.status_code, error: a.error })),
      })),
      page,
      pageSize,
      total,
    };
  }

  private async find(m: EntityManager, id: string, lock = false): Promise<WebhookSubscriptionEntity> {
    const found = await m.getRepository(WebhookSubscriptionEntity).findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!found) throw notFound(`webhook subscription ${id} does not exist`, 'id');
    return found;
  }

  private audit(tx: EntityManager, id: string, eventType: string, me: UserPrincipal, payload: Record<string, unknown>, at: Date) {
    return appendNextAuditEvent(tx, { streamId: `webhook-subscription:${id}`, eventType, actorId: me.id, actorLabel: me.email, payload, occurredAt: at });
  }
}
