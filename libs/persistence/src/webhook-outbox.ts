import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { WebhookEventType } from '@aigov/domain/webhooks/webhook-event-types';
import { BatchOptions, deleteInBatches } from './batched-delete';

/** A webhook event as the code that records a fact hands it to the outbox. */
export interface OutboxWebhookEvent {
  type: WebhookEventType;
  /** names the fact (`audit:<stream>:<seq>:<type>`, `control-health:<day>`): a retried write adds nothing */
  dedupeKey: string;
  aiSystemId: string | null;
  data: Record<string, unknown>;
  occurredAt: Date;
}

/**
 * Writes webhook events into the outbox (webhook_events) with the caller's manager, so they
 * commit or roll back with the fact they report. The event's id, drawn here once, is the
 * `webhook-id` of every delivery and attempt of it. An event nobody subscribes to is not
 * written at all (one indexed look at a small table), so the outbox costs the lifecycle's
 * transactions nothing until someone subscribes; a subscription sees events from its creation on.
 *
 * The body is fixed here, the Standard Webhooks shape `{ id, type, timestamp, data }`, with
 * the AI system's name added to `data` as it stands when the fact is recorded.
 */
export async function recordWebhookEvents(manager: EntityManager, events: readonly OutboxWebhookEvent[]): Promise<number> {
  let written = 0;
  for (const event of events) {
    const rows: unknown[] = await manager.query(
      `INSERT INTO webhook_events (id, type, dedupe_key, ai_system_id, body, occurred_at)
       SELECT $1::uuid, $2::text, $3::text, $4::uuid,
              jsonb_build_object('id', $1::text, 'type', $2::text, 'timestamp', $6::text,
                'data', $5::jsonb || coalesce((SELECT jsonb_build_object('aiSystemName', s.name) FROM ai_systems s WHERE s.id = $4::uuid), '{}'::jsonb)),
              $7::timestamptz
        WHERE EXISTS (SELECT 1 FROM webhook_subscriptions WHERE active AND $2::text = ANY(events))
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id`,
      [randomUUID(), event.type, event.dedupeKey, event.aiSystemId, JSON.stringify(event.data), event.occurredAt.toISOString(), event.occurredAt],
    );
    written += rows.length;
  }
  return written;
}

/**
 * Deletes the outbox's events that occurred before `cutoff` and are settled: dispatched, with no
 * delivery still pending. Their deliveries and attempts go with them (ON DELETE CASCADE), so a
 * subscription's delivery log keeps the retention period and the tables stop growing. An event
 * whose delivery is still retrying stays, whatever its age. In batches, oldest first
 * (deleteInBatches); returns the events deleted.
 *
 * An event's dedupe key goes with it, so a fact recorded again after the retention period would
 * be sent again; the keys name facts recorded once (an audit event's sequence, a day), and no
 * writer retries for that long.
 */
export function purgeSettledWebhookEvents(db: Pick<EntityManager, 'query'>, cutoff: Date, options: BatchOptions = {}): Promise<number> {
  return deleteInBatches(
    db,
    'webhook_events',
    `SELECT e.id FROM webhook_events e
      WHERE e.occurred_at < $1 AND e.dispatched_at IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.id AND d.status = 'pending')
      ORDER BY e.occurred_at
      LIMIT $2`,
    cutoff,
    options,
  );
}
