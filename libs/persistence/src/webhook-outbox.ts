import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { WebhookEventType } from '@aigov/domain/webhooks/webhook-event-types';

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
