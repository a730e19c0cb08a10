import { EntityManager } from 'typeorm';
import { appendAuditEvent } from '../../../../libs/persistence/src/audit-chain';
import type { AuditEntry } from '../../../../workflows/src/activity.contracts';

/** Appends one workflow-numbered audit entry; idempotent on (stream, seq). */
export function writeAudit(
  manager: EntityManager,
  stream: string,
  aiSystemId: string,
  entry: AuditEntry,
  occurredAt: Date,
): Promise<unknown> {
  return appendAuditEvent(manager, {
    streamId: stream,
    seq: entry.seq,
    eventType: entry.eventType,
    actorId: entry.actor?.userId ?? null,
    actorLabel: entry.actor?.label ?? 'system',
    aiSystemId,
    payload: entry.payload,
    occurredAt,
  });
}
