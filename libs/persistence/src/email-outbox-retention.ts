import type { EntityManager } from 'typeorm';
import { BatchOptions, deleteInBatches } from './batched-delete';

/**
 * Deletes the outbox's mail that settled before `cutoff`: sent before it, or cancelled (the task
 * closed first) and recorded before it. Mail still pending stays whatever its age: it is a mail
 * server's outage that aigov_email_outbox_oldest_pending_seconds shows, and the activity that
 * recorded it is still retrying. In batches, oldest first (deleteInBatches); returns the rows
 * deleted.
 *
 * A sent row's created_at is never after its sent_at, so `created_at < cutoff` narrows the scan to
 * idx_email_outbox_status_created_at without changing which rows go.
 */
export function purgeSettledEmails(db: Pick<EntityManager, 'query'>, cutoff: Date, options: BatchOptions = {}): Promise<number> {
  return deleteInBatches(
    db,
    'email_outbox',
    `SELECT id FROM email_outbox
      WHERE status IN ('sent', 'cancelled') AND created_at < $1 AND (status = 'cancelled' OR coalesce(sent_at, created_at) < $1)
      ORDER BY created_at
      LIMIT $2`,
    cutoff,
    options,
  );
}
