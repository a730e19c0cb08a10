import { EntityManager } from 'typeorm';
import { appendAuditEvent } from '@aigov/persistence/audit-chain';
import { recordWebhookEvents } from '@aigov/persistence/webhook-outbox';
import { mayYieldWebhookEvent, webhookEventsOfAudit } from '@aigov/domain/webhooks/webhook-events-of-audit';
import type { AuditEntry } from '@aigov/workflows/activity.contracts';

/**
 * Appends one workflow-numbered audit entry; idempotent on (stream, seq). The outbound webhook
 * events the entry reports (a stage change, a decision, a rollback...) go into the outbox in
 * the same transaction, keyed by (stream, seq, type), so a retried activity adds none twice
 * and no event leaves before its fact is committed.
 */
export async function writeAudit(
  manager: EntityManager,
  stream: string,
  aiSystemId: string | null,
  entry: AuditEntry,
  occurredAt: Date,
): Promise<unknown> {
  const appended = await appendAuditEvent(manager, {
    streamId: stream,
    seq: entry.seq,
    eventType: entry.eventType,
    actorId: entry.actor?.userId ?? null,
    actorLabel: entry.actor?.label ?? 'system',
    aiSystemId,
    payload: entry.payload,
    occurredAt,
  });
  if (mayYieldWebhookEvent(entry.eventType)) {
    const events = webhookEventsOfAudit({ eventType: entry.eventType, payload: entry.payload, actor: entry.actor, aiSystemId });
    await recordWebhookEvents(
      manager,
      events.map((e) => ({ ...e, dedupeKey: `audit:${stream}:${entry.seq}:${e.type}`, aiSystemId, occurredAt })),
    );
  }
  return appended;
}

/**
 * True when this workflow-numbered entry is already stored. Activities that write a row and
 * its audit entry in one transaction call this first: on a retry after a commit whose reply
 * was lost, the whole write is skipped instead of being re-hashed with a new timestamp.
 */
export async function isAuditRecorded(manager: EntityManager, stream: string, seq: number): Promise<boolean> {
  const rows = await manager.query('SELECT 1 FROM audit_events WHERE stream_id = $1 AND seq = $2', [stream, seq]);
  return rows.length > 0;
}
