import { Inject, Injectable } from '@nestjs/common';
import { Context } from '@temporalio/activity';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { AppConfig } from '@aigov/config/app-config';
import { APP_CONFIG } from '@aigov/config/config.module';
import { Clock } from '@aigov/config/clock';
import { appendNextAuditEvent } from '@aigov/persistence/audit-chain';
import { signWebhook } from '@aigov/notifications/standard-webhook-signature';
import { openWebhookSecret } from '@aigov/notifications/webhook-secret-box';
import { postWebhook, WebhookPostResult } from '@aigov/notifications/webhook-poster';
import { HourlyRetention } from './hourly-retention';
import type { WebhookAttemptOutcome, WebhookDeliveryActivities as Contract, WebhookDispatchBatch } from '@aigov/workflows/webhook-delivery.contracts';

/** Time an attempt's activity has beyond the request's own timeout, to read and record. */
const RECORDING_MARGIN_MS = 5_000;
/** Events turned into deliveries per transaction. */
const EVENTS_PER_DISPATCH = 500;

type DeliveryRow = {
  status: string;
  event_id: string;
  body: string;
  subscription_id: string;
  url: string;
  active: boolean;
  secret_sealed: string;
  previous_secret_sealed: string | null;
  previous_secret_expires_at: Date | null;
};

/**
 * The database and HTTP side of outbound webhooks (workflows/src/webhook-*.workflow.ts):
 * turning outbox events into deliveries, and POSTing one delivery once per attempt, signed in
 * the Standard Webhooks scheme with the event's stable id as webhook-id.
 */
