import { EntityManager } from 'typeorm';
import { appendAuditEvent } from '@aigov/persistence/audit-chain';
import type { AuditEntry } from '@aigov/workflows/activity.contracts';

/** Appends one workflow-numbered audit entry; idempotent on (stream, seq). */
export function writeAudit(
  manager: EntityManager,
  stream: string,
  aiSystemId: string | null,
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

/**
 * True when this workflow-numbered entry is already stored. Activities that write a row and
 * its audit entry in one transaction call this first: on a retry after a commit whose reply
 * was lost, the whole write is skipped instead of being re-hashed with a new timestamp.
 */
export async function isAuditRecorded(manager: EntityManager, stream: string, seq: number): Promise<boolean> {
  const rows = await manager.query('SELECT 1 FROM audit_events WHERE stream_id = $1 AND seq = $2', [stream, seq]);
  return rows.length > 0;
}