@Injectable()
export class WebhookDeliveryActivities implements Contract {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly retention: HourlyRetention,
  ) {}

  async nextWebhookDeliveries({ maxWaitMs, limit }: { maxWaitMs: number; limit: number }): Promise<WebhookDispatchBatch> {
    const { retry, requestTimeoutMs, dispatchPollMs } = this.config.webhooks;
    const batch = (deliveryIds: string[]) => ({ deliveryIds, retry, attemptTimeoutMs: requestTimeoutMs + RECORDING_MARGIN_MS });
    const deadline = Date.now() + maxWaitMs;
    for (;;) {
      Context.current().heartbeat();
      await this.dispatchEvents();
      await this.retention.runNowAndThen(() => Context.current().heartbeat());
      const rows: Array<{ id: string }> = await this.dataSource.query(
        `SELECT id FROM webhook_deliveries WHERE workflow_started_at IS NULL ORDER BY created_at, id LIMIT $1`,
        [limit],
      );
      if (rows.length > 0 || Date.now() + dispatchPollMs > deadline) return batch(rows.map((r) => r.id));
      // Context.sleep ends early when the activity is cancelled (the dispatcher's run is ending)
      await Context.current().sleep(dispatchPollMs);
    }
  }

  /**
   * Outbox events become deliveries, one per subscription active now that wants the type; the
   * event is then marked dispatched. Rows are claimed with SKIP LOCKED, so two workers draining
   * at once (a dispatcher retried while its first attempt still runs) never share an event.
   */
  private async dispatchEvents(): Promise<void> {
    await this.dataSource.query(
      `WITH claimed AS (
         SELECT id, type FROM webhook_events WHERE dispatched_at IS NULL ORDER BY occurred_at LIMIT $1 FOR UPDATE SKIP LOCKED
       ), deliveries AS (
         INSERT INTO webhook_deliveries (id, subscription_id, event_id, created_at)
         SELECT gen_random_uuid(), s.id, c.id, $2 FROM claimed c JOIN webhook_subscriptions s ON s.active AND c.type = ANY(s.events)
         ON CONFLICT (subscription_id, event_id) DO NOTHING
       )
       UPDATE webhook_events SET dispatched_at = $2 WHERE id IN (SELECT id FROM claimed)`,
      [EVENTS_PER_DISPATCH, this.clock.now()],
    );
  }

  async markWebhookDeliveriesStarted({ deliveryIds }: { deliveryIds: string[] }): Promise<void> {
    await this.dataSource.query(`UPDATE webhook_deliveries SET workflow_started_at = $2 WHERE id = ANY($1::uuid[]) AND workflow_started_at IS NULL`, [
      deliveryIds,
      this.clock.now(),
    ]);
  }

  async attemptWebhookDelivery({ deliveryId }: { deliveryId: string }): Promise<WebhookAttemptOutcome> {
    const [row]: DeliveryRow[] = await this.dataSource.query(
      `SELECT d.status, d.event_id, e.body::text AS body, s.id AS subscription_id, s.url, s.active, s.secret_sealed,
              s.previous_secret_sealed, s.previous_secret_expires_at
         FROM webhook_deliveries d
         JOIN webhook_events e ON e.id = d.event_id
         JOIN webhook_subscriptions s ON s.id = d.subscription_id
        WHERE d.id = $1`,
      [deliveryId],
    );
    // deleted with its subscription
    if (!row) return 'cancelled';
    if (row.status !== 'pending') return row.status === 'delivered' || row.status === 'gone' ? row.status : 'cancelled';
    if (!row.active) {
      await this.dataSource.query(`UPDATE webhook_deliveries SET status = 'cancelled', settled_at = $2 WHERE id = $1 AND status = 'pending'`, [deliveryId, this.clock.now()]);
      return 'cancelled';
    }

    const startedAt = this.clock.now();
    let result: WebhookPostResult;
    let secrets: string[] | null = null;
    try {
      secrets = this.secretsOf(row, startedAt);
    } catch (error) {
      // a key missing from the configuration: recorded and retried on the backoff, never logged with the secret
      result = { statusCode: null, error: `cannot sign: ${(error as Error).message}`, durationMs: 0 };
    }
    if (secrets) {
      const signature = signWebhook(secrets, row.event_id, startedAt, row.body);
      result = await postWebhook({
        url: row.url,
        headers: { ...signature, 'content-type': 'application/json' },
        body: row.body,
        timeoutMs: this.config.webhooks.requestTimeoutMs,
        allowPrivate: this.config.webhooks.allowPrivateDestinations,
      });
    }
    const outcome = outcomeOf(result!);
    return this.record(deliveryId, row.subscription_id, startedAt, result!, outcome);
  }

  /** The current secret, and the one before a rotation while it is still honoured (receivers switching over). */
  private secretsOf(row: DeliveryRow, now: Date): string[] {
    const keys = this.config.webhooks.secretKeys;
    const secrets = [openWebhookSecret(keys, row.subscription_id, row.secret_sealed)];
    if (row.previous_secret_sealed && row.previous_secret_expires_at && new Date(row.previous_secret_expires_at) > now) {
      secrets.push(openWebhookSecret(keys, row.subscription_id, row.previous_secret_sealed));
    }
    return secrets;
  }

  /** The attempt, the delivery's state and (on 410) the subscription's, in one transaction. */
  private record(deliveryId: string, subscriptionId: string, startedAt: Date, result: WebhookPostResult, outcome: WebhookAttemptOutcome): Promise<WebhookAttemptOutcome> {
    return this.dataSource.transaction(async (tx) => {
      const now = this.clock.now();
      const settled = outcome === 'delivered' || outcome === 'gone';
      const [updated] = returned<{ attempts: number }>(await tx.query(
        `UPDATE webhook_deliveries SET attempts = attempts + 1,
                status = CASE WHEN $2::text IS NULL THEN status ELSE $2::text END,
                settled_at = CASE WHEN $2::text IS NULL THEN settled_at ELSE $3 END
          WHERE id = $1 RETURNING attempts`,
        [deliveryId, settled ? outcome : null, now],
      ));
      if (!updated) return 'cancelled';
      await tx.query(
        `INSERT INTO webhook_delivery_attempts (id, delivery_id, attempt, started_at, duration_ms, status_code, error) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [randomUUID(), deliveryId, updated.attempts, startedAt, result.durationMs, result.statusCode, result.error?.slice(0, 500) ?? null],
      );
      if (outcome === 'gone') await this.disableGone(tx, subscriptionId, deliveryId, now);
      return outcome;
    });
  }

  /** 410 Gone: the receiver says the endpoint will never take deliveries again; the subscription stops, audited. */
  private async disableGone(tx: EntityManager, subscriptionId: string, deliveryId: string, now: Date): Promise<void> {
    const disabled = returned(
      await tx.query(`UPDATE webhook_subscriptions SET active = false, disabled_reason = 'gone', disabled_at = $2, updated_at = $2 WHERE id = $1 AND active RETURNING id`, [
        subscriptionId,
        now,
      ]),
    );
    if (disabled.length === 0) return;
    await tx.query(`UPDATE webhook_deliveries SET status = 'cancelled', settled_at = $2 WHERE subscription_id = $1 AND status = 'pending'`, [subscriptionId, now]);
    await appendNextAuditEvent(tx, {
      streamId: `webhook-subscription:${subscriptionId}`,
      eventType: 'webhook_subscription.disabled',
      actorId: null,
      actorLabel: 'system',
      payload: { reason: 'gone', statusCode: 410, deliveryId },
      occurredAt: now,
    });
  }

  async failWebhookDelivery({ deliveryId }: { deliveryId: string }): Promise<void> {
    await this.dataSource.query(`UPDATE webhook_deliveries SET status = 'failed', settled_at = $2 WHERE id = $1 AND status = 'pending'`, [deliveryId, this.clock.now()]);
  }
}

/** TypeORM answers an UPDATE ... RETURNING on PostgreSQL with [rows, affected count]. */
function returned<T>(result: unknown): T[] {
  return Array.isArray(result) && Array.isArray(result[0]) ? (result[0] as T[]) : (result as T[]);
}

function outcomeOf(result: WebhookPostResult): WebhookAttemptOutcome {
  if (result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300) return 'delivered';
  if (result.statusCode === 410) return 'gone';
  return 'retry';
}
